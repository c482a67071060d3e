# SPDX-License-Identifier: GPL-3.0-or-later
"""What every `mml` command-line test shares: a temporary library, the
binary (the first argument of the test, or $MML_CLI) and the checks of
the error style."""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

MML = sys.argv.pop(1) if len(sys.argv) > 1 else os.environ["MML_CLI"]


class CliBase(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="mml-test-cli-")
        # --db names a file in a folder that exists: mml creates no folder for it
        self.db = os.path.join(self.tmp, "data", "library.db")
        os.makedirs(os.path.dirname(self.db))
        self.env = dict(os.environ, XDG_DATA_HOME=os.path.join(self.tmp, "xdg"),
                        LC_ALL="C.UTF-8", LANGUAGE="en")
        self.env.pop("MML_DB", None)

    def tearDown(self):
        for root, dirs, _ in os.walk(self.tmp):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        shutil.rmtree(self.tmp)

    def mml(self, *args, db=True, **kw):
        argv = [MML] + (["--db", self.db] if db else []) + list(args)
        return subprocess.run(argv, capture_output=True, env=self.env, timeout=60, **kw)

    def mml_path(self):
        return MML

    def mkdir(self, rel):
        path = os.path.join(self.tmp, rel)
        os.makedirs(path, exist_ok=True)
        return path

    def assert_one_line_error(self, proc, code, needle):
        self.assertEqual(proc.returncode, code, proc)
        err = proc.stderr.decode()
        self.assertEqual(err.count("\n"), 1, err)
        self.assertTrue(err.startswith("mml: "), err)
        self.assertIn(needle, err)

    def assert_error_style(self, args, proc, code):
        """One line, "mml: " and a lowercase first word, “…” quotes, nothing raw."""
        self.assertEqual(proc.returncode, code, (args, proc))
        err = proc.stderr.decode()
        self.assertEqual(err.count("\n"), 1, (args, err))
        self.assertTrue(err.startswith("mml: "), (args, err))
        self.assertFalse(err[5:6].isupper(), (args, err))
        self.assertNotIn("‘", err, args)
        self.assertNotRegex(err, "[\x00-\x09\x0b-\x1f\x7f]", args)

    def assert_no_controls(self, text, what):
        """What a terminal gets: no escape sequence, no CR, no stray LF (tabs separate columns)."""
        self.assertNotRegex(text, "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]", what)
