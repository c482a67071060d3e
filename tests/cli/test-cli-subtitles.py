#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mml subtitles`: preferred languages, status per series, tracks per
video, overrides — the contract of the subtitles issue."""
import json
import os
import sys
import unittest

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


if __name__ == "__main__":
    unittest.main(verbosity=2)
