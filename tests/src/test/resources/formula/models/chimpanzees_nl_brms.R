# data: tests/src/test/resources/formula/data/chimpanzees.csv
fit <- brm(
  bf(pulled_left ~ a + b,
     a ~ 1 + (1 | actor) + (1 | block),
     b ~ 0 + factor(treatment),
     nl = TRUE),
  data = chimpanzees, family = bernoulli,
  prior = c(prior(normal(0, 1.5), nlpar = a),
            prior(normal(0, 0.5), nlpar = b),
            prior(exponential(1), class = sd, group = actor, nlpar = a),
            prior(exponential(1), class = sd, group = block, nlpar = a)))
