# The examples known to the benchmarks, with their data and Stan twins: sourced by bench/run.sh and
# bench/efficiency.sh (from the repository root). A model is an example name (examples/NAME.ulam),
# a benchmark-only model (bench/models/NAME.ulam) or a posteriordb posterior
# (tests/src/test/resources/posteriordb/NAME/model.ulam, its Stan twin written by `ulam stancode`).
pdb_dir=tests/src/test/resources/posteriordb
model_file() { if [ -f "examples/$1.ulam" ]; then echo "examples/$1.ulam"; elif [ -f "bench/models/$1.ulam" ]; then
  echo "bench/models/$1.ulam"; elif [ -f "$pdb_dir/$1/model.ulam" ]; then echo "$pdb_dir/$1/model.ulam"; fi; }
is_posteriordb() { [ -f "$pdb_dir/$1/model.ulam" ]; }
# --data/--data-matrix arguments of our side, one per line
data_args() { case "$1" in chimpanzees*) printf '%s\n' --data examples/data/chimpanzees.csv ;;
  reedfrogs*) printf '%s\n' --data examples/data/reedfrogs.csv ;; glmm_100k) printf '%s\n' --data examples/data/sim_glmm_100k.csv ;;
  cafes) printf '%s\n' --data examples/data/cafes.csv ;; trolley*) printf '%s\n' --data examples/data/Trolley.csv ;;
  kline_gampois) printf '%s\n' --data examples/data/Kline.csv ;; ucbadmit_betabinom) printf '%s\n' --data examples/data/UCBadmit.csv ;;
  monks) printf '%s\n' --data examples/data/monks.csv ;; milk_impute) printf '%s\n' --data examples/data/milk.csv ;;
  kline_gp) printf '%s\n' --data examples/data/Kline2.csv --data-matrix Dmat=examples/data/islandsDistMatrix.csv ;;
  *) if is_posteriordb "$1"; then printf '%s\n' --data "$pdb_dir/$1/data.json"
       [ -f "$pdb_dir/$1/derived.json" ] && printf '%s\n' --data "$pdb_dir/$1/derived.json"; fi ;; esac; }
# Stan program (bench/stan/models/NAME.stan) of an example; the _agg programs group equal rows (same posterior)
stan_model_of() { case "$1" in chimpanzees) echo mBT ;; chimpanzees_nc) echo mBTnc ;; reedfrogs) echo reedfrogs ;;
  reedfrogs_nopool) echo reedfrogs_nopool ;; reedfrogs_spg) echo mSPG ;; funnel) echo funnel_c ;; funnel_nc) echo funnel_nc ;;
  glmm_100k) echo glmm_sim ;; cafes) echo m14_1 ;; chimpanzees_slopes) echo m14_3_book ;; chimpanzees_slopes_centred) echo m14_2 ;;
  trolley) echo m12_5 ;; trolley_edu) echo m12_6 ;; kline_gampois) echo m12_2 ;; ucbadmit_betabinom) echo m12_1 ;;
  monks) echo m12_3 ;; milk_impute) echo m15_5 ;; kline_gp) echo m14_8 ;; esac; }
# Stan data of an example ($tmp/glmm.json is made from the CSV by the caller)
stan_data_of() { case "$1" in chimpanzees) echo bench/stan/data/mBT.json ;; chimpanzees_nc) echo bench/stan/data/mBTnc.json ;;
  reedfrogs|reedfrogs_nopool|reedfrogs_spg) echo bench/stan/data/reedfrogs.json ;; glmm_100k) echo "$tmp/glmm.json" ;;
  funnel|funnel_nc) echo none ;;
  *) echo "bench/stan/data/$(stan_model_of "$1" | sed 's/_book$//').json" ;; esac; }
# Writes glmm_100k's Stan data (JSON) to $1, made from examples/data/sim_glmm_100k.csv (needs R with jsonlite)
glmm_json() { Rscript -e 'suppressMessages(library(jsonlite)); d <- read.csv("examples/data/sim_glmm_100k.csv");
    writeLines(toJSON(list(N = nrow(d), K = max(d$g), y = d$y, g = d$g, x1 = d$x1, x2 = d$x2), auto_unbox = TRUE, digits = NA), commandArgs(TRUE)[1])' \
    "$1"; }
