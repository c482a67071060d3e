#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mml scan` returns with the embedded subtitle tracks of the videos it
saw known, and reads a video again only when it changed.

The media files are made with ffmpeg (build-aux/dev.sh installs it); the
test skips (exit 77) only when it is not installed."""
import json
import os
import shutil
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mml_cli_base import CliBase  # noqa: E402

SRT = "1\n00:00:00,000 --> 00:00:00,500\nShalom\n"
VIDEO = ["-f", "lavfi", "-i", "color=size=32x32:duration=0.2:rate=5"]
SEASON = "Iron Road (2011)/Season 01"


def ffmpeg(cwd, *args):
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-y"] + list(args),
                   cwd=cwd, check=True, capture_output=True, timeout=60)


class ProbeCliTest(CliBase):
    def make_media(self):
        """Three files in the test's folder: two.mkv (heb "Hebrew" default,
        eng "Signs" forced), one.mp4 (heb), eng.mkv (eng hearing-impaired)"""
        media = self.mkdir("media")
        with open(os.path.join(media, "a.srt"), "w") as f:
            f.write(SRT)
        ffmpeg(media, *VIDEO, "-i", "a.srt", "-i", "a.srt", "-map", "0", "-map", "1", "-map", "2",
               "-c:v", "mpeg4", "-c:s", "srt",
               "-metadata:s:s:0", "language=heb", "-metadata:s:s:0", "title=Hebrew",
               "-metadata:s:s:1", "language=eng", "-metadata:s:s:1", "title=Signs",
               "-disposition:s:0", "default", "-disposition:s:1", "forced", "two.mkv")
        ffmpeg(media, *VIDEO, "-i", "a.srt", "-map", "0", "-map", "1", "-c:v", "mpeg4", "-c:s", "mov_text",
               "-metadata:s:s:0", "language=heb", "one.mp4")
        ffmpeg(media, *VIDEO, "-i", "a.srt", "-map", "0", "-map", "1", "-c:v", "mpeg4", "-c:s", "srt",
               "-metadata:s:s:0", "language=eng", "-disposition:s:0", "hearing_impaired", "eng.mkv")
        return media

    def tracks(self, series_id):
        p = self.mml("subtitles", "list", "--series", str(series_id), "--json")
        self.assertEqual(p.returncode, 0, p)
        return {os.path.basename(v["path"]): v["tracks"] for v in json.loads(p.stdout)}

    def test_scan_reads_embedded_tracks(self):
        media = self.make_media()
        season = self.mkdir(os.path.join("TV", SEASON))
        e01 = os.path.join(season, "Iron.Road.S01E01.mkv")
        e02 = os.path.join(season, "Iron.Road.S01E02.mp4")
        e03 = os.path.join(season, "Iron.Road.S01E03.mkv")
        shutil.copy(os.path.join(media, "two.mkv"), e01)
        shutil.copy(os.path.join(media, "one.mp4"), e02)
        shutil.copy(os.path.join(media, "two.mkv"), e03)
        with open(os.path.join(season, "Iron.Road.S01E04.mkv"), "w") as f:
            f.write("not a video")

        self.assertEqual(self.mml("root", "add", os.path.join(self.tmp, "TV")).returncode, 0)
        p = self.mml("scan", "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(json.loads(p.stdout)["videos"], 4)
        p = self.mml("series", "list", "--json")
        series_id = {s["title"]: s["id"] for s in json.loads(p.stdout)}["Iron Road"]

        tracks = self.tracks(series_id)
        e01_tracks = tracks["Iron.Road.S01E01.mkv"]
        self.assertEqual(len(e01_tracks), 2, e01_tracks)
        for t in e01_tracks:
            self.assertIs(t["embedded"], True)
            self.assertIsNone(t["path"])
        by_language = {t["language"]: t for t in e01_tracks}
        self.assertEqual(set(by_language), {"he", "en"})
        self.assertEqual((by_language["he"]["codec"], by_language["he"]["title"],
                          by_language["he"]["forced"], by_language["he"]["hi"]),
                         ("subrip", "Hebrew", False, False))
        self.assertEqual((by_language["en"]["title"], by_language["en"]["forced"]), ("Signs", True))
        self.assertEqual([(t["language"], t["codec"], t["embedded"], t["path"])
                          for t in tracks["Iron.Road.S01E02.mp4"]],
                         [("he", "mov_text", True, None)])
        self.assertEqual(len(tracks["Iron.Road.S01E03.mkv"]), 2)
        self.assertEqual(tracks["Iron.Road.S01E04.mkv"], [])

        # embedded tracks count for the series' status
        self.assertEqual(self.mml("subtitles", "languages", "he").returncode, 0)
        p = self.mml("subtitles", "status", "--json")
        iron = {s["title"]: s for s in json.loads(p.stdout)}["Iron Road"]
        self.assertEqual((iron["episodes"], iron["subbed"]), (4, 3))

        # E01 is replaced by another file: read again, its old tracks gone.
        # E03 changes in place but keeps its size, mtime and inode: it is not
        # read again (read, its garbled header would have no tracks).
        shutil.copy(os.path.join(media, "eng.mkv"), e01)
        st = os.stat(e03)
        with open(e03, "r+b") as f:
            f.write(b"\0" * 64)
        os.utime(e03, ns=(st.st_atime_ns, st.st_mtime_ns))
        self.assertEqual(os.stat(e03).st_ino, st.st_ino)

        p = self.mml("scan")
        self.assertEqual(p.returncode, 0, p)
        tracks = self.tracks(series_id)
        self.assertEqual([(t["language"], t["hi"], t["embedded"]) for t in tracks["Iron.Road.S01E01.mkv"]],
                         [("en", True, True)])
        self.assertEqual(len(tracks["Iron.Road.S01E03.mkv"]), 2)

        # a full scan reads nothing again either: only the file's state counts
        self.assertEqual(self.mml("scan", "--full").returncode, 0)
        self.assertEqual(len(self.tracks(series_id)["Iron.Road.S01E03.mkv"]), 2)

        # E03's mtime moves: read again, and now it has none
        os.utime(e03, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        self.assertEqual(self.mml("scan").returncode, 0)
        self.assertEqual(self.tracks(series_id)["Iron.Road.S01E03.mkv"], [])

    def test_sidecar_text_read(self):
        """A sidecar's encoding is read from its text, and so is its language
        when its name gives none; a name's language is never overridden."""
        season = self.mkdir(os.path.join("TV", SEASON))
        for e in (1, 2, 3):
            with open(os.path.join(season, f"Iron.Road.S01E0{e}.mkv"), "w") as f:
                f.write("not a video")
        hebrew = ("1\n00:00:01,000 --> 00:00:03,000\nשלום, מה שלומך היום?\n\n"
                  "2\n00:00:04,000 --> 00:00:06,000\nאני בסדר גמור, תודה רבה לך.\n")
        english = ("1\n00:00:01,000 --> 00:00:03,000\nI think that this is the one we were looking for.\n\n"
                   "2\n00:00:04,000 --> 00:00:06,000\nAnd it is not what you said it was, is it?\n")
        # no language in the name: Hebrew in windows-1255, English in UTF-8
        with open(os.path.join(season, "Iron.Road.S01E01.srt"), "wb") as f:
            f.write(hebrew.encode("cp1255"))
        with open(os.path.join(season, "Iron.Road.S01E02.srt"), "wb") as f:
            f.write(english.encode("utf-8"))
        # the name says English: the Hebrew text does not change that
        with open(os.path.join(season, "Iron.Road.S01E03.en.srt"), "wb") as f:
            f.write(hebrew.encode("utf-8"))

        self.assertEqual(self.mml("root", "add", os.path.join(self.tmp, "TV")).returncode, 0)
        p = self.mml("scan")
        self.assertEqual(p.returncode, 0, p)
        p = self.mml("series", "list", "--json")
        series_id = {s["title"]: s["id"] for s in json.loads(p.stdout)}["Iron Road"]

        def sidecars():
            return {os.path.basename(t["path"]): (t["language"], t["encoding"])
                    for tracks in self.tracks(series_id).values() for t in tracks if not t["embedded"]}

        want = {"Iron.Road.S01E01.srt": ("he", "windows-1255"),
                "Iron.Road.S01E02.srt": ("en", "UTF-8"),
                "Iron.Road.S01E03.en.srt": ("en", "UTF-8")}
        self.assertEqual(sidecars(), want)
        # a full rescan writes the rows again from the names: what the text
        # said stays, without reading it again
        self.assertEqual(self.mml("scan", "--full").returncode, 0)
        self.assertEqual(sidecars(), want)
        # E01 becomes UTF-8 (a new file): read again
        with open(os.path.join(season, "Iron.Road.S01E01.srt"), "wb") as f:
            f.write(hebrew.encode("utf-8") + b"\n")
        self.assertEqual(self.mml("scan").returncode, 0)
        self.assertEqual(sidecars()["Iron.Road.S01E01.srt"], ("he", "UTF-8"))


if __name__ == "__main__":
    if shutil.which("ffmpeg") is None:
        print("ffmpeg is not installed: it makes the media files", file=sys.stderr)
        sys.exit(77)
    unittest.main()
