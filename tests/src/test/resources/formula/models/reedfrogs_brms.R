# data: examples/data/reedfrogs.csv
fit <- brm(surv | trials(density) ~ pred * size, data = reedfrogs, family = binomial)
