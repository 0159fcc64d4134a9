// Reed frogs: one intercept per tank, no pooling (m13.1).
data {
  int<lower=1> N;
  int<lower=0> S[N];            // surv
  int<lower=0> D[N];            // density
  int<lower=1, upper=N> T[N];   // tank id
}
parameters {
  vector[N] a;
}
model {
  a ~ normal(0, 1.5);
  S ~ binomial_logit(D, a[T]);
}
generated quantities {
  vector[N] log_lik;
  for (i in 1:N)
    log_lik[i] = binomial_logit_lpmf(S[i] | D[i], a[T[i]]);
}
