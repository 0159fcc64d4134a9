# Writes brms 2.18's default priors (get_prior) of every brms reference model to
# tests/src/test/resources/formula/reference/default_priors.csv (run from the repository root):
#
#   Rscript bench/formula/default_priors.R
#
# One row per prior brms sets: model, class, coef, group, nlpar, prior (as brms prints it).
# The user's own prior= argument is left out, so every row is brms's default.
suppressMessages(library(brms))
root <- "tests/src/test/resources/formula"
read_data <- function(path) {
  header <- readLines(path, n = 1)
  read.csv(path, sep = if (grepl(";", header)) ";" else ",", stringsAsFactors = FALSE)
}
rows <- list()
for (file in list.files(file.path(root, "models"), "_brms\\.R$", full.names = TRUE)) {
  m <- sub("\\.R$", "", basename(file))
  text <- readLines(file)
  data_path <- sub("^# data: *", "", grep("^# data:", text, value = TRUE)[1])
  expr <- parse(file)[[1]]
  call <- expr[[3]]
  env <- new.env()
  assign(as.character(call$data), read_data(data_path), envir = env)
  call[[1]] <- as.name("get_prior")
  call$prior <- NULL
  p <- eval(call, env)
  rows[[m]] <- data.frame(model = m, class = p$class, coef = p$coef, group = p$group, nlpar = p$nlpar, prior = p$prior)
}
out <- do.call(rbind, rows)
write.csv(out, file.path(root, "reference", "default_priors.csv"), row.names = FALSE)
cat("brms", as.character(packageVersion("brms")), "\n")
