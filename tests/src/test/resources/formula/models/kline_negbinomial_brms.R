# data: examples/data/Kline.csv
fit <- brm(total_tools ~ 1 + log(population), data = Kline, family = negbinomial)
