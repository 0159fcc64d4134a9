data{
     vector[100] y;
}
parameters{
     real a;
     real<lower=0> theta;
}
model{
     real p;
    theta ~ exponential( 1 );
    a ~ normal( 0 , 1.5 );
    p = a;
    p = inv_logit(p);
    y ~ beta( p*theta , (1-p)*theta );
}

