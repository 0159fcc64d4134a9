#!/usr/bin/env Rscript
## Writes the Stan JSON data of the book models beyond the seed models (bench/stan/models/m1*_*.stan) from
## the CSV files of examples/data/, with the book's own data preparation (R code boxes named
## below). Each derived column is described where it is made.
##
## usage (from the repository root): Rscript bench/stan/data/make_book_data.R
suppressPackageStartupMessages(library(jsonlite))
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
ex <- file.path(here, "..", "..", "..", "examples", "data")
## data(...) in the rethinking package reads its CSVs with read.table(header=TRUE, sep=";",
## as.is=FALSE): strings become factors with levels sorted as R sorts them. Do the same.
semi <- function(f) read.csv(file.path(ex, f), sep = ";", stringsAsFactors = TRUE)
out <- function(x, f) writeLines(toJSON(x, auto_unbox = TRUE, digits = NA), file.path(here, f))
## rethinking::standardize: (x - mean(x)) / sd(x), NA ignored (R's scale()).
standardize <- function(x) as.numeric(scale(x))

## m14.1, cafes (R code 14.1-14.12). Simulated by ulam.tests.support.Simulations (fixed seed);
## columns used as they are: cafe (1..20), afternoon (0/1), wait.
d <- read.csv(file.path(ex, "cafes.csv"))
out(list(N = nrow(d), N_cafes = max(d$cafe), cafe = d$cafe, afternoon = d$afternoon, wait = d$wait),
    "m14_1.json")

## m12.5, Trolley (R code 12.24): R = response (1..7), A = action, I = intention, C = contact.
t <- semi("Trolley.csv")
out(list(N = nrow(t), R = t$response, A = t$action, I = t$intention, C = t$contact), "m12_5.json")

## m12.6, Trolley with education (R code 12.30-12.34): edu is a factor whose levels sort as
##   1 Bachelor's Degree, 2 Elementary School, 3 Graduate Degree, 4 High School Graduate,
##   5 Master's Degree, 6 Middle School, 7 Some College, 8 Some High School;
## edu_new <- c(6,1,8,4,7,2,5,3)[edu] puts them in order of attainment (1 Elementary School ...
## 8 Graduate Degree); E = edu_new; alpha = rep(2, 7) (the Dirichlet prior).
stopifnot(identical(levels(t$edu), c("Bachelor's Degree", "Elementary School", "Graduate Degree",
    "High School Graduate", "Master's Degree", "Middle School", "Some College", "Some High School")))
edu_levels <- c(6, 1, 8, 4, 7, 2, 5, 3)
E <- as.integer(edu_levels[t$edu])
out(list(N = nrow(t), R = t$response, action = t$action, intention = t$intention,
         contact = t$contact, E = E, alpha = rep(2, 7)), "m12_6.json")

## m12.2, Kline (R code 12.6): T = total_tools, P = population (raw, not standardized),
## cid = 2 for contact "high", 1 for "low".
k <- semi("Kline.csv")
out(list(N = nrow(k), T = k$total_tools, P = k$population,
         cid = ifelse(k$contact == "high", 2L, 1L)), "m12_2.json")

## m12.1, UCBadmit (R code 12.2): A = admit, N = applications, gid = 1 male / 2 female.
## The file's unnamed first field is R's row names (read.csv drops it). Stan's size is n.
u <- semi("UCBadmit.csv")
out(list(n = nrow(u), A = u$admit, N = u$applications,
         gid = ifelse(u$applicant.gender == "male", 1L, 2L)), "m12_1.json")

## m12.3, monks (R code 12.7-12.9): y = manuscripts completed, 365 days, simulated by
## ulam.tests.support.Simulations (fixed seed).
m <- read.csv(file.path(ex, "monks.csv"))
out(list(N = nrow(m), y = m$y), "m12_3.json")

## m15.5, milk (R code 15.16-15.17): K = standardize(kcal.per.g),
## B = standardize(neocortex.perc / 100) (12 NA; mean and sd of the 17 observed values),
## M = standardize(log(mass)). Stan cannot take NA: B is passed with 0 in the missing places
## (never read: merge_missing overwrites them) and B_missidx lists those rows, in row order, as
## ulam's merge_missing does; B_impute[j] is row B_missidx[j].
w <- semi("milk.csv")
B <- standardize(w$neocortex.perc / 100)
miss <- which(is.na(B))
out(list(N = nrow(w), K = standardize(w$kcal.per.g), M = standardize(log(w$mass)),
         N_miss = length(miss), B_missidx = miss, B = ifelse(is.na(B), 0, B)), "m15_5.json")

## m14.8, Kline2 + islandsDistMatrix (R code 14.37-14.39): T = total_tools, P = population,
## society = 1:10, Dmat = the 10 x 10 distance matrix (thousands of km), rows and columns in the
## order of Kline2's rows (checked by name below).
k2 <- semi("Kline2.csv")
D <- as.matrix(read.csv(file.path(ex, "islandsDistMatrix.csv"), row.names = 1, check.names = FALSE))
stopifnot(identical(rownames(D), as.character(k2$culture)), identical(colnames(D), rownames(D)))
dimnames(D) <- NULL
out(list(N = nrow(k2), T = k2$total_tools, P = k2$population, society = seq_len(nrow(k2)),
         Dmat = D), "m14_8.json")
