data{
    int male[12] ;
    int reject[12] ;
    int dept[12] ;
    int applications[12] ;
    int admit[12] ;
}
parameters{
     real a;
}
model{
     real p;
    a ~ normal( 0 , 4 );
    p = a;
    p = inv_logit(p);
    admit ~ binomial( applications , p );
}
generated quantities{
    vector[12] log_lik;
     real p;
    p = a;
    p = inv_logit(p);
    for ( i in 1:12 ) log_lik[i] = binomial_lpmf( admit[i] | applications[i] , p );
}

