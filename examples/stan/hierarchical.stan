// Partial pooling: the district intercepts share a normal distribution whose mean and scale
// are estimated (centred form).
data {
  int<lower=1> N;
  int<lower=1> J;
  array[N] int<lower=1, upper=J> g;
  vector[N] x;
  array[N] int<lower=0, upper=1> y;
}
parameters {
  real mu_alpha;
  real<lower=0> sigma_alpha;
  vector[J] alpha;
  real beta;
}
model {
  vector[N] eta;
  mu_alpha ~ normal(0, 2.5);
  sigma_alpha ~ exponential(1);
  alpha ~ normal(mu_alpha, sigma_alpha);
  beta ~ normal(0, 2.5);
  for (n in 1:N)
    eta[n] = alpha[g[n]] + beta * x[n];
  target += bernoulli_logit_lpmf(y | eta);
}
