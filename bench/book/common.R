## Helpers shared by the book scripts (make_data.R, quap_refs.R, ulam_refs.R): paths, the
## manifest of calls, reading a fixture's call and its data.
suppressPackageStartupMessages({ library(jsonlite) })

book_root <- function() {
  f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  normalizePath(file.path(dirname(f), "..", ".."))
}
ROOT <- if (nzchar(Sys.getenv("ULAM_ROOT"))) Sys.getenv("ULAM_ROOT") else book_root()
RES <- file.path(ROOT, "tests", "src", "test", "resources", "book")

#' The calls table (calls.tsv, made by make_fixtures.py), one row per fixture.
read_calls <- function() {
  read.delim(file.path(RES, "calls.tsv"), colClasses = "character", na.strings = character(0))
}

#' The fixture's R expressions: every top-level expression of models/ID.ulam (the call last).
fixture_exprs <- function(id) {
  parse(file = file.path(RES, "models", paste0(id, ".ulam")), keep.source = FALSE)
}

#' The call itself (the right-hand side of the last `NAME <- ulam(...)`), and the calls before it.
fixture_call <- function(id) {
  ex <- fixture_exprs(id)
  last <- ex[[length(ex)]]
  list(call = last[[3]], before = if (length(ex) > 1) as.list(ex[-length(ex)]) else list())
}

#' The model's data as the committed JSON holds it (a list; matrices as matrices).
read_data <- function(file) {
  x <- fromJSON(file.path(RES, "data", file), simplifyVector = TRUE, simplifyMatrix = TRUE)
  ## "NA" strings are jsonlite's missing values
  lapply(x, function(v) if (is.character(v)) suppressWarnings(as.numeric(v)) else v)
}

#' The data table (data.tsv, made by make_data.R): id -> data file and notes.
read_data_table <- function() {
  read.delim(file.path(RES, "data.tsv"), colClasses = "character", na.strings = character(0))
}

write_json_data <- function(x, path) {
  writeLines(toJSON(x, auto_unbox = TRUE, digits = NA, matrix = "rowmajor", na = "string"), path)
}
