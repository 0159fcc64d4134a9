# data: examples/data/Trolley.csv
fit <- brm(response ~ 1 + action + intention + contact + (1 | id), data = Trolley, family = cumulative)
