#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Matching benchmark: `mml series match` on a generated library against a
local TVmaze look-alike that enforces TVmaze's published limit (20 calls in
any 10 s, 429 beyond, like the real one).

    bench/bench-match.py --mml build/src/cli/mml [--series 1000] [--decoys 0.1] [--realistic 0.35]

The catalogue holds, beside each right show, decoys: with --decoys a show
of the same name years earlier; with --realistic what a real catalogue
has — a British remake a year or three later, the title in another year,
spin-offs with a subtitle, and two more daily shows of the same name.

Prints:
  - requests sent and HTTP requests per series (target: at most 2 with TVmaze),
  - wall time against the rate limit's floor for that many requests — the
    floor is (requests - 20) / 2 s: the first 20 are free, then 2 per second —
    as a ratio (1.00 = exactly at the floor),
  - 429s the server had to send (pacing should make them rare),
  - the share matched automatically vs sent to Conflicts, and how many
    automatic matches point at the right show (the generator's truth),
    the wrong ones, and the conflicts by folder style,
  - how good the ETA was: predicted remaining time at 10 % and 50 % done
    against the real remaining time.
"""
import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_LIBRARY = os.path.join(HERE, "make-library.py")
sys.path.insert(0, os.path.join(HERE, "..", "tests", "fakes"))
import fake_tvmaze  # noqa: E402


def run(argv, env, **kw):
    p = subprocess.run(argv, capture_output=True, env=env, **kw)
    if p.returncode != 0:
        sys.exit(f"{argv[:4]} failed: {p.stderr.decode(errors='replace')[-800:]}")
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mml", required=True)
    ap.add_argument("--series", type=int, default=1000)
    ap.add_argument("--decoys", type=float, default=0.1)
    ap.add_argument("--realistic", type=float, default=0.35,
                    help="share of series with realistic decoys: a UK remake a year or three "
                         "later, the title in another year, a spin-off; two same-name daily shows")
    ap.add_argument("--rate", default="20/10")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="mml-bench-match-")
    tree, manifest = os.path.join(tmp, "tv"), os.path.join(tmp, "manifest.json")
    db = os.path.join(tmp, "library.db")
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(tmp, "cache"), LC_ALL="C.UTF-8",
               MML_HTTP_NO_PROXY="1")
    env.pop("MML_DB", None)
    server = None
    try:
        run([sys.executable, MAKE_LIBRARY, tree,
             "--series", str(a.series), "--manifest", manifest], env)
        run([a.mml, "--db", db, "root", "add", tree], env)
        run([a.mml, "--db", db, "scan"], env)

        server = subprocess.Popen([sys.executable, fake_tvmaze.__file__, "--manifest", manifest,
                                   "--decoys", str(a.decoys), "--realistic", str(a.realistic),
                                   "--rate", a.rate],
                                  stdout=subprocess.PIPE, text=True)
        port = int(server.stdout.readline().split()[1])
        base = f"http://127.0.0.1:{port}"
        env["MML_TVMAZE_URL"] = base

        t0 = time.monotonic()
        p = subprocess.Popen([a.mml, "--db", db, "series", "match", "--json"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        etas = []   # (elapsed, done, total, predicted seconds left)
        for line in p.stderr:
            m = re.match(r"matching: (\d+) of (\d+), about (\d+)m (\d+)s left", line)
            if m:
                done, total = int(m.group(1)), int(m.group(2))
                etas.append((time.monotonic() - t0, done, total, int(m.group(3)) * 60 + int(m.group(4))))
        out = p.stdout.read()
        if p.wait() != 0:
            sys.exit(f"mml series match failed: {out}")
        wall = time.monotonic() - t0
        summary = json.loads(out)
        stats = json.load(urllib.request.urlopen(base + "/_stats"))

        # the truth: the catalogue the server built, rebuilt the same way here
        cat = fake_tvmaze.Catalogue.from_manifest(manifest, decoys=a.decoys, realistic=a.realistic)
        truth, style = {}, {}
        for v in json.load(open(manifest))["videos"]:
            truth[v["series_folder"]] = (v["title"], v["year"])
            style[v["series_folder"]] = v["style"]
        listed = json.loads(run([a.mml, "--db", db, "series", "list", "--json"], env).stdout)
        auto = [s for s in listed if s["match"] == "auto"]
        right = 0
        for s in auto:
            show = cat.shows.get(s["ids"]["tvmaze"])
            want = truth.get(s["folder"])
            if show and want and show["name"] == want[0] and show["premiered"].startswith(str(want[1])):
                right += 1
        conflicts = sum(1 for s in listed if s["match"] == "conflict")
        by_style = collections.Counter(style.get(s["folder"], "?") for s in listed if s["match"] == "conflict")
        missing = sum(s["missing"] for s in listed)
        upcoming = sum(s["upcoming"] for s in listed)

        requests = summary["requests"]
        n, per = (int(x) for x in a.rate.split("/"))
        floor = max(requests - n, 0) * per / n
        print(f"library: {len(listed)} series ({a.series} generated, decoy shows {a.decoys:.0%}, "
              f"realistic decoys {a.realistic:.0%})")
        print(f"requests: {requests} sent, {requests / max(len(listed), 1):.2f} per series; "
              f"server saw {stats.get('requests', 0)}, 429s: {stats.get('429', 0)}")
        print(f"time: {wall:.1f} s; rate-limit floor {floor:.1f} s; ratio {wall / floor if floor else 0:.3f}")
        print(f"matched automatically: {len(auto)} ({len(auto) / len(listed):.1%}), "
              f"right show: {right}/{len(auto)}; to Conflicts: {conflicts} ({conflicts / len(listed):.1%}); "
              f"errors: {summary['errors']}")
        print(f"wrong automatic matches: {len(auto) - right}; conflicts by folder style: "
              + (", ".join(f"{k} {n}" for k, n in by_style.most_common()) or "none"))
        print(f"missing episodes found: {missing}; upcoming: {upcoming}")
        for frac in (0.1, 0.5):
            pick = next((e for e in etas if e[1] >= e[2] * frac), None)
            if pick:
                actual = wall - pick[0]
                print(f"ETA at {frac:.0%} done: predicted {pick[3]} s left, actually {actual:.0f} s "
                      f"({pick[3] / actual if actual else 0:.2f}x)")
    finally:
        if server:
            server.terminate()
            server.wait()
        if a.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
