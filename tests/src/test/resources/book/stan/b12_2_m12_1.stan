functions{
    real bb_written_v(int[] y, int[] N, vector a, vector b) {
        real t = 0;
        for (i in 1:size(y)) t += lchoose(N[i], y[i]) + lbeta(y[i] + a[i], N[i] - y[i] + b[i]) - lbeta(a[i], b[i]);
        return t;
    }
    real bb_written_s(int y, int N, real a, real b) {
        return lchoose(N, y) + lbeta(y + a, N - y + b) - lbeta(a, b);
    }
}
data{
    int N[12] ;
    int A[12] ;
    int gid[12] ;
}
parameters{
     vector[2] a;
     real<lower=0> phi;
}
transformed parameters{
     real theta;
    theta = phi + 2;
}
model{
     vector[12] pbar;
    phi ~ exponential( 1 );
    a ~ normal( 0 , 1.5 );
    for ( i in 1:12 ) {
        pbar[i] = a[gid[i]];
        pbar[i] = inv_logit(pbar[i]);
    }
    target += bb_written_v( A , N , pbar*theta , (1-pbar)*theta );
}

