# data: examples/data/Howell1.csv
fit <- brm(height ~ weight, data = Howell1, family = student)
