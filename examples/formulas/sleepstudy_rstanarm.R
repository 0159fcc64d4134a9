# lme4's sleepstudy: reaction times over days of sleep deprivation, with a correlated intercept
# and slope per subject, rstanarm's default priors (autoscaled normal, exponential, decov).
#
#   ulam run examples/formulas/sleepstudy_rstanarm.R --data examples/formulas/sleepstudy.csv
library(rstanarm)
fit <- stan_lmer(Reaction ~ Days + (Days | Subject), data = sleepstudy)
