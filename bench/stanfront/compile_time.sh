#!/usr/bin/env bash
# Compile time of Stan programs from JVM start, against rstan's (run from anywhere):
#
#   bench/stanfront/compile_time.sh [--reps N] [--rstan] [--set examples|posteriordb|all]
#
# The programs (--set, default examples): "examples" is examples/stan/*.stan (data
# examples/stan/bangladesh.json) and tests/src/test/resources/posteriordb/*/model.stan (data.json,
# and derived.json where there is one); "posteriordb" is posteriordb's own programs,
# tests/src/test/resources/posteriordb-programs/*/model.stan with their data.json, those that
# compile here (expected.tsv); "all" is both. Each is compiled N times (default 5) with `./ulam compile FILE --data ... -o JAR`, as a
# user runs it; per program the median and largest wall time from JVM start to exit, then the
# median and largest over all runs. With --rstan, each program is also compiled once by rstan
# (stanc and the C++ build of stan_model, Stan 2.21: the program after bench/book/stan_program.R's
# to_stan_221, which rewrites `array[N] T x` as `T x[N]`), timed in R in the same run, and the
# median and largest are printed.
# The figures are only as quiet as the machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
reps=5; rstan=0; set=examples
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --rstan) rstan=1; shift ;;
    --set) set="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
./ulam --version >/dev/null   # builds the jar and the archive on first use, outside the timings
programs=(); datas=()
case "$set" in examples|posteriordb|all) ;; *) echo "--set is examples, posteriordb or all" >&2; exit 1 ;; esac
if [ "$set" != posteriordb ]; then
  for f in examples/stan/*.stan; do programs+=("$f"); datas+=("--data examples/stan/bangladesh.json"); done
  for f in tests/src/test/resources/posteriordb/*/model.stan; do
    d="$(dirname "$f")"; a="--data $d/data.json"; [ -f "$d/derived.json" ] && a="$a --data $d/derived.json"
    programs+=("$f"); datas+=("$a")
  done
fi
if [ "$set" != examples ]; then
  pdb=tests/src/test/resources/posteriordb-programs
  while IFS=$'\t' read -r name outcome _; do
    [ "$outcome" = compiles ] || continue
    programs+=("$pdb/$name/model.stan"); datas+=("--data $pdb/$name/data.json")
  done < <(tail -n +2 "$pdb/expected.tsv")
fi
# a program whose transformed data block the compiler runs at binding cannot be packed as a jar
# (docs/stan.md): it is timed with `ulam check` (compile and bind the data) instead, and marked *
cmds=()
for i in "${!programs[@]}"; do
  # shellcheck disable=SC2086
  msg="$(./ulam compile "${programs[$i]}" ${datas[$i]} -o "$tmp/m.jar" 2>&1 >/dev/null || true)"
  if grep -q "cannot be packed as a jar" <<< "$msg"; then cmds+=(check); else cmds+=(compile); fi
done
stats() { sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s\n", m, v[NR] }'; }
all="$tmp/all.txt"; : > "$all"
printf '%-70s %8s %8s\n' program wall_s max_s
for i in "${!programs[@]}"; do
  runs="$tmp/runs.txt"; : > "$runs"
  for _ in $(seq "$reps"); do
    t0=$(date +%s.%N)
    # shellcheck disable=SC2086
    if [ "${cmds[$i]}" = check ]; then ./ulam check "${programs[$i]}" ${datas[$i]} >/dev/null 2>&1
    else ./ulam compile "${programs[$i]}" ${datas[$i]} -o "$tmp/m.jar" >/dev/null; fi
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }' | tee -a "$all" >> "$runs"
  done
  read -r m mx < <(stats < "$runs")
  printf '%-70s %8s %8s\n' "${programs[$i]}$([ "${cmds[$i]}" = check ] && echo ' *')" "$m" "$mx"
done
read -r m mx < <(stats < "$all")
echo
echo "ulam: all Stan compiles from JVM start: median $m s, max $mx s ($(wc -l < "$all") runs, $reps per program)"
if [ "$rstan" = 1 ]; then
  printf '%s\n' "${programs[@]}" > "$tmp/programs.txt"
  Rscript -e '
    book <- readLines(commandArgs(TRUE)[2])   # to_stan_221, without the file'"'"'s library(rethinking)
    eval(parse(text = sub("^suppressPackageStartupMessages\\(library\\(rethinking\\)\\)", "", book)))
    suppressMessages(library(rstan))
    bh <- file.path(tempdir(), "bh"); dir.create(bh, showWarnings = FALSE)
    invisible(file.symlink("/usr/include/boost", file.path(bh, "boost"))); rstan_options(boost_lib = bh)
    s <- sapply(readLines(commandArgs(TRUE)[1]), function(f) {
      code <- to_stan_221(paste(readLines(f), collapse = "\n"))
      system.time(stan_model(model_code = code, model_name = "m", auto_write = FALSE))[["elapsed"]]
    })
    cat(sprintf("rstan %s: stan_model from R (stanc + C++), median %.1f s, max %.1f s (%d programs)\n",
                packageVersion("rstan"), median(s), max(s), length(s)))' "$tmp/programs.txt" "$root/bench/book/stan_program.R" 2> "$tmp/rstan.err" || { cat "$tmp/rstan.err" >&2; exit 1; }
fi
