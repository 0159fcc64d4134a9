# data: tests/src/test/resources/formula/data/sleepstudy.csv
# the lecture's stan_glmer(valence ~ arousal + (1 + arousal | PID), ...) on public data
fit <- stan_glmer(Reaction ~ Days + (1 + Days | Subject), data = sleepstudy,
                  prior = normal(0, 10), prior_intercept = normal(250, 50),
                  prior_aux = exponential(rate = 0.1))
