// Complete pooling: one intercept for every district (the pooling lecture's first model).
// Bangladesh fertility survey: y = uses contraception, x = urban, g = district.
data {
  int<lower=1> N;
  vector[N] x;
  array[N] int<lower=0, upper=1> y;
}
parameters {
  real alpha;
  real beta;
}
model {
  alpha ~ normal(0, 2.5);
  beta ~ normal(0, 2.5);
  y ~ bernoulli_logit(x * beta + alpha);
}
