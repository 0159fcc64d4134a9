// Log weight on log dimensions and group: written from the posterior's MODEL.md (posteriordb mesquite-logmesquite), with the priors of model.ulam
data {
  int<lower=0> N;
  vector[N] log_weight;
  vector[N] group;
  vector[N] log_canopy_height;
  vector[N] log_density;
  vector[N] log_diam1;
  vector[N] log_diam2;
  vector[N] log_total_height;
}
parameters {
  vector[7] beta;
  real<lower=0> sigma;
}
model {
  beta ~ normal(0, 100);
  sigma ~ normal(0, 100);
  log_weight ~ normal(beta[1] + beta[2] * log_diam1 + beta[3] * log_diam2 + beta[4] * log_canopy_height + beta[5] * log_total_height + beta[6] * log_density + beta[7] * group, sigma);
}
