// Partial pooling, non-centred: alpha = mu_alpha + sigma_alpha * z, with z standard normal.
data {
  int<lower=1> N;
  int<lower=1> J;
  array[N] int<lower=1, upper=J> g;
  vector[N] x;
  array[N] int<lower=0, upper=1> y;
}
parameters {
  real mu_alpha;
  real<lower=0> sigma_alpha;
  vector[J] z;
  real beta;
}
transformed parameters {
  vector[J] alpha;
  for (j in 1:J)
    alpha[j] = mu_alpha + sigma_alpha * z[j];
}
model {
  mu_alpha ~ normal(0, 2.5);
  sigma_alpha ~ exponential(1);
  z ~ std_normal();
  beta ~ normal(0, 2.5);
  y ~ bernoulli_logit(alpha[g] + beta * x);
}
generated quantities {
  real p_urban_1 = inv_logit(alpha[1] + beta);
}
