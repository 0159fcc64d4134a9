// m14.8 (R code 14.39): Gaussian process on Kline2: society intercepts k ~ multi_normal(0, SIGMA)
// with SIGMA = cov_GPL2(Dmat, etasq, rhosq, 0.01), rethinking's L2 kernel
// (K[i,j] = etasq exp(-rhosq Dmat[i,j]^2), diagonal etasq + 0.01), as ulam compiles the book's
// alist (SIGMA is a model-block local). Parameters in the order of their first ~ line.
functions {
  matrix cov_GPL2(matrix x, real sq_alpha, real sq_rho, real delta) {
    int N = dims(x)[1];
    matrix[N, N] K;
    for (i in 1:(N - 1)) {
      K[i, i] = sq_alpha + delta;
      for (j in (i + 1):N) {
        K[i, j] = sq_alpha * exp(-sq_rho * square(x[i, j]));
        K[j, i] = K[i, j];
      }
    }
    K[N, N] = sq_alpha + delta;
    return K;
  }
}
data {
  int<lower=1> N;
  int<lower=0> T[N];
  vector<lower=0>[N] P;
  int<lower=1, upper=N> society[N];
  matrix[N, N] Dmat;
}
parameters {
  vector[10] k;
  real<lower=0> a;
  real<lower=0> b;
  real<lower=0> g;
  real<lower=0> etasq;
  real<lower=0> rhosq;
}
model {
  vector[N] lambda;
  matrix[10, 10] SIGMA;
  rhosq ~ exponential(0.5);
  etasq ~ exponential(2);
  g ~ exponential(1);
  b ~ exponential(1);
  a ~ exponential(1);
  SIGMA = cov_GPL2(Dmat, etasq, rhosq, 0.01);
  k ~ multi_normal(rep_vector(0, 10), SIGMA);
  for (i in 1:N)
    lambda[i] = (a * P[i]^b / g) * exp(k[society[i]]);
  T ~ poisson(lambda);
}
