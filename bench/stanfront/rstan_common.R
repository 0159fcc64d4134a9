# Shared by points.R and fit_references.R (source it): rstan 2.21 set-up and the fixed points.
suppressMessages({ library(rstan); library(jsonlite) })
bh <- file.path(tempdir(), "bh"); dir.create(bh, showWarnings = FALSE)
if (!file.exists(file.path(bh, "boost"))) invisible(file.symlink("/usr/include/boost", file.path(bh, "boost")))
rstan::rstan_options(boost_lib = bh)

# Stan 2.33 array declarations (array[N] int y) in the Stan 2.21 syntax rstan reads (int y[N]).
old_arrays <- function(code) {
  gsub("array\\[([^]]+)\\]\\s+([a-z_]+(<[^>]*>)?(\\[[^]]*\\])?)\\s+([A-Za-z][A-Za-z0-9_]*)", "\\2 \\5[\\1]", code, perl = TRUE)
}

# rstan's log_prob and grad_log_prob (Jacobian included) at three unconstrained points: all
# zeros, evenly spaced from -0.5 to 0.5, evenly spaced from 0.3 to -0.2; a data frame with one
# row per point: point, lp, g1..gK.
rstan_points <- function(fit) {
  K <- get_num_upars(fit)
  pts <- list(rep(0, K), seq(-0.5, 0.5, length.out = K), seq(0.3, -0.2, length.out = K))
  rows <- lapply(seq_along(pts), function(k) {
    g <- grad_log_prob(fit, pts[[k]], adjust_transform = TRUE)
    c(k, attr(g, "log_prob"), as.numeric(g))
  })
  p <- as.data.frame(do.call(rbind, rows))
  names(p) <- c("point", "lp", paste0("g", seq_len(K)))
  p
}
