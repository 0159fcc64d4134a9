#!/usr/bin/env bash
# Compile time against model size: a model of N scalar prior lines (a0 ~ normal(0, 1), ...,
# one parameter per line) for N = 100, 1,000, 10,000, 20,000, compiled by `ulam compile -o`.
#
# usage: bench/compile_lines.sh [--reps R] [N...]
#   N        line counts (default 100 1000 10000 20000)
#   --reps   runs per size, the fastest is kept (default 3)
#
# Per size it prints: compile_ms (parse, check, lower, generate: the CLI's own "compiled in"
# figure), cmd_s (JVM start to the written jar, wall), cpu_s (user + system seconds of that
# process, JIT threads included: less disturbed than wall time on a shared machine), the class
# size, and added_ms_per_line: the CPU time each line adds, (cpu_s(N) - cpu_s(first)) / (N - first),
# with its ratio to that of the second size: a ratio that stays near or below 1 as N grows means
# compile time grows no faster than linearly (the first size measures the fixed costs: JVM start
# and the warm-up of the compiler itself).
# The 20,000-line jar is then run briefly (1 chain, 100 iterations) to show that it samples.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
reps=3; sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) sizes+=("$1") ;;
  esac
  shift
done
[ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000 20000)
./ulam --version >/dev/null 2>&1 || true   # builds the tree on first use
jar="$root/compiler/target/ulam.jar"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
printf '%7s %11s %7s %7s %9s %18s %6s\n' lines compile_ms cmd_s cpu_s class_kb added_ms_per_line ratio
base=""; cpu0=""; n0=""
for n in "${sizes[@]}"; do
  model="$tmp/p$n.ulam"
  awk -v n="$n" 'BEGIN { for (i = 0; i < n; i++) printf "a%d ~ normal(0, 1)\n", i }' > "$model"
  best_ms=""; best_cmd=""; best_cpu=""
  for ((r = 0; r < reps; r++)); do
    out=$( { /usr/bin/time -f 'TIME %e %U %S' java -jar "$jar" compile "$model" -o "$tmp/p$n.jar" 2>&1; } 2>&1 )
    ms=$(echo "$out" | sed -n 's/.*compiled .* in \([0-9]*\) ms.*/\1/p')
    read -r wall usr sys <<<"$(echo "$out" | sed -n 's/^TIME //p')"
    cpu=$(awk -v a="$usr" -v b="$sys" 'BEGIN { printf "%.2f", a + b }')
    if [ -z "$best_ms" ] || [ "$ms" -lt "$best_ms" ]; then best_ms=$ms; best_cmd=$wall; fi
    if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN { exit !(a < b) }'; then best_cpu=$cpu; fi
  done
  kb=$(unzip -l "$tmp/p$n.jar" | awk '$4 ~ /^ulam\/model\/.*\.class$/ { s += $1 } END { printf "%.0f", s / 1024 }')
  per=-; ratio=-
  if [ -z "$cpu0" ]; then
    cpu0=$best_cpu; n0=$n
  else
    per=$(awk -v c="$best_cpu" -v c0="$cpu0" -v n="$n" -v n0="$n0" 'BEGIN { printf "%.3f", 1000 * (c - c0) / (n - n0) }')
    if [ -n "$base" ]; then ratio=$(awk -v a="$per" -v b="$base" 'BEGIN { printf "%.2f", a / b }'); else base=$per; ratio=1.00; fi
  fi
  printf '%7s %11s %7s %7s %9s %18s %6s\n' "$n" "$best_ms" "$best_cmd" "$best_cpu" "$kb" "$per" "$ratio"
done
last="${sizes[${#sizes[@]}-1]}"
echo
echo "sampling the $last-line jar (1 chain, 50 warm-up + 50 draws):"
java -jar "$tmp/p$last.jar" --chains 1 --iter 100 --seed 1 --quiet --output-dir "$tmp/fit" 2>&1 | tail -4
echo "ratio = added_ms_per_line / that of the second size; near or below 1: compile time grows no faster than linearly."
