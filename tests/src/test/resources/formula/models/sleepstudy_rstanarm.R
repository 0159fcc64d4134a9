# data: tests/src/test/resources/formula/data/sleepstudy.csv
fit <- stan_lmer(Reaction ~ Days + (Days | Subject), data = sleepstudy)
