# data: tests/src/test/resources/formula/data/ucbadmit.csv
# the issue's NWOGrants model (awards | trials(applications) ~ 1 + male + (1 + male | discipline))
# on UCBadmit, which has the same structure and public data
fit <- brm(admit | trials(applications) ~ 1 + gender + (1 + gender | dept),
           data = ucbadmit, family = binomial,
           prior = c(prior(normal(0, 4), class = Intercept),
                     prior(cauchy(0, 1), class = sd),
                     prior(lkj(4), class = cor)))
