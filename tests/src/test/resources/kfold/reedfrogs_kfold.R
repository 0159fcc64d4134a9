# K-fold cross-validation of the reed-frog models m13.1 (no pooling) and m13.2 (varying intercepts)
# with rstan, on folds drawn by loo::kfold_split_random, as the reference for `ulam kfold`:
#   Rscript reedfrogs_kfold.R ../../../../../examples/data/reedfrogs.csv
# writes folds.csv (the fold of each tank, for `ulam kfold --folds`) and rstan_kfold.csv (elpd_kfold
# and its SE per model, and the pointwise elpd). Each fold's fit leaves the fold's tanks out of the
# likelihood (train[i] = 0) and keeps their parameters, which then come from the prior (m13.1) or the
# population of tanks (m13.2), as brms::kfold does for a left-out group; the held-out tanks are scored
# by log mean_s p(S_i | theta_s) (loo's elpd_kfold).
suppressPackageStartupMessages({ library(rstan); library(loo) })
## Debian ships r-cran-bh as an empty shim; rstan needs a folder holding a 'boost' link.
bh <- file.path(tempdir(), "bh"); dir.create(bh, showWarnings = FALSE)
if (!file.exists(file.path(bh, "boost"))) invisible(file.symlink("/usr/include/boost", file.path(bh, "boost")))
rstan_options(boost_lib = bh)
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], sep = ";")
N <- nrow(d); K <- 10
set.seed(2026)
folds <- loo::kfold_split_random(K = K, N = N)
write.csv(data.frame(fold = folds), "folds.csv", row.names = FALSE)
code <- list(
  m13_1 = "
data { int N; int S[N]; int D[N]; int train[N]; }
parameters { vector[N] a; }
model { a ~ normal(0, 1.5); for (i in 1:N) if (train[i] == 1) S[i] ~ binomial_logit(D[i], a[i]); }
generated quantities { vector[N] log_lik; for (i in 1:N) log_lik[i] = binomial_logit_lpmf(S[i] | D[i], a[i]); }",
  m13_2 = "
data { int N; int S[N]; int D[N]; int train[N]; }
parameters { real a_bar; real<lower=0> sigma; vector[N] a; }
model { a_bar ~ normal(0, 1.5); sigma ~ exponential(1); a ~ normal(a_bar, sigma);
  for (i in 1:N) if (train[i] == 1) S[i] ~ binomial_logit(D[i], a[i]); }
generated quantities { vector[N] log_lik; for (i in 1:N) log_lik[i] = binomial_logit_lpmf(S[i] | D[i], a[i]); }")
rows <- list(); pointwise <- list()
for (m in names(code)) {
  sm <- rstan::stan_model(model_code = code[[m]], model_name = m)
  elpd <- numeric(N)
  for (k in 1:K) {
    dat <- list(N = N, S = d$surv, D = d$density, train = as.integer(folds != k))
    fit <- rstan::sampling(sm, data = dat, chains = 4, iter = 2000, seed = 100 + k, refresh = 0,
                           control = list(adapt_delta = 0.95))
    ll <- loo::extract_log_lik(fit)
    held <- which(folds == k)
    elpd[held] <- apply(ll[, held, drop = FALSE], 2, function(x) max(x) + log(mean(exp(x - max(x)))))
  }
  rows[[m]] <- data.frame(model = m, elpd_kfold = sum(elpd), se = sqrt(N * var(elpd)))
  pointwise[[m]] <- elpd
}
out <- do.call(rbind, rows)
diff <- pointwise$m13_2 - pointwise$m13_1
out <- rbind(out, data.frame(model = "m13_2 - m13_1", elpd_kfold = sum(diff), se = sqrt(N * var(diff))))
write.csv(out, "rstan_kfold.csv", row.names = FALSE)
print(out)
cat("R", R.version$major, ".", R.version$minor, " rstan ", as.character(packageVersion("rstan")),
    " loo ", as.character(packageVersion("loo")), "\n", sep = "")
