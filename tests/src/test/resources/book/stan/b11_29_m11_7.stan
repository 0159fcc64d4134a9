data{
    int dept_id[12] ;
    int applications[12] ;
    int admit[12] ;
    int gid[12] ;
}
parameters{
     vector[2] a;
}
model{
     vector[12] p;
    a ~ normal( 0 , 1.5 );
    for ( i in 1:12 ) {
        p[i] = a[gid[i]];
        p[i] = inv_logit(p[i]);
    }
    admit ~ binomial( applications , p );
}

