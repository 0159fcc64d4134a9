#!/usr/bin/env bash
# Sampler efficiency seed by seed, ours beside Stan's (rstan) in one run: the distribution over seeds
# of the smallest bulk ESS, ESS per gradient (warm-up included and not), ESS per second, R-hat and
# divergent transitions, with the ratio of our medians to Stan's and a one-sided Mann-Whitney test.
#
# usage: bench/efficiency.sh [options] [MODEL...]
#   MODEL            example names, bench/models names, posteriordb names, or 'posteriordb' for all 19
#                    (default: every example with a Stan twin but glmm_100k, and chimpanzees_slopes_centred)
#   --seeds N        seeds 1..N per side (default 16)
#   --draws N        post-warm-up draws per chain, both sides (default 500); 4 chains on 2 cores
#   --warmup N       our warm-up iterations (default 500, as `ulam run --iter 1000`); Stan's is --stan-warmup
#   --stan-warmup N  Stan's warm-up iterations (default 500)
#   --ours ARGS      more options for `ulam run`, e.g. --ours '--adapt stan'
#   --no-stan        our side only;  --no-ours  Stan's side only (both sides' files are kept in --out)
#   --out DIR        where the draws go (default: a temporary folder, removed at the end); a rerun with
#                    the same DIR reuses the runs and the copy of the jars already there (delete a side's
#                    folder to redo it, DIR/bin to use a new build)
#   --check-ess      also compare our bulk ESS and R-hat of Stan's draws with R posterior's
# Needs R with rstan (apt-get install r-cran-rstan r-cran-posterior r-cran-jsonlite) for Stan's side;
# compiled Stan models are cached in ~/.cache/ulam-bench. Prints the table (bench/Efficiency.java
# computes it) and writes DIR/seeds.tsv, one line per seed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

seeds=16; draws=500; warmup=500; stan_warmup=500; ours_args=""; stan=1; ours=1; out=""; check=0; models=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) seeds="$2"; shift ;;
    --draws) draws="$2"; shift ;;
    --warmup) warmup="$2"; shift ;;
    --stan-warmup) stan_warmup="$2"; shift ;;
    --ours) ours_args="$2"; shift ;;
    --no-stan) stan=0 ;;
    --no-ours) ours=0 ;;
    --out) out="$2"; shift ;;
    --check-ess) check=1 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    posteriordb) for d in tests/src/test/resources/posteriordb/*/; do models+=("$(basename "$d")"); done ;;
    *) models+=("$1") ;;
  esac
  shift
done
. bench/models.sh
[ ${#models[@]} -gt 0 ] || models=(chimpanzees chimpanzees_nc reedfrogs reedfrogs_nopool reedfrogs_spg funnel funnel_nc
  cafes chimpanzees_slopes chimpanzees_slopes_centred trolley trolley_edu kline_gampois ucbadmit_betabinom monks
  milk_impute kline_gp)
for m in "${models[@]}"; do [ -n "$(model_file "$m")" ] || { echo "efficiency: unknown model '$m'" >&2; exit 1; }; done
if [ $stan = 1 ] && ! Rscript -e 'suppressMessages(library(rstan))' >/dev/null 2>&1; then
  echo "efficiency: R with rstan not found; measuring our side only" >&2; stan=0
fi

tmp="$(mktemp -d)"
if [ -z "$out" ]; then out="$tmp/runs"; fi
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out/bin"
# a copy of the jars, so that a rebuild during the run (an edited source) cannot change it halfway;
# a rerun into the same --out keeps the copy it made
if [ ! -f "$out/bin/ulam.jar" ] || [ ! -f "$out/bin/runtime.jar" ]; then
  ./ulam --version >/dev/null   # builds on first use
  cp compiler/target/ulam.jar "$out/bin/ulam.jar"
  cp runtime/target/ulam-runtime-*-all.jar "$out/bin/runtime.jar"
fi
ulam=(java -jar "$out/bin/ulam.jar")
if [ $stan = 1 ] && printf '%s\n' "${models[@]}" | grep -qx glmm_100k; then
  glmm_json "$tmp/glmm.json"
fi

checks=()
for m in "${models[@]}"; do
  mapfile -t dargs < <(data_args "$m"); mkdir -p "$out/$m"
  if [ $ours = 1 ] && [ ! -d "$out/$m/ours" ]; then
    wargs=(--warmup "$warmup" --iter $((warmup + draws)))
    for s in $(seq 1 "$seeds"); do
      d="$out/$m/ours.part/seed$s"; mkdir -p "$d"
      # shellcheck disable=SC2086
      nice -n 10 "${ulam[@]}" run "$(model_file "$m")" "${dargs[@]}" --chains 4 --cores 2 --seed "$s" --quiet \
        "${wargs[@]}" --output-dir "$d" $ours_args >"$d.log" 2>&1 || { echo "efficiency: ulam run failed for $m seed $s:" >&2; tail -5 "$d.log" >&2; exit 1; }
      rm -rf "$d/data"
    done
    mv "$out/$m/ours.part" "$out/$m/ours"
  fi
  if [ $stan = 1 ]; then
    if is_posteriordb "$m"; then
      sm="$out/$m/twin.stan"; sd="$out/$m/twin.json"; mkdir -p "$out/$m"
      "${ulam[@]}" stancode "$(model_file "$m")" "${dargs[@]}" --stan-2.21 --data-out "$sd" >"$sm"
    else
      sm="bench/stan/models/$(stan_model_of "$m").stan"; sd="$(stan_data_of "$m")"
      # the grouped programs (same posterior, equal rows summed once) keep Stan's side to minutes
      case "$m" in trolley) sm=bench/stan/models/m12_5_agg.stan; sd=bench/stan/data/m12_5_agg.json ;;
        trolley_edu) sm=bench/stan/models/m12_6_agg.stan; sd=bench/stan/data/m12_6_agg.json ;; esac
    fi
    # a model file's control=list(metric="dense_e") applies to Stan too
    metric=diag_e; grep -q 'metric *= *"dense_e"' "$(model_file "$m")" && metric=dense_e
    if [ ! -d "$out/$m/stan" ]; then
      ca=(); [ $check = 1 ] && ca=(--check-ess)
      nice -n 10 Rscript bench/stan/stan_seeds.R "$sm" "$sd" "$out/$m/stan.part" --seeds "1:$seeds" \
        --iter $((stan_warmup + draws)) --warmup "$stan_warmup" --chains 4 --cores 2 --adapt-delta 0.95 \
        --metric "$metric" "${ca[@]}" >"$out/$m/stan.log" 2>&1 || { echo "efficiency: rstan failed for $m:" >&2; tail -5 "$out/$m/stan.log" >&2; exit 1; }
      mv "$out/$m/stan.part" "$out/$m/stan"
    fi
    [ $check = 1 ] && grep -q '^posterior ' "$out/$m/stan.log" && checks+=(--check "$m=$out/$m/stan.log")
  fi
done
java -cp "$out/bin/runtime.jar" bench/Efficiency.java "$out" --models "$(IFS=,; echo "${models[*]}")" \
  --seeds-table "$out/seeds.tsv" "${checks[@]}"
echo
echo "ESS per 1000 gradients: n_leapfrog__ summed over the 4 chains (warm-up included, or post-warm-up only);"
echo "ESS/s: per chain-second (the CSV files' warm-up + sampling times summed), measured on a shared machine."
echo "ratios: our median / Stan's median. p_worse / p_better: one-sided Mann-Whitney on ESS per gradient (warm-up included)."
echo "per-seed figures: $out/seeds.tsv"
