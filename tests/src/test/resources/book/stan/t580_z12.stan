data{
     matrix[10,10] Dmat;
    int society[10] ;
    int y[10] ;
     vector[10] log_pop;
}
parameters{
     real a;
     real b;
     real<lower=0> etasq;
     real<lower=0> rhosq;
}
model{
     vector[10] mu;
    rhosq ~ exponential( 1 );
    etasq ~ exponential( 1 );
    b ~ normal( 0 , 1 );
    a ~ normal( 0 , 10 );
    for ( i in 1:10 ) {
        mu[i] = a + b * log_pop[i];
        mu[i] = exp(mu[i]);
    }
    y ~ poisson( mu );
}

