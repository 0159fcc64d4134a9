#!/usr/bin/env bash
# Compile time of the formula front end's reference models, from JVM start (run from anywhere):
#
#   bench/formula/compile_time.sh [--reps N] [MODEL ...]
#
# MODEL is a file stem of tests/src/test/resources/formula/models/ (default: all of them). Each
# is compiled N times (default 5) with `./ulam compile MODEL.R --data DATA -o JAR`, as a user
# runs it (the launcher, its class-data sharing archive and C1-only JIT for compile). Per model it
# prints the median and the largest wall time from JVM start to exit (wall_s), the median and
# largest compile time the compiler reports in process (compile_ms: parse, formula expansion,
# check, code generation), and the same for the alist example examples/chimpanzees.ulam in the
# same run as the peer (ratio = model median wall / chimpanzees median wall). Last: the median
# and largest wall time over all formula runs. The figures are only as quiet as the machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
reps=5; models=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    *) models+=("$1"); shift ;;
  esac
done
dir=tests/src/test/resources/formula/models
if [ ${#models[@]} = 0 ]; then
  for f in "$dir"/*.R; do models+=("$(basename "$f" .R)"); done
fi
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./ulam --version >/dev/null   # builds the jar and the archive on first use, outside the timings
now() { date +%s.%N; }
# time_one FILE DATA: prints "wall_seconds compile_ms"
time_one() {
  local t0 t1 out
  t0=$(now); out=$(./ulam compile "$1" --data "$2" -o "$tmp/m.jar"); t1=$(now)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') $(echo "$out" | sed -n 's/.*compiled .* in \([0-9]*\) ms.*/\1/p')"
}
# stats COLUMN: median and max of column COLUMN of stdin
stats() { sort -g -k"$1" | awk -v c="$1" '{ v[NR] = $c } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s\n", m, v[NR] }'; }
peer="$tmp/peer.txt"; all="$tmp/all.txt"; : > "$peer"; : > "$all"
printf '%-28s %8s %8s %10s %10s %8s\n' model wall_s max_s compile_ms max_ms ratio
for m in "${models[@]}"; do
  data="$(sed -n 's/^# data: *//p' "$dir/$m.R" | head -1)"
  runs="$tmp/$m.txt"; : > "$runs"
  for _ in $(seq "$reps"); do
    time_one "$dir/$m.R" "$data" | tee -a "$all" >> "$runs"
    time_one examples/chimpanzees.ulam examples/data/chimpanzees.csv >> "$peer"
  done
  read -r w wmax < <(stats 1 < "$runs"); read -r c cmax < <(stats 2 < "$runs")
  read -r pw _ < <(stats 1 < "$peer")
  printf '%-28s %8s %8s %10s %10s %8s\n' "$m" "$w" "$wmax" "$c" "$cmax" "$(awk -v a="$w" -v b="$pw" 'BEGIN { printf "%.2f", a / b }')"
done
read -r pw pwmax < <(stats 1 < "$peer"); read -r pc pcmax < <(stats 2 < "$peer")
printf '%-28s %8s %8s %10s %10s %8s\n' "(peer) chimpanzees.ulam" "$pw" "$pwmax" "$pc" "$pcmax" 1.00
read -r aw awmax < <(stats 1 < "$all")
echo
echo "all formula compiles: median $aw s, max $awmax s from JVM start ($(wc -l < "$all") runs, $reps per model)"
