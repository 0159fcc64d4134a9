// Diamond prices on 24 centred predictors (posteriordb diamonds-diamonds, brms's program),
// with the centred design Xc of derived.json as data
data {
  int<lower=1> N;
  vector[N] Y;
  int<lower=1> Kc;
  matrix[N, Kc] Xc;
}
parameters {
  vector[Kc] b;
  real Intercept;
  real<lower=0> sigma;
}
model {
  b ~ normal(0, 1);
  Intercept ~ student_t(3, 8, 10);
  sigma ~ student_t(3, 0, 10);
  Y ~ normal(Intercept + Xc * b, sigma);
}
