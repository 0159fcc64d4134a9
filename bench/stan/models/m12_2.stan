// m12.2 (R code 12.6): gamma-Poisson (negative binomial, mean lambda, dispersion phi) on Kline,
// with the scientific model lambda = exp(a[cid]) * P^b[cid] / g, as ulam compiles the book's
// alist (dgampois -> neg_binomial_2). Parameters in the order of their first ~ line in the alist.
data {
  int<lower=1> N;
  int<lower=0> T[N];
  vector<lower=0>[N] P;
  int<lower=1, upper=2> cid[N];
}
parameters {
  vector[2] a;
  vector<lower=0>[2] b;
  real<lower=0> g;
  real<lower=0> phi;
}
model {
  vector[N] lambda;
  phi ~ exponential(1);
  g ~ exponential(1);
  b ~ exponential(1);
  a ~ normal(1, 1);
  for (i in 1:N)
    lambda[i] = exp(a[cid[i]]) * P[i]^b[cid[i]] / g;
  T ~ neg_binomial_2(lambda, phi);
}
