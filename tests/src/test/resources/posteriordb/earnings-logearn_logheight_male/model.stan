// Log earnings on log height and male: written from the posterior's MODEL.md (posteriordb earnings-logearn_logheight_male), with the priors of model.ulam
data {
  int<lower=0> N;
  vector[N] log_earn;
  vector[N] log_height;
  vector[N] male;
}
parameters {
  vector[3] beta;
  real<lower=0> sigma;
}
model {
  beta ~ normal(0, 100);
  sigma ~ normal(0, 100);
  log_earn ~ normal(beta[1] + beta[2] * log_height + beta[3] * male, sigma);
}
