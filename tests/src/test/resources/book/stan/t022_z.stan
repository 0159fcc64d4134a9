data{
    int male[352] ;
     vector[352] age;
     vector[352] height;
     vector[352] weight;
}
parameters{
     real a;
     real b;
     real sigma;
     real<lower=0> nu;
}
model{
     vector[352] mu;
    nu ~ gamma( 2/0.1 , 1/0.1 );
    sigma ~ cauchy( 0 , 2 );
    b ~ normal( 0 , 1 );
    a ~ normal( 178 , 20 );
    for ( i in 1:352 ) {
        mu[i] = a + b * weight[i];
    }
    height ~ student_t( nu , mu , sigma );
}

