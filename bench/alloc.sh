#!/usr/bin/env bash
# Bytes allocated per gradient of glmm_100k in steady state (docs/architecture.md, "Row blocks",
# "SIMD"): compiles bench/alloc/GradAlloc.java against the built jar and runs it with the Vector API.
#
# usage: bench/alloc.sh [JAR [LABEL]]   (default: compiler/target/ulam.jar, built by ./ulam)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
jar="${1:-compiler/target/ulam.jar}"
[ $# -gt 0 ] || ./ulam --version >/dev/null   # builds on first use
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
javac -cp "$jar" -d "$tmp" bench/alloc/GradAlloc.java
java --add-modules jdk.incubator.vector -cp "$jar:$tmp" GradAlloc "${2:-$(basename "$jar" .jar)}" 2>&1 | grep -v '^WARNING: Using incubator'
