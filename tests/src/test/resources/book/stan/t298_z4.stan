data{
     vector[12] y;
    int male2[12] ;
    int reject[12] ;
    int applications[12] ;
    int admit[12] ;
    int male[12] ;
    int dept[12] ;
}
parameters{
     vector[6] a;
     real abar;
     real<lower=0> sigma;
     real b;
}
model{
     vector[12] p;
    b ~ normal( 0 , 1 );
    sigma ~ normal( 0 , 1 );
    abar ~ normal( 0 , 4 );
    a ~ normal( abar , sigma );
    for ( i in 1:12 ) {
        p[i] = a[dept[i]] + b * male[i];
        p[i] = inv_logit(p[i]);
    }
    admit ~ binomial( applications , p );
}

