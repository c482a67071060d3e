#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scan benchmark: mml against find(1) on a generated library, in one run.

    bench/bench-scan.py --mml build/src/cli/mml [--series 2000] [--tree DIR] [--runs 3]

Builds (or reuses) a tree with bench/make-library.py, then prints:
  - find's time (the floor: it walks and stats every file),
  - a full scan into an empty database and a quick rescan with nothing changed,
    each as seconds and as a ratio to find's (targets: <= 3.0 and <= 1.5),
  - mml's peak memory (target < 250 MB),
  - how many of the manifest's videos landed in the right series folder with
    the right season/episodes, absolute number or air date (target >= 99.5 %),
  - live-watch latency: a file closed in a watched folder until `mml watch`
    reports it (target < 2 s).
Medians of --runs runs; the page cache is warm for both find and mml.
"""
import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_LIBRARY = os.path.join(HERE, "make-library.py")


def timed(argv, **kw):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{argv[:3]} failed: {p.stderr.decode(errors='replace')[-500:]}")
    return dt, p.stdout, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def peak_rss_kb(argv):
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
    return int(p.stderr.decode().strip().splitlines()[-1])


def correctness(mml, db, tree, manifest):
    out = subprocess.run([mml, "--db", db, "files", "--json"], capture_output=True, check=True).stdout
    files = {f["path"]: f for f in json.loads(out)}
    truth = json.load(open(manifest))["videos"]
    right = 0
    wrong = []
    for v in truth:
        f = files.get(v["path"])
        ok = f is not None and f["path"].split("/")[0] == v["series_folder"]
        if ok:
            if "air_date" in v:
                ok = f["air_date"] == v["air_date"]
            elif "absolute" in v:
                ok = f["absolute"] == v["absolute"] or (
                    f["episodes"] == v["absolute"] and f["season"] in (None, 1))
            else:
                ok = f["season"] == v["season"] and f["episodes"] == v["episodes"]
        right += ok
        if not ok and len(wrong) < 5:
            wrong.append((v["path"], f and {k: f[k] for k in ("season", "episodes", "absolute", "air_date")}))
    return right, len(truth), wrong


def watch_latency(mml, db, tree, tries=5):
    env = dict(os.environ)
    p = subprocess.Popen([mml, "--db", db, "watch", "--json"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, env=env, text=True, bufsize=1)
    lat = []
    try:
        show = sorted(d for d in os.listdir(tree) if os.path.isdir(os.path.join(tree, d)))[0]
        time.sleep(3)  # monitors on every folder
        for i in range(tries):
            name = f"Bench.Watch.S09E{i + 1:02d}.mkv"
            path = os.path.join(tree, show, name)
            t = time.perf_counter()
            with open(path, "wb") as f:
                f.write(b"x" * 4096)
            while True:
                line = p.stdout.readline()
                if not line:
                    raise SystemExit("mml watch exited")
                ev = json.loads(line)
                if ev["path"].endswith(name) and ev["event"] == "created":
                    lat.append(time.perf_counter() - t)
                    break
            os.unlink(path)
            time.sleep(0.5)
    finally:
        p.terminate()
        p.wait(10)
    return lat


def flat_folder(mml, work, n):
    """One series folder holding @n videos: the walk hands the writer one
    chunk of @n entries, the case that once took 299 MB."""
    flat = os.path.join(work, "flat")
    season = os.path.join(flat, "Flat Show", "Season 01")
    os.makedirs(season)
    for i in range(n):
        open(os.path.join(season, f"Flat Show - S01E{i % 999 + 1:03d} - part {i}.mkv"), "w").close()
    db = os.path.join(work, "flat.db")
    timed([mml, "--db", db, "root", "add", flat])
    find = ["find", flat, "-type", "f", "-printf", "%s %T@ %i %p\n"]
    timed(find)
    t_find = timed(find)[0]
    t0 = time.monotonic()
    rss = peak_rss_kb([mml, "--db", db, "scan", "--full"])
    t_scan = time.monotonic() - t0
    print(f"one folder of {n} files: scan --full {t_scan:.2f} s ({t_scan / t_find:.1f}x find), "
          f"peak memory {rss / 1024:.0f} MB (target < 200 MB)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mml", required=True)
    ap.add_argument("--series", type=int, default=2000)
    ap.add_argument("--tree", help="reuse (or create) the tree here")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-watch", action="store_true")
    ap.add_argument("--flat", type=int, default=100000,
                    help="files in one folder for the flat-folder memory figure (0: skip)")
    a = ap.parse_args()

    work = tempfile.mkdtemp(prefix="mml-bench-")
    tree = a.tree or os.path.join(work, "library")
    manifest = (tree.rstrip("/") + ".manifest.json")
    try:
        if not os.path.isdir(tree) or not os.path.exists(manifest):
            print(f"building a {a.series}-series tree in {tree} …", file=sys.stderr)
            subprocess.run([sys.executable, MAKE_LIBRARY, tree,
                            "--series", str(a.series), "--manifest", manifest], check=True,
                           stdout=subprocess.DEVNULL)
        nfiles = sum(len(f) for _, _, f in os.walk(tree))

        find = ["find", tree, "-type", "f", "-printf", "%s %T@ %i %p\n"]
        timed(find)  # warm the cache
        t_find = statistics.median(timed(find)[0] for _ in range(a.runs))

        fulls, quicks = [], []
        db = os.path.join(work, "bench.db")
        for r in range(a.runs):
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.unlink(db + suffix)
            timed([a.mml, "--db", db, "root", "add", tree])
            fulls.append(timed([a.mml, "--db", db, "scan", "--full"])[0])
            quicks.append(timed([a.mml, "--db", db, "scan", "--quick"])[0])
        t_full, t_quick = statistics.median(fulls), statistics.median(quicks)

        os.unlink(db)
        for suffix in ("-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.unlink(db + suffix)
        timed([a.mml, "--db", db, "root", "add", tree])
        rss_full = peak_rss_kb([a.mml, "--db", db, "scan", "--full"])
        rss_quick = peak_rss_kb([a.mml, "--db", db, "scan", "--quick"])

        right, total, wrong = correctness(a.mml, db, tree, manifest)

        print(f"tree: {a.series} series, {nfiles} files")
        print(f"find -printf:           {t_find:7.3f} s   (1.00x, the floor)")
        print(f"mml scan --full (empty): {t_full:6.3f} s   ({t_full / t_find:4.2f}x find; target <= 3.0x)")
        print(f"mml scan --quick (same): {t_quick:6.3f} s   ({t_quick / t_find:4.2f}x find; target <= 1.5x)")
        print(f"peak memory: full {rss_full / 1024:.0f} MB, quick {rss_quick / 1024:.0f} MB (target < 250 MB)")
        print(f"manifest: {right}/{total} videos right ({100.0 * right / total:.2f} %; target >= 99.5 %)")
        for w in wrong:
            print(f"  wrong: {w}")
        if not a.no_watch:
            lat = watch_latency(a.mml, db, tree)
            print(f"watch latency: median {statistics.median(lat):.3f} s, max {max(lat):.3f} s "
                  f"over {len(lat)} new files (target < 2 s)")
        if a.flat > 0:
            flat_folder(a.mml, work, a.flat)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
