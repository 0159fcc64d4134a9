#!/usr/bin/env Rscript
## The data of every book model as the book prepares it, one JSON file per distinct data list.
##
## usage: Rscript bench/book/make_data.R      (from anywhere; needs library(rethinking) for
##        standardize, rbern, sim_happiness, rbeta2, coerce_index, rlkjcorr, as the book uses them)
##
## Each scene below is the book's preparation (the R code boxes named beside it), written here
## from the committed CSVs (examples/data/ and tests/src/test/resources/book/datasets/, copies of
## the rethinking package's data files). Datasets the repository does not hold (cherry_blossoms,
## tulips, KosterLeckie, Primates301_nex, Panda_nuts) are SIMULATED with the same columns and
## structure (marked "data simulated" in data.tsv and docs/book.md). Simulations the book runs
## without a seed get one here. For each call the `data=` argument is evaluated in its scene, as R
## would; data frames keep their numeric columns (text and factor columns are dropped: no model
## uses them), a one-column matrix from scale() becomes a vector, and a global the formula reads
## (xbar) is added. Writes tests/src/test/resources/book/data/*.json (a list identical to an
## earlier one shares its file) and data.tsv (id, data, simulated, note).
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "common.R"))
suppressPackageStartupMessages({ library(rethinking); library(MASS); library(splines) })

csv <- function(name) {
  f <- file.path(ROOT, "examples", "data", paste0(name, ".csv"))
  if (!file.exists(f)) f <- file.path(RES, "datasets", paste0(name, ".csv"))
  read.table(f, header = TRUE, sep = ";", as.is = FALSE)   # as R's data() reads a package's csv
}
islands <- function() {
  m <- as.matrix(read.csv(file.path(ROOT, "examples", "data", "islandsDistMatrix.csv"), row.names = 1, check.names = FALSE))
  dimnames(m) <- NULL
  m
}

scenes <- list()
S <- function(name, simulated = "", f) scenes[[name]] <<- list(f = f, simulated = simulated)

