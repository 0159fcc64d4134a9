// No pooling: an intercept per district, each with its own fixed prior.
data {
  int<lower=1> N;
  int<lower=1> J;
  array[N] int<lower=1, upper=J> g;
  vector[N] x;
  int<lower=0, upper=1> y[N];      // the old array syntax, as older courses write it
}
parameters {
  vector[J] alpha;
  real beta;
}
model {
  alpha ~ normal(0, 2.5);
  beta ~ normal(0, 2.5);
  for (n in 1:N)
    y[n] ~ bernoulli_logit(alpha[g[n]] + beta * x[n]);
}
