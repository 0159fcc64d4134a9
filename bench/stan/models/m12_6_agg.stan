// m12.6 exactly as m12_6.stan, with the 9,930 rows grouped into their distinct
// (R, action, intention, contact, E) combinations and each group's term weighted by its count w:
// the same log density, fast enough for a long reference run. Stan 2.21 syntax.
data {
  int<lower=1> G;
  int<lower=1, upper=7> R[G];
  vector[G] action;
  vector[G] intention;
  vector[G] contact;
  int<lower=1, upper=8> E[G];
  vector<lower=0>[G] w;
  vector<lower=0>[7] alpha;
}
parameters {
  ordered[6] kappa;
  real bA;
  real bI;
  real bC;
  real bE;
  simplex[7] delta;
}
model {
  vector[8] delta_j;
  delta ~ dirichlet(alpha);
  delta_j = append_row(0, delta);
  bE ~ normal(0, 1);
  bC ~ normal(0, 1);
  bI ~ normal(0, 1);
  bA ~ normal(0, 1);
  kappa ~ normal(0, 1.5);
  for (g in 1:G) {
    real phi = bE * sum(delta_j[1:E[g]]) + bA * action[g] + bI * intention[g] + bC * contact[g];
    target += w[g] * ordered_logistic_lpmf(R[g] | phi, kappa);
  }
}