S("none", f = function(e) {})
S("howell_adults", f = function(e) with(e, {            # 4.26, 4.42, 4.48
  d <- csv("Howell1"); d2 <- d[d$age >= 18, ]; xbar <- mean(d2$weight); N <- 10; dN <- d2[1:N, ]
}))
S("howell_poly", f = function(e) with(e, {              # 4.64, 4.65, 4.69
  d <- csv("Howell1")
  d$weight_s <- (d$weight - mean(d$weight)) / sd(d$weight)
  d$weight_s2 <- d$weight_s^2; d$weight_s3 <- d$weight_s^3
}))
S("cherry", simulated = "cherry_blossoms simulated: 827 years with a day of first bloom (doy)", f = function(e) with(e, {
  ## 4.72-4.74 on a simulated cherry_blossoms: years 812-2015 with doy observed in 827 of them
  set.seed(4072)
  year <- 801:2015
  obs <- sort(sample(12:length(year), 827))
  doy <- rep(NA_integer_, length(year))
  doy[obs] <- as.integer(round(105 + 4 * sin((year[obs] - 800) / 160) - 3 * (year[obs] > 1850) + rnorm(827, 0, 6)))
  d <- data.frame(year = year, doy = doy)
  d2 <- d[complete.cases(d$doy), ]
  num_knots <- 15
  knot_list <- quantile(d2$year, probs = seq(0, 1, length.out = num_knots))
  B <- bs(d2$year, knots = knot_list[-c(1, num_knots)], degree = 3, intercept = TRUE)
}))
S("waffle", f = function(e) with(e, {                   # 5.1, 7.32
  d <- csv("WaffleDivorce")
  d$D <- standardize(d$Divorce); d$M <- standardize(d$Marriage); d$A <- standardize(d$MedianAgeMarriage)
}))
S("waffle_list", f = function(e) with(e, {              # 5.19
  W <- csv("WaffleDivorce"); d <- list()
  d$A <- standardize(W$MedianAgeMarriage); d$D <- standardize(W$Divorce); d$M <- standardize(W$Marriage)
}))
S("milk_N", f = function(e) with(e, {                   # 5.28, 5.29, 5.32
  d <- csv("milk")
  d$K <- standardize(d$kcal.per.g); d$N <- standardize(d$neocortex.perc); d$M <- standardize(log(d$mass))
  dcc <- d[complete.cases(d$K, d$N, d$M), ]
}))
S("howell_sex", f = function(e) with(e, {               # 5.45, 5.47
  d <- csv("Howell1"); d$sex <- ifelse(d$male == 1, 2, 1)
}))
S("milk_clade", f = function(e) with(e, {               # 5.50-5.53
  d <- csv("milk"); d$clade_id <- as.integer(d$clade); d$K <- standardize(d$kcal.per.g)
  set.seed(63); d$house <- sample(rep(1:4, each = 8), size = nrow(d))
}))
S("legs", simulated = "simulated by the book (R code 6.2, seed 909)", f = function(e) with(e, {   # 6.2
  N <- 100; set.seed(909)
  height <- rnorm(N, 10, 2); leg_prop <- runif(N, 0.4, 0.5)
  leg_left <- leg_prop * height + rnorm(N, 0, 0.02); leg_right <- leg_prop * height + rnorm(N, 0, 0.02)
  d <- data.frame(height, leg_left, leg_right)
}))
S("milk_FL", f = function(e) with(e, {                  # 6.8
  d <- csv("milk")
  d$K <- standardize(d$kcal.per.g); d$F <- standardize(d$perc.fat); d$L <- standardize(d$perc.lactose)
}))
S("plants", simulated = "simulated by the book (R code 6.13, seed 71)", f = function(e) with(e, {  # 6.13
  set.seed(71); N <- 100
  h0 <- rnorm(N, 10, 2); treatment <- rep(0:1, each = N / 2)
  fungus <- rbinom(N, size = 1, prob = 0.5 - treatment * 0.4); h1 <- h0 + rnorm(N, 5 - 3 * fungus)
  d <- data.frame(h0 = h0, h1 = h1, treatment = treatment, fungus = fungus)
}))
S("happiness", simulated = "simulated by the book (sim_happiness, seed 1977)", f = function(e) with(e, {  # 6.21-6.23
  d <- sim_happiness(seed = 1977, N_years = 1000)
  d2 <- d[d$age > 17, ]; d2$A <- (d2$age - 18) / (65 - 18); d2$mid <- d2$married + 1
}))
S("grandparents", simulated = "simulated by the book (R code 6.25-6.26, seed 1)", f = function(e) with(e, {
  N <- 200; b_GP <- 1; b_GC <- 0; b_PC <- 1; b_U <- 2; set.seed(1)
  U <- 2 * rbern(N, 0.5) - 1; G <- rnorm(N); P <- rnorm(N, b_GP * G + b_U * U)
  C <- rnorm(N, b_PC * P + b_GC * G + b_U * U); d <- data.frame(C = C, P = P, G = G, U = U)
}))
S("hominins", f = function(e) with(e, {                 # 7.1, 7.2 (data printed in the book)
  d <- data.frame(brain = c(438, 452, 612, 521, 752, 871, 1350), mass = c(37.0, 35.5, 34.5, 41.5, 55.5, 61.0, 53.5))
  d$mass_std <- (d$mass - mean(d$mass)) / sd(d$mass); d$brain_std <- d$brain / max(d$brain)
}))
S("cars", f = function(e) with(e, { cars <- datasets::cars }))   # 7.19: R's own cars data set
S("rugged", f = function(e) with(e, {                   # 8.1, 8.7, 9.11, 9.13
  d <- csv("rugged"); d$log_gdp <- log(d$rgdppc_2000)
  dd <- d[complete.cases(d$rgdppc_2000), ]
  dd$log_gdp_std <- dd$log_gdp / mean(dd$log_gdp); dd$rugged_std <- dd$rugged / max(dd$rugged)
  dd$cid <- ifelse(dd$cont_africa == 1, 1, 2)
  dat_slim <- list(log_gdp_std = dd$log_gdp_std, rugged_std = dd$rugged_std, cid = as.integer(dd$cid))
}))
S("tulips", simulated = "tulips simulated: 27 plants, beds a-c, water and shade 1-3", f = function(e) with(e, {  # 8.19, 8.20
  set.seed(819)
  d <- expand.grid(shade = 1:3, water = 1:3, bed = c("a", "b", "c"))[, c("bed", "water", "shade")]
  d$blooms <- pmax(0, round(130 + 75 * (d$water - 2) - 40 * (d$shade - 2) - 50 * (d$water - 2) * (d$shade - 2) +
                              rnorm(27, 0, 40), 2))
  d$blooms_std <- d$blooms / max(d$blooms); d$water_cent <- d$water - mean(d$water); d$shade_cent <- d$shade - mean(d$shade)
}))
S("y_two", f = function(e) with(e, { y <- c(-1, 1) }))  # 9.22
S("y_100", simulated = "simulated by the book (R code 9.25, seed 41)", f = function(e) with(e, { set.seed(41); y <- rnorm(100, mean = 0, sd = 1) }))
S("chimps", f = function(e) with(e, {                   # 11.1, 11.2, 11.10, 11.18, 11.19
  d <- csv("chimpanzees"); d$treatment <- 1 + d$prosoc_left + 2 * d$condition
  dat_list <- list(pulled_left = d$pulled_left, actor = d$actor, treatment = as.integer(d$treatment))
  d$side <- d$prosoc_left + 1; d$cond <- d$condition + 1
  dat_list2 <- list(pulled_left = d$pulled_left, actor = d$actor, side = d$side, cond = d$cond)
}))
S("chimps_agg", f = function(e) with(e, {               # 11.24, 11.25
  d <- csv("chimpanzees"); d$treatment <- 1 + d$prosoc_left + 2 * d$condition
  d$side <- d$prosoc_left + 1; d$cond <- d$condition + 1
  d_aggregated <- aggregate(d$pulled_left, list(treatment = d$treatment, actor = d$actor, side = d$side, cond = d$cond), sum)
  colnames(d_aggregated)[5] <- "left_pulls"
  dat <- with(d_aggregated, list(left_pulls = left_pulls, treatment = treatment, actor = actor, side = side, cond = cond))
}))
S("ucb", f = function(e) with(e, {                      # 11.28, 11.29, 11.32, 11.60, 11.61
  d <- csv("UCBadmit")
  dat_list <- list(admit = d$admit, applications = d$applications, gid = ifelse(d$applicant.gender == "male", 1, 2))
  dat_list$dept_id <- rep(1:6, each = 2)
  dat <- list(admit = d$admit, rej = d$reject)
}))
S("kline", f = function(e) with(e, {                    # 11.36, 11.37, 11.45, 11.49
  d <- csv("Kline"); d$P <- scale(log(d$population)); d$contact_id <- ifelse(d$contact == "high", 2, 1)
  dat <- list(T = d$total_tools, P = d$P, cid = d$contact_id)
  dat2 <- list(T = d$total_tools, P = d$population, cid = d$contact_id)
}))
S("monastery", simulated = "simulated by the book (R code 11.50-11.52; seed 1150 here)", f = function(e) with(e, {
  set.seed(1150); num_days <- 30; y <- rpois(num_days, 1.5); num_weeks <- 4; y_new <- rpois(num_weeks, 0.5 * 7)
  y_all <- c(y, y_new); exposure <- c(rep(1, 30), rep(7, 4)); monastery <- c(rep(0, 30), rep(1, 4))
  d <- data.frame(y = y_all, days = exposure, monastery = monastery); d$log_days <- log(d$days)
}))
S("ucb12", f = function(e) with(e, {                    # 12.2
  d <- csv("UCBadmit"); d$gid <- ifelse(d$applicant.gender == "male", 1L, 2L)
  dat <- list(A = d$admit, N = d$applications, gid = d$gid)
}))
S("kline12", f = function(e) with(e, {                  # 12.6
  d <- csv("Kline"); d$P <- standardize(log(d$population)); d$contact_id <- ifelse(d$contact == "high", 2L, 1L)
  dat2 <- list(T = d$total_tools, P = d$population, cid = d$contact_id)
}))
S("monks", simulated = "simulated by the book (R code 12.7, seed 365)", f = function(e) with(e, {
  prob_drink <- 0.2; rate_work <- 1; N <- 365; set.seed(365)
  drink <- rbinom(N, 1, prob_drink); y <- (1 - drink) * rpois(N, rate_work)
}))
S("trolley", f = function(e) with(e, {                  # 12.12, 12.24, 12.30, 12.31, 12.34, 12.37
  d <- csv("Trolley")
  dat <- list(R = d$response, A = d$action, I = d$intention, C = d$contact)
}))
S("trolley_edu", f = function(e) with(e, {
  d <- csv("Trolley"); edu_levels <- c(6, 1, 8, 4, 7, 2, 5, 3); d$edu_new <- edu_levels[d$edu]
  dat <- list(R = d$response, action = d$action, intention = d$intention, contact = d$contact,
              E = as.integer(d$edu_new), alpha = rep(2, 7))
}))
S("trolley_edu_norm", f = function(e) with(e, {
  d <- csv("Trolley"); edu_levels <- c(6, 1, 8, 4, 7, 2, 5, 3); d$edu_new <- edu_levels[d$edu]
  dat <- list(R = d$response, action = d$action, intention = d$intention, contact = d$contact,
              E = as.integer(d$edu_new), alpha = rep(2, 7))
  dat$edu_norm <- normalize(d$edu_new)
}))
S("frogs", f = function(e) with(e, {                    # 13.1, 13.2
  d <- csv("reedfrogs"); d$tank <- 1:nrow(d); dat <- list(S = d$surv, N = d$density, tank = d$tank)
}))
S("ponds", simulated = "simulated by the book (R code 13.7-13.13, seed 5005)", f = function(e) with(e, {
  a_bar <- 1.5; sigma <- 1.5; nponds <- 60; Ni <- as.integer(rep(c(5, 10, 25, 35), each = 15))
  set.seed(5005); a_pond <- rnorm(nponds, mean = a_bar, sd = sigma)
  dsim <- data.frame(pond = 1:nponds, Ni = Ni, true_a = a_pond)
  dsim$Si <- rbinom(nponds, prob = logistic(dsim$true_a), size = dsim$Ni)
  dat <- list(Si = dsim$Si, Ni = dsim$Ni, pond = dsim$pond)
}))
S("chimps_block", f = function(e) with(e, {             # 13.21
  d <- csv("chimpanzees"); d$treatment <- 1 + d$prosoc_left + 2 * d$condition
  dat_list <- list(pulled_left = d$pulled_left, actor = d$actor, block_id = d$block, treatment = as.integer(d$treatment))
}))
S("cafes", simulated = "simulated by the book (R code 14.1-14.10, seeds 5 and 22)", f = function(e) with(e, {
  a <- 3.5; b <- (-1); sigma_a <- 1; sigma_b <- 0.5; rho <- (-0.7); Mu <- c(a, b)
  sigmas <- c(sigma_a, sigma_b); Rho <- matrix(c(1, rho, rho, 1), nrow = 2)
  Sigma <- diag(sigmas) %*% Rho %*% diag(sigmas); N_cafes <- 20
  set.seed(5); vary_effects <- mvrnorm(N_cafes, Mu, Sigma)
  a_cafe <- vary_effects[, 1]; b_cafe <- vary_effects[, 2]
  set.seed(22); N_visits <- 10
  afternoon <- rep(0:1, N_visits * N_cafes / 2); cafe_id <- rep(1:N_cafes, each = N_visits)
  mu <- a_cafe[cafe_id] + b_cafe[cafe_id] * afternoon; sigma <- 0.5
  wait <- rnorm(N_visits * N_cafes, mu, sigma)
  d <- data.frame(cafe = cafe_id, afternoon = afternoon, wait = wait)
}))
S("chimps_tid", f = function(e) with(e, {               # 14.18
  d <- csv("chimpanzees"); d$block_id <- d$block; d$treatment <- 1L + d$prosoc_left + 2L * d$condition
  dat <- list(L = d$pulled_left, tid = d$treatment, actor = d$actor, block_id = as.integer(d$block_id))
}))
S("instrument", simulated = "simulated by the book (R code 14.23, seed 73)", f = function(e) with(e, {
  set.seed(73); N <- 500; U_sim <- rnorm(N); Q_sim <- sample(1:4, size = N, replace = TRUE)
  E_sim <- rnorm(N, U_sim + Q_sim); W_sim <- rnorm(N, U_sim + 0 * E_sim)
  dat_sim <- list(W = standardize(W_sim), E = standardize(E_sim), Q = standardize(Q_sim))
}))
S("koster", simulated = "KosterLeckie simulated: 25 households, 300 dyads, gifts both ways", f = function(e) with(e, {
  set.seed(1431); H <- 25
  pairs <- t(combn(H, 2)); N <- nrow(pairs)
  gr <- mvrnorm(H, c(0, 0), matrix(c(1, -0.4, -0.4, 0.6), 2))
  dd <- mvrnorm(N, c(0, 0), matrix(c(1, 0.85, 0.85, 1), 2) * 1.2)
  kl_dyads <- data.frame(hidA = pairs[, 1], hidB = pairs[, 2], did = 1:N)
  kl_dyads$giftsAB <- rpois(N, exp(0.5 + gr[pairs[, 1], 1] + gr[pairs[, 2], 2] + dd[, 1]))
  kl_dyads$giftsBA <- rpois(N, exp(0.5 + gr[pairs[, 2], 1] + gr[pairs[, 1], 2] + dd[, 2]))
  kl_data <- list(N = nrow(kl_dyads), N_households = max(kl_dyads$hidB), did = kl_dyads$did,
                  hidA = kl_dyads$hidA, hidB = kl_dyads$hidB, giftsAB = kl_dyads$giftsAB, giftsBA = kl_dyads$giftsBA)
}))
S("kline2", f = function(e) with(e, {                   # 14.37, 14.39
  d <- csv("Kline2"); d$society <- 1:10
  dat_list <- list(T = d$total_tools, P = d$population, society = d$society, Dmat = islands())
}))
S("primates", simulated = "phylogeny simulated (a random coalescent tree over the 151 species); Primates301 data real", f = function(e) with(e, {
  ## 14.47-14.52; Primates301_nex is not in the repository: ape::rcoal draws a tree with the same tips
  d <- csv("Primates301"); d$name <- as.character(d$name)
  dstan <- d[complete.cases(d$group_size, d$body, d$brain), ]; spp_obs <- dstan$name
  dat_list <- list(N_spp = nrow(dstan), M = standardize(log(dstan$body)), B = standardize(log(dstan$brain)),
                   G = standardize(log(dstan$group_size)), Imat = diag(nrow(dstan)))
  set.seed(1447); tree <- ape::rcoal(length(spp_obs), tip.label = spp_obs)
  V <- ape::vcv(tree); Dmat <- ape::cophenetic.phylo(tree)
  dat_list$V <- V[spp_obs, spp_obs]; dat_list$R <- dat_list$V / max(V)
  dat_list$Dmat <- Dmat[spp_obs, spp_obs] / max(Dmat)
  dimnames(dat_list$V) <- dimnames(dat_list$R) <- dimnames(dat_list$Dmat) <- NULL
}))
S("waffle_me", f = function(e) with(e, {                # 15.2, 15.3
  d <- csv("WaffleDivorce")
  dlist <- list(D_obs = standardize(d$Divorce), D_sd = d$Divorce.SE / sd(d$Divorce), M = standardize(d$Marriage),
                A = standardize(d$MedianAgeMarriage), N = nrow(d))
}))
S("waffle_me2", f = function(e) with(e, {               # 15.5: dlist again, with M_obs and M_sd
  d <- csv("WaffleDivorce")
  dlist <- list(D_obs = standardize(d$Divorce), D_sd = d$Divorce.SE / sd(d$Divorce), M_obs = standardize(d$Marriage),
                M_sd = d$Marriage.SE / sd(d$Marriage), A = standardize(d$MedianAgeMarriage), N = nrow(d))
}))
S("dogs", simulated = "simulated by the book (R code 15.11, seed 501)", f = function(e) with(e, {
  set.seed(501); N <- 1000; X <- rnorm(N); S <- rnorm(N)
  H <- rbinom(N, size = 10, inv_logit(2 + S - 2 * X)); D <- ifelse(X > 1, 1, 0)
  dat_list <- list(H = H, S = S); dat_list0 <- list(H = H[D == 0], S = S[D == 0])
}))
S("milk_impute", f = function(e) with(e, {              # 15.16, 15.19
  d <- csv("milk"); d$neocortex.prop <- d$neocortex.perc / 100; d$logmass <- log(d$mass)
  dat_list <- list(K = standardize(d$kcal.per.g), B = standardize(d$neocortex.prop), M = standardize(d$logmass))
  obs_idx <- which(!is.na(d$neocortex.prop))
  dat_list_obs <- list(K = dat_list$K[obs_idx], B = dat_list$B[obs_idx], M = dat_list$M[obs_idx])
}))
S("birds", simulated = "simulated by the book (R code 15.29, seed 9)", f = function(e) with(e, {
  set.seed(9); N_houses <- 100L; alpha <- 5; beta <- (-3); k <- 0.5; r <- 0.2
  cat <- rbern(N_houses, k); notes <- rpois(N_houses, alpha + beta * cat); R_C <- rbern(N_houses, r)
  cat_obs <- cat; cat_obs[R_C == 1] <- (-9L)
  dat <- list(notes = notes, cat = cat_obs, RC = R_C, N = as.integer(N_houses))
}))
S("howell_cylinder", f = function(e) with(e, {          # 16.1
  d <- csv("Howell1"); d$w <- d$weight / mean(d$weight); d$h <- d$height / mean(d$height)
}))
S("panda", simulated = "Panda_nuts simulated: 84 bouts with age 1-16, seconds, nuts opened", f = function(e) with(e, {
  set.seed(1609); n <- 84
  Panda_nuts <- data.frame(age = sort(sample(1:16, n, replace = TRUE)), seconds = round(runif(n, 5, 140), 1))
  rate <- 1.2 * (1 - exp(-2 * Panda_nuts$age / 16))^5
  Panda_nuts$nuts_opened <- rpois(n, Panda_nuts$seconds * rate)
  dat_list <- list(n = as.integer(Panda_nuts$nuts_opened), age = Panda_nuts$age / max(Panda_nuts$age),
                   seconds = Panda_nuts$seconds)
}))
## the package tests (R/ulam_tests.R), in the order the file prepares them
S("t_howell", f = function(e) with(e, { d <- csv("Howell1"); d2 <- d[d$age >= 18, ] }))
S("t_beta", simulated = "simulated by the test (rbeta2; seed 31 here)", f = function(e) with(e, { set.seed(31); y <- rbeta2(100, 0.3, 3) }))
S("t_ucb1", f = function(e) with(e, {
  UCBadmit <- csv("UCBadmit")
  UCBadmit$male <- as.integer(ifelse(UCBadmit$applicant.gender == "male", 1, 0)); UCBadmit$dept <- rep(1:6, each = 2)
  UCBadmit$ag <- UCBadmit$applicant.gender; UCBadmit$applicant.gender <- NULL
}))
S("t_ucb_x", simulated = "x simulated by the test (rnorm; seed 119 here)", f = function(e) with(e, {
  UCBadmit <- csv("UCBadmit")
  UCBadmit$male <- as.integer(ifelse(UCBadmit$applicant.gender == "male", 1, 0)); UCBadmit$dept <- rep(1:6, each = 2)
  UCBadmit$ag <- UCBadmit$applicant.gender; UCBadmit$applicant.gender <- NULL
  set.seed(119); UCBadmit$x <- rnorm(12); UCBadmit$x[1:2] <- NA; UCBadmit$x[2] <- NA
  UCBadmit$x2 <- rnorm(12); UCBadmit$x2[5:7] <- NA
}))
S("t_chimps", f = function(e) with(e, { chimpanzees <- csv("chimpanzees") }))
S("t_ucb2", f = function(e) with(e, {
  UCBadmit <- csv("UCBadmit")
  UCBadmit$male <- as.integer(ifelse(UCBadmit$applicant.gender == "male", 1, 0)); UCBadmit$dept <- rep(1:6, each = 2)
  UCBadmit$applicant.gender <- NULL; UCBadmit$male2 <- UCBadmit$male; UCBadmit$male2[1:2] <- (-1)
  UCBadmit$male2 <- as.integer(UCBadmit$male2); UCBadmit$y <- UCBadmit$admit / UCBadmit$applications
}))
S("t_mvn", simulated = "simulated by the test (rmvnorm; seed 437 here)", f = function(e) with(e, {
  set.seed(437); y <- mvtnorm::rmvnorm(100, mean = c(1, 2), sigma = matrix(c(1, 0.7, 0.7, 1), 2, 2))
}))
S("t_trolley", f = function(e) with(e, {
  Trolley <- csv("Trolley")
  dat_trolley <- list(response = Trolley$response, action = Trolley$action, intention = Trolley$intention,
                      contact = Trolley$contact, id = coerce_index(Trolley$id))
}))
S("t_zip", simulated = "simulated by the test (seed 475 here)", f = function(e) with(e, {
  set.seed(475); prob_drink <- 0.2; rate_work <- 1; N <- 365
  drink <- rbinom(N, 1, prob_drink); y <- as.integer((1 - drink) * rpois(N, rate_work)); x <- rnorm(N)
}))
S("t_kline2", f = function(e) with(e, {
  d <- csv("Kline2"); d$society <- 1:10
  dat <- list(y = d$total_tools, society = d$society, log_pop = log(d$population), Dmat = islands())
}))
S("t_cjs", simulated = "simulated by the test (seed 581 here)", f = function(e) with(e, {
  set.seed(581); K <- 5; p <- runif(K, 0.7, 0.8); phi <- runif(K - 1, 0.8, 0.9); I <- 100; X <- matrix(0, I, K)
  for (i in 1:I) { alive <- 1; for (k in 1:K) { if (alive) X[i, k] <- rbinom(1, 1, p[k]); if (alive && (k < K)) alive <- rbinom(1, 1, phi[k]) } }
  dat <- list(y = X)
}))

