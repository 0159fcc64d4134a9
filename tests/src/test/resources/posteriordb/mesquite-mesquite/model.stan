// Weight on dimensions and group: written from the posterior's MODEL.md (posteriordb mesquite-mesquite), with the priors of model.ulam
data {
  int<lower=0> N;
  vector[N] weight;
  vector[N] canopy_height;
  vector[N] density;
  vector[N] diam1;
  vector[N] diam2;
  vector[N] group;
  vector[N] total_height;
}
parameters {
  vector[7] beta;
  real<lower=0> sigma;
}
model {
  beta ~ normal(0, 10000);
  sigma ~ normal(0, 10000);
  weight ~ normal(beta[1] + beta[2] * diam1 + beta[3] * diam2 + beta[4] * canopy_height + beta[5] * total_height + beta[6] * density + beta[7] * group, sigma);
}
