#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Does the window stay responsive while a big library is matched?

    bench/bench-app.py --build BUILD [--series 2000] [--rate 200/1] [--decoys 0.1]

Builds a library with make-library.py, adds and scans it with the CLI, then
starts the real app (BUILD/src/app/my-media-library) against a local TVmaze
look-alike (tests/fakes/fake_tvmaze.py, posters served too). The app matches
every folder by itself at startup, as it does for a user's new root. Meanwhile
BUILD/bench/bench-probe calls the app over D-Bus every 20 ms; the app answers
on its UI thread, so each round trip is how long the window could not react.

Phases: start-up (until the first match lands); while matching runs, the
dashboard, then the series grid (posters loading), then Conflicts (its list
growing); afterwards the idle series grid — the baseline the others are
compared with — and the idle Conflicts view; then the app is closed and
opened again on the matched library, as a user does every day ("restart"). Prints, per phase, the median / p95 / p99 / max round trip
and how many went over 100 ms and 250 ms, and the matching totals.

With --rate the app is allowed that pace against the local server
(MML_TVMAZE_RATE; the real TVmaze always gets its 20 calls / 10 s), so
2,000 series take minutes rather than the half hour the real limit imposes;
bench-match.py measures the pacing itself.

Needs an X display and a session bus: without them it re-runs itself under
xvfb-run and dbus-run-session.
"""
import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_LIBRARY = os.path.join(HERE, "make-library.py")
FAKE = os.path.join(HERE, "..", "tests", "fakes", "fake_tvmaze.py")


def run(argv, env):
    p = subprocess.run(argv, capture_output=True, env=env)
    if p.returncode != 0:
        sys.exit(f"{argv[:4]} failed: {p.stderr.decode(errors='replace')[-800:]}")
    return p


def app_id(build):
    with open(os.path.join(build, "config.h")) as f:
        for line in f:
            if line.startswith("#define APP_ID "):
                return line.split('"')[1]
    sys.exit("no APP_ID in config.h")


def counts(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        rows = dict(con.execute("SELECT match_state, count(*) FROM series GROUP BY match_state").fetchall())
        errors = con.execute("SELECT count(*) FROM series WHERE meta_error IS NOT NULL").fetchone()[0]
    finally:
        con.close()
    return rows, errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--series", type=int, default=2000)
    ap.add_argument("--rate", default="200/1")
    ap.add_argument("--decoys", type=float, default=0.1)
    ap.add_argument("--idle", type=float, default=10, help="seconds of the idle baseline")
    ap.add_argument("--restart", type=float, default=10, help="seconds measured after reopening the app")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()

    if not os.environ.get("MML_BENCH_INNER"):
        env = dict(os.environ, MML_BENCH_INNER="1")
        argv = ["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", "dbus-run-session", "--",
                sys.executable] + sys.argv
        sys.exit(subprocess.run(argv, env=env).returncode)

    build = os.path.abspath(a.build)
    mml = os.path.join(build, "src", "cli", "mml")
    app = os.path.join(build, "src", "app", "my-media-library")
    probe_bin = os.path.join(build, "bench", "bench-probe")
    tmp = tempfile.mkdtemp(prefix="mml-bench-app-")
    tree, manifest = os.path.join(tmp, "tv"), os.path.join(tmp, "manifest.json")
    db = os.path.join(tmp, "library.db")
    env = dict(os.environ, LC_ALL="C.UTF-8", MML_HTTP_NO_PROXY="1",
               XDG_CACHE_HOME=os.path.join(tmp, "cache"), XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               XDG_DATA_HOME=os.path.join(tmp, "data"), MML_DB=db,
               GSETTINGS_BACKEND="memory", GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"),
               NO_AT_BRIDGE="1", GTK_A11Y="none", ADW_DISABLE_PORTAL="1",
               # Xvfb has no GPU: GL would mean llvmpipe compiling shaders on the
               # CPU; cairo is how the tests render too
               GSK_RENDERER="cairo")
    env.pop("MML_NO_AUTO_MATCH", None)
    procs = []
    try:
        run([sys.executable, MAKE_LIBRARY, tree,
             "--series", str(a.series), "--manifest", manifest], env)
        run([mml, "root", "add", tree], env)
        run([mml, "scan"], env)
        total = sum(counts(db)[0].values())

        server = subprocess.Popen([sys.executable, FAKE, "--manifest", manifest, "--decoys", str(a.decoys),
                                   "--images"], stdout=subprocess.PIPE, text=True)
        procs.append(server)
        port = int(server.stdout.readline().split()[1])
        env["MML_TVMAZE_URL"] = f"http://127.0.0.1:{port}"
        env["MML_TVMAZE_RATE"] = a.rate

        probe = subprocess.Popen([probe_bin, app_id(build)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                 text=True, env=env)
        procs.append(probe)

        def say(line):
            probe.stdin.write(line + "\n")
            probe.stdin.flush()

        t0 = time.monotonic()
        gui = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        procs.append(gui)
        say("phase startup")
        started = switched = on_conflicts = False
        last_change, last_done = time.monotonic(), -1
        while True:
            time.sleep(1)
            if gui.poll() is not None:
                sys.exit(f"the app exited ({gui.returncode}): {gui.stderr.read()[-800:]}")
            rows, errors = counts(db)
            done = total - rows.get("none", 0)
            if done != last_done:
                last_change, last_done = time.monotonic(), done
            if not started and done > 0:
                say("phase matching, dashboard")
                started = True
            if not switched and done >= total * 0.3:
                say("phase matching, series grid")
                say("view series")
                switched = True
            if not on_conflicts and done >= total * 0.65:
                say("phase matching, conflicts")
                say("view conflicts")
                on_conflicts = True
            if done >= total or time.monotonic() - last_change > 60:
                break
        matched_at = time.monotonic() - t0
        time.sleep(2)          # the last reloads
        say("phase idle, series grid")
        say("view series")
        time.sleep(a.idle)
        say("phase idle, conflicts")
        say("view conflicts")
        time.sleep(a.idle)
        # what a user sees every day: the app opened on the matched library
        say("phase closed")
        gui.terminate()
        gui.wait(timeout=30)
        say("phase restart, matched library")
        gui = subprocess.Popen([app], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        procs.append(gui)
        time.sleep(a.restart)
        say("quit")
        figures = [json.loads(line) for line in probe.stdout if line.startswith("{")]
        probe.wait()
        gui.terminate()
        gui.wait(timeout=30)

        rows, errors = counts(db)
        print(f"library: {total} series; app matched {total - rows.get('none', 0)} in {matched_at:.1f} s "
              f"(client pace {a.rate} calls/s): auto {rows.get('auto', 0)}, conflicts "
              f"{rows.get('conflict', 0)}, left {rows.get('none', 0)}, errors {errors}")
        base = next((f for f in figures if f["phase"].startswith("idle")), None)
        for f in figures:
            if f["phase"] == "start" or f["calls"] == 0:
                continue
            ratio = (f" ({f['p99_ms'] / base['p99_ms']:.1f}x idle p99)"
                     if base and base["p99_ms"] > 0 and f is not base else "")
            print(f"{f['phase']:>26}: {f['calls']:5d} calls; round trip median {f['median_ms']:.1f} ms, "
                  f"p95 {f['p95_ms']:.1f}, p99 {f['p99_ms']:.1f}{ratio}, max {f['max_ms']:.1f} ms; "
                  f"over 100 ms: {f['over_100ms']}, over 250 ms: {f['over_250ms']}")
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
        if a.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
