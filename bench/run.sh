#!/usr/bin/env bash
# Speed of every example beside Stan's, measured in one run on this machine.
#
# usage: bench/run.sh [--no-stan] [--quick] [MODEL...]
#   MODEL      example names (default: all seed models); e.g. chimpanzees reedfrogs trolley chimpanzees_slopes
#   --no-stan  only our side (Stan needs R with rstan: apt-get install r-cran-rstan r-cran-posterior r-cran-jsonlite)
#   --quick    skip the 4 x 1000 sampling runs of glmm_100k (about 5 minutes each side)
#
# Per model it prints: compile time (in process, and `ulam compile` from JVM start), microseconds
# per gradient and per log density in steady state (`ulam bench`, at Stan's benchmark point),
# the microseconds per gradient when one chain may use 2 threads (`ulam bench --threads 1,2`:
# row blocks, docs/architecture.md) and the speed-up that gives,
# the wall time of `ulam run` with 4 chains x 1000 iterations (JVM start to table) and the
# smallest bulk ESS per second; and Stan's: compile seconds, microseconds per gradient in pure
# C++ (bench/stan/stan_grad.R), sampling wall seconds and smallest bulk ESS per second
# (bench/stan/stan_fit.R, same chains, iterations and adapt_delta 0.95), and the ratios.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

stan=1; quick=0; models=()
for a in "$@"; do
  case "$a" in
    --no-stan) stan=0 ;;
    --quick) quick=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) models+=("$a") ;;
  esac
done
[ ${#models[@]} -gt 0 ] || models=(chimpanzees chimpanzees_nc reedfrogs reedfrogs_spg funnel funnel_nc glmm_100k)
if [ $stan = 1 ] && ! Rscript -e 'suppressMessages(library(rstan))' >/dev/null 2>&1; then
  echo "bench: R with rstan not found; measuring our side only (--no-stan)" >&2; stan=0
fi

. bench/models.sh

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./ulam --version >/dev/null   # builds on first use
if [ $stan = 1 ]; then
  glmm_json "$tmp/glmm.json"
fi

now() { date +%s.%N; }
field() { sed -n "s/.*$1=\([-0-9.eE+]*\).*/\1/p" | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }

printf '%-15s %8s %8s %9s %9s %9s %9s %7s %7s %8s %8s %9s %9s %8s\n' model compile_ms cmd_s us/grad stan_us/grad ratio us/grad_2t speedup us/ld run_s stan_s ess/s stan_ess/s stan_comp_s
for m in "${models[@]}"; do
  mapfile -t dargs < <(data_args "$m")
  t0=$(now); out=$(./ulam compile "$(model_file "$m")" "${dargs[@]}" -o "$tmp/$m.jar"); t1=$(now)
  cms=$(echo "$out" | sed -n 's/.*compiled .* in \([0-9]*\) ms.*/\1/p')
  cmd_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
  b=$(./ulam bench "$(model_file "$m")" "${dargs[@]}" --threads 1,2)
  ug=$(echo "$b" | grep threads=1 | field us_per_gradient); ul=$(echo "$b" | grep threads=1 | field us_per_log_density)
  ug2=$(echo "$b" | grep threads=2 | field us_per_gradient)
  run_s=-; ess=-
  if ! { [ $quick = 1 ] && [ "$m" = glmm_100k ]; }; then
    t0=$(now); r=$(./ulam run "$(model_file "$m")" "${dargs[@]}" --chains 4 --iter 1000 --seed 1 --quiet 2>&1); t1=$(now)
    run_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
    ess=$(echo "$r" | sed -n 's/.*smallest bulk ESS [0-9,.]* (\([0-9.]*\) per second).*/\1/p')
  fi
  sg=-; sfit=-; sess=-; scomp=-
  if [ $stan = 1 ]; then
    sm="bench/stan/models/$(stan_model_of "$m").stan"; sd="$(stan_data_of "$m")"
    reps=20000; [ "$m" = glmm_100k ] && reps=200
    g=$(Rscript bench/stan/stan_grad.R "$sm" "$sd" $reps 2>/dev/null || true)
    sg=$(echo "$g" | field us_per_grad); [ -n "$sg" ] && sg=$(awk -v v="$sg" 'BEGIN { printf "%.2f", v }')
    if ! { [ $quick = 1 ] && [ "$m" = glmm_100k ]; }; then
      f=$(Rscript bench/stan/stan_fit.R "$sm" "$sd" --iter 1000 --chains 4 --cores 2 --seed 1 --adapt-delta 0.95 --grad-reps 1 2>/dev/null || true)
      f=$(echo "$f" | grep -m1 compile_s= || true)
      sfit=$(echo "$f" | field sampling_wall_s); sess=$(echo "$f" | field ess_per_s); scomp=$(echo "$f" | field compile_s)
    fi
  fi
  printf '%-15s %8s %8s %9s %9s %9s %9s %7s %7s %8s %8s %9s %9s %8s\n' "$m" "${cms:--}" "$cmd_s" "$ug" "$sg" "$(ratio "$ug" "$sg")" \
    "$ug2" "$(ratio "$ug" "$ug2")" "$ul" "$run_s" "$sfit" "${ess:--}" "$sess" "$scomp"
done
echo
echo "ratio = our microseconds per gradient / Stan's (below 1: faster than Stan); speedup = us/grad / us/grad_2t"
echo "(1 for models whose loops are below the row-block threshold). run_s is JVM start to table;"
echo "stan_s is rstan's sampling wall time alone (its compile_s not included). Timings on a shared machine vary by a few percent."
