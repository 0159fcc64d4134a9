## rethinking's ulam program for a fixture, without sampling, and its conversion to the Stan 2.21
## syntax rstan 2.21 reads. Sourced by ulam_refs.R (after common.R).
suppressPackageStartupMessages(library(rethinking))

#' The ulam call of fixture `id` with the committed data: list(call, data, options). A refit of an
#' earlier model (`ulam(m13.4, chains=4, control=...)`) is the earlier call with the refit's
#' arguments laid over it.
ulam_call <- function(id, data_file) {
  dat <- read_data(data_file)
  fx <- fixture_call(id)
  mc <- match.call(rethinking::ulam, fx$call)
  if (is.symbol(mc$flist) && length(fx$before)) {
    base <- fx$before[[length(fx$before)]][[3]]
    fn <- if (identical(base[[1]], as.symbol("quap"))) rethinking::quap else rethinking::ulam
    bc <- match.call(fn, base)
    bc[[1]] <- as.symbol("ulam")
    for (a in setdiff(names(mc), c("", "flist"))) bc[[a]] <- mc[[a]]
    mc <- match.call(rethinking::ulam, bc)
  }
  e <- list2env(dat, parent = globalenv())
  if (is.symbol(mc$data)) assign(as.character(mc$data), dat, envir = e)
  assign(".book_data", dat, envir = e)
  mc$data <- as.symbol(".book_data")
  list(call = mc, env = e, data = dat)
}

#' rethinking's generated Stan program and data for the call (ulam(..., sample=FALSE)).
ulam_program <- function(uc) {
  mc <- uc$call
  mc$sample <- FALSE
  mc$cmdstan <- FALSE
  set.seed(1)
  r <- eval(mc, uc$env)
  list(code = r$model, data = r$data)
}

#' Stan 2.33 declarations (array[N] int x; array[] real in signatures) as Stan 2.21 writes them
#' (int x[N]; real[]), rstan 2.21's wrong beta_binomial replaced by its written-out density, and
#' its quadratic categorical_logit of an int array replaced by the same density written out.
to_stan_221 <- function(code) {
  lines <- strsplit(code, "\n", fixed = TRUE)[[1]]
  ## declarations: array[D] TYPE NAME  ->  TYPE NAME[D]
  decl <- "^(\\s*)array\\[([^]]*(\\[[^]]*\\][^]]*)*)\\]\\s+([A-Za-z_]+(<[^>]*>)?(\\[[^]]*\\])?)\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*(=|;)"
  for (i in seq_along(lines)) {
    m <- regmatches(lines[i], regexec(decl, lines[i], perl = TRUE))[[1]]
    if (length(m)) {
      rest <- substring(lines[i], nchar(m[1]))
      lines[i] <- paste0(m[2], m[5], " ", m[8], "[", m[3], "] ", rest)
    }
  }
  code <- paste(lines, collapse = "\n")
  ## function signatures: array[] int -> int[], array[,] real -> real[,]
  code <- gsub("array\\[(,*)\\]\\s+([A-Za-z_]+)", "\\2[\\1]", code, perl = TRUE)
  written_categorical_logit(written_beta_binomial(code))
}

#' `Y ~ categorical_logit( THETA );` with Y an int array (all of it, unindexed) and THETA a vector ->
#' `target += sum(THETA[Y]) - size(Y) * log_sum_exp(THETA);`, the same log mass
#' (sum_n log_softmax(THETA)[Y[n]]; no constant to drop). rstan 2.21's categorical_logit_lpmf of an
#' int array recomputes log_softmax for every element (0.11 s per gradient for 9,930 outcomes over
#' 9,930 categories, the package test z10; the written form 0.5 ms, same value and gradient).
written_categorical_logit <- function(code) {
  pat <- "(\\n\\s*)([A-Za-z_][A-Za-z0-9_]*)\\s*~\\s*categorical_logit\\(\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\);"
  m <- regmatches(code, gregexpr(pat, code, perl = TRUE))[[1]]
  for (x in m) {
    y <- sub(pat, "\\2", x, perl = TRUE); theta <- sub(pat, "\\3", x, perl = TRUE)
    if (!grepl(paste0("int\\s+", y, "\\s*\\["), code, perl = TRUE)) next
    code <- sub(x, paste0(sub(pat, "\\1", x, perl = TRUE), "target += sum(", theta, "[", y, "]) - size(", y,
                          ") * log_sum_exp(", theta, ");"), code, fixed = TRUE)
  }
  code
}

#' `Y ~ beta_binomial(N, a, b);` -> `target += bb_written(Y, N, a, b);` with the density written
#' out: lchoose(N, y) + lbeta(y + a, N - y + b) - lbeta(a, b), for arrays (vector shapes) or scalars.
written_beta_binomial <- function(code) {
  pat <- "(\\n\\s*)([A-Za-z_][A-Za-z0-9_]*(\\[[^]]*\\])?)\\s*~\\s*beta_binomial\\(([^;]*)\\);"
  if (!grepl(pat, code, perl = TRUE)) return(code)
  fns <- paste(
    "functions{",
    "    real bb_written_v(int[] y, int[] N, vector a, vector b) {",
    "        real t = 0;",
    "        for (i in 1:size(y)) t += lchoose(N[i], y[i]) + lbeta(y[i] + a[i], N[i] - y[i] + b[i]) - lbeta(a[i], b[i]);",
    "        return t;",
    "    }",
    "    real bb_written_s(int y, int N, real a, real b) {",
    "        return lchoose(N, y) + lbeta(y + a, N - y + b) - lbeta(a, b);",
    "    }",
    "}", sep = "\n")
  m <- regmatches(code, gregexpr(pat, code, perl = TRUE))[[1]]
  for (x in m) {
    y <- sub(pat, "\\2", x, perl = TRUE); args <- sub(pat, "\\4", x, perl = TRUE)
    f <- if (grepl("\\[", y)) "bb_written_s" else "bb_written_v"
    code <- sub(x, paste0(sub(pat, "\\1", x, perl = TRUE), "target += ", f, "( ", y, " , ", trimws(args), " );"), code, fixed = TRUE)
  }
  paste0(fns, "\n", code)
}
