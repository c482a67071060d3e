#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One entry point for people and CI:
#   build-aux/dev.sh run     install what is missing, build, launch My Media Library
#   build-aux/dev.sh test    install what is missing, build, run every test headless
#   build-aux/dev.sh build   install what is missing, build
#   build-aux/dev.sh deps    only install the build and test dependencies
#
# Environment: BUILD_DIR (default: build), MESON_ARGS (extra `meson setup` options,
# e.g. "-Dwerror=true" or "-Db_sanitize=address,undefined -Db_lundef=false").
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
BUILD_DIR=${BUILD_DIR:-build}
MESON_ARGS=${MESON_ARGS:-}

say() { printf '==> %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

deps() {
  if command -v apt-get >/dev/null 2>&1; then
    local pkgs=(build-essential meson ninja-build pkg-config gettext python3
      libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
      libsqlite3-dev libsecret-1-dev gnome-keyring desktop-file-utils appstream
      xvfb xauth dbus dbus-x11 at-spi2-core imagemagick flatpak-builder
      adwaita-icon-theme hicolor-icon-theme fonts-dejavu-core fonts-noto-core
      clang libclang-rt-dev libavformat-dev libavcodec-dev libavutil-dev ffmpeg)
    # libav*-dev: embedded subtitle tracks are read with libavformat; ffmpeg
    # makes the media files the tests read.
    # libclang-rt-dev (the sanitizer and libFuzzer runtimes of the default
    # clang) exists on Debian 12 and Ubuntu 24.04 once the lists are fresh.
    local missing=()
    for p in "${pkgs[@]}"; do
      dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
      say "installing: ${missing[*]}"
      as_root apt-get update -qq
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
  elif command -v dnf >/dev/null 2>&1; then
    local pkgs=(gcc meson ninja-build pkgconf-pkg-config gettext python3
      glib2-devel gtk4-devel libadwaita-devel libsoup3-devel json-glib-devel
      sqlite-devel libsecret-devel gnome-keyring desktop-file-utils appstream
      xorg-x11-server-Xvfb xorg-x11-xauth dbus-daemon dbus-x11 at-spi2-core ImageMagick
      flatpak-builder adwaita-icon-theme dejavu-sans-fonts clang compiler-rt libasan libubsan
      libavformat-free-devel libavcodec-free-devel libavutil-free-devel ffmpeg-free)
    local missing=()
    for p in "${pkgs[@]}"; do rpm -q "$p" >/dev/null 2>&1 || missing+=("$p"); done
    if [ ${#missing[@]} -gt 0 ]; then
      say "installing: ${missing[*]}"
      as_root dnf install -y "${missing[@]}"
    fi
  else
    say "neither apt-get nor dnf found: install the packages listed in README.md by hand"
  fi
}

build() {
  if [ ! -f "$BUILD_DIR/build.ninja" ]; then
    # shellcheck disable=SC2086
    meson setup "$BUILD_DIR" $MESON_ARGS
  elif [ -n "$MESON_ARGS" ]; then
    # shellcheck disable=SC2086
    meson configure "$BUILD_DIR" $MESON_ARGS
  fi
  meson compile -C "$BUILD_DIR"
}

# The environment an uninstalled build needs (schema, locale tree).
uninstalled_env() {
  export GSETTINGS_SCHEMA_DIR="$here/$BUILD_DIR/data"
  export MML_LOCALEDIR="$here/$BUILD_DIR/po/locale"
}

summary() {
  # "N passed, N failed" from meson's machine-readable log
  /usr/bin/env python3 - "$BUILD_DIR/meson-logs/testlog.json" <<'PY'
import json, sys
ok = bad = skip = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"):
        ok += 1
    elif r == "SKIP":
        skip += 1
    else:
        bad += 1
# A skipped test means the script failed to provide what it needs: count it as failed.
print(f"{ok} passed, {bad + skip} failed")
sys.exit(1 if bad + skip else 0)
PY
}

run_tests() {
  local tmp
  tmp=$(mktemp -d)
  mkdir -p "$tmp/runtime" && chmod 700 "$tmp/runtime"
  # A throwaway HOME and XDG dirs: nothing leaks between runs or into the user's.
  local status=0
  env HOME="$tmp" XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" \
      XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/runtime" \
      GSETTINGS_BACKEND=memory GDK_BACKEND=x11 ADW_DISABLE_PORTAL=1 GSK_RENDERER=cairo \
      NO_AT_BRIDGE=1 LC_ALL=C.UTF-8 \
    xvfb-run -a -s "-screen 0 1280x800x24" \
    dbus-run-session -- \
    meson test -C "$BUILD_DIR" --print-errorlogs --num-processes 2 "$@" || status=$?
  rm -rf "$tmp"
  summary || status=1
  return $status
}

cmd=${1:-run}
shift || true
case "$cmd" in
  deps) deps ;;
  build) deps; build ;;
  run)
    deps; build; uninstalled_env
    exec "$BUILD_DIR/src/app/my-media-library" "$@"
    ;;
  test) deps; build; uninstalled_env; run_tests "$@" ;;
  *) echo "usage: $0 run|test|build|deps" >&2; exit 2 ;;
esac
