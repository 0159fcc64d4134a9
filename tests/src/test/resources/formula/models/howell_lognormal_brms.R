# data: examples/data/Howell1.csv
fit <- brm(weight ~ height + male, data = Howell1, family = lognormal)
