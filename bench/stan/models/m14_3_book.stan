// m14.3 (R code 14.19) exactly as m14_3.stan (same statements, same log density), with the
// parameters declared in the order of their first ~ line in the book's alist (z_actor, z_block,
// g, sigma_actor, L_Rho_actor, sigma_block, L_Rho_block): the unconstrained order that a
// compiler ordering parameters by their ~ lines produces, for fixed-point comparisons.
data {
  int<lower=1> N;
  int<lower=0, upper=1> L[N];        // pulled_left
  int<lower=1, upper=4> tid[N];      // treatment
  int<lower=1, upper=7> actor[N];
  int<lower=1, upper=6> block_id[N];
}
parameters {
  matrix[4, 7] z_actor;
  matrix[4, 6] z_block;
  vector[4] g;
  vector<lower=0>[4] sigma_actor;
  cholesky_factor_corr[4] L_Rho_actor;
  vector<lower=0>[4] sigma_block;
  cholesky_factor_corr[4] L_Rho_block;
}
transformed parameters {
  matrix[7, 4] alpha = (diag_pre_multiply(sigma_actor, L_Rho_actor) * z_actor)';
  matrix[6, 4] beta = (diag_pre_multiply(sigma_block, L_Rho_block) * z_block)';
}
model {
  vector[N] eta;
  g ~ normal(0, 1);
  to_vector(z_actor) ~ normal(0, 1);
  to_vector(z_block) ~ normal(0, 1);
  L_Rho_actor ~ lkj_corr_cholesky(2);
  L_Rho_block ~ lkj_corr_cholesky(2);
  sigma_actor ~ exponential(1);
  sigma_block ~ exponential(1);
  for (i in 1:N)
    eta[i] = g[tid[i]] + alpha[actor[i], tid[i]] + beta[block_id[i], tid[i]];
  L ~ bernoulli_logit(eta);
}
generated quantities {
  matrix[4, 4] Rho_actor = multiply_lower_tri_self_transpose(L_Rho_actor);
  matrix[4, 4] Rho_block = multiply_lower_tri_self_transpose(L_Rho_block);
}
