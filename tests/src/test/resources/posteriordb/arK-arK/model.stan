// AR(5): each value on the five before it (posteriordb arK-arK), with the lagged copies of
// derived.json as data and the priors of model.ulam
data {
  int<lower=0> N_obs;
  vector[N_obs] y_now;
  vector[N_obs] y_lag1;
  vector[N_obs] y_lag2;
  vector[N_obs] y_lag3;
  vector[N_obs] y_lag4;
  vector[N_obs] y_lag5;
}
parameters {
  real alpha;
  vector[5] beta;
  real<lower=0> sigma;
}
model {
  alpha ~ normal(0, 10);
  beta ~ normal(0, 10);
  sigma ~ cauchy(0, 2.5);
  y_now ~ normal(alpha + beta[1] * y_lag1 + beta[2] * y_lag2 + beta[3] * y_lag3 + beta[4] * y_lag4 + beta[5] * y_lag5, sigma);
}
