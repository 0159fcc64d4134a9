functions{


    matrix cov_GPL2(matrix x, real sq_alpha, real sq_rho, real delta) {
        int N = dims(x)[1];
        matrix[N, N] K;
        for (i in 1:(N-1)) {
          K[i, i] = sq_alpha + delta;
          for (j in (i + 1):N) {
            K[i, j] = sq_alpha * exp(-sq_rho * square(x[i,j]) );
            K[j, i] = K[i, j];
          }
        }
        K[N, N] = sq_alpha + delta;
        return K;
    }
}
data{
    int y[10] ;
     vector[10] log_pop;
    int society[10] ;
     matrix[10,10] Dmat;
}
parameters{
     real a;
     real b;
     vector[10] aj;
     real<lower=0> etasq;
     real<lower=0> rhosq;
}
model{
     vector[10] mu;
     matrix[10,10] SIGMA;
    rhosq ~ exponential( 1 );
    etasq ~ exponential( 1 );
    SIGMA = cov_GPL2(Dmat, etasq, rhosq, 0.01);
    aj ~ multi_normal( rep_vector(0,10) , SIGMA );
    b ~ normal( 0 , 1 );
    a ~ normal( 0 , 10 );
    for ( i in 1:10 ) {
        mu[i] = a + aj[society[i]] + b * log_pop[i];
        mu[i] = exp(mu[i]);
    }
    y ~ poisson( mu );
}

