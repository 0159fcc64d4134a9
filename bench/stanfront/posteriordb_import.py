#!/usr/bin/env python3
"""Imports posteriordb's posteriors that have reference draws as test fixtures of the Stan front end.

Usage (from the repository root):

    python3 bench/stanfront/posteriordb_import.py [--repo GIT_DIR] [--commit REV]

GIT_DIR is a clone (bare or not) of github.com/stan-dev/posteriordb (default: the snapshot at
/work/.mirror/stan-dev+posteriordb/repo), REV the commit (default 28f8d3d). For every posterior
of posterior_database/posteriors/*.json whose reference_posterior_name has reference draws, it
writes tests/src/test/resources/posteriordb-programs/<posterior>/:

    model.stan     posterior_database/models/stan/<model_name>.stan, byte for byte
    data.json      posterior_database/data/data/<data_name>.json.zip, unzipped, byte for byte
    reference.csv  per-parameter summaries of the reference draws
                   (posterior_database/reference_posteriors/draws/draws/<name>.json.zip, a list
                   of chains, each a map name -> draws), written by posteriordb_summaries.R

(a posterior whose draws are absent from the clone, a large file a shallow snapshot may lack,
gets no reference.csv, with a note), and LICENCE.md (posteriordb's BSD-3 licence, unchanged) beside them. The raw draws are unzipped
to a temporary directory and not kept.
"""
import argparse
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path("tests/src/test/resources/posteriordb-programs")
DB = "posterior_database"


def git_show(repo: str, commit: str, path: str) -> bytes:
    """The bytes of one file of the posteriordb repository at the commit."""
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"], check=True, capture_output=True).stdout


def git_ls(repo: str, commit: str, folder: str) -> list[str]:
    """The file paths under a folder of the repository at the commit."""
    out = subprocess.run(["git", "-C", repo, "ls-tree", "-r", "--name-only", commit, folder],
                         check=True, capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if line]


def unzip_one(blob: bytes) -> bytes:
    """The single member of a zip archive."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        names = [n for n in z.namelist() if not n.endswith("/") and not n.startswith("__MACOSX")]
        if len(names) != 1:
            raise SystemExit(f"expected one file in the archive, found {names}")
        return z.read(names[0])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", default="/work/.mirror/stan-dev+posteriordb/repo")
    ap.add_argument("--commit", default="28f8d3d")
    args = ap.parse_args()
    draws_dir = f"{DB}/reference_posteriors/draws/draws"
    with_draws = {Path(p).name.removesuffix(".json.zip") for p in git_ls(args.repo, args.commit, draws_dir)}
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "LICENCE.md").write_bytes(git_show(args.repo, args.commit, "LICENCE.md"))
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for info_path in git_ls(args.repo, args.commit, f"{DB}/posteriors"):
            info = json.loads(git_show(args.repo, args.commit, info_path))
            ref = info.get("reference_posterior_name")
            if ref not in with_draws:
                continue
            name = info["name"]
            d = OUT / name
            d.mkdir(exist_ok=True)
            (d / "model.stan").write_bytes(git_show(args.repo, args.commit, f"{DB}/models/stan/{info['model_name']}.stan"))
            (d / "data.json").write_bytes(unzip_one(git_show(args.repo, args.commit, f"{DB}/data/data/{info['data_name']}.json.zip")))
            try:
                draws = git_show(args.repo, args.commit, f"{draws_dir}/{ref}.json.zip")
            except subprocess.CalledProcessError:
                print(f"{name}: the reference draws are absent from this clone (a large file); no reference.csv")
                draws = None
            if draws is not None:
                (Path(tmp) / f"{name}.json").write_bytes(unzip_one(draws))
            written.append(name)
        subprocess.run(["Rscript", str(Path(__file__).with_name("posteriordb_summaries.R")), tmp, str(OUT)], check=True)
    print(f"{len(written)} posteriors written under {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
