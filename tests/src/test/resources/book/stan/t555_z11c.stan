data{
    int y[365] ;
     vector[365] x;
}
parameters{
     real ap;
     real al;
     real bl;
}
model{
     real p;
     vector[365] lambda;
    bl ~ normal( 0 , 1 );
    al ~ normal( 0 , 10 );
    ap ~ normal( 0 , 1 );
    for ( i in 1:365 ) {
        lambda[i] = al + bl * x[i];
        lambda[i] = exp(lambda[i]);
    }
    p = ap;
    p = inv_logit(p);
    for ( i in 1:365 ) 
        if ( y[i] > 0 ) target += log1m(p) + poisson_lpmf(y[i] | lambda[i]);
    for ( i in 1:365 ) 
        if ( y[i] == 0 ) target += log_mix(p, 0, poisson_lpmf(0 | lambda[i]));
}

