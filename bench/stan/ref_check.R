#!/usr/bin/env Rscript
## Checks a reference summary written by stan_fit.R --summary and makes it fit for the tests.
##
## usage: Rscript ref_check.R SUMMARY.csv [--drop REGEX]
##
## Rows whose draws are constant (sd below 1e-12: the unit diagonal of a correlation matrix) have
## no R-hat or ESS (NA) and nothing to compare; they are removed from the file, and named. So are
## rows whose variable matches --drop (auxiliary parameters of a reparameterised program that the
## model being checked does not have, e.g. z and L_Rho of m14_1nc.stan). Then every
## remaining row but lp__ must have R-hat < 1.01 and bulk ESS >= 400: prints the worst of each
## and PASS or FAIL (exit status 1 on FAIL).
a <- commandArgs(trailingOnly = TRUE)
s <- read.csv(a[1], stringsAsFactors = FALSE)
const <- !is.finite(s$ess_bulk) | !is.finite(s$rhat) | s$sd < 1e-12
drop <- if (is.na(match("--drop", a))) NULL else a[match("--drop", a) + 1]
if (!is.null(drop)) {
  d <- grepl(drop, s$variable)
  cat("dropped (--drop ", drop, "): ", sum(d), " rows\n", sep = "")
  s <- s[!d, ]; const <- const[!d]
  write.csv(s, a[1], row.names = FALSE)
}
if (any(const)) {
  cat("constant, removed:", paste(s$variable[const], collapse = " "), "\n")
  s <- s[!const, ]
  write.csv(s, a[1], row.names = FALSE)
}
p <- s[s$variable != "lp__", ]
ok <- all(p$rhat < 1.01) && all(p$ess_bulk >= 400)
cat(sprintf("%s: %d variables; max R-hat %.4f (%s); min bulk ESS %.0f (%s); min tail ESS %.0f\n",
            if (ok) "PASS" else "FAIL", nrow(p), max(p$rhat), p$variable[which.max(p$rhat)],
            min(p$ess_bulk), p$variable[which.min(p$ess_bulk)], min(p$ess_tail)))
quit(status = if (ok) 0 else 1)
