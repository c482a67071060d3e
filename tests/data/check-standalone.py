#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The repository stands alone: no build, test, bench or CI file reads a path
outside it.

    check-standalone.py SOURCE_ROOT

Someone who clones the project has only the repository. Tests, benches and CI
read the in-repo copies (tests/fixtures, tests/corpora, bench/make-library.py),
never the reference folder a developer may keep beside the checkout.

Checked: every meson.build, meson_options.txt, *.c, *.h, *.py, *.sh, .ci/* and
build-aux/* file that git tracks or would add (tracked, or untracked and not
ignored); without git (a copied tree), every such file under SOURCE_ROOT
outside build directories.

Fails, listing each offending file:line, when a line names
  - the reference folder beside the checkout, however the path is spelt: a
    "../" prefix, or ".." and the folder name as separate path components
    (meson's / operator, os.path.join, g_build_filename),
  - any path with that folder name as one of its directories,
  - the parent of the source root: meson's project_source_root() joined
    with "..".
"""
import os
import re
import subprocess
import sys

# Built from pieces so that this file does not match itself.
SHARED = "sha" + "red"
PATTERNS = [
    ("the sibling ../" + SHARED + " folder",
     re.compile(r"""\.\.['"]?\s*[/,]\s*['"]?""" + SHARED + r"\b")),
    ("a /" + SHARED + "/ path", re.compile("/" + SHARED + "/")),
    ("the parent of the source root",
     re.compile(r"""\b(?:project_)?source_root\s*\(\s*\)\s*(?:/|\+)\s*['"]/?\.\.""")),
]

EXTENSIONS = (".c", ".h", ".py", ".sh")
NAMES = ("meson.build", "meson_options.txt", "meson.options")
DIRS = (".ci", "build-aux")             # every file in them
SKIP_DIRS = {".git", ".flatpak-builder", "__pycache__", "node_modules"}


def wanted(rel):
    parts = rel.split("/")
    return (parts[-1] in NAMES or parts[-1].endswith(EXTENSIONS)
            or (len(parts) > 1 and parts[0] in DIRS))


def is_build_dir(path):
    return (os.path.isdir(os.path.join(path, "meson-private"))
            or os.path.isdir(os.path.join(path, "meson-info")))


_build_dirs = {}


def in_build_dir(root, rel):
    """An untracked build folder (one not named in .gitignore) is no source."""
    parts = rel.split("/")[:-1]
    for i in range(1, len(parts) + 1):
        d = "/".join(parts[:i])
        if d not in _build_dirs:
            _build_dirs[d] = is_build_dir(os.path.join(root, d))
        if _build_dirs[d]:
            return True
    return False


def candidate_files(root):
    """Files git tracks or would add; every file outside build dirs without git."""
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z", "--cached", "--others",
                              "--exclude-standard"],
                             capture_output=True, check=True).stdout
        if subprocess.run(["git", "-C", root, "rev-parse", "--show-toplevel"],
                          capture_output=True, text=True, check=True).stdout.strip() \
                != os.path.realpath(root):
            raise OSError("SOURCE_ROOT is inside another repository")
        listed = {p for p in out.decode("utf-8", "replace").split("\0") if p}
        return "git", sorted(p for p in listed if not in_build_dir(root, p))
    except (OSError, subprocess.CalledProcessError):
        pass
    files = []
    for dirpath, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs
                   if d not in SKIP_DIRS and not is_build_dir(os.path.join(dirpath, d))]
        for name in names:
            files.append(os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/"))
    return "walk", sorted(files)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = os.path.abspath(sys.argv[1])
    how, files = candidate_files(root)
    checked = 0
    failures = []
    for rel in files:
        path = os.path.join(root, rel)
        if not wanted(rel) or not os.path.isfile(path):
            continue
        checked += 1
        with open(path, encoding="utf-8", errors="replace") as f:
            for lineno, line in enumerate(f, 1):
                for what, pattern in PATTERNS:
                    if pattern.search(line):
                        failures.append(f"{rel}:{lineno}: names {what}: {line.strip()}")
                        break
    for failure in failures:
        print(failure)
    print(f"{checked} build, test, bench and CI files checked (listed by {how}); "
          f"{len(failures)} lines reach outside the repository")
    if checked < 10:
        print("too few files found: is SOURCE_ROOT the project's root?")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
