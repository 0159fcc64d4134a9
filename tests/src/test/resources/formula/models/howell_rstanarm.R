# data: examples/data/Howell1.csv
fit <- stan_glm(height ~ weight + male, data = Howell1, family = gaussian)
