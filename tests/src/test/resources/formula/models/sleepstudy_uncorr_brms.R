# data: tests/src/test/resources/formula/data/sleepstudy.csv
fit <- brm(Reaction ~ Days + (Days || Subject), data = sleepstudy)
