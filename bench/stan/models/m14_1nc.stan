// m14.1 non-centred: the same posterior as m14_1.stan (the book's centred model) by an exact
// change of variables, used to compute m14.1's reference summary because the centred program
// has divergent transitions on the simulated cafes (sigma_cafe[2] near 0 makes a funnel):
//   (a_cafe[j], b_cafe[j])' = (a, b)' + diag(sigma_cafe) * L_Rho * z[, j],  z ~ normal(0, 1),
//   L_Rho ~ lkj_corr_cholesky(2)  <=>  Rho = L_Rho * L_Rho' ~ lkj_corr(2).
// a_cafe, b_cafe (transformed parameters) and Rho (generated) carry the centred model's names;
// z and L_Rho are dropped from the reference file. Stan 2.21 syntax.
data {
  int<lower=1> N;
  int<lower=1> N_cafes;
  int<lower=1, upper=N_cafes> cafe[N];
  vector[N] afternoon;
  vector[N] wait;
}
parameters {
  matrix[2, N_cafes] z;
  real a;
  real b;
  vector<lower=0>[2] sigma_cafe;
  real<lower=0> sigma;
  cholesky_factor_corr[2] L_Rho;
}
transformed parameters {
  vector[N_cafes] a_cafe;
  vector[N_cafes] b_cafe;
  {
    matrix[2, N_cafes] v = diag_pre_multiply(sigma_cafe, L_Rho) * z;
    a_cafe = a + v[1]';
    b_cafe = b + v[2]';
  }
}
model {
  vector[N] mu;
  L_Rho ~ lkj_corr_cholesky(2);
  sigma ~ exponential(1);
  sigma_cafe ~ exponential(1);
  b ~ normal(-1, 0.5);
  a ~ normal(5, 2);
  to_vector(z) ~ normal(0, 1);
  for (i in 1:N)
    mu[i] = a_cafe[cafe[i]] + b_cafe[cafe[i]] * afternoon[i];
  wait ~ normal(mu, sigma);
}
generated quantities {
  matrix[2, 2] Rho = multiply_lower_tri_self_transpose(L_Rho);
}
