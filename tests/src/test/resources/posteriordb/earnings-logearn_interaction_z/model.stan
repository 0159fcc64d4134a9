// Log earnings on standardised height, male and their interaction: written from the posterior's MODEL.md (posteriordb earnings-logearn_interaction_z), with the priors of model.ulam
data {
  int<lower=0> N;
  vector[N] log_earn;
  vector[N] male;
  vector[N] z_height;
}
parameters {
  vector[4] beta;
  real<lower=0> sigma;
}
model {
  beta ~ normal(0, 100);
  sigma ~ normal(0, 100);
  log_earn ~ normal(beta[1] + beta[2] * z_height + beta[3] * male + beta[4] * z_height .* male, sigma);
}
