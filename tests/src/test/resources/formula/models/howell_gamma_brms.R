# data: examples/data/Howell1.csv
fit <- brm(weight ~ height, data = Howell1, family = Gamma(link = "log"))
