// m12.1 (R code 12.2): beta-binomial on UCBadmit, admission probability pbar by gender and a
// common concentration theta = phi + 2 (a transformed parameter, reported). ulam writes
// A ~ beta_binomial(N, pbar*theta, (1-pbar)*theta); rstan 2.21's beta_binomial gives a wrong
// log density (bench README), so the density is written out here:
// log C(N, A) + lbeta(A + alpha, N - A + beta) - lbeta(alpha, beta). The lchoose term is a
// constant (it shifts lp__ only). Parameters in the order of their first ~ line in the alist.
data {
  int<lower=1> n;
  int<lower=0> A[n];
  int<lower=0> N[n];
  int<lower=1, upper=2> gid[n];
}
parameters {
  vector[2] a;
  real<lower=0> phi;
}
transformed parameters {
  real theta;
  theta = phi + 2.0;
}
model {
  vector[n] pbar;
  phi ~ exponential(1);
  a ~ normal(0, 1.5);
  for (i in 1:n)
    pbar[i] = inv_logit(a[gid[i]]);
  for (i in 1:n) {
    real al = pbar[i] * theta;
    real be = (1 - pbar[i]) * theta;
    target += lchoose(N[i], A[i]) + lbeta(A[i] + al, N[i] - A[i] + be) - lbeta(al, be);
  }
}
