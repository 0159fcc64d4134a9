data{
    int reject[12] ;
    int dept[12] ;
    int applications[12] ;
    int admit[12] ;
    int male[12] ;
}
parameters{
     real a;
     real b;
}
model{
     vector[12] p;
    b ~ normal( 0 , 1 );
    a ~ normal( 0 , 4 );
    for ( i in 1:12 ) {
        p[i] = a + b * male[i];
        p[i] = inv_logit(p[i]);
    }
    admit ~ binomial( applications , p );
}
generated quantities{
    vector[12] log_lik;
     vector[12] p;
    for ( i in 1:12 ) {
        p[i] = a + b * male[i];
        p[i] = inv_logit(p[i]);
    }
    for ( i in 1:12 ) log_lik[i] = binomial_lpmf( admit[i] | applications[i] , p[i] );
}

