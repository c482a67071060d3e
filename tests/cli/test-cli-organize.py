#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mml organize` and `mml folders`: the contract of the organising issue.
Every file is compared by content before and after, so a rename that loses
or swaps a byte fails here."""
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mml_cli_base import CliBase  # noqa: E402

FAKES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fakes")
OP_KEYS = {"file_id", "kind", "follows", "root_id", "from", "to", "action", "problem"}


def tree(top):
    """{relative path: sha256} of every file under @top"""
    out = {}
    for dirpath, _dirs, files in os.walk(top):
        for name in files:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, top)] = hashlib.sha256(f.read()).hexdigest()
    return out


class OrganizeCliTest(CliBase):
    def setUp(self):
        super().setUp()
        # nothing answers here: organising needs no service
        self.env.update(MML_TVMAZE_URL="http://127.0.0.1:9", MML_HTTP_NO_PROXY="1",
                        DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent",
                        XDG_DATA_HOME=os.path.join(self.tmp, "data"))
        self.tv = self.mkdir("TV")

    def put(self, rel, contents=None):
        path = os.path.join(self.tv, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(contents if contents is not None else f"contents of {rel}\n")

    def add_and_scan(self):
        self.assertEqual(self.mml("root", "add", self.tv).returncode, 0)
        p = self.mml("scan")
        self.assertEqual(p.returncode, 0, p)

    def preview(self, *args):
        p = self.mml("organize", "preview", "--json", *args)
        self.assertEqual(p.returncode, 0, p)
        ops = json.loads(p.stdout)
        for op in ops:
            self.assertEqual(set(op), OP_KEYS)
            self.assertIn(op["action"], {"rename", "move", "copy", "none"})
            self.assertIn(op["kind"], {"video", "subtitle", "nfo", "artwork"})
            self.assertFalse(op["from"].startswith("/"))
            self.assertFalse(op["to"].startswith("/"))
        return ops

    def test_preview_apply_rescan_undo(self):
        self.put("Iron Road (2011)/Season 01/Iron.Road.S01E01.720p.HDTV.x264-GRP.mkv")
        self.put("Iron Road (2011)/Season 01/Iron.Road.S01E01.720p.HDTV.x264-GRP.heb.srt", "שלום\n")
        self.put("Iron Road (2011)/Season 01/iron road 1x02.mkv")
        self.put("Iron Road (2011)/S2/Iron.Road.S02E01.1080p.WEB-DL.mkv")
        self.add_and_scan()
        before = tree(self.tv)

        ops = self.preview()
        self.assertEqual(len(ops), 4)
        by_from = {op["from"]: op for op in ops}
        video = by_from["Iron Road (2011)/Season 01/Iron.Road.S01E01.720p.HDTV.x264-GRP.mkv"]
        sub = by_from["Iron Road (2011)/Season 01/Iron.Road.S01E01.720p.HDTV.x264-GRP.heb.srt"]
        self.assertEqual((video["kind"], video["follows"], video["problem"]), ("video", None, None))
        self.assertEqual((sub["kind"], sub["follows"]), ("subtitle", video["file_id"]))
        # the subtitle keeps its language and follows its video's new name
        self.assertEqual(sub["to"], video["to"][:-len(".mkv")] + ".heb.srt")
        self.assertRegex(video["to"], r"^Iron Road/Season 1/Iron Road - S01E01 - .*\.mkv$")
        self.assertEqual(by_from["Iron Road (2011)/S2/Iron.Road.S02E01.1080p.WEB-DL.mkv"]["action"], "move")
        # a preview changes nothing
        self.assertEqual(tree(self.tv), before)

        p = self.mml("organize", "apply", "--json")
        self.assertEqual(p.returncode, 0, p)
        summary = json.loads(p.stdout)
        self.assertEqual(set(summary), {"batch", "done", "skipped", "failed", "problems"})
        self.assertEqual((summary["done"], summary["failed"], summary["problems"]), (4, 0, 0))
        after = tree(self.tv)
        self.assertEqual(sorted(after.values()), sorted(before.values()))
        self.assertEqual(set(after), {op["to"] for op in ops})
        # the folders the files left are gone, as they were empty
        self.assertFalse(os.path.exists(os.path.join(self.tv, "Iron Road (2011)")))

        # the library followed the moves: nothing left to plan, even before a rescan
        self.assertTrue(all(op["action"] == "none" and op["problem"] is None for op in self.preview()))
        # and a full rescan finds everything where it went, unchanged
        p = self.mml("scan", "--full", "--json")
        self.assertEqual(p.returncode, 0, p)
        rescan = json.loads(p.stdout)
        self.assertEqual((rescan["new"], rescan["missing"], rescan["renamed"]), (0, 0, 0))
        p = self.mml("scan", "--full")
        self.assertEqual(p.returncode, 0, p)
        self.assertTrue(all(op["action"] == "none" and op["problem"] is None for op in self.preview()))
        p = self.mml("files")
        self.assertIn(os.path.basename(video["to"]).encode(), p.stdout)

        # history, then undo: every file back bit for bit, the store too
        p = self.mml("organize", "history", "--json")
        self.assertEqual(p.returncode, 0, p)
        history = json.loads(p.stdout)
        self.assertEqual(history[0]["batch"], summary["batch"])
        self.assertEqual((history[0]["kind"], history[0]["state"]), ("organize", "done"))
        p = self.mml("organize", "undo", "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(json.loads(p.stdout), {"batch": summary["batch"], "state": "undone"})
        self.assertEqual(tree(self.tv), before)
        self.assertFalse(os.path.exists(os.path.join(self.tv, "Iron Road")))
        p = self.mml("files")
        self.assertIn(b"Iron.Road.S01E01.720p.HDTV.x264-GRP.mkv", p.stdout)
        self.assertEqual({op["to"] for op in self.preview()}, {op["to"] for op in ops})
        # nothing is left to undo twice
        p = self.mml("organize", "undo")
        self.assertEqual(p.returncode, 1, p)

    def test_problems_are_left_alone(self):
        self.put("Glass Harbor/Season 1/Glass.Harbor.S01E03.mkv", "one")
        self.put("Glass Harbor/Season 1/Glass.Harbor.S01E03.REPACK.mkv", "two")
        self.put("Glass Harbor/Season 1/Glass.Harbor.S01E04.mkv", "four")
        self.put("Glass Harbor/Season 1/notes.txt", "mine")
        self.add_and_scan()
        tpl = os.path.join(self.tmp, "naming.txt")
        with open(tpl, "w", encoding="utf-8") as f:
            f.write("# plain names\nseries={Series Title}\nseason=Season {season}\n"
                    "standard={Series Title} {season:0}x{episode:00}\nmulti=scene\ncolon=dash\n")
        # something else sits where episode 4 would go
        self.put("Glass Harbor/Season 1/Glass Harbor 1x04.mkv", "in the way")
        before = tree(self.tv)
        ops = {op["from"]: op for op in self.preview("--template-file", tpl)}
        same = "another file gets the same name"
        self.assertEqual(ops["Glass Harbor/Season 1/Glass.Harbor.S01E03.mkv"]["problem"], same)
        self.assertEqual(ops["Glass Harbor/Season 1/Glass.Harbor.S01E03.REPACK.mkv"]["problem"], same)
        self.assertEqual(ops["Glass Harbor/Season 1/Glass.Harbor.S01E04.mkv"]["problem"], "target exists")
        p = self.mml("organize", "apply", "--template-file", tpl, "--json")
        self.assertEqual(p.returncode, 0, p)
        summary = json.loads(p.stdout)
        self.assertEqual((summary["done"], summary["problems"]), (0, 3))
        self.assertEqual(tree(self.tv), before)

        # a bad template file is a usage error that says where
        with open(tpl, "w", encoding="utf-8") as f:
            f.write("standard={Nope}\n")
        p = self.mml("organize", "preview", "--template-file", tpl)
        self.assertEqual(p.returncode, 2, p)
        self.assertIn(b"{Nope}", p.stderr)
        with open(tpl, "w", encoding="utf-8") as f:
            f.write("colour=red\n")
        p = self.mml("organize", "preview", "--template-file", tpl)
        self.assertEqual(p.returncode, 2, p)
        self.assertIn(b"colour", p.stderr)

    def test_dated_and_absolute_files(self):
        # a talk show known by air dates, in a standard root: named as daily
        self.put("Late Talk/Late.Talk.2011.02.03.Guest.Name.720p.HDTV.x264-GRP.mkv")
        # an anime root whose file has only its absolute number: left alone
        anime = self.mkdir("Anime")
        path = os.path.join(anime, "Blue Sea", "[Group] Blue Sea - 04 [720p].mkv")
        os.makedirs(os.path.dirname(path))
        with open(path, "w", encoding="utf-8") as f:
            f.write("anime")
        self.add_and_scan()
        self.assertEqual(self.mml("root", "add", anime, "--kind", "anime").returncode, 0)
        self.assertEqual(self.mml("scan").returncode, 0)
        ops = {op["from"]: op for op in self.preview()}
        talk = ops["Late Talk/Late.Talk.2011.02.03.Guest.Name.720p.HDTV.x264-GRP.mkv"]
        self.assertIsNone(talk["problem"])
        # the year is a daily series' season; the date is in the name
        self.assertRegex(talk["to"], r"^Late Talk/Season 2011/Late Talk - 2011-02-03 .*\.mkv$")
        blue = ops["Blue Sea/[Group] Blue Sea - 04 [720p].mkv"]
        self.assertEqual((blue["action"], blue["problem"]),
                         ("none", "no season and episode: match the series first"))

    def test_folders_create(self):
        self.put("Iron Road (2011)/Season 01/Iron.Road.S01E01.mkv")
        self.add_and_scan()
        series = json.loads(self.mml("series", "list", "--json").stdout)
        p = self.mml("folders", "create", "--series", str(series[0]["id"]), "--json")
        self.assertEqual(p.returncode, 0, p)
        made = json.loads(p.stdout)
        self.assertEqual(set(made), {"batch", "created"})
        # the season that has a folder keeps it; no metadata, so no other season
        self.assertEqual(made["created"], [])
        self.assertEqual(sorted(os.listdir(os.path.join(self.tv, "Iron Road (2011)"))), ["Season 01"])
        p = self.mml("folders", "create", "--series", "999", "--json")
        self.assertEqual(p.returncode, 1, p)

    def test_folders_for_aired_seasons(self):
        port = self.start_fake([{"name": "Iron Road", "year": 2011, "seasons": {"1": 4, "2": 3}}])
        self.env.update(MML_TVMAZE_URL=f"http://127.0.0.1:{port}", MML_PROVIDER="tvmaze",
                        XDG_CACHE_HOME=os.path.join(self.tmp, "cache"))
        self.put("Iron Road (2011)/Season 01/Iron.Road.S01E01.mkv")
        self.add_and_scan()
        p = self.mml("series", "match", "--json")
        self.assertEqual(p.returncode, 0, p)
        series = json.loads(self.mml("series", "list", "--json").stdout)
        self.assertEqual(series[0]["match"], "auto")
        p = self.mml("folders", "create", "--series", str(series[0]["id"]), "--json")
        self.assertEqual(p.returncode, 0, p)
        made = json.loads(p.stdout)
        # season 1 has its folder (another name than the template's): only season 2 is made
        self.assertEqual(made["created"], [os.path.join(self.tv, "Iron Road (2011)", "Season 2")])
        self.assertEqual(sorted(os.listdir(os.path.join(self.tv, "Iron Road (2011)"))), ["Season 01", "Season 2"])
        # made once: a second run makes nothing, and undo takes the empty folder away
        p = self.mml("folders", "create", "--series", str(series[0]["id"]), "--json")
        self.assertEqual(json.loads(p.stdout)["created"], [])
        p = self.mml("organize", "undo", str(made["batch"]), "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(sorted(os.listdir(os.path.join(self.tv, "Iron Road (2011)"))), ["Season 01"])

    def start_fake(self, shows):
        """A fake TVmaze serving @shows, stopped when the test ends; its port."""
        catalogue = os.path.join(self.tmp, "catalogue.json")
        with open(catalogue, "w", encoding="utf-8") as f:
            json.dump(shows, f)
        fake = subprocess.Popen([sys.executable, os.path.join(FAKES, "fake_tvmaze.py"),
                                 "--catalogue", catalogue], stdout=subprocess.PIPE, text=True)

        def stop():
            fake.terminate()
            fake.wait(10)
            fake.stdout.close()
        self.addCleanup(stop)
        return int(fake.stdout.readline().split()[1])

    def test_killed_apply_resumes_or_rolls_back(self):
        """SIGKILL at random points of an apply; resume or roll back; every
        file exists exactly once, whole, each time."""
        rng = random.Random(14)
        for s in range(12):
            for e in range(1, 26):
                folder = f"Show Number {s:02d}/S1"
                self.put(f"{folder}/show.number.{s:02d}.s01e{e:02d}.720p.mkv", f"video {s} {e} " * rng.randint(1, 40))
                if e % 5 == 0:
                    self.put(f"{folder}/show.number.{s:02d}.s01e{e:02d}.720p.en.srt", f"sub {s} {e}\n")
        self.add_and_scan()
        original = tree(self.tv)
        renamed = None
        for k in range(10):
            p = subprocess.Popen([self.mml_path(), "--db", self.db, "organize", "apply", "--json"],
                                 env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            kill_at = rng.randint(25, 300)
            killed = False
            for line in p.stderr:
                if line.startswith("organising: ") and int(line.split()[1]) >= kill_at:
                    p.send_signal(signal.SIGKILL)
                    killed = True
                    break
            p.wait(60)
            p.stdout.close()
            p.stderr.close()
            self.assertTrue(killed, f"round {k}: the apply finished before step {kill_at}")
            self.assertEqual(p.returncode, -signal.SIGKILL)

            # mid-way: every file is somewhere, once (a parked one under a temporary name)
            self.assertEqual(sorted(tree(self.tv).values()), sorted(original.values()), f"round {k}")
            roll_back = k % 2 == 0
            p = self.mml("organize", "rollback" if roll_back else "resume", "--json")
            self.assertEqual(p.returncode, 0, p)
            self.assertEqual(len(json.loads(p.stdout)["batches"]), 1)
            now = tree(self.tv)
            if roll_back:
                self.assertEqual(now, original, f"round {k}: rollback")
            else:
                self.assertEqual(sorted(now.values()), sorted(original.values()), f"round {k}: resume")
                self.assertFalse(any(".partial" in path for path in now), now)
                if renamed is None:
                    renamed = now
                self.assertEqual(now, renamed, f"round {k}: resume")
                # back to the start for the next round
                p = self.mml("organize", "undo", "--json")
                self.assertEqual(p.returncode, 0, p)
                self.assertEqual(tree(self.tv), original)
            # nothing is left interrupted
            p = self.mml("organize", "resume", "--json")
            self.assertEqual(p.returncode, 0, p)
            self.assertEqual(json.loads(p.stdout)["batches"], [])


if __name__ == "__main__":
    unittest.main()
