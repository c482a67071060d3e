#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A local OpenSubtitles REST v1 look-alike for the CLI tests.

The replies have the shapes of the recorded ones in
tests/fixtures/opensubtitles (login_post.json, the search pages,
download_post.json); the search answers any movie hash with one result
that matches it, in the first language asked, so the automatic pick takes
it. Downloads count down from --quota; the one after the last gets the
406 the real service sends, with a reset time in 2099. The file a
download links to is a Hebrew SRT in windows-1255 (so the client must
convert it to UTF-8); with --visual its punctuation is stored at the
logical start, as tools for players without bidi support write it.

    fake_opensubtitles.py --fixtures DIR [--quota N] [--key KEY] [--visual]
prints "PORT <n>" on stdout once listening; GET /_stats gives counters.
"""
import argparse
import json
import os
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HEBREW_SRT = "1\r\n00:00:01,000 --> 00:00:03,000\r\nשלום, מה שלומך?\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\nהכול טוב, תודה.\r\n"
# the same, as tools for players without bidi support store it: the
# punctuation at the logical start (--visual)
VISUAL_SRT = "1\r\n00:00:01,000 --> 00:00:03,000\r\n?שלום, מה שלומך\r\n\r\n2\r\n00:00:04,000 --> 00:00:06,000\r\n.הכול טוב, תודה\r\n"


class State:
    def __init__(self, args):
        self.quota = args.quota
        self.key = args.key
        self.visual = args.visual
        self.lock = threading.Lock()
        self.stats = {"login": 0, "search": 0, "download": 0, "file": 0, "refused": 0}
        with open(os.path.join(args.fixtures, "login_post.json")) as f:
            self.login = json.load(f)
        with open(os.path.join(args.fixtures, "download_post.json")) as f:
            self.download = json.load(f)
        with open(os.path.join(args.fixtures, "subtitles__moviehash__lang_en.json")) as f:
            self.search_page = json.load(f)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/json"):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def count(self, what):
        with self.server.state.lock:
            self.server.state.stats[what] += 1

    def key_ok(self):
        if self.headers.get("Api-Key") != self.server.state.key:
            self.count("refused")
            self.reply(403, {"message": "You cannot consume this service", "status": 403})
            return False
        return True

    def do_GET(self):
        state = self.server.state
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/_stats":
            with state.lock:
                return self.reply(200, dict(state.stats, quota=state.quota))
        if url.path.startswith("/file/"):
            self.count("file")
            text = VISUAL_SRT if state.visual else HEBREW_SRT
            return self.reply(200, text.encode("cp1255"), "application/x-subrip")
        if url.path == "/api/v1/subtitles":
            if not self.key_ok():
                return
            self.count("search")
            page = json.loads(json.dumps(state.search_page))
            if "moviehash" not in query:
                page.update(data=[], total_count=0, total_pages=0)
                return self.reply(200, page)
            lang = query.get("languages", "en").split(",")[0]
            item = page["data"][0]
            attrs = item["attributes"]
            file_id = int(query["moviehash"][-6:], 16) % 100000 + 1
            attrs.update(language=lang, moviehash_match=True, hearing_impaired=False,
                         foreign_parts_only=False, ai_translated=False, machine_translated=False,
                         release="Fake.Release." + query["moviehash"])
            attrs["files"] = [{"file_id": file_id, "cd_number": 1, "file_name": "fake.srt"}]
            page.update(data=[item], total_count=1, total_pages=1)
            return self.reply(200, page)
        self.reply(404, {"message": "not found"})

    def do_POST(self):
        state = self.server.state
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.path == "/api/v1/login":
            if not self.key_ok():
                return
            self.count("login")
            reply = dict(state.login, token="fake-token", base_url="127.0.0.1")
            return self.reply(200, reply)
        if self.path == "/api/v1/download":
            if not self.key_ok():
                return
            self.count("download")
            with state.lock:
                if state.quota <= 0:
                    return self.reply(406, {
                        "message": "You have downloaded your allowed 20 subtitles for 24h. Your quota "
                                   "will be renewed in 7 hours and 17 minutes (2099-01-30 06:00:21 UTC)",
                        "requests": 21, "remaining": -1, "reset_time": "7 hours and 17 minutes",
                        "reset_time_utc": "2099-01-30T06:00:21.000Z"})
                state.quota -= 1
                left = state.quota
            port = self.server.server_address[1]
            reply = dict(state.download, remaining=left, requests=20 - left,
                         link="http://127.0.0.1:%d/file/%d" % (port, body.get("file_id", 0)),
                         file_name="fake.srt", reset_time_utc="2099-01-30T06:00:21.000Z")
            return self.reply(200, reply)
        self.reply(404, {"message": "not found"})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--quota", type=int, default=20)
    parser.add_argument("--key", default="test-key")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--visual", action="store_true",
                        help="serve the SRT with its Hebrew punctuation at the logical start")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.state = State(args)
    print("PORT", server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
