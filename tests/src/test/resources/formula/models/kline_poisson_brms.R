# data: examples/data/Kline.csv
fit <- brm(total_tools ~ 1 + log(population) + contact, data = Kline, family = poisson,
           prior = prior(normal(0, 1), class = b, coef = contactlow))
