data{
     vector[100] y;
}
parameters{
     real<lower=0> theta;
}
model{
    theta ~ exponential( 1 );
    y ~ beta( p*theta , (1-p)*theta );
}

