data{
    int id[9930] ;
    int contact[9930] ;
    int response[9930] ;
    int intention[9930] ;
    int action[9930] ;
}
parameters{
     real bi;
     real ba;
     ordered[6] cutpoints;
}
model{
     vector[9930] theta;
    cutpoints ~ normal( 0 , 4 );
    ba ~ normal( 0 , 1 );
    bi ~ normal( 0 , 1 );
    for ( i in 1:9930 ) {
        theta[i] = ba * action[i] + bi * intention[i];
    }
    for ( i in 1:9930 ) response[i] ~ ordered_logistic( theta[i] , cutpoints );
}

