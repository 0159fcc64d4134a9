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
    int reject[12] ;
    int dept[12] ;
    int applications[12] ;
    int admit[12] ;
    int male[12] ;
     vector[12] x;
    int x_missidx[2] ;
     vector[12] x2;
    int x2_missidx[3] ;
}
parameters{
     real a;
     real b;
     real bx2;
     real bx;
     vector[2] x_impute;
     vector[3] x2_impute;
}
model{
     vector[12] p;
     vector[12] x_merge;
     vector[12] x2_merge;
    bx ~ normal( 0 , 1 );
    bx2 ~ normal( 0 , 1 );
    b ~ normal( 0 , 1 );
    a ~ normal( 0 , 4 );
    x2_merge = merge_missing(x2_missidx, to_vector(x2), x2_impute);
    x_merge = merge_missing(x_missidx, to_vector(x), x_impute);
    x2_merge ~ normal( 0 , 1 );
    x_merge ~ normal( 0 , 1 );
    for ( i in 1:12 ) {
        p[i] = a + b * male[i] + bx * x_merge[i] + bx2 * x2_merge[i];
        p[i] = inv_logit(p[i]);
    }
    admit ~ binomial( applications , p );
}

