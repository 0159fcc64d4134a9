// m12.6 (R code 12.34): ordered logistic on Trolley with a monotonic education effect: the
// increments delta (simplex[7], Dirichlet(alpha)) are summed up to the education level E
// (1 Elementary School ... 8 Graduate Degree). As ulam compiles the book's alist: kappa becomes
// ordered[6], delta_j a model-block local, the likelihood looped.
// Parameters in the order of their first ~ line in the alist. Stan 2.21 syntax.
data {
  int<lower=1> N;
  int<lower=1, upper=7> R[N];
  vector[N] action;
  vector[N] intention;
  vector[N] contact;
  int<lower=1, upper=8> E[N];
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
  vector[N] phi;
  vector[8] delta_j;
  delta ~ dirichlet(alpha);
  delta_j = append_row(0, delta);
  bE ~ normal(0, 1);
  bC ~ normal(0, 1);
  bI ~ normal(0, 1);
  bA ~ normal(0, 1);
  kappa ~ normal(0, 1.5);
  for (i in 1:N)
    phi[i] = bE * sum(delta_j[1:E[i]]) + bA * action[i] + bI * intention[i] + bC * contact[i];
  for (i in 1:N)
    R[i] ~ ordered_logistic(phi[i], kappa);
}
