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
     vector[6] b;
     vector[6] a;
     real abar;
     real bbar;
     vector<lower=0>[2] sigma;
     corr_matrix[2] Rho;
}
model{
     vector[12] p;
    Rho ~ lkj_corr( 2 );
    sigma ~ normal( 0 , 1 );
    bbar ~ normal( 0 , 1 );
    abar ~ normal( 0 , 4 );
    {
    vector[2] YY[6] ;
    vector[2] MU;
    MU = [ abar , bbar ]';
    for ( j in 1:6 ) YY[j] = [ a[j] , b[j] ]';
    YY ~ multi_normal( MU , quad_form_diag(Rho , sigma) );
    }
    for ( i in 1:12 ) {
        p[i] = a[dept[i]] + b[dept[i]] * male[i];
        p[i] = inv_logit(p[i]);
    }
    admit ~ binomial( applications , p );
}
generated quantities{
    vector[12] log_lik;
     vector[12] p;
    for ( i in 1:12 ) {
        p[i] = a[dept[i]] + b[dept[i]] * male[i];
        p[i] = inv_logit(p[i]);
    }
    for ( i in 1:12 ) log_lik[i] = binomial_lpmf( admit[i] | applications[i] , p[i] );
}

