data{
     vector[100] y2;
     vector[100] y1;
}
parameters{
     vector[2] MU;
     corr_matrix[2] Rho;
     vector<lower=0>[2] sigma;
}
model{
    sigma ~ normal( 0 , 1 );
    Rho ~ lkj_corr( 2 );
    MU ~ normal( 0 , 1 );
    {
    vector[2] YY[100] ;
    for ( j in 1:100 ) YY[j] = [ y1[j] , y2[j] ]';
    YY ~ multi_normal( MU , quad_form_diag(Rho , sigma) );
    }
}