## which scene each call's data come from: by code box for the book, by line for the tests
box_scene <- function(box) {
  ch <- as.integer(sub("\\..*", "", box)); n <- as.integer(sub(".*\\.", "", box))
  in_ <- function(c, lo, hi = lo) ch == c && n >= lo && n <= hi
  if (in_(2, 6)) return("none")
  if (in_(4, 28, 48)) return("howell_adults")
  if (in_(4, 65, 69)) return("howell_poly")
  if (in_(4, 76, 79)) return("cherry")
  if (in_(5, 3, 13) || in_(7, 32, 35)) return("waffle")
  if (in_(5, 19)) return("waffle_list")
  if (in_(5, 30, 39)) return("milk_N")
  if (in_(5, 48)) return("howell_sex")
  if (in_(5, 52, 54)) return("milk_clade")
  if (in_(6, 3, 7) || in_(9, 29, 30)) return("legs")
  if (in_(6, 9, 10)) return("milk_FL")
  if (in_(6, 15, 17)) return("plants")
  if (in_(6, 23, 24)) return("happiness")
  if (in_(6, 27, 28)) return("grandparents")
  if (in_(7, 3, 9)) return("hominins")
  if (in_(7, 19)) return("cars")
  if (in_(8, 2, 13) || in_(9, 12, 16)) return("rugged")
  if (in_(8, 23, 24)) return("tulips")
  if (in_(9, 22, 24)) return("y_two")
  if (in_(9, 26, 27)) return("y_100")
  if (in_(9, 28) || in_(13, 26, 27)) return("none")
  if (in_(11, 4, 19)) return("chimps")
  if (in_(11, 25)) return("chimps_agg")
  if (in_(11, 29, 32) || in_(11, 61)) return("ucb")
  if (in_(11, 45, 49)) return("kline")
  if (in_(11, 53)) return("monastery")
  if (in_(12, 2)) return("ucb12")
  if (in_(12, 6)) return("kline12")
  if (in_(12, 9, 11)) return("monks")
  if (in_(12, 16, 24)) return("trolley")
  if (in_(12, 34)) return("trolley_edu")
  if (in_(12, 37)) return("trolley_edu_norm")
  if (in_(13, 2, 3)) return("frogs")
  if (in_(13, 13)) return("ponds")
  if (in_(13, 21, 29)) return("chimps_block")
  if (in_(14, 12)) return("cafes")
  if (in_(14, 18, 19)) return("chimps_tid")
  if (in_(14, 24, 27)) return("instrument")
  if (in_(14, 31)) return("koster")
  if (in_(14, 39, 46)) return("kline2")
  if (in_(14, 49, 52)) return("primates")
  if (in_(15, 3)) return("waffle_me")
  if (in_(15, 5)) return("waffle_me2")
  if (in_(15, 12, 13)) return("dogs")
  if (in_(15, 17, 22)) return("milk_impute")
  if (in_(15, 30, 31)) return("birds")
  if (in_(16, 2)) return("howell_cylinder")
  if (in_(16, 11)) return("panda")
  stop("no scene for R code ", box)
}
line_scene <- function(line) {
  ## lines of R/ulam_tests.R: Howell1 18; rbeta2 37; UCBadmit 67 (x 137, x2 168); chimpanzees 113;
  ## UCBadmit again 187 (male2, y); rmvnorm 470; Trolley 490; zero-inflated 531 (x 554); Kline2 569; CJS 609
  l <- as.integer(line)
  if (l < 37) return("t_howell")
  if (l < 67) return("t_beta")
  if (l > 113 && l < 120) return("t_chimps")
  if (l < 137) return("t_ucb1")
  if (l < 187) return("t_ucb_x")
  if (l < 470) return("t_ucb2")
  if (l < 490) return("t_mvn")
  if (l < 531) return("t_trolley")
  if (l < 569) return("t_zip")
  if (l < 609) return("t_kline2")
  "t_cjs"
}

