#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Watch-status sync benchmark: a whole library against a media server.

    bench/bench-sync.py --mml build/src/cli/mml [--series 2000] [--episodes 68]
                        [--kind jellyfin|plex|emby]

Makes a library of SERIES × EPISODES empty video files named the way the
fake server names them (tests/fakes/fake_mediaserver.py --generate: a
third of the episodes watched there), scans it, adds the fake server (a
real keyring on a private bus holds its token) and times:
  - the first sync (goal: 137k episodes in <= 30 s and <= 400 requests),
  - a second sync with nothing changed (goal: no write, <= 1 request per
    1,000 episodes + 10, <= 10 s),
  - a webhook to the store (goal: <= 1 s): `mml webhook listen` gets a
    Jellyfin "UserDataSaved" event and announces it once the store has it.
Figures are printed with their goals and, for the requests, as a ratio
to the least a paged reading can do (one request per page).
"""
import argparse
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
FAKES = os.path.join(HERE, "..", "tests", "fakes")
sys.path.insert(0, FAKES)
from keyring_session import Keyring  # noqa: E402

TOKEN = "bench-token"
PAGE = 1000


def run(argv, env, stdin=None):
    t = time.perf_counter()
    p = subprocess.run(argv, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    dt = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(argv[3:5])} failed: {p.stderr.decode(errors='replace')[-800:]}")
    return dt, p.stdout


def fake_call(url, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url + path, data=data, method="POST" if data is not None else "GET")
    with urllib.request.urlopen(req, timeout=120) as r:
        text = r.read()
        return json.loads(text) if text else None


def make_tree(top, n_series, n_episodes):
    for i in range(1, n_series + 1):
        title = "Series %04d" % i
        season = os.path.join(top, title, "Season 01")
        os.makedirs(season)
        for k in range(1, n_episodes + 1):
            open(os.path.join(season, "%s - S01E%02d.mkv" % (title, k)), "wb").close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mml", required=True)
    ap.add_argument("--series", type=int, default=2000)
    ap.add_argument("--episodes", type=int, default=68)
    ap.add_argument("--kind", default="jellyfin", choices=("jellyfin", "emby", "plex"))
    a = ap.parse_args()
    total = a.series * a.episodes

    work = tempfile.mkdtemp(prefix="mml-bench-sync-")
    tree = os.path.join(work, "tv")
    db = os.path.join(work, "library.db")
    keyring = Keyring()
    fake = None
    env = dict(os.environ, XDG_DATA_HOME=os.path.join(work, "data"), XDG_CACHE_HOME=os.path.join(work, "cache"),
               DBUS_SESSION_BUS_ADDRESS=keyring.address,
               # nothing here asks a provider; were one asked, it fails at once (nothing
               # listens on port 9). On 127.0.0.1 like the fake server: rate limits are
               # kept per host and port, so TVmaze's does not slow the fake server down
               MML_TVMAZE_URL="http://127.0.0.1:9")
    try:
        print(f"building {a.series} series × {a.episodes} episodes ({total} files) …", file=sys.stderr)
        make_tree(tree, a.series, a.episodes)
        fake = subprocess.Popen([sys.executable, os.path.join(FAKES, "fake_mediaserver.py"), "--kind", a.kind,
                                 "--generate", f"{a.series}:{a.episodes}", "--token", TOKEN, "--watch-stdin"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        port = re.match(rb"PORT (\d+)", fake.stdout.readline()).group(1).decode()
        url = "http://127.0.0.1:" + port
        mml = [a.mml, "--db", db]
        run(mml + ["root", "add", tree], env)
        t_scan, _ = run(mml + ["scan"], env)
        _, out = run(mml + ["server", "add", a.kind, url, "--token-stdin", "--json"], env, stdin=TOKEN.encode())
        server = json.loads(out)["id"]
        run(mml + ["server", "map", str(server), "/data/tv", tree], env)

        fake_call(url, "/_fake/reset-counters", {})
        t_first, out = run(mml + ["sync", "--json"], env)
        first = json.loads(out)["servers"][0]
        first_state = fake_call(url, "/_fake/state")

        fake_call(url, "/_fake/reset-counters", {})
        t_again, out = run(mml + ["sync", "--json"], env)
        again = json.loads(out)["servers"][0]
        again_state = fake_call(url, "/_fake/state")

        # a webhook: the store has it when the listener announces it
        listen = subprocess.Popen(mml + ["webhook", "listen", "--json"], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        latencies = []
        try:
            hook = listen.stdout.readline().decode().strip()
            for n in range(5):
                item = str(2000000 + 1 + 3 * n)     # unwatched on the server at first (see --generate)
                payload = {"NotificationType": "UserDataSaved", "SaveReason": "TogglePlayed", "Played": True,
                           "ItemId": item, "ItemType": "Episode", "UserId": "u", "ServerId": "bench",
                           "SeasonNumber": 1, "EpisodeNumber": 1, "SeriesName": "Series 0001",
                           "UtcTimestamp": "2026-12-07T10:00:%02dZ" % n}
                req = urllib.request.Request(hook, data=json.dumps(payload).encode(), method="POST",
                                             headers={"Content-Type": "text/plain"})
                t = time.perf_counter()
                urllib.request.urlopen(req, timeout=30).read()
                line = json.loads(listen.stdout.readline())
                latencies.append(time.perf_counter() - t)
                if line.get("outcome") not in ("applied", "unchanged"):
                    print("webhook outcome:", line, file=sys.stderr)
        finally:
            listen.terminate()
            listen.communicate(timeout=60)

        pages = -(-total // PAGE) + -(-a.series // PAGE)
        print(f"library: {a.series} series, {total} episodes ({a.kind}, pages of {PAGE}); scan {t_scan:.1f} s")
        print(f"first sync:  {t_first:6.2f} s  {first['requests']:4d} requests "
              f"(×{first['requests'] / pages:.2f} the {pages} pages)  pulled {first['pulled']}, "
              f"pushed {first['pushed']}, mapped {first['mapped_series']} series / {first['mapped_episodes']} episodes"
              f"   goal ≤ 30 s, ≤ 400 requests: {'met' if t_first <= 30 and first['requests'] <= 400 else 'NOT met'}")
        limit = total // 1000 + 10
        print(f"no-change:   {t_again:6.2f} s  {again['requests']:4d} requests, {again_state['writes']} writes "
              f"(pulled {again['pulled']}, pushed {again['pushed']})"
              f"   goal 0 writes, ≤ {limit} requests, ≤ 10 s: "
              f"{'met' if again_state['writes'] == 0 and again['requests'] <= limit and t_again <= 10 else 'NOT met'}")
        print(f"webhook → store: median {sorted(latencies)[len(latencies) // 2] * 1000:.0f} ms, "
              f"max {max(latencies) * 1000:.0f} ms   goal ≤ 1 s: {'met' if max(latencies) <= 1 else 'NOT met'}")
        print(f"(the fake saw {first_state['requests']} requests and {first_state['writes']} writes in the first sync)")
    finally:
        if fake is not None:
            fake.stdin.close()
            fake.wait(timeout=60)
        keyring.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
