# data: tests/src/test/resources/formula/data/Penicillin.csv
fit <- brm(diameter ~ 1 + (1 | plate) + (1 | sample), data = Penicillin)
