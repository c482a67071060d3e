#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The layers of src/ keep to what src/DESIGN.md says they may use.

    check-layers.py SOURCE_ROOT

Fails, listing each offending file:line, when
  - a folder includes a header of a layer above it (core < store, services
    < scan, files < engine < app, cli; see LAYERS),
  - a file outside src/app includes GTK or libadwaita,
  - a file outside src/store prepares or executes SQL, or holds an SQL
    statement in a string,
  - a front end (src/app, src/cli) calls the store, the scanner, a provider,
    the keyring or a metadata run itself instead of asking the engine.

It reads the files as text: what it checks is what a reviewer would grep for.
"""
import os
import re
import sys

# Each folder of src/ and the folders whose headers it may include.
LAYERS = {
    "core": {"core"},
    "store": {"core", "store"},
    "services": {"core", "services"},
    "scan": {"core", "store", "scan"},
    "files": {"core", "store", "files"},
    "engine": {"core", "store", "services", "scan", "files", "engine"},
    "app": {"core", "store", "services", "scan", "engine", "app"},
    "cli": {"core", "store", "services", "scan", "engine", "cli"},
}

GTK = re.compile(r'#include\s*<(gtk/|adwaita\.h|gdk/)')
SQL_CALL = re.compile(r'\b(sqlite3_prepare\w*|sqlite3_exec|mml_store_prepare)\s*\(')
SQL_TEXT = re.compile(r'"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\s', re.I)
# What the front ends leave to the engine
FRONT_END_CALLS = re.compile(
    r'\b(mml_store_\w+|mml_meta_store_\w+|mml_scan_async|mml_watcher_new|mml_provider_\w+'
    r'|mml_secrets_\w+|mml_meta_run_\w+|mml_services_new_\w+|mml_engine_get_store'
    r'|mml_journal_\w+|mml_file_\w+|mml_opensubtitles_\w+|mml_media_server_\w+|mml_plex_pin_\w+'
    r'|mml_plex_servers_\w+|mml_webhook_server_\w+|mml_credentials_\w+_server\w*)\s*\(')
INCLUDE = re.compile(r'#include\s*"([^"]+)"')


def header_homes(src):
    """Which folder of src/ each header lives in."""
    homes = {}
    for dirpath, _, files in os.walk(src):
        for name in files:
            if name.endswith(".h"):
                rel = os.path.relpath(dirpath, src).split(os.sep)[0]
                homes.setdefault(name, rel)
    return homes


def main():
    root = sys.argv[1]
    src = os.path.join(root, "src")
    homes = header_homes(src)
    problems = []

    for dirpath, _, files in os.walk(src):
        layer = os.path.relpath(dirpath, src).split(os.sep)[0]
        if layer not in LAYERS:
            continue
        for name in sorted(files):
            if not name.endswith((".c", ".h")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.readlines()
            for number, line in enumerate(lines, 1):
                where = f"{rel}:{number}"
                m = INCLUDE.search(line)
                if m:
                    header = os.path.basename(m.group(1))
                    home = homes.get(header)
                    if home is not None and home not in LAYERS[layer]:
                        problems.append(f"{where}: {layer}/ includes {home}/{header}")
                if layer != "app" and GTK.search(line):
                    problems.append(f"{where}: GTK outside src/app")
                if layer != "store" and (SQL_CALL.search(line) or SQL_TEXT.search(line)):
                    problems.append(f"{where}: SQL outside src/store: {line.strip()}")
                if layer in ("app", "cli"):
                    m = FRONT_END_CALLS.search(line)
                    # the poster cache fetches images on the engine's HTTP
                    # session; nothing else in a front end calls a service
                    if m:
                        problems.append(f"{where}: {layer}/ calls {m.group(1)} instead of the engine")

    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} layering problem(s)")
        return 1
    print("layers: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
