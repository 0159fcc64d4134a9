#!/usr/bin/env bash
# The compile-time distribution of the book's models, from JVM start: each fixture that compiles
# (tests/src/test/resources/book/expected.tsv) is compiled with the launcher, as a user would,
# `./ulam compile MODEL --data DATA -o JAR`, one at a time, and its wall-clock time measured.
# Prints one line per model (seconds, id) and then the count, median, 90th percentile and maximum.
#
# usage: nice bench/book/compile_times.sh [OUT.tsv]   (from the repository root; default /tmp/book_compile_times.tsv)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
book="$root/tests/src/test/resources/book"
out="${1:-/tmp/book_compile_times.tsv}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$root/ulam" --version >/dev/null   # builds the tree first if its sources changed (not timed)
: > "$out"
while IFS=$'\t' read -r id outcome _; do
  [ "$outcome" = compiles ] || continue
  data="$(awk -F'\t' -v id="$id" '$1 == id { print $2 }' "$book/data.tsv")"
  start=$(date +%s.%N)
  if ! "$root/ulam" compile "$book/models/$id.ulam" --data "$book/data/$data" -o "$tmp/model.jar" >"$tmp/log" 2>&1; then
    echo "compile failed: $id" >&2; cat "$tmp/log" >&2; exit 1
  fi
  end=$(date +%s.%N)
  printf '%.3f\t%s\n' "$(echo "$end - $start" | bc)" "$id" | tee -a "$out"
done < <(tail -n +2 "$book/expected.tsv")
sort -n "$out" | awk '{ t[NR] = $1 } END {
  m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
  printf "models %d  median %.2f s  p90 %.2f s  max %.2f s\n", NR, m, t[int(0.9 * NR + 0.999)], t[NR] }'
