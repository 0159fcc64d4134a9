# Reference values for ConvergenceTest, computed with R's posterior package.
# Provenance: R 4.2.2, posterior 1.4.0 (Debian r-cran-posterior), run as
#   Rscript posterior-reference.R
# in this folder. It writes the inputs (case_<name>.csv: one column per chain, 17 significant
# digits, so Java reads the very same doubles) and prints the expected values as Java source,
# which are pasted into ConvergenceTest.java.
suppressMessages(library(posterior))
set.seed(20240607)

ar1 <- function(n, phi, chains) {
  sapply(1:chains, function(c) {
    x <- numeric(n); x[1] <- rnorm(1) / sqrt(1 - phi^2)
    for (i in 2:n) x[i] <- phi * x[i - 1] + rnorm(1)
    x
  })
}

cases <- list(
  normal_4x100     = matrix(rnorm(400), 100, 4),
  ar1_4x101        = ar1(101, 0.9, 4),
  shifted_4x200    = sweep(matrix(rnorm(800), 200, 4), 2, c(0, 0, 1, 1), "+"),
  cauchy_2x250     = matrix(rcauchy(500), 250, 2),
  poisson_4x50     = matrix(as.numeric(rpois(200, 3)), 50, 4),
  short_3x5        = matrix(rnorm(15), 5, 3),
  short_2x9        = matrix(rnorm(18), 9, 2),
  antithetic_4x100 = ar1(100, -0.7, 4),
  single_1x300     = ar1(300, 0.5, 1),
  constant_2x10    = matrix(1, 10, 2),
  ar1_4x1000       = ar1(1000, 0.95, 4),
  withinf_2x50     = { m <- matrix(rnorm(100), 50, 2); m[7, 2] <- Inf; m }
)

num <- function(v) ifelse(is.na(v), "Double.NaN", ifelse(is.infinite(v), ifelse(v > 0, "Double.POSITIVE_INFINITY", "Double.NEGATIVE_INFINITY"), sprintf("%.17g", v)))
for (name in names(cases)) {
  x <- cases[[name]]
  write.table(matrix(sprintf("%.17g", x), nrow(x)), file = paste0("case_", name, ".csv"),
              sep = ",", row.names = FALSE, col.names = FALSE, quote = FALSE)
  q <- if (anyNA(x)) c(NA, NA) else quantile2(x, c(0.055, 0.945), names = FALSE)
  v <- c(rhat(x), ess_bulk(x), ess_tail(x), ess_mean(x), mcse_mean(x), q[1], q[2],
         ess_quantile(x, 0.05, names = FALSE), mean(x), sd(x), median(x))
  cat(sprintf('        expect("%s", %s);\n', name, paste(num(v), collapse = ", ")))
}
p <- c(1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.02425, 0.05, 0.1, 0.3, 0.425, 0.5, 0.5000001, 0.6, 0.9, 0.925, 0.975, 0.999, 1 - 1e-10)
cat("        double[] p = {", paste(sprintf("%.17g", p), collapse = ", "), "};\n")
cat("        double[] qnorm = {", paste(sprintf("%.17g", qnorm(p)), collapse = ", "), "};\n")
