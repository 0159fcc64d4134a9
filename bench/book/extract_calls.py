#!/usr/bin/env python3
"""Lists every `NAME <- ulam(` / `NAME <- quap(` call of an R file with its code box and full text.

usage: extract_calls.py FILE [--boxes]   (FILE: rethinking's book_code_boxes.txt or R/ulam_tests.R)

Prints a JSON list of {box, line, name, fn, text}: box is the "## R code X.Y" heading above the
call (null in files without headings), line its 1-based line, text the call as printed from the
assignment to its closing parenthesis (balanced brackets; strings and # comments skipped).
Reads the file only; writes nothing.
"""
import json, re, sys

def calls(src):
    out, box = [], None
    lines = src.split("\n")
    offsets, pos = [], 0
    for l in lines:
        offsets.append(pos); pos += len(l) + 1
    pat = re.compile(r"^([ \t]*)([A-Za-z_.][A-Za-z0-9_.]*)\s*(<-|=)\s*(ulam|quap)\s*\(")
    for i, l in enumerate(lines):
        m = re.match(r"^## R code (\S+)", l)
        if m: box = m.group(1)
        m = pat.match(l)
        if not m or l.lstrip().startswith("#"):
            continue
        start = offsets[i] + len(m.group(1))
        j = offsets[i] + m.end() - 1  # the '('
        depth, k, q = 0, j, None
        while k < len(src):
            c = src[k]
            if q:
                if c == "\\": k += 1
                elif c == q: q = None
            elif c in "\"'": q = c
            elif c == "#":
                while k < len(src) and src[k] != "\n": k += 1
                continue
            elif c in "([{": depth += 1
            elif c in ")]}":
                depth -= 1
                if depth == 0: break
            k += 1
        out.append({"box": box, "line": i + 1, "name": m.group(2), "fn": m.group(4), "text": src[start:k + 1]})
    return out

if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        print(json.dumps(calls(f.read()), indent=1))
