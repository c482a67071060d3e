#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mml` command line: exit codes, messages and --json output of the root verbs."""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mml_cli_base import MML, CliBase  # noqa: E402


class CliTest(CliBase):
    def test_help_and_version(self):
        p = self.mml("--help", db=False)
        self.assertEqual(p.returncode, 0)
        for verb in (b"parse", b"root", b"--db", b"--today"):
            self.assertIn(verb, p.stdout)
        p = self.mml("--version", db=False)
        self.assertEqual(p.returncode, 0)
        self.assertRegex(p.stdout.decode(), r"^mml \d+\.\d+\.\d+\n$")
        p = self.mml("root", "--help")
        self.assertEqual(p.returncode, 0)
        self.assertIn(b"root add DIR", p.stdout)
        # the descriptions of `series --help` start in one column
        lines = self.mml("series", "--help").stdout.decode().splitlines()
        columns = {line.index(text) for line, text in
                   ((next(l for l in lines if l.startswith(f"  {cmd}")), text) for cmd, text in
                    (("list", "every series"), ("show", "one series"), ("confirm", "keep an automatic"),
                     ("order", "change the episode order")))}
        self.assertEqual(len(columns), 1, lines)

    def test_usage_errors_exit_2(self):
        for args in (["bogus"], ["--frobnicate"], ["root"], ["root", "frob"],
                     ["root", "add"], ["root", "add", self.tmp, "--kind", "cartoon"],
                     ["root", "add", self.tmp, "--kind"], ["root", "remove"],
                     ["root", "remove", "abc"], ["root", "enable", "0"],
                     ["root", "list", "--yaml"]):
            p = self.mml(*args)
            self.assertEqual(p.returncode, 2, (args, p))
            self.assertTrue(p.stderr, args)
        p = self.mml(db=False)
        self.assertEqual(p.returncode, 2)
        p = self.mml("--db", db=False)
        self.assertEqual(p.returncode, 2)

    def test_today_needs_a_date(self):
        for today in (["--today"], ["--today", ""], ["--today", "tomorrow"], ["--today", "2025-02-29"],
                      ["--today", "2025-1-05"], ["--today", " 2025-01-05"], ["--today=2025-13-01"],
                      ["--today="]):
            p = self.mml(*today, "episodes", "missing")
            self.assertEqual(p.returncode, 2, (today, p))
            err = p.stderr.decode()
            self.assertEqual(err.count("\n"), 1, (today, err))
            self.assertIn("--today", err)
        # nothing was opened, let alone created
        self.assertFalse(os.path.exists(self.db))
        p = self.mml("--today", "2024-02-29", "root", "list", "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(json.loads(p.stdout), [])

    def test_root_lifecycle_json(self):
        tv = self.mkdir("TV")
        anime = self.mkdir("Anime")
        p = self.mml("root", "add", tv)
        self.assertEqual(p.returncode, 0, p)
        p = self.mml("root", "add", anime, "--kind", "anime")
        self.assertEqual(p.returncode, 0, p)
        p = self.mml("root", "list", "--json")
        self.assertEqual(p.returncode, 0, p)
        roots = json.loads(p.stdout)
        self.assertEqual([r["path"] for r in roots], [tv, anime])
        self.assertEqual([r["kind"] for r in roots], ["standard", "anime"])
        self.assertEqual([r["enabled"] for r in roots], [True, True])
        for r in roots:
            self.assertEqual(set(r), {"id", "path", "kind", "enabled", "added_at",
                                      "last_scan_at", "last_scan"})
            self.assertIsInstance(r["id"], int)
        ida, idb = roots[0]["id"], roots[1]["id"]

        self.assertEqual(self.mml("root", "disable", str(idb)).returncode, 0)
        roots = json.loads(self.mml("root", "list", "--json").stdout)
        self.assertEqual([r["enabled"] for r in roots], [True, False])
        self.assertEqual(self.mml("root", "enable", str(idb)).returncode, 0)
        roots = json.loads(self.mml("root", "list", "--json").stdout)
        self.assertEqual([r["enabled"] for r in roots], [True, True])

        p = self.mml("root", "remove", str(ida))
        self.assertEqual(p.returncode, 0)
        self.assertIn(b"nothing on disk", p.stdout)
        self.assertTrue(os.path.isdir(tv))
        roots = json.loads(self.mml("root", "list", "--json").stdout)
        self.assertEqual([r["id"] for r in roots], [idb])

        self.assert_one_line_error(self.mml("root", "remove", str(ida)), 1, "no library folder")
        self.assert_one_line_error(self.mml("root", "enable", "999"), 1, "no library folder")

        # human list
        p = self.mml("root", "list")
        self.assertEqual(p.returncode, 0)
        self.assertIn(anime.encode(), p.stdout)

    def test_empty_list(self):
        p = self.mml("root", "list", "--json")
        self.assertEqual(p.returncode, 0)
        self.assertEqual(json.loads(p.stdout), [])
        p = self.mml("root", "list")
        self.assertEqual(p.returncode, 0)
        self.assertEqual(p.stdout, b"")
        self.assertIn(b"mml root add", p.stderr)

    def test_bad_roots_exit_1(self):
        tv = self.mkdir("TV")
        f = os.path.join(self.tmp, "file.mkv")
        open(f, "w").close()
        self.assertEqual(self.mml("root", "add", tv).returncode, 0)
        self.assert_one_line_error(self.mml("root", "add", os.path.join(self.tmp, "nope")), 1,
                                   "does not exist")
        self.assert_one_line_error(self.mml("root", "add", f), 1, "not a folder")
        self.assert_one_line_error(self.mml("root", "add", tv), 1, "already library folder")
        self.assert_one_line_error(self.mml("root", "add", tv + "/"), 1, "already library folder")
        self.assert_one_line_error(self.mml("root", "add", self.mkdir("TV/Show")), 1, "inside")
        self.assert_one_line_error(self.mml("root", "add", self.tmp), 1, "contains")
        roots = json.loads(self.mml("root", "list", "--json").stdout)
        self.assertEqual(len(roots), 1)

    def test_unreadable_root_exit_1(self):
        locked = self.mkdir("locked")
        os.chmod(locked, 0)
        preexec = None
        if os.geteuid() == 0:
            # root reads everything: run the CLI as an ordinary user instead
            os.chmod(self.tmp, 0o777)
            os.makedirs(os.path.dirname(self.db), exist_ok=True)
            os.chmod(os.path.dirname(self.db), 0o777)

            def preexec():
                os.setgid(65534)
                os.setuid(65534)
        p = self.mml("root", "add", locked, preexec_fn=preexec)
        self.assert_one_line_error(p, 1, "cannot be read")

    def test_db_in_unwritable_place_exit_1(self):
        tv = self.mkdir("TV")
        for db in ("/proc/mml/library.db", "/proc/library.db"):
            p = subprocess.run([MML, "--db", db, "root", "add", tv],
                               capture_output=True, env=self.env, timeout=60)
            self.assertEqual(p.returncode, 1, (db, p))
            self.assertEqual(p.stderr.decode().count("\n"), 1, (db, p))

    def test_newer_database_refused(self):
        import sqlite3
        con = sqlite3.connect(self.db)
        con.execute("PRAGMA user_version = 777")
        con.close()
        self.assert_one_line_error(self.mml("root", "list"), 1, "newer version")

    def test_default_db_location(self):
        tv = self.mkdir("TV")
        p = self.mml("root", "add", tv, db=False)
        self.assertEqual(p.returncode, 0, p)
        self.assertTrue(os.path.isfile(os.path.join(self.tmp, "xdg", "my-media-library",
                                                    "library.db")))
        env = dict(self.env, MML_DB=os.path.join(self.tmp, "env.db"))
        p = subprocess.run([MML, "root", "list", "--json"], capture_output=True, env=env)
        self.assertEqual(json.loads(p.stdout), [])
        # reading never creates a library; adding a folder does
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "env.db")))
        p = subprocess.run([MML, "root", "add", tv], capture_output=True, env=env)
        self.assertEqual(p.returncode, 0, p)
        self.assertTrue(os.path.isfile(os.path.join(self.tmp, "env.db")))

    def make_tree(self):
        tv = self.mkdir("TV")
        for rel in ("Iron Road (2011)/Season 01/Iron.Road.S01E01.720p.HDTV.x264-LOL.mkv",
                    "Iron Road (2011)/Season 01/Iron.Road.S01E01.720p.HDTV.x264-LOL.heb.srt",
                    "Iron Road (2011)/Season 01/Iron.Road.S01E02E03.1080p.WEB-DL.mkv",
                    "[Grp] Glass Bell - 07 [1080p].mkv",
                    "Iron Road (2011)/Season 01/holiday video.mkv",
                    "Iron Road (2011)/poster.jpg"):
            path = os.path.join(tv, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "w").write(rel)
        return tv

    def test_scan_and_files(self):
        tv = self.make_tree()
        self.assertEqual(self.mml("root", "add", tv).returncode, 0)
        p = self.mml("scan", "--json")
        self.assertEqual(p.returncode, 0, p)
        summary = json.loads(p.stdout)
        self.assertEqual(summary["videos"], 4)
        self.assertEqual(summary["subtitles"], 1)
        self.assertEqual(summary["new"], 5)
        self.assertEqual(summary["unrecognised"], 1)
        self.assertEqual(summary["series"], 2)
        self.assertGreaterEqual(summary["ignored"], 1)

        p = self.mml("files", "--json")
        self.assertEqual(p.returncode, 0, p)
        files = {f["path"]: f for f in json.loads(p.stdout)}
        self.assertEqual(len(files), 4)
        f = files["Iron Road (2011)/Season 01/Iron.Road.S01E01.720p.HDTV.x264-LOL.mkv"]
        self.assertEqual(set(f), {"id", "path", "root", "series", "season", "episodes", "absolute",
                                  "air_date", "status", "subtitles"})
        self.assertEqual((f["series"], f["season"], f["episodes"], f["subtitles"], f["status"]),
                         ("Iron Road", 1, [1], ["he"], "present"))
        self.assertEqual(files["Iron Road (2011)/Season 01/Iron.Road.S01E02E03.1080p.WEB-DL.mkv"]["episodes"], [2, 3])
        self.assertEqual(files["[Grp] Glass Bell - 07 [1080p].mkv"]["absolute"], [7])

        # a second quick scan changes nothing; the human summary is one block
        summary = json.loads(self.mml("scan", "--quick", "--json").stdout)
        self.assertEqual((summary["new"], summary["unchanged"]), (0, 5))
        p = self.mml("scan", "--full")
        self.assertEqual(p.returncode, 0)
        self.assertIn(b"unrecognised 1", p.stdout)
        self.assertIn(b"Iron Road", self.mml("files").stdout)

        self.assert_one_line_error(self.mml("scan", "--root", "99"), 1, "no library folder")
        for args in (["scan", "--root"], ["scan", "--root", "x"], ["scan", "--slow"],
                     ["files", "--yaml"]):
            self.assertEqual(self.mml(*args).returncode, 2, args)

    def test_missing_database_is_an_empty_library(self):
        """Reading never creates a database; writing creates one only in a folder that exists."""
        tv = self.make_tree()
        nowhere = os.path.join(self.tmp, "nowhere", "deeper", "library.db")
        fresh = os.path.join(self.tmp, "fresh.db")

        def run(db, *args):
            return subprocess.run([MML, "--db", db] + list(args), capture_output=True, env=self.env, timeout=60)

        for db in (nowhere, fresh):
            for args in (["root", "list", "--json"], ["files", "--json"], ["series", "list", "--json"],
                         ["episodes", "missing", "--json"], ["episodes", "upcoming", "--days", "7", "--json"]):
                p = run(db, *args)
                self.assertEqual(p.returncode, 0, (db, args, p))
                self.assertEqual(json.loads(p.stdout), [], (db, args))
            for args in (["root", "list"], ["files"], ["series", "list"], ["episodes", "missing"]):
                p = run(db, *args)
                self.assertEqual((p.returncode, p.stdout), (0, b""), (db, args, p))
            # an id of a library that is not there is no id; nothing is created to say so
            for args, needle in ((["series", "show", "1"], "there is no series 1"),
                                 (["series", "ignore", "1"], "there is no series 1"),
                                 (["episodes", "missing", "--series", "1"], "there is no series 1"),
                                 (["files", "--root", "1"], "there is no library folder 1"),
                                 (["scan", "--root", "1"], "there is no library folder 1"),
                                 (["root", "remove", "1"], "there is no library folder 1")):
                self.assert_one_line_error(run(db, *args), 1, needle)
            self.assertFalse(os.path.exists(db), db)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "nowhere")))

        # writing: not in a folder that is not there …
        for args in (["root", "add", tv], ["scan"], ["series", "confirm", "--all"]):
            p = run(nowhere, *args)
            self.assert_one_line_error(p, 1, os.path.dirname(nowhere))
            self.assertEqual(p.stdout, b"")
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "nowhere")))
        # … but in one that is
        p = run(fresh, "root", "add", tv)
        self.assertEqual(p.returncode, 0, p)
        self.assertTrue(os.path.isfile(fresh))
        self.assertEqual(len(json.loads(run(fresh, "root", "list", "--json").stdout)), 1)

    def test_control_characters_are_escaped(self):
        evil = "Evil\x1b]0;pwned\x07\nShow"
        tv = self.mkdir("TV\x1b[2J\rRoot")
        os.makedirs(os.path.join(tv, evil))
        for rel in (f"{evil}/{evil}.S01E01.mkv", f"{evil}/{evil}.S01E01.heb.srt", "Iron.Road.S01E01.mkv"):
            open(os.path.join(tv, rel), "w").close()
        p = self.mml("root", "add", tv)
        self.assertEqual(p.returncode, 0, p)
        self.assert_no_controls(p.stdout.decode()[:-1], "root add")
        self.assertIn("TV\\x1b[2J\\rRoot", p.stdout.decode())
        self.assertEqual(self.mml("scan").returncode, 0)

        p = self.mml("root", "list")
        out = p.stdout.decode()
        self.assertEqual(out.count("\n"), 1, out)
        self.assert_no_controls(out[:-1], "root list")

        p = self.mml("files")
        out = p.stdout.decode()
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(out.count("\n"), 2, out)   # two files, two lines
        self.assert_no_controls(out.replace("\t", " ").replace("\n", " "), "files")
        self.assertIn("Evil\\x1b]0;pwned\\x07\\nShow.S01E01.mkv", out)
        # JSON is JSON: the name as it is on disk
        files = json.loads(self.mml("files", "--json").stdout)
        self.assertIn(f"{evil}/{evil}.S01E01.mkv", [f["path"] for f in files])

        p = self.mml("series", "list")
        out = p.stdout.decode()
        series = json.loads(self.mml("series", "list", "--json").stdout)
        self.assertEqual(out.count("\n"), len(series), out)
        self.assert_no_controls(out.replace("\n", " "), "series list")
        for s in series:
            p = self.mml("series", "show", str(s["id"]))
            self.assertEqual(p.returncode, 0, p)
            self.assert_no_controls(p.stdout.decode().replace("\n", " "), "series show")
        self.assertIn(evil, [s["folder"] for s in series])
        shown = self.mml("series", "show", str(next(s["id"] for s in series if s["folder"] == evil))).stdout.decode()
        self.assertIn("Evil\\x1b]0;pwned\\x07\\nShow", shown)

        # a name in an error message cannot break the line either
        p = self.mml("root", "add", os.path.join(self.tmp, "gone\x1b]0;pwned\x07\nhere"))
        self.assert_one_line_error(p, 1, "gone\\x1b]0;pwned\\x07\\nhere")
        self.assert_error_style(["root", "add"], p, 1)

    def test_watch_json(self):
        tv = self.make_tree()
        self.assertEqual(self.mml("root", "add", tv).returncode, 0)
        self.assertEqual(self.mml("scan").returncode, 0)
        env = dict(self.env, MML_WATCH_SETTLE_MS="50")
        p = subprocess.Popen([MML, "--db", self.db, "watch", "--json"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, env=env, text=True)
        try:
            import select

            def next_event(timeout=15):
                ready, _, _ = select.select([p.stdout], [], [], timeout)
                self.assertTrue(ready, "no event from mml watch")
                return json.loads(p.stdout.readline())

            time.sleep(1.5)  # monitors in place, catch-up scan done
            new = os.path.join(tv, "Iron Road (2011)", "Season 01", "Iron.Road.S01E04.mkv")
            with open(new, "wb") as f:
                f.write(b"video")
            ev = next_event()
            self.assertEqual(ev, {"event": "created", "root": 1,
                                  "path": "Iron Road (2011)/Season 01/Iron.Road.S01E04.mkv"})
            os.rename(new, new.replace("S01E04", "S01E05"))
            ev = next_event()
            self.assertEqual(ev["event"], "renamed")
            self.assertEqual(ev["old_path"], "Iron Road (2011)/Season 01/Iron.Road.S01E04.mkv")
            self.assertEqual(ev["path"], "Iron Road (2011)/Season 01/Iron.Road.S01E05.mkv")
        finally:
            p.terminate()
            p.wait(10)
        self.assertEqual(p.returncode, 0)
        self.assertIn(b"Iron.Road.S01E05.mkv", self.mml("files").stdout)


FAKES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fakes")


class MetadataCliTest(CliBase):
    """series / episodes / refresh against a local TVmaze look-alike."""

    def setUp(self):
        super().setUp()
        self.fake, self.port = self.start_fake(
            [{"name": "Iron Road", "year": 2011, "seasons": {"1": 4}, "tvdb": 4242},
             {"name": "Glass Harbor", "year": 1999, "seasons": {"1": 3}, "future": 0},
             {"name": "Glass Harbor", "year": 2015, "seasons": {"1": 3}, "future": 0}])
        self.env.update(MML_TVMAZE_URL=f"http://127.0.0.1:{self.port}", MML_HTTP_NO_PROXY="1",
                        XDG_CACHE_HOME=os.path.join(self.tmp, "cache"), MML_PROVIDER="tvmaze")
        self.tv = self.mkdir("TV")
        for rel in ("Iron Road (2011)/Season 01/Iron.Road.S01E01.720p.mkv",
                    "Iron Road (2011)/Season 01/Iron.Road.S01E02.720p.mkv",
                    "Glass Harbor/Glass.Harbor.S01E01.mkv",
                    "Unknown Thing Here/Unknown.Thing.Here.S01E01.mkv"):
            path = os.path.join(self.tv, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "wb").close()
        self.assertEqual(self.mml("root", "add", self.tv).returncode, 0)
        self.assertEqual(self.mml("scan").returncode, 0)

    def start_fake(self, shows):
        """A fake TVmaze serving @shows, stopped when the test ends; (process, port)."""
        fd, catalogue = tempfile.mkstemp(suffix=".json", dir=self.tmp)
        with os.fdopen(fd, "w") as f:
            json.dump(shows, f)
        fake = subprocess.Popen([sys.executable, os.path.join(FAKES, "fake_tvmaze.py"),
                                 "--catalogue", catalogue], stdout=subprocess.PIPE, text=True)

        def stop():
            fake.terminate()
            fake.wait(10)
            fake.stdout.close()
        self.addCleanup(stop)
        return fake, int(fake.stdout.readline().split()[1])

    def stats(self):
        import urllib.request
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/_stats") as r:
            return json.load(r)

    def listed(self):
        p = self.mml("series", "list", "--json")
        self.assertEqual(p.returncode, 0, p)
        return {s["folder"]: s for s in json.loads(p.stdout)}

    def test_match_list_episodes(self):
        before = self.listed()
        self.assertEqual({s["match"] for s in before.values()}, {"none"})

        p = self.mml("series", "match", "--json")
        self.assertEqual(p.returncode, 0, p)
        summary = json.loads(p.stdout)
        self.assertEqual((summary["total"], summary["matched"], summary["conflicts"], summary["errors"]),
                         (3, 1, 2, 0))
        # at most 2 requests per series with TVmaze, and what the server saw
        self.assertLessEqual(summary["requests"], 6)
        self.assertEqual(summary["requests"], self.stats()["requests"])
        self.assertIn(b"matching: 3 of 3", p.stderr)
        # the time left as people write it: "about 1 s left", "about 2 min 5 s left"
        progress = p.stderr.decode()
        self.assertNotRegex(progress, r"\dm \d\ds")
        self.assertRegex(progress, r"matching: 3 of 3, (almost done|about \d+ s left|about \d+ min \d+ s left) \(")

        series = self.listed()
        iron = series["Iron Road (2011)"]
        self.assertEqual(set(iron), {"id", "title", "year", "folder", "root", "ids", "match", "provider",
                                     "order", "status", "network", "poster", "error", "episodes", "files",
                                     "missing", "upcoming", "next_air_date", "viewing_status",
                                     "viewing_override", "watched", "last_watched", "up_next"})
        self.assertEqual(iron["match"], "auto")
        self.assertEqual(iron["ids"], {"tvmaze": 1, "tvdb": 4242, "tmdb": None, "imdb": None})
        self.assertEqual((iron["title"], iron["year"], iron["root"]), ("Iron Road", 2011, 1))
        self.assertEqual((iron["episodes"], iron["files"], iron["missing"], iron["upcoming"]), (6, 2, 2, 2))
        self.assertEqual(series["Glass Harbor"]["match"], "conflict")
        self.assertEqual(series["Unknown Thing Here"]["match"], "conflict")
        self.assertEqual(series["Unknown Thing Here"]["ids"]["tvmaze"], None)

        p = self.mml("episodes", "missing", "--json")
        self.assertEqual(p.returncode, 0, p)
        missing = json.loads(p.stdout)
        self.assertEqual([(e["series_title"], e["season"], e["number"]) for e in missing],
                         [("Iron Road", 1, 3), ("Iron Road", 1, 4)])
        self.assertTrue(all(e["missing"] and e["files"] == 0 for e in missing))
        p = self.mml("episodes", "upcoming", "--days", "30", "--json")
        upcoming = json.loads(p.stdout)
        self.assertEqual([(e["season"], e["number"]) for e in upcoming], [(1, 5), (1, 6)])
        p = self.mml("episodes", "missing")
        self.assertIn(b"S01E03", p.stdout)
        self.assertIn(b"2 missing episodes", p.stderr)

        # what a person reads, not the values of the JSON
        p = self.mml("series", "show", str(iron["id"]))
        self.assertEqual(p.returncode, 0, p)
        text = p.stdout.decode()
        self.assertIn("Matched automatically on TVmaze", text)
        self.assertIn("episodes in aired order", text)
        self.assertIn("Fake Network · Continuing", text)
        self.assertNotIn("auto · tvmaze", text)
        self.assertNotIn("continuing", text)
        glass = self.mml("series", "show", str(series["Glass Harbor"]["id"])).stdout.decode()
        self.assertIn(f"mml series match {series['Glass Harbor']['id']} --choose ID", glass)

        p = self.mml("series", "show", str(iron["id"]), "--json")
        shown = json.loads(p.stdout)
        self.assertEqual(len(shown["episode_list"]), 6)
        self.assertEqual([e["files"] for e in shown["episode_list"]], [1, 1, 0, 0, 0, 0])

        # a second match run has nothing left to do
        p = self.mml("series", "match", "--json")
        self.assertEqual(json.loads(p.stdout)["total"], 0)

    def test_choose_is_final_search_add_refresh(self):
        self.assertEqual(self.mml("series", "match").returncode, 0)
        glass = self.listed()["Glass Harbor"]

        p = self.mml("series", "search", "Glass", "Harbor", "--json")
        self.assertEqual(p.returncode, 0, p)
        found = json.loads(p.stdout)
        self.assertEqual(sorted((c["id"], c["year"]) for c in found), [(2, 1999), (3, 2015)])
        self.assertTrue(all(0 < c["score"] <= 1 for c in found))

        p = self.mml("series", "match", str(glass["id"]), "--choose", "3")
        self.assertEqual(p.returncode, 0, p)
        after = self.listed()["Glass Harbor"]
        self.assertEqual((after["match"], after["ids"]["tvmaze"], after["year"]), ("manual", 3, 2015))
        # re-matching never replaces the user's choice
        p = self.mml("series", "match", str(glass["id"]), "--json")
        self.assertEqual(json.loads(p.stdout)["kept"], 1)
        self.assertEqual(self.listed()["Glass Harbor"]["ids"]["tvmaze"], 3)

        # add by id: the folder is created, the series is a manual match with missing episodes
        p = self.mml("series", "add", "--root", "1", "--id", "2", "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertNotIn("already", p.stderr.decode())
        added = json.loads(p.stdout)
        self.assertEqual(added["folder"], "Glass Harbor (1999)")
        self.assertTrue(os.path.isdir(os.path.join(self.tv, "Glass Harbor (1999)")))
        row = self.listed()["Glass Harbor (1999)"]
        self.assertEqual((row["match"], row["files"], row["missing"]), ("manual", 0, 3))
        # a scan afterwards keeps the same row
        self.assertEqual(self.mml("scan").returncode, 0)
        self.assertEqual(self.listed()["Glass Harbor (1999)"]["id"], row["id"])
        # the same show again: a note on stderr says where it is; a second copy is allowed
        p = self.mml("series", "add", "--root", "1", "--id", "2", "--folder", "Glass Harbor (1999) 2160p", "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertIn(f"already in the library as series {row['id']}", p.stderr.decode())
        self.assertIn("Glass Harbor (1999)", p.stderr.decode())
        self.assertEqual(json.loads(p.stdout)["folder"], "Glass Harbor (1999) 2160p")
        # … but a folder that is a series already is not taken over
        before = self.listed()
        p = self.mml("series", "add", "--root", "1", "--id", "3", "--folder", "Glass Harbor (1999)")
        self.assert_one_line_error(p, 1, f"already series {row['id']}")
        self.assertIn(f"mml series match {row['id']} --choose 3", p.stderr.decode())
        self.assertEqual(self.listed(), before)

        p = self.mml("refresh", "--all", "--json")
        self.assertEqual(p.returncode, 0, p)
        refreshed = json.loads(p.stdout)
        self.assertEqual(refreshed["refreshed"], 4)   # the second copy too
        self.assertEqual(self.listed()["Glass Harbor"]["match"], "manual")

        # reviewing automatic matches: one, then all
        iron = self.listed()["Iron Road (2011)"]
        self.assertEqual(iron["match"], "auto")
        self.assertEqual(self.mml("series", "confirm", str(iron["id"])).returncode, 0)
        self.assertEqual(self.listed()["Iron Road (2011)"]["match"], "manual")
        self.assertEqual(self.mml("series", "unmatch", str(iron["id"])).returncode, 0)
        self.assertEqual(self.mml("series", "match", str(iron["id"])).returncode, 0)
        self.assertEqual(self.listed()["Iron Road (2011)"]["match"], "auto")
        self.assertEqual(self.mml("series", "confirm", "--all").returncode, 0)
        states = {f: s["match"] for f, s in self.listed().items()}
        self.assertNotIn("auto", states.values())
        self.assertEqual(states["Iron Road (2011)"], "manual")
        self.assertEqual(states["Unknown Thing Here"], "conflict")

        self.assertEqual(self.mml("series", "ignore", str(glass["id"])).returncode, 0)
        self.assertEqual(self.listed()["Glass Harbor"]["match"], "ignored")

    def test_today_pins_missing_and_upcoming(self):
        self.assertEqual(self.mml("series", "match").returncode, 0)

        def episodes(which, *today):
            p = self.mml(*today, "episodes", which, "--json")
            self.assertEqual(p.returncode, 0, p)
            return [(e["series_title"], e["season"], e["number"]) for e in json.loads(p.stdout)]

        # Iron Road: E01–E04 aired in 2011 (E03 2011-02-05, E04 2011-02-12), two air soon
        self.assertEqual(episodes("missing"), [("Iron Road", 1, 3), ("Iron Road", 1, 4)])
        self.assertEqual(episodes("missing", "--today", "2011-02-05"), [("Iron Road", 1, 3)])
        self.assertEqual(episodes("upcoming", "--today=2011-02-05"),
                         [("Iron Road", 1, 4), ("Iron Road", 1, 5), ("Iron Road", 1, 6)])
        self.assertEqual(episodes("missing", "--today", "2011-01-01"), [])
        later = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
        self.assertEqual(episodes("missing", "--today", later),
                         [("Iron Road", 1, n) for n in (3, 4, 5, 6)])
        self.assertEqual(episodes("upcoming", "--today", later), [])
        # the counts of the series list follow the same day
        p = self.mml("--today", later, "series", "list", "--json")
        iron = {s["folder"]: s for s in json.loads(p.stdout)}["Iron Road (2011)"]
        self.assertEqual((iron["missing"], iron["upcoming"]), (4, 0))
        # and nothing is remembered: without --today it is today again
        self.assertEqual(len(episodes("missing")), 2)

    def test_add_hidden_folder_refused(self):
        self.assertEqual(self.mml("series", "match").returncode, 0)
        before = self.listed()
        on_disk = sorted(os.listdir(self.tv))
        for folder in (".hidden", ".", "..", "a/b"):
            p = self.mml("series", "add", "--root", "1", "--id", "2", "--folder", folder)
            self.assert_one_line_error(p, 1, "folder")
            self.assertEqual(p.stdout, b"")
        self.assertEqual(sorted(os.listdir(self.tv)), on_disk)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "a")))
        self.assertEqual(self.listed(), before)
        p = self.mml("series", "add", "--root", "1", "--id", "2", "--folder", ".hidden")
        self.assertIn("dot", p.stderr.decode())

    def test_missing_key_one_line(self):
        env = {k: v for k, v in self.env.items() if not k.startswith("MML_TVDB_") and not k.startswith("MML_TMDB_")}
        # no keyring either
        env.update(DBUS_SESSION_BUS_ADDRESS="unix:path=" + os.path.join(self.tmp, "no-bus"))
        for provider, variable in (("tvdb", "$MML_TVDB_API_KEY"), ("tmdb", "$MML_TMDB_API_KEY")):
            for args in (["series", "search", "Glass"], ["series", "match"], ["refresh"],
                         ["series", "add", "--root", "1", "--id", "2"]):
                p = subprocess.run([MML, "--db", self.db] + args + ["--provider", provider],
                                   capture_output=True, env=env, timeout=60)
                self.assert_one_line_error(p, 1, "needs an API key")
                self.assertIn(variable, p.stderr.decode())
        self.assertEqual({s["match"] for s in self.listed().values()}, {"none"})
        self.assertEqual(sorted(os.listdir(self.tv)), ["Glass Harbor", "Iron Road (2011)", "Unknown Thing Here"])

    def test_unknown_ids_fail(self):
        self.assertEqual(self.mml("series", "match").returncode, 0)
        before = self.listed()
        requests = self.stats()["requests"]
        no_series = "mml: there is no series 9999\n"
        no_root = "mml: there is no library folder 42 (see “mml root list”)\n"
        cases = [(["series", verb, "9999"], no_series)
                 for verb in ("show", "match", "confirm", "ignore", "unignore", "unmatch")]
        cases += [(["series", "show", "9999", "--json"], no_series),
                  (["series", "match", "9999", "--json"], no_series),
                  (["series", "match", "9999", "--choose", "3"], no_series),
                  (["series", "order", "9999", "dvd"], no_series),
                  (["refresh", "--series", "9999"], no_series),
                  (["refresh", "--series", "9999", "--json"], no_series),
                  (["episodes", "missing", "--series", "9999"], no_series),
                  (["episodes", "upcoming", "--series", "9999", "--json"], no_series),
                  (["files", "--root", "42"], no_root),
                  (["files", "--root", "42", "--json"], no_root),
                  (["scan", "--root", "42"], no_root),
                  (["root", "remove", "42"], no_root),
                  (["root", "enable", "42"], no_root),
                  (["root", "disable", "42"], no_root),
                  (["series", "add", "--root", "42", "--id", "2"], no_root)]
        for args, err in cases:
            p = self.mml(*args)
            self.assertEqual((p.returncode, p.stderr.decode(), p.stdout), (1, err, b""), args)
        # nothing changed, nobody was asked
        self.assertEqual(self.listed(), before)
        self.assertEqual(self.stats()["requests"], requests)
        self.assertEqual(sorted(os.listdir(self.tv)), ["Glass Harbor", "Iron Road (2011)", "Unknown Thing Here"])

    def test_bad_ids_are_usage_errors(self):
        not_series = "“xyz” is not a series id"
        not_root = "“xyz” is not a library folder id"
        not_show = "“xyz” is not a show id"
        cases = [(["series", verb, "xyz"], not_series)
                 for verb in ("show", "match", "confirm", "ignore", "unignore", "unmatch")]
        cases += [(["series", "order", "xyz", "dvd"], not_series),
                  (["series", "show", "0"], "“0” is not a series id"),
                  (["series", "show", "12abc"], "“12abc” is not a series id"),
                  (["episodes", "missing", "--series", "xyz"], not_series),
                  (["refresh", "--series", "xyz"], not_series),
                  (["root", "remove", "xyz"], not_root),
                  (["root", "enable", "xyz"], not_root),
                  (["scan", "--root", "xyz"], not_root),
                  (["files", "--root", "xyz"], not_root),
                  (["series", "add", "--root", "xyz", "--id", "2"], not_root),
                  (["series", "add", "--root", "1", "--id", "xyz"], not_show),
                  (["series", "match", "1", "--choose", "xyz"], not_show),
                  # missing
                  (["series", "show"], "series show needs a series id"),
                  (["series", "ignore"], "series ignore needs a series id"),
                  (["root", "remove"], "root remove needs a library folder id"),
                  (["scan", "--root"], "--root needs a library folder id"),
                  (["episodes", "missing", "--series"], "--series needs a series id")]
        for args, needle in cases:
            p = self.mml(*args)
            self.assert_one_line_error(p, 2, needle)
            self.assertNotIn("is needed", p.stderr.decode())

    def test_every_error_is_one_line(self):
        """Every command's errors: unknown id, bad id, missing argument, unknown option."""
        cases = {1: [["series", "show", "9999"], ["series", "match", "9999"], ["series", "confirm", "9999"],
                     ["series", "ignore", "9999"], ["series", "unignore", "9999"], ["series", "unmatch", "9999"],
                     ["series", "order", "9999", "dvd"], ["series", "match", "9999", "--choose", "2"],
                     ["series", "add", "--root", "42", "--id", "2"], ["refresh", "--series", "9999"],
                     ["episodes", "missing", "--series", "9999"], ["episodes", "upcoming", "--series", "9999"],
                     ["files", "--root", "42"], ["scan", "--root", "42"], ["root", "remove", "42"],
                     ["root", "enable", "42"], ["root", "disable", "42"],
                     ["root", "add", os.path.join(self.tmp, "nope")]],
                 2: [["--frobnicate"], ["bogus"], ["--today", "tomorrow", "root", "list"],
                     ["parse", "--frob"], ["parse", "extra"],
                     ["root"], ["root", "frob"], ["root", "add"], ["root", "add", "--frob"],
                     ["root", "add", self.tv, "--kind", "cartoon"], ["root", "add", "a", "b"],
                     ["root", "list", "--yaml"], ["root", "list", "extra"],
                     ["root", "remove"], ["root", "remove", "xyz"], ["root", "remove", "1", "2"],
                     ["root", "enable"], ["root", "enable", "0"], ["root", "disable", "-5"],
                     ["scan", "--slow"], ["scan", "extra"], ["scan", "--root"], ["scan", "--root", "x"],
                     ["files", "--yaml"], ["files", "--root"], ["files", "--root", "x"],
                     ["watch", "--frob"], ["watch", "extra"],
                     ["series"], ["series", "frob"], ["series", "--frob"], ["series", "list", "--frob"],
                     ["series", "list", "extra"], ["series", "show"], ["series", "show", "xyz"],
                     ["series", "show", "1", "2"], ["series", "search"], ["series", "search", "x", "--year"],
                     ["series", "search", "x", "--year", "abc"], ["series", "match", "xyz"],
                     ["series", "match", "1", "2"], ["series", "match", "--choose", "5"],
                     ["series", "match", "1", "--choose"], ["series", "add"], ["series", "add", "--root", "1"],
                     ["series", "add", "--root", "1", "--id", "2", "--folder"], ["series", "confirm"],
                     ["series", "confirm", "xyz"], ["series", "ignore"], ["series", "unignore", "x"],
                     ["series", "unmatch"], ["series", "order"], ["series", "order", "1"],
                     ["series", "order", "1", "sideways"], ["series", "list", "--provider", "imdb"],
                     ["series", "list", "--provider"],
                     ["episodes"], ["episodes", "sideways"], ["episodes", "missing", "--days"],
                     ["episodes", "missing", "--days", "x"], ["episodes", "missing", "--series", "x"],
                     ["episodes", "missing", "--frob"], ["episodes", "missing", "extra"],
                     ["refresh", "extra"], ["refresh", "--series"], ["refresh", "--series", "x"],
                     ["refresh", "--frob"]]}
        for code, argvs in cases.items():
            for args in argvs:
                p = self.mml(*args)
                self.assert_error_style(args, p, code)
                self.assertEqual(p.stdout, b"", args)
                if code == 2:
                    self.assertIn("--help”)", p.stderr.decode(), args)

    def test_match_json_failure_says_why(self):
        iron = self.listed()["Iron Road (2011)"]
        self.env["MML_TVMAZE_URL"] = "http://127.0.0.1:9"
        for args in (["series", "match", str(iron["id"]), "--json"], ["series", "match", str(iron["id"])]):
            p = self.mml(*args)
            self.assertEqual(p.returncode, 1, (args, p))
            if "--json" in args:
                self.assertEqual(json.loads(p.stdout)["errors"], 1)
            lines = p.stderr.decode().splitlines()
            errors = [line for line in lines if not line.startswith("matching: ")]
            self.assertEqual(len(errors), 1, lines)
            self.assertTrue(errors[0].startswith("mml: cannot connect to TVmaze"), errors)

    def test_server_titles_are_escaped(self):
        evil = "Glass\x1b]0;pwned\x07\nTower\r\x9b2J"
        _, port = self.start_fake([{"name": evil, "year": 2003, "seasons": {"1": 2}, "future": 0}])
        self.env["MML_TVMAZE_URL"] = f"http://127.0.0.1:{port}"
        p = self.mml("series", "search", "Glass", "pwned", "Tower")
        self.assertEqual(p.returncode, 0, p)
        out = p.stdout.decode()
        self.assertEqual(out.count("\n"), 1, out)
        self.assert_no_controls(out[:-1], "series search")
        self.assertEqual(json.loads(self.mml("series", "search", "Glass", "pwned", "Tower", "--json").stdout)[0]["title"],
                         evil)
        p = self.mml("series", "add", "--root", "1", "--id", "1")
        self.assertEqual(p.returncode, 0, p)
        self.assert_no_controls(p.stdout.decode()[:-1] + p.stderr.decode().replace("\n", " "), "series add")
        added = next(s for s in json.loads(self.mml("series", "list", "--json").stdout) if s["ids"]["tvmaze"] == 1)
        self.assertEqual(added["title"], evil)
        for args in (["series", "list"], ["series", "show", str(added["id"])], ["episodes", "missing"]):
            p = self.mml(*args)
            self.assertEqual(p.returncode, 0, (args, p))
            self.assert_no_controls(p.stdout.decode().replace("\n", " "), args)
        self.assertIn("Glass\\x1b]0;pwned\\x07\\nTower\\r\\u009b2J",
                      self.mml("series", "show", str(added["id"])).stdout.decode())

    def test_usage_and_service_down(self):
        for args in (["series"], ["series", "frob"], ["episodes", "sideways"], ["series", "match", "--choose", "5"],
                     ["series", "show"], ["series", "order", "1", "sideways"], ["refresh", "extra"],
                     ["series", "list", "--provider", "imdb"]):
            p = self.mml(*args)
            self.assertEqual(p.returncode, 2, (args, p))
        self.env["MML_TVMAZE_URL"] = "http://127.0.0.1:9"
        p = self.mml("series", "match")
        self.assertEqual(p.returncode, 1, p)
        last = p.stderr.decode().splitlines()[-1]   # progress lines come first
        self.assertTrue(last.startswith("mml: cannot connect to TVmaze"), last)
        self.assertIn("stopped after 3 failures in a row", last)
        # nothing was matched, the failure is remembered for Retry
        series = self.listed()
        self.assertEqual({s["match"] for s in series.values()}, {"none"})
        self.assertTrue(all(s["error"] for s in series.values()))


if __name__ == "__main__":
    unittest.main(verbosity=2)
