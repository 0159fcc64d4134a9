// Earnings on height: written from the posterior's MODEL.md (posteriordb earnings-earn_height), with the priors of model.ulam
data {
  int<lower=0> N;
  vector[N] earn;
  vector[N] height;
}
parameters {
  vector[2] beta;
  real<lower=0> sigma;
}
model {
  beta ~ normal(0, 1e6);
  sigma ~ normal(0, 1e6);
  earn ~ normal(beta[1] + beta[2] * height, sigma);
}
