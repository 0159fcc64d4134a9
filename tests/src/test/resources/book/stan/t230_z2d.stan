data{
     vector[12] y;
    int male[12] ;
    int reject[12] ;
    int applications[12] ;
    int admit[12] ;
    int dept[12] ;
    int male2[12] ;
}
parameters{
     real<lower=0,upper=1> phi_male;
     vector[6] a;
     real b;
}
model{
     vector[12] p;
     vector[12] p_m1;
     vector[12] p_m0;
    b ~ normal( 0 , 1 );
    a ~ normal( 0 , 4 );
    phi_male ~ beta( 2 , 2 );
    for ( i in 1:12 ) 
        if ( male2[i] > -1 ) male2[i] ~ bernoulli( phi_male );
    for ( i in 1:12 ) {
        p_m0[i] = a[dept[i]] + b * 0;
        p_m0[i] = inv_logit(p_m0[i]);
    }
    for ( i in 1:12 ) {
        p_m1[i] = a[dept[i]] + b * 1;
        p_m1[i] = inv_logit(p_m1[i]);
    }
    for ( i in 1:12 ) {
        p[i] = a[dept[i]] + b * male2[i];
        p[i] = inv_logit(p[i]);
    }
    for ( i in 1:12 ) 
        if ( male2[i] > -1 ) admit[i] ~ binomial( applications[i] , p[i] );
    for ( i in 1:12 ) 
        if ( male2[i] == -1 ) target += log_mix(phi_male, binomial_lpmf(admit[i] | applications[i], p_m1[i]), binomial_lpmf(admit[i] | applications[i], p_m0[i]));
}
generated quantities{
    vector[12] log_lik;
     vector[12] p;
     vector[12] p_m1;
     vector[12] p_m0;
    for ( i in 1:12 ) {
        p_m0[i] = a[dept[i]] + b * 0;
        p_m0[i] = inv_logit(p_m0[i]);
    }
    for ( i in 1:12 ) {
        p_m1[i] = a[dept[i]] + b * 1;
        p_m1[i] = inv_logit(p_m1[i]);
    }
    for ( i in 1:12 ) {
        p[i] = a[dept[i]] + b * male2[i];
        p[i] = inv_logit(p[i]);
    }
    for ( i in 1:12 ) 
        if ( male2[i] == -1 ) log_lik[i] = log_mix(phi_male, binomial_lpmf(admit[i] | applications[i], p_m1[i]), binomial_lpmf(admit[i] | applications[i], p_m0[i]));
}

