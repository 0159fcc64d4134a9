data{
    int male2[12] ;
    int applications[12] ;
    int reject[12] ;
    int admit[12] ;
     vector[12] y;
    int male[12] ;
    int dept[12] ;
}
parameters{
     vector[6] a;
     real b;
     real<lower=0> sigma;
}
model{
     vector[12] p;
    sigma ~ exponential( 1 );
    b ~ normal( 0 , 1 );
    a ~ normal( 0 , 4 );
    for ( i in 1:12 ) {
        p[i] = a[dept[i]] + b * male[i];
    }
    y ~ normal( p , sigma );
}