globals <- list(b4_42_m4_3 = "xbar", b4_43_m4_3b = "xbar")

as_data <- function(x) {
  if (is.data.frame(x)) x <- as.list(x[, vapply(x, function(v) is.numeric(v) || is.logical(v), TRUE), drop = FALSE])
  lapply(x, function(v) {
    if (is.matrix(v) && ncol(v) == 1) v <- as.vector(v)
    if (is.logical(v)) v <- as.integer(v)
    attributes(v) <- if (is.matrix(v)) list(dim = dim(v)) else NULL
    v
  })
}

calls <- read_calls()
dir.create(file.path(RES, "data"), showWarnings = FALSE)
unlink(list.files(file.path(RES, "data"), full.names = TRUE))
written <- character(0)   # md5 -> file
rows <- list()
for (i in seq_len(nrow(calls))) {
  cl <- calls[i, ]
  scene <- if (cl$source == "book") box_scene(cl$box) else line_scene(cl$line)
  e <- new.env(parent = globalenv())
  scenes[[scene]]$f(e)
  fx <- fixture_call(cl$id)
  fn <- if (cl$fn == "quap") rethinking::quap else rethinking::ulam
  mc <- match.call(fn, fx$call)
  dexpr <- mc$data
  if (is.null(dexpr) && length(fx$before)) dexpr <- match.call(fn, fx$before[[length(fx$before)]][[3]])$data
  if (is.null(dexpr)) stop(cl$id, ": no data argument")
  x <- as_data(eval(dexpr, e))
  for (g in globals[[cl$id]]) x[[g]] <- get(g, envir = e)
  txt <- toJSON(x, auto_unbox = TRUE, digits = NA, matrix = "rowmajor", na = "string")
  h <- digest::digest(as.character(txt), "md5")
  if (is.na(written[h])) {
    written[h] <- paste0(cl$id, ".json")
    writeLines(txt, file.path(RES, "data", written[h]))
  }
  rows[[i]] <- data.frame(id = cl$id, data = written[[h]], scene = scene,
                          simulated = scenes[[scene]]$simulated, expression = paste(deparse(dexpr), collapse = " "))
}
out <- do.call(rbind, rows)
write.table(out, file.path(RES, "data.tsv"), sep = "\t", quote = FALSE, row.names = FALSE)
cat(sprintf("%d calls, %d data files\n", nrow(out), length(written)))
