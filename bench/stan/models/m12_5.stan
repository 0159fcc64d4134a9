// m12.5 (R code 12.24): ordered logistic on Trolley with action, contact and an intention
// effect that depends on both, as ulam compiles the book's alist: cutpoints become ordered[6]
// (max(R) - 1), the likelihood is looped (ulam's ordered_logistic template is not vectorised).
// Parameters in the order of their first ~ line in the alist. Stan 2.21 syntax.
data {
  int<lower=1> N;
  int<lower=1, upper=7> R[N];
  vector[N] A;
  vector[N] I;
  vector[N] C;
}
parameters {
  real bA;
  real bI;
  real bC;
  real bIA;
  real bIC;
  ordered[6] cutpoints;
}
model {
  vector[N] phi;
  vector[N] BI;
  cutpoints ~ normal(0, 1.5);
  bIC ~ normal(0, 0.5);
  bIA ~ normal(0, 0.5);
  bC ~ normal(0, 0.5);
  bI ~ normal(0, 0.5);
  bA ~ normal(0, 0.5);
  for (i in 1:N)
    BI[i] = bI + bIA * A[i] + bIC * C[i];
  for (i in 1:N)
    phi[i] = bA * A[i] + bC * C[i] + BI[i] * I[i];
  for (i in 1:N)
    R[i] ~ ordered_logistic(phi[i], cutpoints);
}
