# UC Berkeley admissions (examples/data/UCBadmit.csv): admission by applicant gender with
# department-specific intercepts and gender effects, correlated. The structure of the brms course
# model awards | trials(applications) ~ 1 + male + (1 + male | discipline) (NWOGrants), on data
# shipped here.
#
#   ulam run examples/formulas/ucbadmit_brms.R --data examples/data/UCBadmit.csv -o fits/ucb
library(brms)
d <- read.csv2("UCBadmit.csv")
fit <- brm(admit | trials(applications) ~ 1 + applicant.gender + (1 + applicant.gender | dept),
           data = d, family = binomial,
           prior = c(prior(normal(0, 4), class = Intercept),
                     prior(cauchy(0, 1), class = sd),
                     prior(lkj(4), class = cor)))
