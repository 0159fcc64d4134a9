// Kid score on mother's work indicators: written from the posterior's MODEL.md (posteriordb kidiq_with_mom_work-kidscore_mom_work), with the priors of model.ulam
data {
  int<lower=0> N;
  vector[N] kid_score;
  vector[N] work2;
  vector[N] work3;
  vector[N] work4;
}
parameters {
  vector[4] beta;
  real<lower=0> sigma;
}
model {
  beta ~ normal(0, 1000);
  sigma ~ normal(0, 1000);
  kid_score ~ normal(beta[1] + beta[2] * work2 + beta[3] * work3 + beta[4] * work4, sigma);
}
