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
     matrix[2,6] z;
     vector[2] v_mu;
     vector<lower=0>[2] sigma;
     cholesky_factor_corr[2] L_Rho;
}
model{
     vector[12] p;
     matrix[6,2] v;
    L_Rho ~ lkj_corr_cholesky( 2 );
    sigma ~ normal( 0 , 1 );
    v_mu[2] ~ normal( 0 , 1 );
    v_mu[1] ~ normal( 0 , 4 );
    to_vector( z ) ~ normal( 0 , 1 );
    v = (diag_pre_multiply(sigma, L_Rho) * z)';
    for ( i in 1:12 ) {
        p[i] = v_mu[1] + v[dept[i], 1] + (v_mu[2] + v[dept[i], 2]) * male[i];
        p[i] = inv_logit(p[i]);
    }
    admit ~ binomial( applications , p );
}
generated quantities{
     matrix[6,2] v;
    v = (diag_pre_multiply(sigma, L_Rho) * z)';
}

