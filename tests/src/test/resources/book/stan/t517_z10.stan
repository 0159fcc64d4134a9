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
}
model{
     vector[9930] theta;
    ba ~ normal( 0 , 1 );
    bi ~ normal( 0 , 1 );
    for ( i in 1:9930 ) {
        theta[i] = ba * action[i] + bi * intention[i];
    }
    target += sum(theta[response]) - size(response) * log_sum_exp(theta);
}

