#!/bin/sh
# Regenerates what docs/ shows from what this build prints: runs every command of docs/tutorial.md
# (TutorialDocTest with -Dulam.docs.write=true rewrites the page's outputs), then copies the plots
# the tutorial's fits drew into docs/img and screenshots the HTML report (headless Chromium, when
# installed). Run from anywhere; takes a few minutes. TutorialDocTest (tag validation) checks the
# page without writing.
set -eu
cd "$(dirname "$0")/.."
work="${ULAM_DOCS_WORK:-$(mktemp -d)}"
mvn -B -q -o verify -pl tests -am -Dtests.excluded= -Dtest=TutorialDocTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dulam.docs.write=true -Dulam.docs.work="$work"
img=docs/img
mkdir -p "$img"
spg="$work/fits/spg/plots"
cp "$spg/ppc.png" "$img/reedfrogs_spg_ppc.png"
cp "$work/fits/spg_prior/plots/ppc.png" "$img/reedfrogs_spg_prior_ppc.png"
for f in ppc_dens precis trace_1 trank_1; do
    [ -f "$spg/$f.png" ] && cp "$spg/$f.png" "$img/reedfrogs_spg_$f.png"
done
# the pairs plot and the report of the same fit
"$work/ulam" plot "$work/fits/spg" --pairs b,sigma >/dev/null 2>&1 || true
[ -f "$spg/pairs.png" ] && cp "$spg/pairs.png" "$img/reedfrogs_spg_pairs.png"
if command -v chromium >/dev/null 2>&1; then
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
        --disable-sync --no-first-run --window-size=1200,2400 --screenshot="$PWD/$img/reedfrogs_spg_report.png" \
        "file://$work/fits/spg/report.html" >/dev/null 2>&1 || echo "chromium failed: no report screenshot" >&2
fi
echo "docs/tutorial.md and $img regenerated (fits in $work)"
