#!/usr/bin/env python3
"""Writes the book's model calls as .ulam fixtures, unchanged, with a provenance header.

usage: make_fixtures.py BOOK_CODE_BOXES ULAM_TESTS_R OUT_DIR

BOOK_CODE_BOXES and ULAM_TESTS_R are rethinking's book_code_boxes.txt and R/ulam_tests.R (read
only). Writes OUT_DIR/models/ID.ulam for every `NAME <- ulam(` / `NAME <- quap(` call and
OUT_DIR/calls.tsv (id, source, box, chapter, line, name, fn, prelude). IDs: b<box>_<name> for the
book (b4_28_m4_1), t<line>_<name> for the package tests (t017_z). A call that refers to an earlier
object (quap(flist, ...), ulam(m13.4, ...)) gets the earlier definition pasted above it, as the R
session had it (column prelude names it).
"""
import csv, json, os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from extract_calls import calls

def ident(s):
    return re.sub(r"[^A-Za-z0-9]", "_", s)

def main(book, tests, out):
    os.makedirs(os.path.join(out, "models"), exist_ok=True)
    book_src = open(book, encoding="utf-8").read()
    rows = []
    bc = calls(book_src)
    by_name = {}
    for c in bc:
        c["id"] = "b" + ident(c["box"]) + "_" + ident(c["name"])
        c["source"] = "book"
        c["chapter"] = c["box"].split(".")[0]
    tc = calls(open(tests, encoding="utf-8").read())
    for c in tc:
        c["id"] = "t%03d_%s" % (c["line"], ident(c["name"]))
        c["source"] = "tests"
        c["chapter"] = ""
    seen = set()
    for group in (bc, tc):
        last = {}
        for c in group:
            assert c["id"] not in seen, c["id"]
            seen.add(c["id"])
            prelude, names = "", []
            m = re.match(r"[A-Za-z0-9_.]+\s*<-\s*(ulam|quap)\(\s*([A-Za-z_.][A-Za-z0-9_.]*)\s*[,)]", c["text"])
            if m:
                ref = m.group(2)
                if ref == "flist":  # R code 4.27; 4.30 also defines start
                    i = book_src.index("## R code 4.27\n")
                    j = book_src.index("## R code 4.28\n")
                    prelude = book_src[i + len("## R code 4.27\n"):j].strip() + "\n"
                    names.append("flist (R code 4.27)")
                    if c["box"] == "4.30":
                        i = book_src.index("## R code 4.30\n") + len("## R code 4.30\n")
                        prelude += book_src[i:book_src.index("m4.1 <-", i)].strip() + "\n"
                        names.append("start (R code 4.30)")
                elif ref in last:
                    prelude = last[ref]["text"] + "\n"
                    names.append("%s (%s)" % (ref, ("R code " + last[ref]["box"]) if last[ref]["box"] else "line %d" % last[ref]["line"]))
            last[c["name"]] = c
            where = ("Statistical Rethinking 2nd edition, R code %s (chapter %s), rethinking's book_code_boxes.txt line %d"
                     % (c["box"], c["chapter"], c["line"])) if c["source"] == "book" else \
                    "rethinking package, R/ulam_tests.R line %d" % c["line"]
            text = "# %s: %s\n# pasted unchanged%s\n%s%s\n" % (c["name"], where,
                    ("; above it, as defined earlier: " + ", ".join(names)) if names else "", prelude, c["text"])
            with open(os.path.join(out, "models", c["id"] + ".ulam"), "w", encoding="utf-8") as f:
                f.write(text)
            rows.append([c["id"], c["source"], c["box"] or "", c["chapter"], c["line"], c["name"], c["fn"], "; ".join(names)])
    with open(os.path.join(out, "calls.tsv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["id", "source", "box", "chapter", "line", "name", "fn", "prelude"])
        w.writerows(rows)

if __name__ == "__main__":
    main(*sys.argv[1:4])
