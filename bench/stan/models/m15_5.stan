// m15.5 (R code 15.17): milk energy K on neocortex B and log mass M, with the 12 missing B
// imputed: B_impute is a parameter vector spliced into B by merge_missing (ulam's automatic
// imputation, section 2.15), and the merged B has its own prior normal(nu, sigma_B).
// B_impute first: it belongs to the first ~ line on a non-data symbol (B ~ dnorm(nu, sigma_B));
// then the other parameters in the order of their first ~ line in the alist.
functions {
  vector merge_missing(int[] miss_indexes, vector x_obs, vector x_miss) {
    int N = dims(x_obs)[1];
    int N_miss = dims(x_miss)[1];
    vector[N] merged;
    merged = x_obs;
    for (i in 1:N_miss)
      merged[miss_indexes[i]] = x_miss[i];
    return merged;
  }
}
data {
  int<lower=1> N;
  vector[N] K;
  vector[N] M;
  int<lower=0> N_miss;
  int<lower=1, upper=N> B_missidx[N_miss];
  vector[N] B;  // the missing places hold a placeholder, overwritten by merge_missing
}
parameters {
  vector[N_miss] B_impute;
  real a;
  real nu;
  real bB;
  real bM;
  real<lower=0> sigma_B;
  real<lower=0> sigma;
}
model {
  vector[N] mu;
  vector[N] B_merge;
  B_merge = merge_missing(B_missidx, B, B_impute);
  sigma ~ exponential(1);
  sigma_B ~ exponential(1);
  bM ~ normal(0, 0.5);
  bB ~ normal(0, 0.5);
  nu ~ normal(0, 0.5);
  a ~ normal(0, 0.5);
  B_merge ~ normal(nu, sigma_B);
  for (i in 1:N)
    mu[i] = a + bB * B_merge[i] + bM * M[i];
  K ~ normal(mu, sigma);
}
