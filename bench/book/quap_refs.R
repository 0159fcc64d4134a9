#!/usr/bin/env Rscript
## rethinking's quap on every quap fixture (the book's chapters 2-12 and the package tests), on the
## committed data: the references of the quap models.
##
## usage: Rscript bench/book/quap_refs.R [ID ...]     (default: every quap call of calls.tsv)
##
## Each fixture (tests/src/test/resources/book/models/ID.ulam) is evaluated as R code, as the book
## runs it, with its `data=` argument replaced by the committed data list (data/, read back from
## the JSON, so the reference is for exactly the data our tests use); the data's columns are also
## visible as variables (start=list(w=rep(0, ncol(B))) needs B). quap's random start values are
## drawn after set.seed(SEED). Writes quap/ID.csv (variable, mode, mean, sd, q5.5, q94.5: mode =
## coef(), the rest precis(depth = 3) as rethinking prints it) and quap/ID.vcov.csv (vcov(), the
## inverse Hessian at the mode on the parameters' own scale), or quap/ID.error.txt with
## rethinking's error when quap fails.
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
suppressPackageStartupMessages(library(rethinking))
SEED <- 20261207L

calls <- read_calls()
dt <- read_data_table()
ids <- commandArgs(trailingOnly = TRUE)
if (!length(ids)) ids <- calls$id[calls$fn == "quap"]
out_dir <- file.path(RES, "quap"); dir.create(out_dir, showWarnings = FALSE)

fit_quap <- function(id) {
  dat <- read_data(dt$data[dt$id == id])
  fx <- fixture_call(id)
  e <- list2env(dat, parent = globalenv())
  mc <- match.call(rethinking::quap, fx$call)
  if (is.symbol(mc$data)) assign(as.character(mc$data), dat, envir = e)
  assign(".book_data", dat, envir = e)
  mc$data <- as.symbol(".book_data")
  for (b in fx$before) eval(b, e)
  set.seed(SEED)
  eval(mc, e)
}

for (id in ids) {
  unlink(file.path(out_dir, paste0(id, c(".csv", ".vcov.csv", ".error.txt"))))
  m <- tryCatch(suppressWarnings(fit_quap(id)), error = function(err) err)
  if (inherits(m, "error")) {
    msg <- conditionMessage(m)
    writeLines(msg, file.path(out_dir, paste0(id, ".error.txt")))
    cat(sprintf("%-20s quap failed: %s\n", id, gsub("\n", " ", msg)))
    next
  }
  p <- precis(m, depth = 3, prob = 0.89)
  tab <- data.frame(variable = rownames(p), mode = unname(coef(m)[rownames(p)]), mean = p$mean, sd = p$sd,
                    q5.5 = p[["5.5%"]], q94.5 = p[["94.5%"]])
  write.csv(tab, file.path(out_dir, paste0(id, ".csv")), row.names = FALSE)
  v <- vcov(m)
  write.csv(data.frame(variable = rownames(v), v, check.names = FALSE), file.path(out_dir, paste0(id, ".vcov.csv")), row.names = FALSE)
  cat(sprintf("%-20s %d parameters, optim convergence %d, -log posterior at the mode %.4f\n", id, nrow(tab),
              m@optim$convergence, m@optim$value))
}
