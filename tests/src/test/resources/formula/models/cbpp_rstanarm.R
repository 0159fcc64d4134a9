# data: tests/src/test/resources/formula/data/cbpp.csv
# in place of the election example (no public data): a cbind binomial with QR = TRUE
fit <- stan_glmer(cbind(incidence, size - incidence) ~ factor(period) + (1 | herd),
                  data = cbpp, family = binomial(link = "logit"), QR = TRUE, adapt_delta = 0.98)
