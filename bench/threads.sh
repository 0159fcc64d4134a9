#!/usr/bin/env bash
# Within-chain parallelism (row blocks, docs/architecture.md): microseconds per gradient of one
# chain on 1 and on 2 threads, measured in the same `ulam bench --threads 1,2` run (rounds
# interleaved), repeated, with Stan's microseconds per gradient (pure C++, bench/stan/stan_grad.R)
# measured between the repetitions.
#
# usage: bench/threads.sh [--no-stan] [--reps R] [--seconds S] [--simd auto|0|1|both] [MODEL...]
#   MODEL      example names (default: glmm_100k)
#   --reps R   repetitions (default 5); the table prints each and the median, min and max
#   --seconds  measuring time per `ulam bench` (default 6, after as long again of warm-up)
#   --simd     the row kernels' Vector API (docs/architecture.md, "SIMD"): as the launcher decides
#              (auto, the default), off (0), on (1), or both in each repetition, one after the other
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

stan=1; reps=5; seconds=6; models=(); simd=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --no-stan) stan=0 ;;
    --reps) reps="$2"; shift ;;
    --seconds) seconds="$2"; shift ;;
    --simd) simd="$2"; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) models+=("$1") ;;
  esac
  shift
done
[ ${#models[@]} -gt 0 ] || models=(glmm_100k)
if [ $stan = 1 ] && ! Rscript -e 'suppressMessages(library(rstan))' >/dev/null 2>&1; then
  echo "bench: R with rstan not found; measuring our side only (--no-stan)" >&2; stan=0
fi

. bench/models.sh
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./ulam --version >/dev/null   # builds on first use
if [ $stan = 1 ] && printf '%s\n' "${models[@]}" | grep -qx glmm_100k; then glmm_json "$tmp/glmm.json"; fi
field() { sed -n "s/.*$1=\([-0-9.eE+]*\).*/\1/p" | head -1; }
stats() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "- - -"; exit }
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.3f %.3f %.3f\n", m, v[1], v[NR] }'; }

case "$simd" in both) modes=(0 1) ;; *) modes=("$simd") ;; esac
printf '%-12s %4s %5s %11s %11s %8s %12s %10s %10s\n' model rep simd us/grad_1t us/grad_2t speedup stan_us/grad 1t/stan 2t/stan
for m in "${models[@]}"; do
  mapfile -t dargs < <(data_args "$m")
  for mode in "${modes[@]}"; do : > "$tmp/one$mode"; : > "$tmp/two$mode"; : > "$tmp/sp$mode"; done; : > "$tmp/stan"
  for r in $(seq 1 "$reps"); do
    sg=-
    if [ $stan = 1 ]; then
      n=20000; [ "$m" = glmm_100k ] && n=300
      sg=$(Rscript bench/stan/stan_grad.R "bench/stan/models/$(stan_model_of "$m").stan" "$(stan_data_of "$m")" $n 2>/dev/null | field us_per_grad || true)
      [ -n "$sg" ] && echo "$sg" >> "$tmp/stan" || sg=-
    fi
    for mode in "${modes[@]}"; do
    b=$(ULAM_SIMD="$mode" ./ulam bench "$(model_file "$m")" "${dargs[@]}" --threads 1,2 --seconds "$seconds" 2>/dev/null)
    u1=$(echo "$b" | grep threads=1 | field us_per_gradient); u2=$(echo "$b" | grep threads=2 | field us_per_gradient)
    sp=$(awk -v a="$u1" -v b="$u2" 'BEGIN { printf "%.3f", a / b }')
    echo "$u1" >> "$tmp/one$mode"; echo "$u2" >> "$tmp/two$mode"; echo "$sp" >> "$tmp/sp$mode"
    printf '%-12s %4s %5s %11s %11s %8s %12s %10s %10s\n' "$m" "$r" "$mode" "$u1" "$u2" "$sp" "$sg" \
      "$(awk -v a="$u1" -v b="$sg" 'BEGIN { if (b + 0 > 0) printf "%.3f", a / b; else print "-" }')" \
      "$(awk -v a="$u2" -v b="$sg" 'BEGIN { if (b + 0 > 0) printf "%.3f", a / b; else print "-" }')"
    done
  done
  read -r mg log hig < <(stats < "$tmp/stan")
  for mode in "${modes[@]}"; do
    read -r m1 lo1 hi1 < <(stats < "$tmp/one$mode"); read -r m2 lo2 hi2 < <(stats < "$tmp/two$mode")
    read -r ms los his < <(stats < "$tmp/sp$mode")
    echo "$m (simd $mode): median [min, max] over $reps: 1 thread $m1 [$lo1, $hi1] us, 2 threads $m2 [$lo2, $hi2] us," \
      "speed-up $ms [$los, $his]; Stan $mg [$log, $hig] us"
  done
done
echo
echo "speedup = us/grad_1t / us/grad_2t of the same run; the goal for glmm_100k is at least 1.8."
