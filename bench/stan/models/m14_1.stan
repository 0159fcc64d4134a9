// m14.1 (R code 14.12): varying intercepts and slopes by cafe, centred, with a 2x2 LKJ
// correlation matrix, as ulam compiles the book's alist (docs/reference.md, section 6.2).
// Parameters in the order of their first ~ line in the alist. Stan 2.21 syntax.
data {
  int<lower=1> N;
  int<lower=1> N_cafes;
  int<lower=1, upper=N_cafes> cafe[N];
  vector[N] afternoon;
  vector[N] wait;
}
parameters {
  vector[N_cafes] a_cafe;
  vector[N_cafes] b_cafe;
  real a;
  real b;
  vector<lower=0>[2] sigma_cafe;
  real<lower=0> sigma;
  corr_matrix[2] Rho;
}
model {
  vector[N] mu;
  Rho ~ lkj_corr(2);
  sigma ~ exponential(1);
  sigma_cafe ~ exponential(1);
  b ~ normal(-1, 0.5);
  a ~ normal(5, 2);
  {
    vector[2] YY[N_cafes];
    vector[2] MU;
    MU = [a, b]';
    for (j in 1:N_cafes) YY[j] = [a_cafe[j], b_cafe[j]]';
    YY ~ multi_normal(MU, quad_form_diag(Rho, sigma_cafe));
  }
  for (i in 1:N)
    mu[i] = a_cafe[cafe[i]] + b_cafe[cafe[i]] * afternoon[i];
  wait ~ normal(mu, sigma);
}
