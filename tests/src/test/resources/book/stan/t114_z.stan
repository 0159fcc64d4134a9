data{
    int y[504] ;
}
parameters{
     real a;
}
model{
     real p;
    a ~ normal( 0 , 4 );
    p = a;
    p = inv_logit(p);
    y ~ binomial( 1 , p );
}
generated quantities{
    vector[504] log_lik;
     real p;
    p = a;
    p = inv_logit(p);
    for ( i in 1:504 ) log_lik[i] = binomial_lpmf( y[i] | 1 , p );
}

