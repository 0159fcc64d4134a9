data{
     matrix[100,2] y;
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
    for ( i in 1:100 ) y[i,:] ~ multi_normal( MU , quad_form_diag(Rho , sigma) );
}

