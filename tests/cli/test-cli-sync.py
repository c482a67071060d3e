#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mml server`, `mml sync`, `mml conflicts` and `mml webhook` against the
fake media servers (tests/fakes/fake_mediaserver.py: Plex with plex.tv,
Jellyfin, Emby), with a real keyring: gnome-keyring-daemon on a private
session bus, so tokens go where they go for a user and the test can check
that they land nowhere else."""
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import unittest
import urllib.error
import urllib.request

from mml_cli_base import MML, CliBase

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fakes"))
from keyring_session import Keyring, wait_for  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FAKE = os.path.join(HERE, "..", "fakes", "fake_mediaserver.py")
TOKEN = "fake-token-7f3a9c"
PASSWORD = "correct horse"


class Fake:
    def __init__(self, kind, library, tmp, *extra):
        path = os.path.join(tmp, "fake-%s.json" % kind)
        with open(path, "w") as f:
            json.dump(library, f)
        self.proc = subprocess.Popen([sys.executable, FAKE, "--kind", kind, "--library", path, "--token", TOKEN,
                                      "--user", "alice", "--password", PASSWORD] + list(extra),
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        line = self.proc.stdout.readline().decode()
        m = re.match(r"PORT (\d+)", line)
        assert m, (line, self.proc.stderr.read())
        self.url = "http://127.0.0.1:%s" % m.group(1)

    def call(self, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.url + path, data=data, method="POST" if data is not None else "GET")
        with urllib.request.urlopen(req, timeout=30) as r:
            text = r.read()
            return json.loads(text) if text else None

    def state(self):
        return self.call("/_fake/state")

    def episode(self, item):
        return self.state()["episodes"][item]

    def close(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()
        self.proc.stderr.close()


def library(root):
    """What the fake server holds: two of our series (its paths under
    /data/tv, ours under @root) and one we do not have."""
    def ep(item, series, number, watched=False, plays=0, last=0):
        return {"id": item, "season": 1, "episode": number, "episode_end": number,
                "path": "/data/tv/%s/Season 01/%s - S01E%02d.mkv" % (series, series, number),
                "watched": watched, "plays": plays, "last": last}
    return {"series": [
        {"id": "s1", "title": "Breaking Bad", "year": 2008, "tvdb": "81189", "path": "/data/tv/Breaking Bad",
         "episodes": [ep("e1", "Breaking Bad", 1, True, 2, 1700000000), ep("e2", "Breaking Bad", 2),
                      ep("e3", "Breaking Bad", 3)]},
        {"id": "s2", "title": "Glass Harbor", "year": 2019, "path": "/data/tv/Glass Harbor",
         "episodes": [ep("g1", "Glass Harbor", 1), ep("g2", "Glass Harbor", 2)]},
        {"id": "s3", "title": "Unknown Show", "year": 2001, "path": "/data/tv/Unknown Show",
         "episodes": [ep("u1", "Unknown Show", 1, True, 1, 1700000000)]},
    ]}


class SyncBase(CliBase):
    kind = "jellyfin"

    @classmethod
    def setUpClass(cls):
        cls.keyring = Keyring()

    @classmethod
    def tearDownClass(cls):
        cls.keyring.close()

    def setUp(self):
        super().setUp()
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.keyring.address
        for k in list(self.env):
            if k.startswith("MML_SERVER_") or k == "MML_WEBHOOK_SECRET":
                del self.env[k]
        self.tv = self.mkdir("tv")
        for series, n in (("Breaking Bad", 3), ("Glass Harbor", 2)):
            season = self.mkdir("tv/%s/Season 01" % series)
            for i in range(1, n + 1):
                with open(os.path.join(season, "%s - S01E%02d.mkv" % (series, i)), "wb") as f:
                    f.write(os.urandom(64))
        self.assertEqual(self.mml("root", "add", self.tv).returncode, 0)
        self.assertEqual(self.mml("scan", "--full").returncode, 0)
        # the scan numbers series in the order its threads find them: by title here
        listed = json.loads(self.mml("series", "list", "--json").stdout)
        ids = {s["title"]: s["id"] for s in listed}
        self.bb, self.gh = str(ids["Breaking Bad"]), str(ids["Glass Harbor"])
        self.fake = Fake(self.kind, library(self.tv), self.tmp)
        self.addCleanup(self.fake.close)

    def add_server(self, kind=None, password=True):
        kind = kind or self.kind
        if password and kind != "plex":
            p = self.mml("server", "add", kind, self.fake.url, "--user", "alice", "--password-stdin", "--json",
                         input=(PASSWORD + "\n").encode())
        else:
            p = self.mml("server", "add", kind, self.fake.url, "--token-stdin", "--json",
                         input=(TOKEN + "\n").encode())
        self.assertEqual(p.returncode, 0, p)
        added = json.loads(p.stdout)
        p = self.mml("server", "map", str(added["id"]), "/data/tv", self.tv)
        self.assertEqual(p.returncode, 0, p)
        return added

    def dump(self):
        """What the library and the fake hold, for a failure's message."""
        db = sqlite3.connect(self.db)
        try:
            return {"episodes": db.execute("SELECT id, series_id, season, number, watched, watched_at, plays, "
                                           "watched_source FROM episodes").fetchall(),
                    "baselines": db.execute("SELECT * FROM server_episodes").fetchall(),
                    "fake": self.fake.state()}
        finally:
            db.close()

    def sync(self, *args, code=0):
        p = self.mml("sync", "--json", *args)
        self.assertEqual(p.returncode, code, (p, self.dump()))
        return json.loads(p.stdout)["servers"][0]

    def episodes(self, series=None):
        p = self.mml("series", "show", str(series or self.bb), "--json")
        self.assertEqual(p.returncode, 0, p)
        return {e["number"]: e for e in json.loads(p.stdout)["episode_list"]}

    def watched(self, series=None):
        return {n: e["watched"] for n, e in self.episodes(series).items()}


