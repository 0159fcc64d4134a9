// m12.3 (R code 12.9): zero-inflated Poisson on the simulated monks, as ulam's dzipois template
// writes it: y = 0 has probability p + (1-p) Poisson(0 | lambda), y > 0 (1-p) Poisson(y | lambda).
// logit(p) = ap, log(lambda) = al. Parameters in the order of their first ~ line in the alist.
data {
  int<lower=1> N;
  int<lower=0> y[N];
}
parameters {
  real ap;
  real al;
}
model {
  real p;
  real lambda;
  al ~ normal(1, 0.5);
  ap ~ normal(-1.5, 1);
  lambda = exp(al);
  p = inv_logit(ap);
  for (i in 1:N) {
    if (y[i] == 0)
      target += log_mix(p, 0, poisson_lpmf(0 | lambda));
    if (y[i] > 0)
      target += log1m(p) + poisson_lpmf(y[i] | lambda);
  }
}
