# Writes the data sets of the formula front end's reference fits to
# tests/src/test/resources/formula/data/ (run from the repository root):
#
#   Rscript bench/formula/export_data.R
#
# - sleepstudy, cbpp and Penicillin ship with lme4 (Debian's r-cran-lme4); they are written
#   unchanged with write.csv (factor columns as their level labels).
# - chimpanzees.csv is examples/data/chimpanzees.csv with the book's treatment index added
#   (treatment = 1 + prosoc_left + 2 * condition, Statistical Rethinking 11.1), the brms
#   translation's nl model uses factor(treatment).
# - ucbadmit.csv is examples/data/UCBadmit.csv with applicant.gender renamed gender (the issue's
#   NWOGrants model awards | trials(applications) ~ 1 + male + (1 + male | discipline) has no
#   public data here; UCBadmit has the same structure: dept for discipline, gender for male).
# Every other reference model reads examples/data/ directly.
suppressMessages(library(lme4))
out <- "tests/src/test/resources/formula/data"
dir.create(out, showWarnings = FALSE, recursive = TRUE)
write <- function(d, name) write.csv(d, file.path(out, name), row.names = FALSE)

write(sleepstudy, "sleepstudy.csv")
write(cbpp, "cbpp.csv")
write(Penicillin, "Penicillin.csv")

chimps <- read.csv("examples/data/chimpanzees.csv", sep = ";")
chimps$treatment <- 1 + chimps$prosoc_left + 2 * chimps$condition
write(chimps, "chimpanzees.csv")

ucb <- read.csv("examples/data/UCBadmit.csv", sep = ";")
ucb <- data.frame(dept = ucb$dept, gender = ucb$applicant.gender, admit = ucb$admit,
                  reject = ucb$reject, applications = ucb$applications)
write(ucb, "ucbadmit.csv")
cat("lme4", as.character(packageVersion("lme4")), "\n")
