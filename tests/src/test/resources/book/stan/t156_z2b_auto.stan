functions{


    vector merge_missing( int[] miss_indexes , vector x_obs , vector x_miss ) {
        int N = dims(x_obs)[1];
        int N_miss = dims(x_miss)[1];
        vector[N] merged;
        merged = x_obs;
        for ( i in 1:N_miss )
            merged[ miss_indexes[i] ] = x_miss[i];
        return merged;
    }
}
data{
     vector[12] x2;
    int reject[12] ;
    int dept[12] ;
    int applications[12] ;
    int admit[12] ;
    int male[12] ;
     vector[12] x;
    int x_missidx[2] ;
}
parameters{
     real a;
     real b;
     real bx;
     vector[2] x_impute;
}
model{
     vector[12] p;
     vector[12] x_merge;
    bx ~ normal( 0 , 1 );
    b ~ normal( 0 , 1 );
    a ~ normal( 0 , 4 );
    x_merge = merge_missing(x_missidx, to_vector(x), x_impute);
    x_merge ~ normal( 0 , 1 );
    for ( i in 1:12 ) {
        p[i] = a + b * male[i] + bx * x_merge[i];
        p[i] = inv_logit(p[i]);
    }
    admit ~ binomial( applications , p );
}
generated quantities{
    vector[12] log_lik;
     vector[12] p;
     vector[12] x_merge;
    x_merge = merge_missing(x_missidx, to_vector(x), x_impute);
    for ( i in 1:12 ) {
        p[i] = a + b * male[i] + bx * x_merge[i];
        p[i] = inv_logit(p[i]);
    }
    for ( i in 1:12 ) log_lik[i] = binomial_lpmf( admit[i] | applications[i] , p[i] );
}

