#!/usr/bin/env bash
# Warm-up with Pathfinder initial values (ulam run --init pathfinder) against random ones (--init 2),
# seed by seed: per model, init and warm-up length, the median over seeds of the smallest bulk ESS,
# of the gradient evaluations of sampling (warm-up included; Pathfinder's own log density
# evaluations are printed apart), and how many seeds ended with an R-hat warning.
# usage: bench/pathfinder_init.sh [SEEDS] [WARMUPS]      (defaults: 8 seeds, warm-up "100 500")
set -euo pipefail
cd "$(dirname "$0")/.."
SEEDS=${1:-8}
WARMUPS=${2:-"100 500"}
ULAM=./ulam
models=("examples/reedfrogs.ulam examples/data/reedfrogs.csv"
        "examples/chimpanzees_nc.ulam examples/data/chimpanzees.csv"
        "examples/kline_gampois.ulam examples/data/Kline.csv")
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "NA"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
printf "%-16s %-10s %6s %14s %14s %10s %12s\n" model init warmup min_bulk_ess grad_evals rhat_warn pf_evals
for m in "${models[@]}"; do
  set -- $m
  name=$(basename "$1" .ulam)
  for w in $WARMUPS; do
    for init in 2 pathfinder; do
      ess=(); grads=(); warn=0; pf=()
      for s in $(seq 1 "$SEEDS"); do
        out=$(nice -n 10 $ULAM run "$1" --data "$2" --seed "$s" --warmup "$w" --iter $((w + 500)) --init "$init" --quiet 2>&1)
        ess+=("$(sed -n 's/.*smallest bulk ESS \([0-9]*\).*/\1/p' <<<"$out")")
        grads+=("$(sed -n 's/.*wall), \([0-9,]*\) gradient.*/\1/p' <<<"$out" | tr -d ,)")
        pf+=("$(sed -n 's/.*paths, \([0-9,]*\) log density.*/\1/p' <<<"$out" | tr -d ,)")
        grep -q "R-hat is above" <<<"$out" && warn=$((warn + 1))
      done
      printf "%-16s %-10s %6s %14s %14s %7d/%-2d %12s\n" "$name" "$init" "$w" \
        "$(printf '%s\n' "${ess[@]}" | median)" "$(printf '%s\n' "${grads[@]}" | median)" "$warn" "$SEEDS" \
        "$(printf '%s\n' "${pf[@]}" | grep . | median)"
    done
  done
done
