#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mml transfer`: the transfer queue of the organising issue. Every copy
is compared by content with its source, and what must stay untouched is
compared before and after."""
import hashlib
import json
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mml_cli_base import CliBase  # noqa: E402

ITEM_KEYS = {"id", "file", "to", "state", "error"}
SERIES = "Iron Road (2011)"
EP1 = f"{SERIES}/Season 01/Iron.Road.S01E01.720p.HDTV.x264-GRP.mkv"
SUB1 = f"{SERIES}/Season 01/Iron.Road.S01E01.720p.HDTV.x264-GRP.heb.srt"
EP2 = f"{SERIES}/Season 01/Iron.Road.S01E02.720p.HDTV.x264-GRP.mkv"


def names(top):
    """every file under @top, relative, without reading it"""
    return {os.path.relpath(os.path.join(d, n), top) for d, _dirs, files in os.walk(top) for n in files}


def tree(top):
    """{relative path: sha256} of every file under @top"""
    out = {}
    for dirpath, _dirs, files in os.walk(top):
        for name in files:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, top)] = hashlib.sha256(f.read()).hexdigest()
    return out


class TransferCliTest(CliBase):
    def setUp(self):
        super().setUp()
        # the temporary folder goes even when the rest of setUp fails
        self.addCleanup(super().tearDown)
        # nothing answers here: transferring needs no service
        self.env.update(MML_TVMAZE_URL="http://127.0.0.1:9", MML_HTTP_NO_PROXY="1",
                        DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent",
                        XDG_DATA_HOME=os.path.join(self.tmp, "data"))
        self.tv = self.mkdir("TV")
        self.out = self.mkdir("out")
        self.put(EP1, "episode one " * 5000)
        self.put(SUB1, "שלום\n")
        self.put(EP2, "episode two " * 3000)
        self.assertEqual(self.mml("root", "add", self.tv).returncode, 0)
        p = self.mml("scan")
        self.assertEqual(p.returncode, 0, p)
        series = json.loads(self.mml("series", "list", "--json").stdout)
        self.assertEqual(len(series), 1)
        self.series = str(series[0]["id"])

    def tearDown(self):
        pass   # the cleanup registered in setUp

    def put(self, rel, contents):
        path = os.path.join(self.tv, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(contents)

    def check_items(self, items):
        for item in items:
            self.assertEqual(set(item), ITEM_KEYS)
            self.assertIn(item["state"], {"queued", "done", "skipped", "failed"})
            self.assertTrue(os.path.isabs(item["file"]), item)
            self.assertTrue(os.path.isabs(item["to"]), item)
        return items

    def add(self, *args, code=0):
        p = self.mml("transfer", "add", *args, "--json")
        self.assertEqual(p.returncode, code, p)
        return self.check_items(json.loads(p.stdout)) if code == 0 else p

    def run_queue(self, code=0):
        p = self.mml("transfer", "run", "--json")
        self.assertEqual(p.returncode, code, p)
        result = json.loads(p.stdout)
        self.assertEqual(set(result), {"done", "skipped", "failed", "items"})
        self.check_items(result["items"])
        self.assertTrue(all(i["state"] in {"done", "skipped", "failed"} for i in result["items"]))
        return result

    def listed(self):
        p = self.mml("transfer", "list", "--json")
        self.assertEqual(p.returncode, 0, p)
        return {i["id"]: i for i in self.check_items(json.loads(p.stdout))}

    def test_copy_keeps_layout_and_sidecars_then_skips(self):
        before = tree(self.tv)
        added = self.add("--series", self.series, "--to", self.out)
        self.assertEqual(len(added), 3)
        self.assertTrue(all(i["state"] == "queued" and i["error"] is None for i in added))
        by_file = {os.path.relpath(i["file"], self.tv): i for i in added}
        self.assertEqual(set(by_file), {EP1, SUB1, EP2})
        for rel, item in by_file.items():
            self.assertEqual(item["to"], os.path.join(self.out, rel))
        # queued twice is still one item each
        self.assertEqual([i["id"] for i in self.add("--series", self.series, "--to", self.out)],
                         [i["id"] for i in added])
        self.assertEqual(self.listed().keys(), {i["id"] for i in added})

        result = self.run_queue()
        self.assertEqual((result["done"], result["skipped"], result["failed"]), (3, 0, 0))
        self.assertEqual({i["id"] for i in result["items"]}, {i["id"] for i in added})
        # the series' folders under the target, the subtitle beside its video, every byte the same
        self.assertEqual(tree(self.out), before)
        # a copy leaves the sources alone, and no partial file anywhere
        self.assertEqual(tree(self.tv), before)
        self.assertFalse([p for p in tree(self.out) if ".partial" in p])
        self.assertTrue(all(i["state"] == "done" for i in self.listed().values()))

        # nothing is waiting: a second run has nothing to do
        self.assertEqual(self.run_queue()["items"], [])
        # queued again, the verified copies are skipped, and nothing is written
        again = self.add("--series", self.series, "--to", self.out)
        self.assertFalse({i["id"] for i in again} & {i["id"] for i in added})
        result = self.run_queue()
        self.assertEqual((result["done"], result["skipped"], result["failed"]), (0, 3, 0))
        self.assertEqual(tree(self.out), before)
        log = self.listed()
        self.assertEqual(len(log), 6)
        self.assertEqual({log[i["id"]]["state"] for i in again}, {"skipped"})

        # one file (here a video with its subtitle) by its id
        ops = json.loads(self.mml("organize", "preview", "--json").stdout)
        ep2_id = next(op["file_id"] for op in ops if op["from"] == EP2)
        other = self.mkdir("other")
        one = self.add("--file", str(ep2_id), "--to", other)
        self.assertEqual([os.path.relpath(i["file"], self.tv) for i in one], [EP2])
        self.assertEqual(self.run_queue()["done"], 1)
        self.assertEqual(tree(other), {EP2: before[EP2]})

    def test_occupied_target_fails_and_is_retried(self):
        before = tree(self.tv)
        occupied = os.path.join(self.out, EP1)
        os.makedirs(os.path.dirname(occupied))
        with open(occupied, "w", encoding="utf-8") as f:
            f.write("someone else's file\n")
        self.add("--series", self.series, "--to", self.out)
        result = self.run_queue(code=1)
        self.assertEqual((result["done"], result["skipped"], result["failed"]), (1, 0, 2))
        by_file = {os.path.relpath(i["file"], self.tv): i for i in result["items"]}
        self.assertEqual(by_file[EP1]["state"], "failed")
        self.assertIn("exists already", by_file[EP1]["error"])
        self.assertIn(occupied, by_file[EP1]["error"])
        # its subtitle waits for it; the other episode went
        self.assertEqual(by_file[SUB1]["state"], "failed")
        self.assertIn("video", by_file[SUB1]["error"])
        self.assertEqual(by_file[EP2]["state"], "done")
        # the file in the way is untouched, nothing else came of the failure
        with open(occupied, encoding="utf-8") as f:
            self.assertEqual(f.read(), "someone else's file\n")
        self.assertEqual(set(tree(self.out)), {EP1, EP2})
        self.assertEqual(tree(self.tv), before)
        # the log says so
        log = self.listed()
        self.assertEqual(log[by_file[EP1]["id"]]["state"], "failed")
        self.assertEqual(log[by_file[EP1]["id"]]["error"], by_file[EP1]["error"])

        # the way cleared, the next run retries only what failed
        os.unlink(occupied)
        result = self.run_queue()
        self.assertEqual((result["done"], result["skipped"], result["failed"]), (2, 0, 0))
        self.assertEqual({i["id"] for i in result["items"]}, {by_file[EP1]["id"], by_file[SUB1]["id"]})
        self.assertEqual(tree(self.out), before)
        self.assertTrue(all(i["state"] == "done" and i["error"] is None for i in self.listed().values()))

    def test_move_then_undo(self):
        before = tree(self.tv)
        self.add("--series", self.series, "--to", self.out, "--move")
        result = self.run_queue()
        self.assertEqual((result["done"], result["failed"]), (3, 0))
        self.assertEqual(tree(self.out), before)
        self.assertEqual(tree(self.tv), {})
        # the library saw the files leave
        self.assertNotIn(b"present", self.mml("files").stdout)

        history = json.loads(self.mml("organize", "history", "--json").stdout)
        self.assertEqual((history[0]["kind"], history[0]["state"]), ("transfer", "done"))
        p = self.mml("organize", "undo", "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(json.loads(p.stdout), {"batch": history[0]["batch"], "state": "undone"})
        self.assertEqual(tree(self.tv), before)
        # the folders the move made are gone again; the target folder stays
        self.assertEqual(os.listdir(self.out), [])
        self.assertIn(b"present", self.mml("files").stdout)

    def test_no_room_fails_before_copying(self):
        before = names(self.tv)
        st = os.statvfs(self.out)
        free = st.f_bavail * st.f_frsize
        # a sparse file: bigger than the target's free space, taking none of it
        video = os.path.join(self.tv, EP1)
        os.truncate(video, free + (1 << 30))
        self.add("--series", self.series, "--to", self.out)
        result = self.run_queue(code=1)
        self.assertEqual((result["done"], result["skipped"], result["failed"]), (0, 0, 3))
        for item in result["items"]:
            self.assertIn("not enough free space", item["error"], item)
        # not a byte was written: no file, no partial, no folder
        self.assertEqual(os.listdir(self.out), [])
        self.assertEqual(names(self.tv), before)
        self.assertEqual({i["state"] for i in self.listed().values()}, {"failed"})

    def test_another_file_system(self):
        shm = "/dev/shm"
        if not os.path.isdir(shm) or os.stat(shm).st_dev == os.stat(self.tmp).st_dev:
            self.skipTest("/dev/shm is not another file system here")
        target = tempfile.mkdtemp(prefix="mml-test-transfer-", dir=shm)
        self.addCleanup(shutil.rmtree, target, ignore_errors=True)
        before = tree(self.tv)

        # a copy across file systems, verified
        self.add("--series", self.series, "--to", target)
        self.assertEqual(self.run_queue()["done"], 3)
        self.assertEqual(tree(target), before)
        self.assertEqual(tree(self.tv), before)

        # a move across file systems: copied, verified, the source removed; undone
        moved = os.path.join(target, "moved")
        os.mkdir(moved)
        self.add("--series", self.series, "--to", moved, "--move")
        result = self.run_queue()
        self.assertEqual((result["done"], result["failed"]), (3, 0))
        self.assertEqual(tree(moved), before)
        self.assertEqual(tree(self.tv), {})
        p = self.mml("organize", "undo", "--json")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(tree(self.tv), before)
        self.assertEqual(os.listdir(moved), [])

    def test_usage(self):
        for args in (["transfer"], ["transfer", "nope"], ["transfer", "add", "--to", self.out],
                     ["transfer", "add", "--series", self.series],
                     ["transfer", "add", "--series", self.series, "--file", "1", "--to", self.out],
                     ["transfer", "run", "--move"], ["transfer", "list", "--to", self.out]):
            self.assert_error_style(args, self.mml(*args), 2)
        p = self.add("--series", "999", "--to", self.out, code=1)
        self.assert_error_style("--series 999", p, 1)
        p = self.add("--series", self.series, "--to", os.path.join(self.tmp, "nowhere"), code=1)
        self.assert_error_style("--to nowhere", p, 1)
        self.assertIn("nowhere", p.stderr.decode())
        p = self.add("--file", "999", "--to", self.out, code=1)
        self.assert_error_style("--file 999", p, 1)
        self.assertEqual(self.listed(), {})


if __name__ == "__main__":
    unittest.main()
