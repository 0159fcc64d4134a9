# Makes the fixed log-likelihood matrices and the numbers R's loo package (2.5.1) and
# rethinking's formulas give for them; LooAgainstRTest compares ulam.runtime.loo with these.
# Run from this folder:  Rscript make_expected.R
# Needs: loo (r-cran-loo). rethinking is not needed: its WAIC / compare formulas are written out
# below exactly as rethinking's R/zWAIC-methods.R and R/compare.r compute them.
suppressMessages(library(loo))
stopifnot(packageVersion("loo") == "2.5.1")
set.seed(20240601)

w <- function(x, file) {
  write.table(format(x, digits = 17), file, sep = ",", quote = FALSE, row.names = FALSE, col.names = TRUE)
}
ar1 <- function(n, phi) { z <- numeric(n); z[1] <- rnorm(1); for (t in 2:n) z[t] <- phi * z[t - 1] + sqrt(1 - phi^2) * rnorm(1); z }

# data: 18 regular points and 2 outliers
y <- c(rnorm(18, 1, 1), 6.5, -4.8)
N <- length(y)
draws <- function(chains, n, phi) {
  mu <- unlist(lapply(1:chains, function(c) mean(y) + 0.25 * ar1(n, phi)))
  lsig <- unlist(lapply(1:chains, function(c) log(sd(y)) + 0.15 * ar1(n, phi)))
  list(mu = mu, sigma = exp(lsig), chains = chains)
}
ll_normal <- function(d, yy = y) t(sapply(seq_along(d$mu), function(s) dnorm(yy, d$mu[s], d$sigma[s], log = TRUE)))
ll_student <- function(d, yy = y) t(sapply(seq_along(d$mu), function(s) dt((yy - d$mu[s]) / d$sigma[s], df = 3, log = TRUE) - log(d$sigma[s])))
ll_fixed <- function(d, yy = y) t(sapply(seq_along(d$mu), function(s) dnorm(yy, d$mu[s], 2, log = TRUE)))

d4 <- draws(4, 250, 0.7)            # S = 1000 in 4 chains of 250, autocorrelated
cases <- list(
  normal  = list(ll = ll_normal(d4), chains = 4),
  student = list(ll = ll_student(d4), chains = 4),
  fixed   = list(ll = ll_fixed(d4), chains = 4),
  small   = list(ll = ll_normal(draws(2, 30, 0.3))[, 1:6], chains = 2),   # S = 60: tail length 12
  tiny    = list(ll = ll_normal(draws(1, 20, 0.0))[, c(1, 19, 20)], chains = 1)  # S = 20: tail 4 < 5, k = Inf
)

var2 <- function(x) mean(x^2) - mean(x)^2   # rethinking's population variance
log_sum_exp <- function(x) { m <- max(x); m + log(sum(exp(x - m))) }
rethinking_waic <- function(ll) {
  lpd <- apply(ll, 2, log_sum_exp) - log(nrow(ll))
  pD <- apply(ll, 2, var2)
  waic_vec <- -2 * (lpd - pD)
  list(pointwise = waic_vec, lppd = lpd, pD = pD, WAIC = sum(waic_vec), se = sqrt(ncol(ll) * var2(waic_vec)))
}

