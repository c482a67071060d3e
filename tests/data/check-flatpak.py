#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Offline checks of the Flatpak manifest.

usage: check-flatpak.py MANIFEST APP_ID COMMAND

No runtime can be downloaded on the build machines, so this checks what can
be checked without one: the JSON, the identity, the sandbox permissions, the
meson options, and that `flatpak-builder --show-manifest` reads it without a
warning (skipped, and said so, when flatpak-builder is not installed).
"""

import json
import shutil
import subprocess
import sys

EXPECTED_FINISH_ARGS = {
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--share=network",
    "--filesystem=xdg-videos",
    "--filesystem=/media",
    "--filesystem=/run/media",
    "--filesystem=/mnt",
    "--talk-name=org.kde.StatusNotifierWatcher",
}

# Keep identical to the options the README's build uses
EXPECTED_CONFIG_OPTS = ["-Dgui=true", "-Ddevelopment=false"]

failures = []


def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    path, app_id, command = sys.argv[1:]

    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"FAIL {path} is not valid JSON: {e}")
        return 1
    check(isinstance(manifest, dict), "the manifest is a JSON object")

    check(manifest.get("id", manifest.get("app-id")) == app_id,
          f"id is {app_id}")
    check(manifest.get("command") == command, f"command is {command}")
    check(manifest.get("runtime") == "org.gnome.Platform", "runtime is org.gnome.Platform")
    check(manifest.get("runtime-version") == "47", "runtime-version is \"47\"")
    check(manifest.get("sdk") == "org.gnome.Sdk", "sdk is org.gnome.Sdk")

    finish_args = manifest.get("finish-args", [])
    check(len(finish_args) == len(set(finish_args)), "finish-args has no duplicates")
    extra = sorted(set(finish_args) - EXPECTED_FINISH_ARGS)
    missing = sorted(EXPECTED_FINISH_ARGS - set(finish_args))
    check(not extra and not missing,
          f"finish-args are exactly the expected set (extra: {extra}, missing: {missing})")

    modules = [m for m in manifest.get("modules", []) if isinstance(m, dict)]
    ours = [m for m in modules if m.get("name") == "my-media-library"]
    check(len(ours) == 1, "one module named my-media-library")
    if ours:
        module = ours[0]
        check(module.get("buildsystem") == "meson", "the module builds with meson")
        check(module.get("config-opts") == EXPECTED_CONFIG_OPTS,
              f"config-opts are {EXPECTED_CONFIG_OPTS}")
        check({"type": "dir", "path": ".."} in module.get("sources", []),
              "the module's source is the checkout (dir ..)")

    builder = shutil.which("flatpak-builder")
    if builder is None:
        print("SKIP flatpak-builder --show-manifest: flatpak-builder is not installed")
    else:
        result = subprocess.run([builder, "--show-manifest", path],
                                capture_output=True, text=True, timeout=60)
        check(result.returncode == 0, "flatpak-builder --show-manifest succeeds")
        stderr = result.stderr.strip()
        check(stderr == "", "flatpak-builder --show-manifest prints no warning"
              + (f" (stderr: {stderr})" if stderr else ""))
        try:
            shown = json.loads(result.stdout)
            check(shown.get("id", shown.get("app-id")) == app_id,
                  "flatpak-builder reads the same id")
        except ValueError:
            check(False, "flatpak-builder --show-manifest prints JSON")

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