class JellyfinSync(SyncBase):
    def test_add_list_and_no_token_stored(self):
        added = self.add_server()
        self.assertEqual(set(added), {"id", "kind", "name", "url", "user"})
        self.assertEqual((added["kind"], added["url"], added["user"]), ("jellyfin", self.fake.url, "alice"))
        p = self.mml("server", "list", "--json")
        listed = json.loads(p.stdout)
        self.assertEqual(len(listed), 1)
        for key in ("id", "kind", "name", "url", "user", "libraries", "last_sync_at", "last_error"):
            self.assertIn(key, listed[0])
        self.assertIsNone(listed[0]["last_sync_at"])
        self.assertGreaterEqual(len(listed[0]["libraries"]), 1)
        # a server to sync with: the scheduled sync is on
        jobs = json.loads(self.mml("jobs", "list", "--json").stdout)
        self.assertTrue([j for j in jobs if j["name"] == "sync"][0]["enabled"], jobs)
        self.sync()
        # the token the sign-in gave and the password: in the keyring only
        with open(self.db, "rb") as f:
            data = f.read()
        for path in (self.db + "-wal",):
            if os.path.exists(path):
                with open(path, "rb") as f:
                    data += f.read()
        self.assertNotIn(PASSWORD.encode(), data)
        p = self.mml("server", "test", "1", "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(json.loads(p.stdout)["user"], "alice")

    def test_first_sync_maps_and_pulls(self):
        self.add_server()
        r = self.sync()
        self.assertEqual((r["mapped_series"], r["unmapped_series"], r["pulled"], r["pushed"], r["errors"]),
                         (2, 1, 1, 0, 0))
        self.assertEqual(self.watched(), {1: True, 2: False, 3: False})
        e1 = self.episodes()[1]
        self.assertEqual(e1["plays"], 2)
        self.assertEqual(e1["watched_at"], "2023-11-14T22:13:20Z")
        p = self.mml("conflicts", "list", "--kind", "match", "--json")
        match = json.loads(p.stdout)
        self.assertEqual([(c["kind"], c["title"], c["server_item_id"]) for c in match],
                         [("match", "Unknown Show", "s3")])
        # the user's choice: the server's "Unknown Show" is our Glass Harbor,
        # kept by the next syncs, and the conflict is gone
        self.assert_one_line_error(self.mml("conflicts", "resolve", str(match[0]["id"]), "--series", "99"), 1,
                                   "there is no series 99")
        p = self.mml("conflicts", "resolve", str(match[0]["id"]), "--series", self.gh)
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(json.loads(self.mml("conflicts", "list", "--kind", "match", "--json").stdout), [])
        r = self.sync()
        self.assertEqual((r["mapped_series"], r["unmapped_series"]), (3, 0))
        self.assertEqual(json.loads(self.mml("server", "list", "--json").stdout)[0]["mapped_series"], 2)
        listed = json.loads(self.mml("server", "list", "--json").stdout)[0]
        self.assertIsNotNone(listed["last_sync_at"])
        self.assertEqual(listed["mapped_series"], 2)

    def test_resync_with_nothing_changed_writes_nothing(self):
        self.add_server()
        self.sync()
        self.fake.call("/_fake/reset-counters", {})
        r = self.sync()
        state = self.fake.state()
        self.assertEqual(state["writes"], 0)
        self.assertEqual((r["pulled"], r["pushed"], r["conflicts"]), (0, 0, 0))
        self.assertEqual(r["requests"], state["requests"])
        self.assertLessEqual(r["requests"], 10)

    def test_marks_and_unmarks_travel_both_ways(self):
        self.add_server()
        self.sync()
        # watched here → the server
        self.assertEqual(self.mml("episodes", "mark", self.bb, "S01E02", "watched").returncode, 0)
        r = self.sync()
        self.assertEqual(r["pushed"], 1)
        self.assertTrue(self.fake.episode("e2")["watched"])
        # un-watched on the server → here, and not marked again by us
        self.fake.call("/_fake/set", {"id": "e1", "watched": False})
        r = self.sync()
        self.assertEqual((r["pulled"], r["pushed"]), (1, 0))
        self.assertEqual(self.watched(), {1: False, 2: True, 3: False})
        self.sync()
        self.assertFalse(self.fake.episode("e1")["watched"])
        # un-watched here → the server; the server's stale "watched" never undoes it
        self.assertEqual(self.mml("episodes", "mark", self.bb, "S01E02", "unwatched").returncode, 0)
        r = self.sync()
        self.assertEqual((r["pushed"], r["pulled"]), (1, 0))
        self.assertFalse(self.fake.episode("e2")["watched"])
        self.assertEqual(self.watched(), {1: False, 2: False, 3: False})
        # watched on the server → here
        self.fake.call("/_fake/set", {"id": "e3", "watched": True, "last": 1750000000, "plays": 1})
        self.sync()
        self.assertEqual(self.watched(), {1: False, 2: False, 3: True})

    def test_both_sides_changed_is_a_conflict_until_resolved(self):
        self.add_server()
        self.sync()
        # E01 is watched on both sides now; un-watch it here, watch it again there
        self.assertEqual(self.mml("episodes", "mark", self.bb, "S01E01", "unwatched").returncode, 0)
        self.fake.call("/_fake/set", {"id": "e1", "watched": True, "plays": 3, "last": 1760000000})
        self.fake.call("/_fake/reset-counters", {})
        r = self.sync()
        self.assertEqual(r["conflicts"], 1)
        self.assertEqual(self.fake.state()["writes"], 0)   # written to neither side
        self.assertFalse(self.watched()[1])
        conflicts = json.loads(self.mml("conflicts", "list", "--kind", "watch", "--json").stdout)
        self.assertEqual(len(conflicts), 1)
        c = conflicts[0]
        for key in ("id", "kind", "series_id", "episode_id", "season", "episode", "server_id", "server_item_id",
                    "local", "server"):
            self.assertIn(key, c)
        self.assertEqual((c["kind"], c["series_id"], c["season"], c["episode"], c["server_item_id"]),
                         ("watch", int(self.bb), 1, 1, "e1"))
        self.assertEqual((c["local"]["watched"], c["server"]["watched"]), (False, True))
        # a second sync neither writes nor opens another
        r = self.sync()
        self.assertEqual(r["conflicts"], 1)
        self.assertEqual(len(json.loads(self.mml("conflicts", "list", "--kind", "watch", "--json").stdout)), 1)
        self.assertEqual(self.fake.state()["writes"], 0)
        # keep this library's state: the server un-watches it
        p = self.mml("conflicts", "resolve", str(c["id"]), "local")
        self.assertEqual(p.returncode, 0, p)
        self.assertFalse(self.fake.episode("e1")["watched"])
        self.assertEqual(json.loads(self.mml("conflicts", "list", "--kind", "watch", "--json").stdout), [])
        r = self.sync()
        self.assertEqual((r["conflicts"], r["pulled"], r["pushed"]), (0, 0, 0))
        self.assertFalse(self.watched()[1])

    def test_a_mark_from_one_server_reaches_the_others_in_one_sync(self):
        # a second server (Emby) after this one (Jellyfin), both synced once
        self.add_server()
        other = Fake("emby", library(self.tv), self.tmp)
        self.addCleanup(other.close)
        p = self.mml("server", "add", "emby", other.url, "--user", "alice", "--password-stdin", "--json",
                     input=(PASSWORD + "\n").encode())
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(self.mml("server", "map", str(json.loads(p.stdout)["id"]), "/data/tv",
                                  self.tv).returncode, 0)
        self.mml("sync", "--json")
        self.assertFalse(self.fake.episode("e2")["watched"])
        # watched on the later server: one sync brings it here and to the first
        other.call("/_fake/set", {"id": "e2", "watched": True, "last": 1750000000, "plays": 1})
        p = self.mml("sync", "--json")
        self.assertEqual(p.returncode, 0, (p, self.dump()))
        servers = json.loads(p.stdout)["servers"]
        self.assertEqual([s["name"] != "" for s in servers], [True, True])   # one report a server
        self.assertEqual((servers[0]["pushed"], servers[1]["pulled"]), (1, 1))
        self.assertTrue(self.watched()[2])
        self.assertTrue(self.fake.episode("e2")["watched"])
        # and then all is still: nothing written anywhere
        self.fake.call("/_fake/reset-counters", {})
        other.call("/_fake/reset-counters", {})
        servers = json.loads(self.mml("sync", "--json").stdout)["servers"]
        self.assertEqual([(s["pulled"], s["pushed"]) for s in servers], [(0, 0), (0, 0)])
        self.assertEqual((self.fake.state()["writes"], other.state()["writes"]), (0, 0))

    def test_newer_jellyfin_gets_its_own_played_route(self):
        # a server whose version has only /UserPlayedItems (the fake drops
        # the /Users/{id}/PlayedItems routes from 10.11 on): marks still
        # travel both ways, by the version the test of the server read
        self.fake.close()
        self.fake = Fake(self.kind, library(self.tv), self.tmp, "--version", "10.11.0")
        self.addCleanup(self.fake.close)
        self.add_server()
        self.sync()
        self.assertEqual(self.mml("episodes", "mark", self.bb, "S01E02", "watched").returncode, 0)
        r = self.sync()
        self.assertEqual((r["pushed"], r["errors"]), (1, 0))
        self.assertTrue(self.fake.episode("e2")["watched"])
        self.assertEqual(self.mml("episodes", "mark", self.bb, "S01E02", "unwatched").returncode, 0)
        r = self.sync()
        self.assertEqual((r["pushed"], r["errors"]), (1, 0))
        self.assertFalse(self.fake.episode("e2")["watched"])

    def test_always_prefer_a_side_for_a_series(self):
        self.add_server()
        self.sync()

        def conflict_on_e1(plays):
            # un-watched here, watched again on the server
            self.assertEqual(self.mml("episodes", "mark", self.bb, "S01E01", "unwatched").returncode, 0)
            self.fake.call("/_fake/set", {"id": "e1", "watched": True, "plays": plays, "last": 1760000000 + plays})

        conflict_on_e1(3)
        self.assertEqual(self.sync()["conflicts"], 1)
        # the server's side, always: the open one is resolved now
        p = self.mml("conflicts", "prefer", self.bb, "server")
        self.assertEqual(p.returncode, 0, p)
        self.assertIn("1 open one resolved", p.stdout.decode())
        self.assertEqual(json.loads(self.mml("conflicts", "list", "--kind", "watch", "--json").stdout), [])
        self.assertTrue(self.watched()[1])
        # and the next one settles by itself, to the server
        conflict_on_e1(4)
        r = self.sync()
        self.assertEqual((r["conflicts"], r["pulled"], r["pushed"]), (0, 1, 0))
        self.assertTrue(self.watched()[1])
        # this library's side: pushed instead
        self.assertEqual(self.mml("conflicts", "prefer", self.bb, "local").returncode, 0)
        conflict_on_e1(5)
        r = self.sync()
        self.assertEqual((r["conflicts"], r["pulled"], r["pushed"]), (0, 0, 1))
        self.assertFalse(self.fake.episode("e1")["watched"])
        self.assertFalse(self.watched()[1])
        # none: asked again
        p = self.mml("conflicts", "prefer", self.bb, "none")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(self.mml("episodes", "mark", self.bb, "S01E01", "watched").returncode, 0)
        self.assertEqual(self.sync()["pushed"], 1)
        conflict_on_e1(7)
        self.assertEqual(self.sync()["conflicts"], 1)
        # bad input
        self.assert_one_line_error(self.mml("conflicts", "prefer", "99", "server"), 1, "no series 99")
        self.assert_one_line_error(self.mml("conflicts", "prefer", self.bb, "both"), 2, "local, server or none")
        self.assert_one_line_error(self.mml("conflicts", "prefer", "x"), 2, "needs a series id")

    def test_resolve_by_the_server(self):
        self.add_server()
        self.sync()
        self.mml("episodes", "mark", self.bb, "S01E01", "unwatched")
        self.fake.call("/_fake/set", {"id": "e1", "watched": True, "plays": 3, "last": 1760000000})
        self.sync()
        c = json.loads(self.mml("conflicts", "list", "--kind", "watch", "--json").stdout)[0]
        self.assertEqual(self.mml("conflicts", "resolve", str(c["id"]), "server").returncode, 0)
        self.assertTrue(self.watched()[1])
        self.assertEqual(self.episodes()[1]["plays"], 3)
        p = self.mml("conflicts", "resolve", str(c["id"]), "server")
        self.assert_one_line_error(p, 1, "no open watch conflict")

    def test_failure_mid_sync_moves_only_what_was_confirmed(self):
        self.add_server()
        self.sync()
        self.assertEqual(self.mml("episodes", "mark", self.bb, "S01E02-S01E03", "watched").returncode, 0)
        self.fake.call("/_fake/fail", {"status": 500, "count": 1, "match": "PlayedItems/e3"})
        r = self.sync(code=1)
        self.assertEqual((r["pushed"], r["errors"] > 0), (1, True))
        self.assertTrue(self.fake.episode("e2")["watched"])
        self.assertFalse(self.fake.episode("e3")["watched"])
        listed = json.loads(self.mml("server", "list", "--json").stdout)[0]
        self.assertIsNotNone(listed["last_error"])
        # the server works again: only what is left is sent
        self.fake.call("/_fake/reset-counters", {})
        r = self.sync()
        self.assertEqual((r["pushed"], r["errors"]), (1, 0))
        self.assertTrue(self.fake.episode("e3")["watched"])
        self.assertEqual(self.fake.state()["writes"], 1)
        self.assertIsNone(json.loads(self.mml("server", "list", "--json").stdout)[0]["last_error"])

    def test_auth_failure_changes_nothing(self):
        self.add_server()
        self.sync()
        before = self.watched()
        self.fake.call("/_fake/set", {"id": "e2", "watched": True, "last": 1750000000, "plays": 1})
        self.fake.call("/_fake/fail", {"status": 401, "count": 100, "match": None})
        r = self.sync(code=1)
        self.assertEqual((r["pulled"], r["pushed"]), (0, 0))
        self.assertTrue(r["error"])  # the failure is reported
        self.assertEqual(self.watched(), before)

    def test_dry_run_writes_nowhere(self):
        self.add_server()
        self.sync()
        self.mml("episodes", "mark", self.bb, "S01E03", "watched")
        self.fake.call("/_fake/set", {"id": "g1", "watched": True, "last": 1750000000, "plays": 1})
        self.fake.call("/_fake/reset-counters", {})
        r = self.sync("--dry-run")
        self.assertEqual((r["pushed"], r["pulled"]), (1, 1))
        self.assertEqual(self.fake.state()["writes"], 0)
        self.assertFalse(self.watched(self.gh)[1])
        r = self.sync()
        self.assertEqual((r["pushed"], r["pulled"]), (1, 1))
        self.assertTrue(self.watched(self.gh)[1])

    def test_usage_and_unknown_ids(self):
        cases = [(["server"], 2), (["server", "add"], 2), (["server", "add", "kodi", "http://x"], 2),
                 (["server", "add", "jellyfin"], 2), (["server", "add", "jellyfin", "http://x"], 2),
                 (["server", "add", "jellyfin", "http://x", "--password-stdin"], 2),
                 (["server", "remove"], 2), (["server", "remove", "x"], 2), (["sync", "--server"], 2),
                 (["conflicts"], 2), (["conflicts", "list", "--kind", "both"], 2),
                 (["conflicts", "resolve", "1"], 2), (["webhook"], 2), (["webhook", "listen", "--port", "x"], 2)]
        for args, code in cases:
            self.assert_error_style(args, self.mml(*args), code)
        p = self.mml("server", "add", "jellyfin", "ftp://nas", "--token-stdin", input=b"t\n")
        self.assert_one_line_error(p, 1, "http")
        p = self.mml("server", "add", "jellyfin", self.fake.url, "--user", "alice", "--password-stdin",
                     input=b"wrong\n")
        self.assertEqual(p.returncode, 1, p)
        self.assertEqual(json.loads(self.mml("server", "list", "--json").stdout), [])
        self.assertNotIn(b"wrong", p.stderr)
        self.add_server()
        self.assert_one_line_error(self.mml("sync", "--server", "9"), 1, "there is no server 9")
        self.assert_one_line_error(self.mml("server", "remove", "9"), 1, "there is no server 9")
        self.assertEqual(self.mml("server", "remove", "1").returncode, 0)
        self.assertEqual(json.loads(self.mml("server", "list", "--json").stdout), [])


class EmbySync(SyncBase):
    kind = "emby"

    def test_api_key_and_sync(self):
        added = self.add_server(password=False)
        self.assertEqual(added["kind"], "emby")
        r = self.sync()
        self.assertEqual((r["mapped_series"], r["pulled"]), (2, 1))
        self.mml("episodes", "mark", self.gh, "S01E02", "watched")
        self.assertEqual(self.sync()["pushed"], 1)
        self.assertTrue(self.fake.episode("g2")["watched"])
        data = b""
        for path in (self.db, self.db + "-wal"):
            if os.path.exists(path):
                with open(path, "rb") as f:
                    data += f.read()
        self.assertNotIn(TOKEN.encode(), data)


class PlexSync(SyncBase):
    kind = "plex"

    def test_token_sync_and_webhook(self):
        self.add_server()
        r = self.sync()
        self.assertEqual((r["mapped_series"], r["unmapped_series"], r["pulled"]), (2, 1, 1))
        self.mml("episodes", "mark", self.bb, "S01E03", "watched")
        self.assertEqual(self.sync()["pushed"], 1)
        self.assertTrue(self.fake.episode("e3")["watched"])

        listen = subprocess.Popen([MML, "--db", self.db, "webhook", "listen", "--json"], env=self.env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            url = listen.stdout.readline().decode().strip()
            self.assertRegex(url, r"^http://127\.0\.0\.1:\d+/webhook/[0-9a-f]{32,}$")
            machine = json.loads(self.mml("server", "list", "--json").stdout)[0]
            payload = {"event": "media.scrobble", "user": True, "owner": True,
                       "Account": {"id": 1, "title": "alice"},
                       "Server": {"title": "Fake", "uuid": machine.get("machine_id") or "x"},
                       "Metadata": {"ratingKey": "e2", "type": "episode", "grandparentTitle": "Breaking Bad",
                                    "parentIndex": 1, "index": 2, "lastViewedAt": 1765000000}}
            boundary = "mmlboundary"
            body = ("--%s\r\nContent-Disposition: form-data; name=\"payload\"\r\n"
                    "Content-Type: application/json\r\n\r\n%s\r\n--%s--\r\n"
                    % (boundary, json.dumps(payload), boundary)).encode()

            def post(target, data, ctype="multipart/form-data; boundary=" + boundary):
                req = urllib.request.Request(target, data=data, method="POST", headers={"Content-Type": ctype})
                try:
                    with urllib.request.urlopen(req, timeout=30) as r:
                        return r.status
                except urllib.error.HTTPError as e:
                    return e.code

            self.assertEqual(post(url, body), 200)
            line = json.loads(listen.stdout.readline())
            self.assertEqual((line["sender"], line["action"], line["item_id"], line["outcome"]),
                             ("plex", "watched", "e2", "applied"))
            self.assertTrue(self.watched()[2])
            # the same delivery again changes nothing
            self.assertEqual(post(url, body), 200)
            self.assertEqual(json.loads(listen.stdout.readline())["outcome"], "duplicate")
            # wrong secret, no secret: 404; not an event: 400; too big: 413
            base = url.rsplit("/", 1)[0]
            self.assertEqual(post(base + "/" + "0" * 64, body), 404)
            self.assertEqual(post(base, body), 404)
            self.assertEqual(post(url, b"{\"hello\": 1}", "application/json"), 400)
            self.assertEqual(post(url, b"x" * (5 * 1024 * 1024), "application/json"), 413)
        finally:
            listen.send_signal(signal.SIGINT)
            out, err = listen.communicate(timeout=60)
        self.assertEqual(listen.returncode, 0, err)
        self.assertNotIn(TOKEN.encode(), err)

    def test_pin_sign_in(self):
        env = dict(self.env, MML_PLEXTV_URL=self.fake.url)
        p = subprocess.Popen([MML, "--db", self.db, "server", "signin", "plex", "--json"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            first = json.loads(p.stdout.readline())
            self.assertTrue(first["code"])
            self.assertIn(first["code"], first["url"])
            self.fake.call("/_fake/link", {"id": first["id"]})
            out, err = p.communicate(timeout=60)
        finally:
            if p.poll() is None:
                p.kill()
                p.communicate()
        self.assertEqual(p.returncode, 0, err)
        added = json.loads(out)
        self.assertEqual((added["kind"], added["url"]), ("plex", self.fake.url))
        self.assertEqual(len(json.loads(self.mml("server", "list", "--json").stdout)), 1)


if __name__ == "__main__":
    unittest.main()
