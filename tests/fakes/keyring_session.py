# SPDX-License-Identifier: GPL-3.0-or-later
"""A keyring of its own for a test or a benchmark: a private session bus
with gnome-keyring-daemon on it, unlocked, in a temporary home. Secrets go
where they go for a user, and the keyring of whoever runs it is never
touched."""
import os
import shutil
import subprocess
import tempfile
import time


def wait_for(predicate, what, seconds=60):
    """Waits for a condition (a deadline, not a measure)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting for " + what)


class Keyring:
    """A session bus of our own with gnome-keyring-daemon on it, unlocked."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="mml-test-keyring-")
        env = dict(os.environ)
        for name, sub in (("HOME", "home"), ("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                          ("XDG_CACHE_HOME", "cache"), ("XDG_RUNTIME_DIR", "runtime")):
            path = os.path.join(self.dir, sub)
            os.makedirs(path, mode=0o700)
            env[name] = path
        env.pop("DISPLAY", None)
        env.pop("GNOME_KEYRING_CONTROL", None)
        self.bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1",
                                     "--address=unix:path=" + os.path.join(self.dir, "bus")],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        self.address = self.bus.stdout.readline().decode().strip()
        env["DBUS_SESSION_BUS_ADDRESS"] = self.address
        self.daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                                       stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, env=env)
        self.daemon.stdin.write(b"keyring-password")
        self.daemon.stdin.close()
        # ready when the Secret Service has a name on the bus
        wait_for(lambda: subprocess.run(["dbus-send", "--session", "--print-reply",
                                         "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"],
                                        capture_output=True, env=env).stdout.find(b"true") >= 0,
                 "the keyring on its bus")

    def close(self):
        for p in (self.daemon, self.bus):
            p.terminate()
            p.wait(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)


