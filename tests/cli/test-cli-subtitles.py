#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mml subtitles`: preferred languages, status per series, tracks per
video, overrides — the contract of the subtitles issue."""
import json
import os
import subprocess
import sys
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mml_cli_base import CliBase  # noqa: E402


class SubtitlesCliTest(CliBase):
    def make_tree(self, files):
        tv = self.mkdir("TV")
        for rel in files:
            path = os.path.join(tv, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write("1\n00:00:01,000 --> 00:00:02,000\nx\n" if rel.endswith(".srt") else rel)
        return tv

    def scan_tree(self, files):
        tv = self.make_tree(files)
        self.assertEqual(self.mml("root", "add", tv).returncode, 0)
        p = self.mml("scan", "--json")
        self.assertEqual(p.returncode, 0, p)
        return tv

    def series_ids(self):
        p = self.mml("series", "list", "--json")
        self.assertEqual(p.returncode, 0, p)
        return {s["title"]: s["id"] for s in json.loads(p.stdout)}

    def status(self, *args):
        p = self.mml("subtitles", "status", "--json", *args)
        self.assertEqual(p.returncode, 0, p)
        return {s["title"]: s for s in json.loads(p.stdout)}

    def test_languages(self):
        # nothing chosen: the locale's language (C here: English); no database made
        p = self.mml("subtitles", "languages")
        self.assertEqual((p.returncode, p.stdout), (0, b"en\n"), p)
        self.assertFalse(os.path.exists(self.db))
        # any spelling of a language is stored as its code, duplicates dropped
        p = self.mml("subtitles", "languages", "heb", "English", "iw")
        self.assertEqual((p.returncode, p.stdout), (0, b"he en\n"), p)
        p = self.mml("subtitles", "languages", "--json")
        self.assertEqual(json.loads(p.stdout), ["he", "en"])
        # a word that is no language is a usage error and changes nothing
        p = self.mml("subtitles", "languages", "he", "klingonish")
        self.assert_error_style(["languages"], p, 2)
        self.assertIn("klingonish", p.stderr.decode())
        self.assertEqual(self.mml("subtitles", "languages").stdout, b"he en\n")

    def test_status_list_override(self):
        tv = self.scan_tree([
            "Iron Road (2011)/Season 01/Iron.Road.S01E01.mkv",
            "Iron Road (2011)/Season 01/Iron.Road.S01E01.heb.srt",
            "Iron Road (2011)/Season 01/Iron.Road.S01E02.mkv",
            "Iron Road (2011)/Season 01/Iron.Road.S01E02.en.srt",
            "Iron Road (2011)/Season 01/Iron.Road.S01E02.he.forced.srt",
            "Iron Road (2011)/Season 01/Iron.Road.S01E03.mkv",
            "Iron Road (2011)/Season 01/Iron.Road.S01E03.he.sdh.srt",
            "Glass Bell (2020)/Season 01/Glass.Bell.S01E01.mkv",
            "Glass Bell (2020)/Season 01/Glass.Bell.S01E02.mkv",
            "Salt Flats (2019)/Season 02/Salt.Flats.S02E01.mkv",
            "Salt Flats (2019)/Season 02/Salt.Flats.S02E01.Hebrew.srt",
        ])
        ids = self.series_ids()
        self.assertEqual(self.mml("subtitles", "languages", "he", "en").returncode, 0)

        rows = self.status()
        iron = rows["Iron Road"]
        self.assertEqual(set(iron), {"series_id", "title", "status", "override", "episodes", "subbed", "languages"})
        # E01 (.heb) and E03 (hearing-impaired) are subbed; E02 has English and a forced-only Hebrew
        self.assertEqual((iron["status"], iron["episodes"], iron["subbed"], iron["override"]),
                         ("mixed", 3, 2, None))
        self.assertEqual(iron["languages"], ["en", "he"])
        self.assertEqual((rows["Glass Bell"]["status"], rows["Glass Bell"]["subbed"]), ("none", 0))
        self.assertEqual(rows["Salt Flats"]["status"], "with")
        # English first: E02 alone is subbed
        self.assertEqual(self.mml("subtitles", "languages", "en", "he").returncode, 0)
        self.assertEqual(self.status()["Iron Road"]["subbed"], 1)
        self.assertEqual(self.mml("subtitles", "languages", "he", "en").returncode, 0)

        # one series
        one = self.status("--series", str(ids["Glass Bell"]))
        self.assertEqual(list(one), ["Glass Bell"])

        # tracks per video file
        p = self.mml("subtitles", "list", "--series", str(ids["Iron Road"]), "--json")
        self.assertEqual(p.returncode, 0, p)
        videos = {v["path"]: v for v in json.loads(p.stdout)}
        self.assertEqual(len(videos), 3)
        e2 = videos["Iron Road (2011)/Season 01/Iron.Road.S01E02.mkv"]
        self.assertEqual(set(e2), {"episode_file_id", "season", "episodes", "path", "tracks"})
        self.assertEqual((e2["season"], e2["episodes"]), (1, [2]))
        tracks = {(t["language"], t["forced"], t["hi"]): t for t in e2["tracks"]}
        self.assertEqual(set(tracks), {("en", False, False), ("he", True, False)})
        forced = tracks[("he", True, False)]
        self.assertEqual((forced["embedded"], forced["path"]),
                         (False, "Iron Road (2011)/Season 01/Iron.Road.S01E02.he.forced.srt"))
        for t in e2["tracks"]:
            self.assertTrue({"language", "forced", "hi", "embedded", "codec", "path", "encoding"} <= set(t))
        e3 = videos["Iron Road (2011)/Season 01/Iron.Road.S01E03.mkv"]
        self.assertEqual([(t["language"], t["hi"]) for t in e3["tracks"]], [("he", True)])

        # an override holds until cleared
        sid = str(ids["Glass Bell"])
        p = self.mml("subtitles", "override", "--series", sid, "with")
        self.assertEqual(p.returncode, 0, p)
        g = self.status()["Glass Bell"]
        self.assertEqual((g["status"], g["override"], g["subbed"]), ("with", "with", 0))
        self.assertEqual(self.mml("subtitles", "override", "--series", sid, "auto").returncode, 0)
        g = self.status()["Glass Bell"]
        self.assertEqual((g["status"], g["override"]), ("none", None))

        # a sidecar deleted from disk stops counting after the next scan
        os.remove(os.path.join(tv, "Iron Road (2011)/Season 01/Iron.Road.S01E01.heb.srt"))
        self.assertEqual(self.mml("scan").returncode, 0)
        self.assertEqual(self.status()["Iron Road"]["subbed"], 1)

    def test_errors(self):
        self.scan_tree(["Glass Bell (2020)/Season 01/Glass.Bell.S01E01.mkv"])
        for args in (["subtitles", "list", "--series", "9999"],
                     ["subtitles", "status", "--series", "9999"],
                     ["subtitles", "override", "--series", "9999", "with"]):
            p = self.mml(*args)
            self.assert_error_style(args, p, 1)
            self.assertIn("no series 9999", p.stderr.decode())
        for args in (["subtitles"], ["subtitles", "frob"], ["subtitles", "list"],
                     ["subtitles", "list", "--series", "x"], ["subtitles", "override", "--series", "1"],
                     ["subtitles", "override", "--series", "1", "always"], ["subtitles", "status", "--yaml"]):
            p = self.mml(*args)
            self.assert_error_style(args, p, 2)
        p = self.mml("subtitles", "--help")
        self.assertEqual(p.returncode, 0)
        self.assertIn(b"override --series ID", p.stdout)


HERE = os.path.dirname(os.path.abspath(__file__))
FAKE = os.path.join(HERE, "..", "fakes", "fake_opensubtitles.py")
FIXTURES = os.environ.get("MML_TEST_FIXTURES", os.path.join(HERE, "..", "fixtures"))
HEBREW = "שלום, מה שלומך?"


class FakeServiceBase(CliBase):
    """A local OpenSubtitles look-alike built from the recorded replies."""

    FAKE_ARGS = ["--quota", "2"]

    def setUp(self):
        super().setUp()
        self.fake = subprocess.Popen([sys.executable, FAKE, "--fixtures", os.path.join(FIXTURES, "opensubtitles")]
                                     + self.FAKE_ARGS, stdout=subprocess.PIPE, text=True)
        self.port = int(self.fake.stdout.readline().split()[1])
        self.env.update(MML_OPENSUBTITLES_URL="http://127.0.0.1:%d/api/v1" % self.port,
                        MML_OPENSUBTITLES_API_KEY="test-key", MML_HTTP_NO_PROXY="1")

    def tearDown(self):
        self.fake.terminate()
        self.fake.wait()
        self.fake.stdout.close()
        super().tearDown()

    def stats(self):
        with urllib.request.urlopen("http://127.0.0.1:%d/_stats" % self.port) as r:
            return json.load(r)

    def make_videos(self, names):
        tv = self.mkdir("TV")
        for rel in names:
            path = os.path.join(tv, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                # big enough for a movie hash (two 64 KiB blocks), different in each file
                f.write(rel.encode() * (200000 // len(rel) + 1))
        self.assertEqual(self.mml("root", "add", tv).returncode, 0)
        self.assertEqual(self.mml("scan").returncode, 0)
        return tv



class FetchCliTest(FakeServiceBase):
    """Against a local OpenSubtitles look-alike built from the recorded replies."""

    def test_fetch_until_the_quota(self):
        season = "Iron Road (2011)/Season 01/"
        tv = self.make_videos([season + "Iron.Road.S01E0%d.mkv" % n for n in (1, 2, 3)])
        self.assertEqual(self.mml("subtitles", "languages", "he", "en").returncode, 0)

        p = self.mml("subtitles", "fetch", "--all", "--json")
        self.assertEqual(p.returncode, 0, p)
        summary = json.loads(p.stdout)
        # two downloads, then the quota: stopped, said on stderr, nothing failed
        self.assertEqual((summary["downloaded"], summary["failed"], summary["quota_left"]), (2, 0, 0), summary)
        self.assertEqual(summary["reset_at"], "2099-01-30T06:00:21Z")
        self.assertIn("reset", p.stderr.decode())
        # beside the video, named .heb, in UTF-8 (the service sent windows-1255)
        got = sorted(n for n in os.listdir(os.path.join(tv, season)) if n.endswith(".srt"))
        self.assertEqual(len(got), 2, got)
        for name in got:
            self.assertRegex(name, r"^Iron\.Road\.S01E0\d\.heb\.srt$")
            with open(os.path.join(tv, season, name), "rb") as f:
                self.assertIn(HEBREW, f.read().decode("utf-8"))
        self.assertFalse([n for n in os.listdir(os.path.join(tv, season)) if n.endswith(".partial")])
        # the new files count at once
        status = json.loads(self.mml("subtitles", "status", "--json").stdout)[0]
        self.assertEqual((status["status"], status["subbed"], status["episodes"]), ("mixed", 2, 3))

        # the quota is remembered: the next run sends no download before the reset
        before = self.stats()
        p = self.mml("subtitles", "fetch", "--all", "--json")
        self.assertEqual(p.returncode, 0, p)
        again = json.loads(p.stdout)
        self.assertEqual((again["downloaded"], again["quota_left"]), (0, 0))
        self.assertEqual(self.stats()["download"], before["download"])

    def test_fix_rtl_setting(self):
        # off by default; on and off again; anything else is a usage error
        self.assertEqual(self.mml("subtitles", "fix-rtl").stdout, b"off\n")
        self.assertEqual(self.mml("subtitles", "fix-rtl", "on").stdout, b"on\n")
        self.assertEqual(self.mml("subtitles", "fix-rtl", "--json").stdout, b"true\n")
        self.assertEqual(self.mml("subtitles", "fix-rtl", "off").stdout, b"off\n")
        p = self.mml("subtitles", "fix-rtl", "maybe")
        self.assert_error_style(["not on or off"], p, 2)

    def test_search_and_errors(self):
        self.make_videos(["Glass Bell (2020)/Season 01/Glass.Bell.S01E01.mkv"])
        video = json.loads(self.mml("files", "--json").stdout)[0]
        series = json.loads(self.mml("series", "list", "--json").stdout)[0]["id"]
        file_id = json.loads(self.mml("subtitles", "list", "--series", str(series), "--json").stdout)[0]["episode_file_id"]
        p = self.mml("subtitles", "search", "--file", str(file_id), "--language", "heb", "--json")
        self.assertEqual(p.returncode, 0, p)
        found = json.loads(p.stdout)
        self.assertEqual(len(found), 1)
        self.assertEqual((found[0]["language"], found[0]["hash_match"]), ("he", True))
        self.assertTrue(video["path"].endswith(".mkv"))

        p = self.mml("subtitles", "search", "--file", "999999")
        self.assert_error_style(["search"], p, 1)
        p = self.mml("subtitles", "search", "--file", str(file_id), "--language", "klingonish")
        self.assert_error_style(["search", "klingonish"], p, 2)
        # no API key: one clear line, nothing sent
        env = dict(self.env)
        del env["MML_OPENSUBTITLES_API_KEY"]
        before = self.stats()
        p = subprocess.run([self.mml_path(), "--db", self.db, "subtitles", "fetch", "--all"],
                           capture_output=True, env=env, timeout=60)
        self.assert_error_style(["fetch without a key"], p, 1)
        self.assertIn("API key", p.stderr.decode())
        self.assertEqual(self.stats(), before)
        for args in (["subtitles", "fetch"], ["subtitles", "fetch", "--all", "--series", str(series)],
                     ["subtitles", "search"], ["subtitles", "convert"], ["subtitles", "status", "--dry-run"]):
            self.assert_error_style(args, self.mml(*args), 2)


class SidecarFilesCliTest(CliBase):
    def test_convert_and_rename_hebrew(self):
        tv = self.mkdir("TV")
        season = os.path.join(tv, "Salt Flats (2019)", "Season 01")
        os.makedirs(season)
        for n in (1, 2, 3):
            with open(os.path.join(season, "Salt.Flats.S01E0%d.mkv" % n), "w") as f:
                f.write("video %d" % n)
        srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\n" + HEBREW + "\r\n"
        with open(os.path.join(season, "Salt.Flats.S01E01.he.srt"), "wb") as f:
            f.write(srt.encode("cp1255"))
        with open(os.path.join(season, "Salt.Flats.S01E02.iw.srt"), "wb") as f:
            f.write(srt.encode("utf-8"))
        # E03 has a .heb already: its .Hebrew is left alone, not moved over it
        for name in ("Salt.Flats.S01E03.heb.srt", "Salt.Flats.S01E03.Hebrew.forced.srt"):
            with open(os.path.join(season, name), "wb") as f:
                f.write(srt.encode("utf-8"))
        self.assertEqual(self.mml("root", "add", tv).returncode, 0)
        self.assertEqual(self.mml("scan").returncode, 0)

        # a dry run says what it would do and changes nothing
        p = self.mml("subtitles", "convert", "--all", "--dry-run", "--json")
        self.assertEqual(p.returncode, 0, p)
        plan = json.loads(p.stdout)
        self.assertEqual([(os.path.basename(c["from"]), c["encoding"]) for c in plan["changes"]],
                         [("Salt.Flats.S01E01.he.srt", "windows-1255")])
        with open(os.path.join(season, "Salt.Flats.S01E01.he.srt"), "rb") as f:
            self.assertEqual(f.read(), srt.encode("cp1255"))

        p = self.mml("subtitles", "convert", "--all", "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(json.loads(p.stdout)["done"], 1)
        with open(os.path.join(season, "Salt.Flats.S01E01.he.srt"), "rb") as f:
            self.assertEqual(f.read().decode("utf-8"), srt)
        # the original is in the trash, whole
        trash = os.path.join(self.tmp, "xdg", "Trash", "files", "Salt.Flats.S01E01.he.srt")
        with open(trash, "rb") as f:
            self.assertEqual(f.read(), srt.encode("cp1255"))
        # nothing left to convert
        self.assertEqual(json.loads(self.mml("subtitles", "convert", "--all", "--json").stdout)["changes"], [])

        p = self.mml("subtitles", "rename-hebrew", "--json")
        self.assertEqual(p.returncode, 0, p)
        result = json.loads(p.stdout)
        moved = {os.path.basename(c["from"]): (os.path.basename(c["to"]), c["problem"]) for c in result["changes"]}
        self.assertEqual(moved["Salt.Flats.S01E01.he.srt"], ("Salt.Flats.S01E01.heb.srt", None))
        self.assertEqual(moved["Salt.Flats.S01E02.iw.srt"], ("Salt.Flats.S01E02.heb.srt", None))
        self.assertEqual(moved["Salt.Flats.S01E03.Hebrew.forced.srt"][0], "Salt.Flats.S01E03.heb.forced.srt")
        names = sorted(os.listdir(season))
        self.assertIn("Salt.Flats.S01E01.heb.srt", names)
        self.assertIn("Salt.Flats.S01E02.heb.srt", names)
        self.assertNotIn("Salt.Flats.S01E01.he.srt", names)
        # the library follows: every episode subbed in Hebrew
        self.assertEqual(self.mml("subtitles", "languages", "he").returncode, 0)
        status = json.loads(self.mml("subtitles", "status", "--json").stdout)[0]
        self.assertEqual((status["status"], status["subbed"]), ("with", 3))

    def test_fix_rtl_on_disk(self):
        """The RTL punctuation fix on sidecars already on disk: a preview
        first, then the fix (original in the trash); LTR text, ASS files and
        lines already right are left alone; a second run finds nothing."""
        tv = self.mkdir("TV")
        season = os.path.join(tv, "Salt Flats (2019)", "Season 01")
        os.makedirs(season)
        for n in (1, 2):
            with open(os.path.join(season, "Salt.Flats.S01E0%d.mkv" % n), "w") as f:
                f.write("video %d" % n)
        broken = ("1\r\n00:00:01,000 --> 00:00:02,000\r\n.\u05e9\u05dc\u05d5\u05dd\r\n\r\n"
                  "2\r\n00:00:03,000 --> 00:00:04,000\r\n- ?\u05de\u05d4\r\n\r\n"
                  "3\r\n00:00:05,000 --> 00:00:06,000\r\n\u05db\u05df.\r\n")
        fixed = ("1\r\n00:00:01,000 --> 00:00:02,000\r\n\u05e9\u05dc\u05d5\u05dd.\r\n\r\n"
                 "2\r\n00:00:03,000 --> 00:00:04,000\r\n- \u05de\u05d4?\r\n\r\n"
                 "3\r\n00:00:05,000 --> 00:00:06,000\r\n\u05db\u05df.\r\n")
        english = "1\r\n00:00:01,000 --> 00:00:02,000\r\n.Hello\r\n"
        files = {"Salt.Flats.S01E01.heb.srt": broken, "Salt.Flats.S01E01.en.srt": english,
                 "Salt.Flats.S01E02.heb.srt": fixed}
        for name, text in files.items():
            with open(os.path.join(season, name), "wb") as f:
                f.write(text.encode("utf-8"))
        ass = os.path.join(season, "Salt.Flats.S01E02.he.ass")
        with open(ass, "wb") as f:
            f.write("[Events]\nDialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,.\u05e9\u05dc\u05d5\u05dd\n"
                    .encode("utf-8"))
        self.assertEqual(self.mml("root", "add", tv).returncode, 0)
        self.assertEqual(self.mml("scan").returncode, 0)

        # the preview: one file, two lines, the first as it is and will be
        p = self.mml("subtitles", "fix-rtl", "--all", "--dry-run", "--json")
        self.assertEqual(p.returncode, 0, p)
        plan = json.loads(p.stdout)
        self.assertEqual([os.path.basename(c["from"]) for c in plan["changes"]], ["Salt.Flats.S01E01.heb.srt"])
        change = plan["changes"][0]
        self.assertEqual((change["lines"], change["before"], change["after"]),
                         (2, ".\u05e9\u05dc\u05d5\u05dd", "\u05e9\u05dc\u05d5\u05dd."))
        self.assertEqual((plan["dry_run"], plan["done"]), (True, 0))
        with open(os.path.join(season, "Salt.Flats.S01E01.heb.srt"), "rb") as f:
            self.assertEqual(f.read().decode("utf-8"), broken)

        # one file by path, then everything: nothing more
        path = os.path.join(season, "Salt.Flats.S01E01.heb.srt")
        p = self.mml("subtitles", "fix-rtl", "--file", path, "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(json.loads(p.stdout)["done"], 1)
        with open(path, "rb") as f:
            self.assertEqual(f.read().decode("utf-8"), fixed)
        trash = os.path.join(self.tmp, "xdg", "Trash", "files", "Salt.Flats.S01E01.heb.srt")
        with open(trash, "rb") as f:
            self.assertEqual(f.read().decode("utf-8"), broken)
        # the history says what went to the trash
        history = json.loads(self.mml("organize", "history", "--json").stdout)
        self.assertEqual((history[0]["done"], history[0]["trashed"]), (2, 1))
        self.assertIn("1 in the trash", self.mml("organize", "history").stdout.decode())
        self.assertEqual(json.loads(self.mml("subtitles", "fix-rtl", "--all", "--json").stdout)["changes"], [])
        for name, text in (("Salt.Flats.S01E01.en.srt", english), ("Salt.Flats.S01E02.heb.srt", fixed)):
            with open(os.path.join(season, name), "rb") as f:
                self.assertEqual(f.read().decode("utf-8"), text)
        with open(ass, "rb") as f:
            self.assertIn(".\u05e9\u05dc\u05d5\u05dd".encode("utf-8"), f.read())

        # the setting's own form is untouched by this one; mixing them is refused
        self.assertEqual(self.mml("subtitles", "fix-rtl").stdout.decode().strip(), "off")
        for args in (["subtitles", "fix-rtl", "on", "--all"], ["subtitles", "fix-rtl", "--dry-run"],
                     ["subtitles", "fix-rtl", "--all", "--file", path]):
            self.assert_error_style(args, self.mml(*args), 2)
        p = self.mml("subtitles", "fix-rtl", "--file", os.path.join(season, "nope.srt"))
        self.assertEqual(p.returncode, 1)



class FixRtlFetchTest(FakeServiceBase):
    """Subtitles stored with their Hebrew punctuation at the logical start."""

    FAKE_ARGS = ["--quota", "5", "--visual"]

    def read_subs(self, folder):
        out = {}
        for name in sorted(os.listdir(folder)):
            if name.endswith(".srt"):
                with open(os.path.join(folder, name), "rb") as f:
                    out[name] = f.read().decode("utf-8")
        return out

    def test_fixed_on_download_only_when_asked(self):
        season = "Iron Road (2011)/Season 01/"
        tv = self.make_videos([season + "Iron.Road.S01E01.mkv"])
        self.assertEqual(self.mml("subtitles", "languages", "he").returncode, 0)
        # off (the default): written as the service sent it
        p = self.mml("subtitles", "fetch", "--all", "--json")
        self.assertEqual(p.returncode, 0, p)
        got = self.read_subs(os.path.join(tv, season))
        self.assertEqual(len(got), 1, got)
        self.assertIn("?שלום, מה שלומך", list(got.values())[0])

        # on: a new download has its lines fixed, the timing lines untouched
        self.make_more = os.path.join(tv, season, "Iron.Road.S01E02.mkv")
        with open(self.make_more, "wb") as f:
            f.write(b"second episode " * 20000)
        self.assertEqual(self.mml("scan").returncode, 0)
        self.assertEqual(self.mml("subtitles", "fix-rtl", "on").returncode, 0)
        p = self.mml("subtitles", "fetch", "--all", "--json")
        self.assertEqual(p.returncode, 0, p)
        text = self.read_subs(os.path.join(tv, season))["Iron.Road.S01E02.heb.srt"]
        self.assertIn("שלום, מה שלומך?\r\n", text)
        self.assertIn("הכול טוב, תודה.\r\n", text)
        self.assertIn("00:00:01,000 --> 00:00:03,000\r\n", text)

if __name__ == "__main__":
    unittest.main(verbosity=2)
