#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`mml jobs`, `mml service --once` and `mml activity`: the contract of
the background issue."""
import json
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mml_cli_base import CliBase  # noqa: E402

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


class JobsCliTest(CliBase):
    def setUp(self):
        super().setUp()
        # nothing answers here: the jobs that need a service fail or skip, fast
        self.env.update(MML_TVMAZE_URL="http://127.0.0.1:9", MML_HTTP_NO_PROXY="1",
                        DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")
        self.env.pop("MML_OPENSUBTITLES_API_KEY", None)

    def jobs(self):
        p = self.mml("jobs", "list", "--json")
        self.assertEqual(p.returncode, 0, p)
        return {j["name"]: j for j in json.loads(p.stdout)}

    def test_list_run_set(self):
        jobs = self.jobs()
        self.assertTrue({"scan", "refresh", "subtitles", "sync", "cache"} <= set(jobs))
        for job in jobs.values():
            self.assertEqual(set(job), {"name", "interval_s", "enabled", "last_run_at", "next_run_at",
                                        "last_result", "running"})
            self.assertIsInstance(job["enabled"], bool)
            self.assertIsInstance(job["running"], bool)
            self.assertTrue(job["interval_s"] is None or isinstance(job["interval_s"], int))
        self.assertFalse(jobs["sync"]["enabled"])
        # a read made no database
        self.assertFalse(os.path.exists(self.db))

        tv = self.mkdir("TV/Iron Road (2011)/Season 01")
        open(os.path.join(tv, "Iron.Road.S01E01.mkv"), "w").write("x")
        self.assertEqual(self.mml("root", "add", self.mkdir("TV")).returncode, 0)
        p = self.mml("jobs", "run", "scan", "--json")
        self.assertEqual(p.returncode, 0, p)
        scan = json.loads(p.stdout)
        self.assertEqual(scan["last_result"], "ok")
        self.assertRegex(scan["last_run_at"], ISO)
        self.assertRegex(scan["next_run_at"], ISO)
        self.assertFalse(scan["running"])

        p = self.mml("jobs", "set", "scan", "--interval", "600")
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(self.jobs()["scan"]["interval_s"], 600)
        self.assertEqual(self.mml("jobs", "set", "scan", "--disable").returncode, 0)
        self.assertFalse(self.jobs()["scan"]["enabled"])
        self.assertIsNone(self.jobs()["scan"]["next_run_at"])

        # the scan found a file: the activity log says so
        p = self.mml("activity", "--json")
        self.assertEqual(p.returncode, 0, p)
        lines = json.loads(p.stdout)
        self.assertEqual(set(lines[0]), {"at", "kind", "text", "series_id"})
        self.assertEqual(lines[0]["kind"], "scan")
        self.assertRegex(lines[0]["at"], ISO)
        self.assertEqual(json.loads(self.mml("activity", "--since", "2999-01-01T00:00:00Z", "--json").stdout), [])

        for args in (["jobs"], ["jobs", "frob"], ["jobs", "run"], ["jobs", "run", "bogus"],
                     ["jobs", "set", "scan"], ["jobs", "set", "scan", "--interval", "5"],
                     ["jobs", "list", "--enable"], ["activity", "--since", "yesterday"], ["service", "--twice"]):
            self.assert_error_style(args, self.mml(*args), 2)

    def test_service_once(self):
        self.assertEqual(self.mml("root", "add", self.mkdir("TV")).returncode, 0)
        p = self.mml("service", "--once", "--json")
        self.assertEqual(p.returncode, 0, p)
        ran = {j["name"]: j for j in json.loads(p.stdout)}
        self.assertEqual(set(ran), {"scan", "refresh", "subtitles", "cache"})
        # due again only after their intervals: a second pass runs nothing
        p = self.mml("service", "--once", "--json")
        self.assertEqual((p.returncode, json.loads(p.stdout)), (0, []))
        # a job that fails makes the pass fail, with a line on stderr
        self.assertEqual(self.mml("jobs", "set", "subtitles", "--interval", "60").returncode, 0)
        tv = self.mkdir("TV/Glass Bell (2020)/Season 01")
        with open(os.path.join(tv, "Glass.Bell.S01E01.mkv"), "wb") as f:
            f.write(b"\0" * 200000)
        self.assertEqual(self.mml("scan").returncode, 0)
        self.env.update(MML_OPENSUBTITLES_API_KEY="test-key", MML_OPENSUBTITLES_URL="http://127.0.0.1:9/api/v1")
        p = self.mml("jobs", "run", "subtitles")
        self.assertEqual(p.returncode, 1, p)
        self.assertIn("subtitles", self.jobs()["subtitles"]["last_result"] + "subtitles")
        self.assertTrue(self.jobs()["subtitles"]["last_result"].startswith("failed: "))


if __name__ == "__main__":
    unittest.main(verbosity=2)
