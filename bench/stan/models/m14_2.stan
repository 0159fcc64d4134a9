// m14.2 (R code 14.18), centred varying slopes by actor and block: written by `ulam stancode --stan-2.21`
// from bench/models/chimpanzees_slopes_centred.ulam (as rethinking writes it: multi_normal with quad_form_diag).
data {
  int<lower=0> N;  // length(L)
  int<lower=0> N_actor;  // max(actor)
  int<lower=0> N_block_id;  // max(block_id)
  int<lower=0> N_tid;  // max(tid)
  int actor[N];
  int L[N];  // L <- pulled_left
  int tid[N];  // tid <- 1 + prosoc_left + 2*condition
  int block_id[N];  // block_id <- block
}
parameters {
  matrix[N_actor, 4] alpha;
  matrix[N_block_id, 4] beta;
  vector[N_tid] g;
  vector<lower=0>[4] sigma_actor;
  corr_matrix[4] Rho_actor;
  vector<lower=0>[4] sigma_block;
  corr_matrix[4] Rho_block;
}
model {
  matrix[4, N_actor] tmp1;
  vector[4] tmp3;
  matrix[4, 4] tmp2;
  matrix[4, N_block_id] tmp4;
  vector[4] tmp6;
  matrix[4, 4] tmp5;
  tmp1 = alpha';
  for (i in 1:4) {
    tmp3[i] = 0;
  }
  tmp2 = quad_form_diag(Rho_actor, sigma_actor);
  tmp4 = beta';
  for (i in 1:4) {
    tmp6[i] = 0;
  }
  tmp5 = quad_form_diag(Rho_block, sigma_block);
  for (i in 1:N) {
    L[i] ~ binomial_logit(1, g[tid[i]] + alpha[actor[i], tid[i]] + beta[block_id[i], tid[i]]);
  }
  for (i in 1:N_actor) {
    target += multi_normal_lpdf(col(tmp1, i) | tmp3, tmp2);
  }
  for (i in 1:N_block_id) {
    target += multi_normal_lpdf(col(tmp4, i) | tmp6, tmp5);
  }
  g ~ normal(0, 1);
  sigma_actor ~ exponential(1);
  target += lkj_corr_lpdf(Rho_actor | 4);
  sigma_block ~ exponential(1);
  target += lkj_corr_lpdf(Rho_block | 4);
}
