data{
     vector[12] y;
    int male2[12] ;
    int reject[12] ;
    int applications[12] ;
    int admit[12] ;
    int male[12] ;
    int dept[12] ;
}
parameters{
    vector[2] v[6] ;
     real abar;
     real bbar;
     vector<lower=0>[2] sigma;
     corr_matrix[2] Rho;
}
model{
     vector[12] p;
     vector[12] A;
     vector[12] B;
    Rho ~ lkj_corr( 2 );
    sigma ~ normal( 0 , 1 );
    bbar ~ normal( 0 , 1 );
    abar ~ normal( 0 , 4 );
    v ~ multi_normal( rep_vector(0,2) , quad_form_diag(Rho , sigma) );
    for ( i in 1:12 ) {
        B[i] = bbar + v[dept[i], 2];
    }
    for ( i in 1:12 ) {
        A[i] = abar + v[dept[i], 1];
    }
    for ( i in 1:12 ) {
        p[i] = A[i] + B[i] * male[i];
        p[i] = inv_logit(p[i]);
    }
    admit ~ binomial( applications , p );
}

