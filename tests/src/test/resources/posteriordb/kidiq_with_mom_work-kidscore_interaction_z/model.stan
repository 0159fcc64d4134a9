// Kid score on standardised predictors and their interaction: written from the posterior's MODEL.md (posteriordb kidiq_with_mom_work-kidscore_interaction_z), with the priors of model.ulam
data {
  int<lower=0> N;
  vector[N] kid_score;
  vector[N] z_mom_hs;
  vector[N] z_mom_iq;
}
parameters {
  vector[4] beta;
  real<lower=0> sigma;
}
model {
  beta ~ normal(0, 1000);
  sigma ~ normal(0, 1000);
  kid_score ~ normal(beta[1] + beta[2] * z_mom_hs + beta[3] * z_mom_iq + beta[4] * z_mom_hs .* z_mom_iq, sigma);
}
