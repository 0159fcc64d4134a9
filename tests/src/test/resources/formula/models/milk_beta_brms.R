# data: examples/data/milk.csv
fit <- brm(kcal.per.g ~ 1 + perc.fat, data = milk, family = Beta)
