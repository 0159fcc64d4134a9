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
    Rho ~ lkj_corr( 2 );
    sigma ~ normal( 0 , 2 );
    sigma ~ normal( 0 , 1 );
    bbar ~ normal( 0 , 1 );
    abar ~ normal( 0 , 4 );
    {
    vector[2] MU;
    MU = [ abar , bbar ]';
    v ~ multi_normal( MU , quad_form_diag(Rho , sigma) );
    }
    for ( i in 1:12 ) {
        p[i] = v[dept[i], 1] + v[dept[i], 2] * male[i];
        p[i] = inv_logit(p[i]);
    }
    admit ~ binomial( applications , p );
}

