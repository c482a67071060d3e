#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Translations can reach every message.

    check-po.py SOURCE_ROOT

Fails when
  - a C file under src/ marks messages (_(), N_(), C_(), g_dngettext()) but
    is not listed in po/POTFILES.in (its messages would never be translated),
  - a file listed in po/POTFILES.in does not exist,
  - a message xgettext extracts ends in the middle of a printf directive:
    xgettext stops at a macro such as G_GINT64_FORMAT, so the message the
    program looks up is one no translation can hold (use %lld and a cast),
  - a .po file does not compile (msgfmt --check).
"""
import os
import re
import subprocess
import sys
import tempfile


def main():
    root = sys.argv[1]
    po_dir = os.path.join(root, "po")
    listed = []
    with open(os.path.join(po_dir, "POTFILES.in")) as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                listed.append(line)
    failures = []
    for path in listed:
        if not os.path.exists(os.path.join(root, path)):
            failures.append(f"po/POTFILES.in lists {path}, which does not exist")

    marker = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext)\s*\(')
    for dirpath, _dirs, files in os.walk(os.path.join(root, "src")):
        for name in files:
            if not name.endswith(".c"):
                continue
            path = os.path.relpath(os.path.join(dirpath, name), root)
            with open(os.path.join(root, path), encoding="utf-8") as f:
                if marker.search(f.read()) and path not in listed:
                    failures.append(f"{path} marks messages but is not in po/POTFILES.in")

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "messages.pot")
        sources = [p for p in listed if p.endswith(".c") and os.path.exists(os.path.join(root, p))]
        subprocess.run(["xgettext", "--from-code=UTF-8", "--keyword=_", "--keyword=N_",
                        "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3",
                        "-o", pot] + sources, cwd=root, check=True, capture_output=True)
        text = open(pot, encoding="utf-8").read()
        # each msgid, its continuation lines joined
        for m in re.finditer(r'^msgid ((?:".*"\n)+)', text, re.M):
            msgid = "".join(re.findall(r'"(.*)"', m.group(1)))
            stripped = re.sub(r"%%", "", msgid)
            if re.search(r"%[-+ #0'I]*\d*(?:\.\d*)?(?:hh|h|ll|l|L|q|j|z|t)?$", stripped):
                failures.append(f"message cut at a printf directive (a format macro?): \"{msgid}\"")
        for name in sorted(os.listdir(po_dir)):
            if name.endswith(".po"):
                p = subprocess.run(["msgfmt", "--check", "-o", os.devnull, os.path.join(po_dir, name)],
                                   capture_output=True, text=True)
                if p.returncode != 0:
                    failures.append(f"po/{name} does not compile: {p.stderr.strip()[-500:]}")

    for failure in failures:
        print(failure)
    print(f"{len(listed)} files in POTFILES.in; {len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
