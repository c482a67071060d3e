#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Organise benchmark: preview, apply and undo of a whole library.

    bench/bench-organize.py --mml build/src/cli/mml [--series 2000] [--tree DIR]
                            [--preview-only] [--runs N]

Builds a tree with bench/make-library.py (in a scratch copy: the apply
renames it), scans it, then times:
  - `organize preview --json` of every file (target: 137k files in <= 2 s),
    against an os.walk() of the same tree (every folder listed once: what
    a preview must at least look at),
  - `organize apply` (target: >= 5,000 renames/s, journal included),
  - `organize undo` of that batch,
the last two against the floor of doing the same renames with bare
os.rename() calls from Python (no journal, no store, no planning) on the
same tree. The tree is checked to be back, name for name, after the undo.
--preview-only times the preview alone, --runs times (the tree is left
as it is); the figure of each run is printed.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_LIBRARY = os.path.join(HERE, "make-library.py")


def run(argv, env):
    t = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(argv[3:5])} failed: {p.stderr.decode(errors='replace')[-800:]}")
    return dt, p.stdout


def walk(top):
    """Every folder of the tree listed once; the seconds it took"""
    t = time.perf_counter()
    n = 0
    for _, _, files in os.walk(top):
        n += len(files)
    return time.perf_counter() - t, n


def listing(top):
    return sorted(os.path.relpath(os.path.join(d, f), top) for d, _, fs in os.walk(top) for f in fs)


def bare_renames(root, ops):
    """The same moves as bare renames (folders made as needed), and back"""
    t = time.perf_counter()
    for op in ops:
        dst = os.path.join(root, op["to"])
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        os.rename(os.path.join(root, op["from"]), dst)
    forward = time.perf_counter() - t
    t = time.perf_counter()
    for op in reversed(ops):
        os.rename(os.path.join(root, op["to"]), os.path.join(root, op["from"]))
    return forward, time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mml", required=True)
    ap.add_argument("--series", type=int, default=2000)
    ap.add_argument("--tree", help="build the tree here (it is renamed and renamed back)")
    ap.add_argument("--preview-only", action="store_true", help="time the preview alone")
    ap.add_argument("--runs", type=int, default=None, help="previews timed (default 3 with --preview-only, else 1)")
    a = ap.parse_args()
    runs = max(1, a.runs if a.runs is not None else (3 if a.preview_only else 1))

    work = tempfile.mkdtemp(prefix="mml-bench-organize-")
    tree = a.tree or os.path.join(work, "library")
    db = os.path.join(work, "library.db")
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "data"),
               XDG_CACHE_HOME=os.path.join(work, "cache"), MML_TVMAZE_URL="http://127.0.0.1:9",
               DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")
    try:
        if not os.path.isdir(tree):
            print(f"building a {a.series}-series tree in {tree} …", file=sys.stderr)
            subprocess.run([sys.executable, MAKE_LIBRARY, tree, "--series", str(a.series)],
                           check=True, stdout=subprocess.DEVNULL)
        mml = [a.mml, "--db", db]
        run(mml + ["root", "add", tree], env)
        run(mml + ["scan"], env)
        before = listing(tree)

        walk(tree)   # the cache warm for both, as the scan left it
        for r in range(runs):
            t_walk, _ = walk(tree)
            t_preview, out = run(mml + ["organize", "preview", "--json"], env)
            if r == 0:
                ops = json.loads(out)
                moving = [op for op in ops if op["action"] != "none" and op["problem"] is None]
                print(f"files planned          {len(ops)}")
                print(f"renames and moves      {len(moving)}"
                      f"  (problems {sum(op['problem'] is not None for op in ops)})")
            print(f"preview                {t_preview:7.2f} s   {len(ops) / t_preview:9.0f} files/s"
                  f"   ×{t_preview / t_walk:.1f} os.walk ({t_walk:.2f} s)   (goal: 137k files in <= 2 s)")
        if a.preview_only:
            return

        t_apply, out = run(mml + ["organize", "apply", "--json"], env)
        summary = json.loads(out)
        t_undo, _ = run(mml + ["organize", "undo", "--json"], env)
        back = listing(tree) == before

        bare_fwd, bare_back = bare_renames(tree, moving)
        n = max(summary["done"], 1)
        print(f"apply                  {t_apply:7.2f} s   {n / t_apply:9.0f} renames/s"
              f"   ×{t_apply / bare_fwd:.1f} bare os.rename ({len(moving) / bare_fwd:.0f}/s)"
              f"   (goal >= 5000/s)")
        print(f"undo                   {t_undo:7.2f} s   {n / t_undo:9.0f} renames/s"
              f"   ×{t_undo / bare_back:.1f} bare os.rename")
        print(f"done {summary['done']}, failed {summary['failed']}; "
              f"tree back after undo: {'yes' if back else 'NO'}")
        if not back or summary["failed"]:
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
