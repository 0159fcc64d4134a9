data{
    int male[12] ;
    int reject[12] ;
    int dept[12] ;
    int applications[12] ;
    int admit[12] ;
}
parameters{
     real<lower=0> a;
}
model{
     real p;
    a ~ normal( 0 , 4 );
    p = a;
    p = inv_logit(p);
    admit ~ binomial( applications , p );
}