for (nm in names(cases)) {
  ll <- cases[[nm]]$ll
  S <- nrow(ll); chains <- cases[[nm]]$chains
  write.table(format(ll, digits = 17), paste0(nm, "_loglik.csv"), sep = ",", quote = FALSE, row.names = FALSE,
              col.names = paste0("V", seq_len(ncol(ll))))
  rw <- rethinking_waic(ll)
  lw <- suppressWarnings(waic(ll))
  l1 <- suppressWarnings(loo(ll))                       # r_eff = 1
  reff <- relative_eff(exp(ll), chain_id = rep(seq_len(chains), each = S / chains))
  lr <- suppressWarnings(loo(ll, r_eff = reff))
  ps <- suppressWarnings(psis(-ll[, ncol(ll)], r_eff = 1))
  pw <- data.frame(
    lppd = rw$lppd, pwaic_pop = rw$pD, waic_pop = rw$pointwise,
    elpd_waic = lw$pointwise[, "elpd_waic"], p_waic = lw$pointwise[, "p_waic"], waic = lw$pointwise[, "waic"],
    elpd_loo = l1$pointwise[, "elpd_loo"], mcse_elpd_loo = l1$pointwise[, "mcse_elpd_loo"],
    p_loo = l1$pointwise[, "p_loo"], looic = l1$pointwise[, "looic"], k = l1$diagnostics$pareto_k,
    n_eff = l1$diagnostics$n_eff,
    r_eff = reff, elpd_loo_r = lr$pointwise[, "elpd_loo"], mcse_elpd_loo_r = lr$pointwise[, "mcse_elpd_loo"],
    p_loo_r = lr$pointwise[, "p_loo"], k_r = lr$diagnostics$pareto_k, n_eff_r = lr$diagnostics$n_eff)
  w(pw, paste0("expected_", nm, "_pointwise.csv"))
  est <- data.frame(name = c("WAIC", "WAIC_lppd", "WAIC_penalty", "WAIC_std_err",
                             "elpd_waic", "se_elpd_waic", "p_waic", "se_p_waic", "waic", "se_waic",
                             "elpd_loo", "se_elpd_loo", "p_loo", "se_p_loo", "looic", "se_looic", "mcse_elpd_loo",
                             "elpd_loo_r", "se_elpd_loo_r", "p_loo_r", "se_p_loo_r", "looic_r", "se_looic_r",
                             "mcse_elpd_loo_r"),
                    value = c(rw$WAIC, sum(rw$lppd), sum(rw$pD), rw$se,
                              lw$estimates[1, 1], lw$estimates[1, 2], lw$estimates[2, 1], lw$estimates[2, 2],
                              lw$estimates[3, 1], lw$estimates[3, 2],
                              l1$estimates[1, 1], l1$estimates[1, 2], l1$estimates[2, 1], l1$estimates[2, 2],
                              l1$estimates[3, 1], l1$estimates[3, 2], mcse_loo(l1),
                              lr$estimates[1, 1], lr$estimates[1, 2], lr$estimates[2, 1], lr$estimates[2, 2],
                              lr$estimates[3, 1], lr$estimates[3, 2], mcse_loo(lr)))
  w(est, paste0("expected_", nm, "_estimates.csv"))
  w(data.frame(log_weight = as.vector(weights(ps, log = TRUE, normalize = TRUE)), k = ps$diagnostics$pareto_k,
               n_eff = ps$diagnostics$n_eff), paste0("expected_", nm, "_psis_last.csv"))
}

# rethinking's compare (R/compare.r) on normal, student, fixed, by WAIC and by PSIS (r_eff from the
# chains, as rethinking's PSIS does for a Stan fit)
ICweights <- function(dev) { d <- dev - min(dev); f <- exp(-0.5 * d); f / sum(f) }
models <- c("normal", "student", "fixed")
for (func in c("WAIC", "PSIS")) {
  pw <- lapply(models, function(m) {
    ll <- cases[[m]]$ll
    if (func == "WAIC") {
      r <- rethinking_waic(ll)
      list(pointwise = r$pointwise, penalty = r$pD, se = r$se)
    } else {
      reff <- relative_eff(exp(ll), chain_id = rep(1:4, each = nrow(ll) / 4))
      l <- suppressWarnings(loo(ll, r_eff = reff))
      list(pointwise = l$pointwise[, "looic"], penalty = l$pointwise[, "p_loo"], se = l$estimates[3, 2])
    }
  })
  IC <- sapply(pw, function(x) sum(x$pointwise))
  p <- sapply(pw, function(x) sum(x$penalty))
  se <- sapply(pw, function(x) x$se)
  dSE <- matrix(NA, 3, 3)
  for (i in 1:2) for (j in (i + 1):3) {
    dSE[i, j] <- sqrt(length(pw[[i]]$pointwise) * var(pw[[i]]$pointwise - pw[[j]]$pointwise))
    dSE[j, i] <- dSE[i, j]
  }
  dIC <- IC - min(IC)
  topm <- which(dIC == 0)
  res <- data.frame(model = models, IC = IC, SE = se, dIC = dIC, dSE = dSE[, topm], p = p, weight = ICweights(IC))
  res <- res[order(res$IC), ]
  w(res, paste0("expected_compare_", func, ".csv"))
  colnames(dSE) <- models
  w(as.data.frame(dSE), paste0("expected_compare_", func, "_dse.csv"))
}
cat("done\n")
