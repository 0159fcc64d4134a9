#!/usr/bin/env bash
# CSV reading benchmark (issue 9, item 12): generates GLMM-like data files of 1, 10 and 200 MB
# (y 0/1, group 1..500, two reals with 4 decimals, a text column of two levels) and reads each
# with ulam's reader and, as the peer in the same run, with commons-csv's parser (records only).
# Prints MB/s and the live heap's peak; then reads the 200 MB file once more in a JVM whose heap
# is capped at 3x the bytes of the arrays read (plus 64 MB for the JVM itself), which must succeed.
# Usage: bench/csv.sh [SIZES_MB...]   (default: 1 10 200); files go to ${CSV_BENCH_DIR:-/tmp/ulam-csv-bench}
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/compiler/target/ulam.jar"
[ -f "$jar" ] || (cd "$here" && mvn -q -B -o package -Dmaven.test.skip=true)
dir="${CSV_BENCH_DIR:-/tmp/ulam-csv-bench}"
mkdir -p "$dir"
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(1 10 200)
for mb in "${sizes[@]}"; do
  f="$dir/glmm_${mb}mb.csv"
  if [ ! -f "$f" ]; then
    awk -v target=$((mb * 1000000)) 'BEGIN { srand(1); print "y,g,x1,x2,pred"; n = 22;
      while (n < target) { line = sprintf("%d,%d,%.4f,%.4f,%s", rand() < 0.5, 1 + int(rand() * 500),
        rand() * 4 - 2, rand() * 4 - 2, rand() < 0.5 ? "no" : "pred"); print line; n += length(line) + 1 } }' > "$f"
  fi
  java -Xmx8g -cp "$jar" "$here/bench/CsvRead.java" "$f"
  java -Xmx8g -cp "$jar" "$here/bench/CsvRead.java" "$f" --peer
done
last="$dir/glmm_${sizes[-1]}mb.csv"
arrays=$(java -Xmx8g -cp "$jar" "$here/bench/CsvRead.java" "$last" "" 1 | sed -E 's/.*arrays +([0-9.]+) MB.*/\1/')
cap=$(awk -v a="$arrays" 'BEGIN { printf "%d", 3 * a + 64 }')
if java -Xmx${cap}m -cp "$jar" "$here/bench/CsvRead.java" "$last" "" 1 >/dev/null 2>&1; then
  echo "read $(basename "$last") within -Xmx${cap}m (3 x ${arrays} MB of arrays + 64 MB): ok"
else
  echo "read $(basename "$last") within -Xmx${cap}m (3 x ${arrays} MB of arrays + 64 MB): FAILED"; exit 1
fi
