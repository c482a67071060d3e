#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mml files assign` and `mml files unassign`: videos placed by hand, kept
by every scan after, and the errors of the verb."""
import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mml_cli_base import CliBase  # noqa: E402

SERIES = "Iron Road (2011)"
EP1 = f"{SERIES}/Season 01/Iron.Road.S01E01.720p.HDTV.x264-GRP.mkv"
CLIP = f"{SERIES}/random-clip.mkv"
CLIP_SUB = f"{SERIES}/random-clip.heb.srt"
BONUS = f"{SERIES}/Season 02/bonus b.mkv"
BONUS_A = f"{SERIES}/Season 02/bonus a.mkv"


class AssignCliTest(CliBase):
    def setUp(self):
        super().setUp()
        self.tv = self.mkdir("TV")
        for rel in (EP1, CLIP, CLIP_SUB, BONUS, BONUS_A):
            path = os.path.join(self.tv, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(rel)
        self.assertEqual(self.mml("root", "add", self.tv).returncode, 0)
        summary = self.scan()
        self.assertEqual(summary["unrecognised"], 3)
        self.series = json.loads(self.mml("series", "list", "--json").stdout)[0]["id"]

    def scan(self, *args):
        p = self.mml("scan", "--json", *args)
        self.assertEqual(p.returncode, 0, p)
        return json.loads(p.stdout)

    def files(self):
        p = self.mml("files", "--json")
        self.assertEqual(p.returncode, 0, p)
        return {f["path"]: f for f in json.loads(p.stdout)}

    def unplaced(self):
        """the videos no episode was found for"""
        return sorted(path for path, f in self.files().items()
                      if not (f["episodes"] or f["absolute"] or f["air_date"]))

    def episodes_on_disk(self):
        """the series' episodes with a file, as "S01E05" """
        shown = json.loads(self.mml("series", "show", str(self.series), "--json").stdout)
        return sorted(f"S{e['season']:02d}E{e['number']:02d}" for e in shown["episode_list"] if e["files"])

    def test_assign_is_kept(self):
        clip = self.files()[CLIP]
        self.assertEqual((clip["season"], clip["episodes"]), (None, []))
        p = self.mml("files", "assign", str(clip["id"]), "--series", str(self.series),
                     "--season", "1", "--episode", "5", "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(json.loads(p.stdout), {
            "series_id": self.series,
            "files": [{"id": clip["id"], "root": clip["root"], "path": CLIP,
                       "season": 1, "episodes": [5], "absolute": []}]})

        # placed when the command returns: no scan of ours
        clip = self.files()[CLIP]
        self.assertEqual((clip["series"], clip["season"], clip["episodes"], clip["subtitles"]),
                         ("Iron Road", 1, [5], ["he"]))
        self.assertEqual(self.episodes_on_disk(), ["S01E01", "S01E05"])

        # remembered by every scan after
        for args in ([], ["--full"], ["--quick"]):
            self.scan(*args)
            self.assertEqual(self.unplaced(), [BONUS_A, BONUS], args)
            self.assertEqual(self.files()[CLIP]["episodes"], [5], args)

        # several files, by path, double episodes; the text names them
        ids = [str(self.files()[p]["id"]) for p in (BONUS, BONUS_A)]
        p = self.mml("files", "assign", *ids, "--series", str(self.series), "--season", "2", "--episode", "1-2")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(p.stdout.decode(), f"S02E01-E02\t{BONUS_A}\nS02E03-E04\t{BONUS}\n")
        self.assertEqual(self.scan("--full")["unrecognised"], 0)
        self.assertEqual(self.files()[BONUS]["episodes"], [3, 4])

        # given back to its name: unrecognised again
        p = self.mml("files", "unassign", str(clip["id"]))
        self.assertEqual((p.returncode, p.stdout.decode()), (0, f"{CLIP}\n"), p)
        clip = self.files()[CLIP]
        self.assertEqual((clip["season"], clip["episodes"]), (None, []))
        self.assertEqual(self.unplaced(), [CLIP])
        self.assert_one_line_error(self.mml("files", "unassign", str(clip["id"])), 1,
                                   f"file {clip['id']} was not assigned by hand")

    def test_absolute(self):
        clip = self.files()[CLIP]
        p = self.mml("files", "assign", str(clip["id"]), "--series", str(self.series), "--absolute", "105")
        self.assertEqual((p.returncode, p.stdout.decode()), (0, f"A105\t{CLIP}\n"), p)
        clip = self.files()[CLIP]
        self.assertEqual((clip["season"], clip["episodes"], clip["absolute"]), (None, [], [105]))

    def test_errors(self):
        files = self.files()
        clip = str(files[CLIP]["id"])
        # `files` lists videos; the sidecar's id is in the organiser's plan
        plan = json.loads(self.mml("organize", "preview", "--series", str(self.series), "--json").stdout)
        sub = str(next(item["file_id"] for item in plan if item["from"] == CLIP_SUB))
        series = str(self.series)
        before = files

        for args, needle in ((["4242", "--series", series, "--season", "1", "--episode", "5"],
                              "there is no file 4242"),
                             ([clip, "--series", "9999", "--season", "1", "--episode", "5"],
                              "there is no series 9999"),
                             ([clip, sub, "--series", series, "--season", "1", "--episode", "5"],
                              f"file {sub} is a subtitle, not a video")):
            p = self.mml("files", "assign", *args)
            self.assert_error_style(args, p, 1)
            self.assertIn(needle, p.stderr.decode())
            self.assertEqual(p.stdout, b"")
        # nothing was assigned: not even the clip named with the subtitle
        self.assertEqual(self.files(), before)
        self.assertEqual(self.scan("--full")["unrecognised"], 3)

        for args, needle in ((["assign"], "files assign needs a file id"),
                             (["assign", "xyz", "--series", series, "--season", "1", "--episode", "5"],
                              "“xyz” is not a file id"),
                             (["assign", clip, "--season", "1", "--episode", "5"], "needs --series ID"),
                             (["assign", clip, "--series", "abc", "--season", "1", "--episode", "5"],
                              "“abc” is not a series id"),
                             (["assign", clip, "--series", series, "--season", "1"], "--episode E"),
                             (["assign", clip, "--series", series, "--episode", "5"], "--episode E"),
                             (["assign", clip, "--series", series, "--season", "1", "--episode", "5",
                               "--absolute", "7"], "--absolute N"),
                             (["assign", clip, "--series", series, "--season", "x", "--episode", "5"],
                              "--season needs"),
                             (["assign", clip, "--series", series, "--season", "1", "--episode", "0"],
                              "--episode needs"),
                             (["assign", clip, "--series", series, "--season", "1", "--episode", "6-5"],
                              "--episode needs"),
                             (["assign", clip, "--series", series, "--season", "1", "--episode", "5", "--frob"],
                              "unknown option “--frob”"),
                             (["unassign"], "files unassign needs a file id"),
                             (["unassign", clip, "--series", series], "unknown option “--series”")):
            p = self.mml("files", *args)
            self.assert_error_style(args, p, 2)
            self.assertIn(needle, p.stderr.decode())
            self.assertIn("(see “mml files --help”)", p.stderr.decode())

        p = self.mml("files", "assign", "--help")
        self.assertEqual(p.returncode, 0)
        self.assertIn(b"files assign FILE_ID", p.stdout)

    def test_no_database_is_created(self):
        db = os.path.join(self.tmp, "none.db")
        for args, needle in ((["assign", "1", "--series", "1", "--season", "1", "--episode", "1"],
                              "there is no series 1"),
                             (["unassign", "1"], "there is no file 1")):
            p = self.mml("--db", db, "files", *args, db=False)
            self.assert_one_line_error(p, 1, needle)
        self.assertFalse(os.path.exists(db))


if __name__ == "__main__":
    unittest.main(verbosity=2)
