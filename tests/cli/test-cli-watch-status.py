#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mml episodes mark` and `mml series status`: viewing status without any
media server. Every status is reached by marks and air dates, judged on
days `--today` pins: a mark made "on" an earlier day is stamped on it."""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mml_cli_base import CliBase  # noqa: E402

FAKES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fakes")
VIEWING_KEYS = {"viewing_status", "viewing_override", "watched", "last_watched", "up_next"}
TODAY = datetime.date.today()


def day(offset):
    return (TODAY + datetime.timedelta(days=offset)).isoformat()


class WatchStatusCliTest(CliBase):
    def setUp(self):
        super().setUp()
        # Iron Road runs on: S01E01–E04, S02E01–E03 aired in 2011, then
        # S02E04 in 3 days and S02E05 in 10. Glass Harbor ended long ago.
        port = self.start_fake([{"name": "Iron Road", "year": 2011, "seasons": {"1": 4, "2": 3}},
                                {"name": "Glass Harbor", "year": 1999, "seasons": {"1": 3}, "future": 0}])
        self.env.update(MML_TVMAZE_URL=f"http://127.0.0.1:{port}", MML_HTTP_NO_PROXY="1",
                        MML_PROVIDER="tvmaze", XDG_CACHE_HOME=os.path.join(self.tmp, "cache"),
                        DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")
        self.tv = self.mkdir("TV")
        for rel in ("Iron Road (2011)/Season 01/Iron.Road.S01E01.mkv",
                    "Iron Road (2011)/Season 01/Iron.Road.S01E02.mkv",
                    "Iron Road (2011)/Season 02/Iron.Road.S02E01.mkv",
                    "Glass Harbor (1999)/Glass.Harbor.S01E01.mkv",
                    "Glass Harbor (1999)/Glass.Harbor.S01E02.mkv",
                    "Glass Harbor (1999)/Glass.Harbor.S01E03.mkv"):
            path = os.path.join(self.tv, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "wb").close()
        self.assertEqual(self.mml("root", "add", self.tv).returncode, 0)
        self.assertEqual(self.mml("scan").returncode, 0)
        p = self.mml("series", "match", "--json")
        self.assertEqual(p.returncode, 0, p)
        series = {s["folder"]: s for s in self.list_series()}
        self.assertEqual({s["match"] for s in series.values()}, {"auto"})
        self.iron = str(series["Iron Road (2011)"]["id"])
        self.glass = str(series["Glass Harbor (1999)"]["id"])

    def start_fake(self, shows):
        """A fake TVmaze serving @shows, stopped when the test ends; its port."""
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
        return int(fake.stdout.readline().split()[1])

    # --- helpers ---

    def list_series(self, *today):
        p = self.mml(*today, "series", "list", "--json")
        self.assertEqual(p.returncode, 0, p)
        rows = json.loads(p.stdout)
        for row in rows:
            self.assertTrue(VIEWING_KEYS <= set(row), row)
        return rows

    def mark(self, series, spec, state, *today):
        p = self.mml(*today, "episodes", "mark", series, spec, state, "--json")
        self.assertEqual(p.returncode, 0, p)
        out = json.loads(p.stdout)
        self.assertEqual(set(out), {"series_id", "selected", "changed", "watched"})
        return out

    def episodes(self, series):
        """{(season, number): episode} of `series show --json`"""
        p = self.mml("series", "show", series, "--json")
        self.assertEqual(p.returncode, 0, p)
        shown = json.loads(p.stdout)
        self.assertTrue(VIEWING_KEYS <= set(shown))
        for e in shown["episode_list"]:
            self.assertTrue({"watched", "watched_at", "plays"} <= set(e), e)
            self.assertEqual(e["watched"], e["watched_at"] is not None, e)
            self.assertEqual(e["watched"], e["plays"] > 0, e)
        return {(e["season"], e["number"]): e for e in shown["episode_list"]}

    def watched(self, series):
        return sorted(k for k, e in self.episodes(series).items() if e["watched"])

    def status(self, series, *today):
        p = self.mml(*today, "series", "status", series, "--json")
        self.assertEqual(p.returncode, 0, p)
        out = json.loads(p.stdout)
        self.assertEqual(set(out), VIEWING_KEYS | {"id"})
        # the same as the series list says
        listed = {str(s["id"]): s for s in self.list_series(*today)}[series]
        self.assertEqual({k: listed[k] for k in VIEWING_KEYS}, {k: out[k] for k in VIEWING_KEYS})
        return out

    # --- the tests ---

    def test_mark_every_spec(self):
        out = self.mark(self.iron, "S01E02", "watched")
        self.assertEqual((out["selected"], out["changed"], out["watched"]), (1, 1, True))
        eps = self.episodes(self.iron)
        self.assertEqual(self.watched(self.iron), [(1, 2)])
        self.assertEqual(eps[(1, 2)]["plays"], 1)
        self.assertRegex(eps[(1, 2)]["watched_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        # one episode marked again is a re-watch: one more play
        self.assertEqual(self.mark(self.iron, "S01E02", "watched")["changed"], 1)
        self.assertEqual(self.episodes(self.iron)[(1, 2)]["plays"], 2)

        # a range: only those not watched yet change
        out = self.mark(self.iron, "S01E01-S01E03", "watched")
        self.assertEqual((out["selected"], out["changed"]), (3, 2))
        self.assertEqual(self.episodes(self.iron)[(1, 2)]["plays"], 2)
        self.assertEqual(self.watched(self.iron), [(1, 1), (1, 2), (1, 3)])

        # a season, unwatched: no time, no plays
        out = self.mark(self.iron, "S01", "unwatched")
        self.assertEqual((out["selected"], out["changed"], out["watched"]), (4, 3, False))
        self.assertEqual(self.watched(self.iron), [])
        self.assertEqual(self.episodes(self.iron)[(1, 2)]["plays"], 0)

        # absolute numbers (TVmaze's, counted in airing order): A5 is S02E01
        self.assertEqual(self.mark(self.iron, "A5-A6", "watched")["changed"], 2)
        self.assertEqual(self.watched(self.iron), [(2, 1), (2, 2)])
        self.assertEqual(self.mark(self.iron, "a5", "unwatched")["changed"], 1)
        self.assertEqual(self.watched(self.iron), [(2, 2)])

        # up to here: every regular episode before it, and it
        out = self.mark(self.iron, "..S02E01", "watched")
        self.assertEqual((out["selected"], out["changed"]), (5, 5))
        self.assertEqual(self.watched(self.iron), [(1, 1), (1, 2), (1, 3), (1, 4), (2, 1), (2, 2)])
        # a range across seasons
        self.assertEqual(self.mark(self.iron, "S01E04-S02E01", "unwatched")["changed"], 2)
        self.assertEqual(self.watched(self.iron), [(1, 1), (1, 2), (1, 3), (2, 2)])
        self.assertEqual(self.mark(self.iron, "..A4", "watched")["changed"], 1)

        # the whole series: what has aired, never what is still to air
        out = self.mark(self.iron, "all", "watched")
        self.assertEqual(out["selected"], 9)
        self.assertEqual(self.watched(self.iron), [(1, 1), (1, 2), (1, 3), (1, 4), (2, 1), (2, 2), (2, 3)])
        self.assertEqual(self.mark(self.iron, "all", "unwatched")["changed"], 7)
        self.assertEqual(self.watched(self.iron), [])
        # one episode is marked as asked, aired or not
        self.assertEqual(self.mark(self.iron, "S02E05", "watched")["changed"], 1)
        self.assertEqual(self.watched(self.iron), [(2, 5)])

        # the text output says what changed
        p = self.mml("episodes", "mark", self.iron, "S01E01", "watched")
        self.assertEqual(p.returncode, 0, p)
        self.assertIn(b"1 episode marked watched", p.stdout)

    def test_derived_statuses(self):
        s = self.status(self.iron)
        self.assertEqual((s["viewing_status"], s["viewing_override"], s["watched"]), ("not-started", None, 0))
        self.assertIsNone(s["last_watched"])
        self.assertEqual((s["up_next"]["season"], s["up_next"]["number"], s["up_next"]["on_disk"]), (1, 1, True))

        # watched two months ago, nothing since: need to continue
        self.mark(self.iron, "S01E01", "watched", "--today", day(-60))
        s = self.status(self.iron)
        self.assertEqual(s["viewing_status"], "need-to-continue")
        self.assertTrue(s["last_watched"]["watched_at"].startswith(day(-60)[:7]), s)
        self.assertEqual((s["last_watched"]["season"], s["last_watched"]["number"]), (1, 1))
        # as it was then, the mark was recent
        self.assertEqual(self.status(self.iron, "--today", day(-55))["viewing_status"], "watching")

        # watched today: watching; up next follows, with or without its file
        self.mark(self.iron, "S01E02", "watched")
        s = self.status(self.iron)
        self.assertEqual((s["viewing_status"], s["watched"]), ("watching", 2))
        self.assertEqual((s["last_watched"]["season"], s["last_watched"]["number"]), (1, 2))
        self.assertEqual((s["up_next"]["season"], s["up_next"]["number"], s["up_next"]["on_disk"]),
                         (1, 3, False))
        self.assertEqual(s["up_next"]["air_date"], "2011-02-05")
        # up next is after the furthest one watched, skipped ones aside
        self.mark(self.iron, "S01E04", "watched")
        s = self.status(self.iron)
        self.assertEqual((s["up_next"]["season"], s["up_next"]["number"], s["up_next"]["on_disk"]), (2, 1, True))
        # … and the first one left once nothing after it is
        self.mark(self.iron, "S02E01-S02E03", "watched")
        s = self.status(self.iron)
        self.assertEqual((s["up_next"]["season"], s["up_next"]["number"]), (1, 3))
        self.assertEqual(s["viewing_status"], "watching")

        # every aired episode watched, the show goes on: caught up
        self.mark(self.iron, "all", "watched")
        s = self.status(self.iron)
        self.assertEqual(s["viewing_status"], "caught-up")
        self.assertIsNone(s["up_next"])
        # a new episode airs (S02E04 in 3 days): need to continue, though the mark is recent
        s = self.status(self.iron, "--today", day(5))
        self.assertEqual(s["viewing_status"], "need-to-continue")
        self.assertEqual((s["up_next"]["season"], s["up_next"]["number"], s["up_next"]["on_disk"]), (2, 4, False))

        # an ended show watched to the end: completed
        self.assertEqual(self.status(self.glass)["viewing_status"], "not-started")
        self.mark(self.glass, "S01E01-S01E02", "watched")
        self.assertEqual(self.status(self.glass)["viewing_status"], "watching")
        self.mark(self.glass, "all", "watched")
        s = self.status(self.glass)
        self.assertEqual((s["viewing_status"], s["up_next"]), ("completed", None))
        # un-watching the last brings it back
        self.mark(self.glass, "S01E03", "unwatched")
        s = self.status(self.glass)
        self.assertEqual(s["viewing_status"], "watching")
        self.assertEqual((s["up_next"]["number"], s["up_next"]["on_disk"]), (3, True))

        # the text form
        p = self.mml("series", "status", self.glass)
        self.assertEqual(p.returncode, 0, p)
        lines = p.stdout.decode().splitlines()
        self.assertEqual(lines[0], "watching")
        self.assertTrue(any(line.startswith("Up next: S01E03") for line in lines), lines)
        p = self.mml("series", "show", self.glass)
        self.assertIn(b"Viewing: Watching", p.stdout)

    def test_manual_status(self):
        self.mark(self.iron, "S01E01", "watched")
        for word in ("on-hold", "dropped", "completed"):
            p = self.mml("series", "status", self.iron, word)
            self.assertEqual(p.returncode, 0, p)
            self.assertEqual(p.stdout.decode().splitlines()[0], word)
            s = self.status(self.iron)
            self.assertEqual((s["viewing_status"], s["viewing_override"]), (word, word))
        # the override stays whatever the marks say
        self.mark(self.iron, "S01E01", "unwatched")
        self.assertEqual(self.status(self.iron)["viewing_status"], "completed")
        # the other series keep theirs
        self.assertEqual(self.status(self.glass)["viewing_override"], None)
        p = self.mml("series", "status", self.iron, "auto")
        self.assertEqual(p.returncode, 0, p)
        s = self.status(self.iron)
        self.assertEqual((s["viewing_status"], s["viewing_override"]), ("not-started", None))

    def test_errors(self):
        usage = [("episodes", "mark"),
                 ("episodes", "mark", "xyz", "all", "watched"),
                 ("episodes", "mark", self.iron),
                 ("episodes", "mark", self.iron, "S1E", "watched"),
                 ("episodes", "mark", self.iron, "S01E02-A5", "watched"),
                 ("episodes", "mark", self.iron, "S02E01-S01E01", "watched"),
                 ("episodes", "mark", self.iron, "E01", "watched"),
                 ("episodes", "mark", self.iron, "S01E01"),
                 ("episodes", "mark", self.iron, "S01E01", "seen"),
                 ("episodes", "mark", self.iron, "S01E01", "watched", "extra"),
                 ("series", "status", self.iron, "sleepy"),
                 ("series", "status", self.iron, "on-hold", "extra"),
                 ("series", "status")]
        for args in usage:
            self.assert_error_style(args, self.mml(*args), 2)
        p = self.mml("episodes", "mark", self.iron, "S1E", "watched")
        self.assertIn("“S1E” names no episodes", p.stderr.decode())

        for args, needle in ((("episodes", "mark", "999", "all", "watched"), "there is no series 999"),
                             (("episodes", "mark", self.iron, "S09E01", "watched"),
                              f"there is no episode S09E01 in series {self.iron}"),
                             (("episodes", "mark", self.iron, "A100-A110", "unwatched"), "A100-A110"),
                             (("series", "status", "999"), "there is no series 999"),
                             (("series", "status", "999", "dropped"), "there is no series 999")):
            p = self.mml(*args)
            self.assert_error_style(args, p, 1)
            self.assert_one_line_error(p, 1, needle)
        # nothing was marked by any of it
        self.assertEqual(self.watched(self.iron), [])
        self.assertEqual(self.status(self.iron)["viewing_override"], None)


if __name__ == "__main__":
    unittest.main()
