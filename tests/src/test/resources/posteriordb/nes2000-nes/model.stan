// Party identification on ideology, race, age, education, gender and income (2000): written from the posterior's MODEL.md (posteriordb nes2000-nes), with the priors of model.ulam
data {
  int<lower=0> N;
  vector[N] partyid7;
  vector[N] age30_44;
  vector[N] age45_64;
  vector[N] age65up;
  vector[N] educ1;
  vector[N] gender;
  vector[N] income;
  vector[N] race_adj;
  vector[N] real_ideo;
}
parameters {
  vector[9] beta;
  real<lower=0> sigma;
}
model {
  beta ~ normal(0, 100);
  sigma ~ normal(0, 100);
  partyid7 ~ normal(beta[1] + beta[2] * real_ideo + beta[3] * race_adj + beta[4] * age30_44 + beta[5] * age45_64 + beta[6] * age65up + beta[7] * educ1 + beta[8] * gender + beta[9] * income, sigma);
}
