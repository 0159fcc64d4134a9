// Summer temperature at Kilpisjarvi on year, priors from the data (posteriordb kilpisjarvi_mod-kilpisjarvi)
data {
  int<lower=0> N;
  vector[N] x;
  vector[N] y;
  real pmualpha;
  real psalpha;
  real pmubeta;
  real psbeta;
}
parameters {
  real alpha;
  real beta;
  real<lower=0> sigma;
}
model {
  alpha ~ normal(pmualpha, psalpha);
  beta ~ normal(pmubeta, psbeta);
  sigma ~ normal(0, 100);
  y ~ normal(alpha + beta * x, sigma);
}
