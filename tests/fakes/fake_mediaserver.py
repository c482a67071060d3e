#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A local media server for the tests and the benchmarks: Plex Media Server
(with plex.tv in the same process), Jellyfin or Emby, one library of TV
series whose watched state changes as the clients (or the tests) ask.

The replies have the shapes of the recorded ones in tests/fixtures/plex
and tests/fixtures/jellyfin (Emby answers as Jellyfin does, but for
/Users/Query, the missing ProductName and the /emby prefix).

    fake_mediaserver.py --kind plex|jellyfin|emby
                        (--library FILE.json | --generate SERIES:EPISODES)
                        [--token T] [--user NAME --password PW] [--version V]
                        [--pin-expiry SECONDS] [--port N] [--watch-stdin]

prints "PORT <n>" on stdout once listening. With --watch-stdin it exits when
its standard input closes (a test that started it through a pipe and died).

The library file:
  {"series": [{"id": "s1", "title": "Breaking Bad", "year": 2008,
               "tvdb": "81189", "tmdb": "1396", "imdb": "tt0903747",
               "path": "/data/tv/Breaking Bad",
               "legacy_guid": false,          # Plex: a legacy agent's guid, no Guid list
               "provider_ids": {"tvdb": "81189"},  # Jellyfin/Emby: ProviderIds as given
               "episodes": [{"id": "e1", "season": 1, "episode": 1, "episode_end": 1,
                             "path": "/data/tv/Breaking Bad/Season 01/x.mkv",
                             "tvdb": "349232", "imdb": "tt0959621",
                             "watched": false, "plays": 0, "last": 0}]}]}

Tokens: --token is Plex's X-Plex-Token (also the plex.tv account's), or the
Jellyfin/Emby API key (an administrator, not a user). Signing in as --user
with --password gives that user's own token. Users: "kid" (not an
administrator, listed first) and --user (an administrator).

Control endpoints (no token):
  GET  /_fake/state            {"episodes": {id: {"watched", "plays", "last"}},
                                "requests": n, "writes": n, "by_path": {path: n}}
  POST /_fake/set              {"id", "watched", "last", "plays"} (any of the last three)
  POST /_fake/fail             {"status": 500|401|200…, "count": n, "match": "text"|null,
                                "body": "…", "content_type": "…"}: the next n requests
                                whose path (with its query) holds "match" get that answer
  POST /_fake/reset-counters
  POST /_fake/link             {"id": pin}: the plex.tv PIN is linked (authToken = --token)
  POST /_fake/expire           {"id": pin}: the PIN expires now
"""
import argparse
import datetime
import json
import os
import secrets
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MACHINE_ID = "3b7d2c1f0e9a4c5b8d6f0a1b2c3d4e5f6a7b8c9d"
JELLYFIN_SERVER_ID = "713dc3fe952b438fa70ed35e4ef0525a"
TV_VIEW = "a656b907eb3a73532e40e44b968d0225"
MOVIE_VIEW = "f137a2dd21bbc1b99aa5c0f6bf02a805"
DEFAULT_VERSIONS = {"plex": "1.40.2.8395-c67dce28e", "jellyfin": "10.8.13", "emby": "4.8.8.0"}


def iso(epoch):
    when = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%S.0000000Z")


def generate(spec):
    n_series, n_episodes = (int(x) for x in spec.split(":"))
    series = []
    index = 0
    for i in range(1, n_series + 1):
        title = "Series %04d" % i
        episodes = []
        for k in range(1, n_episodes + 1):
            index += 1
            watched = (i + k) % 3 == 0
            episodes.append({
                "id": str(2000000 + index), "season": 1, "episode": k,
                "path": "/data/tv/%s/Season 01/%s - S01E%02d.mkv" % (title, title, k),
                "tvdb": str(5000000 + index), "watched": watched,
                "plays": 1 if watched else 0, "last": 1700000000 + index * 60 if watched else 0,
            })
        series.append({"id": str(1000000 + i), "title": title, "year": 2000 + i % 20,
                       "tvdb": str(70000 + i), "path": "/data/tv/" + title, "episodes": episodes})
    return {"series": series}


class State:
    def __init__(self, args):
        self.kind = args.kind
        self.token = args.token
        self.user = args.user
        self.password = args.password
        self.version = args.version or DEFAULT_VERSIONS[args.kind]
        self.pin_expiry = args.pin_expiry
        self.lock = threading.Lock()
        self.listings = {}   # (parent, types) → [(is_series, item)]: listings, built once
        if args.generate:
            library = generate(args.generate)
        else:
            with open(args.library, encoding="utf-8") as f:
                library = json.load(f)
        self.series = library.get("series", [])
        self.library_path = library.get("library_path", "/data/tv")
        self.episodes = {}
        self.series_of = {}
        for s in self.series:
            for e in s.get("episodes", []):
                e.setdefault("watched", False)
                e.setdefault("plays", 1 if e["watched"] else 0)
                e.setdefault("last", 0)
                self.episodes[e["id"]] = e
                self.series_of[e["id"]] = s
        self.users = [
            {"Name": "kid", "Id": "0c1d2e3f40514a5b8c6d7e8f90a1b2c3", "admin": False, "password": "kid"},
            {"Name": self.user, "Id": "a076a5bfc9034f379f5889bc6dafc77b", "admin": True,
             "password": self.password},
        ]
        self.user_tokens = {}       # token -> user
        self.pins = {}              # id -> pin
        self.next_pin = 111222333
        self.failures = []
        self.reset_counters()

    def reset_counters(self):
        self.requests = 0
        self.writes = 0
        self.by_path = {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    # --- replies -------------------------------------------------------------

    def reply(self, status, body=b"", content_type="application/json", headers=None):
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
        elif isinstance(body, str):
            data = body.encode()
        else:
            data = body
        self.send_response(status)
        if data:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def unauthorized(self):
        if self.server.state.kind == "plex":
            return self.reply(401, "<html><head><title>Unauthorized</title></head><body>"
                                   "<h1>401 Unauthorized</h1></body></html>", "text/html")
        return self.reply(401)

    def not_found(self):
        if self.server.state.kind == "plex":
            return self.reply(404, "<html><head><title>Not Found</title></head><body>"
                                   "<h1>404 Not Found</h1></body></html>", "text/html")
        return self.reply(404)

    # --- requests ------------------------------------------------------------

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def json_body(self):
        try:
            return json.loads(self.read_body() or b"{}")
        except ValueError:
            return None

    def query(self):
        raw = urllib.parse.parse_qs(self.url.query, keep_blank_values=True)
        # Jellyfin and Emby read query names in any case
        return {k.lower(): v[0] for k, v in raw.items()}

    def base_url(self):
        return "http://127.0.0.1:%d" % self.server.server_address[1]

    def count(self, path):
        state = self.server.state
        with state.lock:
            state.requests += 1
            state.by_path[path] = state.by_path.get(path, 0) + 1
            for rule in state.failures:
                if rule["count"] > 0 and (rule.get("match") is None or rule["match"] in self.path):
                    rule["count"] -= 1
                    return dict(rule)
        return None

    def handle_any(self):
        self.url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(self.url.path)
        if path.startswith("/_fake/"):
            return self.control(path)
        if self.server.state.kind == "emby" and (path == "/emby" or path.startswith("/emby/")):
            path = path[len("/emby"):] or "/"
        failure = self.count(path)
        if failure is not None:
            self.read_body()
            status = failure.get("status", 500)
            if "body" in failure:
                return self.reply(status, failure["body"], failure.get("content_type", "text/html"))
            if status == 401:
                return self.unauthorized()
            return self.reply(status, {"error": "injected failure"} if status >= 500 else b"")
        if path.startswith("/api/v2/") and self.server.state.kind == "plex":
            return self.plex_tv(path)
        if self.server.state.kind == "plex":
            return self.plex(path)
        return self.jellyfin(path)

    do_GET = handle_any
    do_POST = handle_any
    do_PUT = handle_any
    do_DELETE = handle_any
    do_HEAD = handle_any

    # --- control -------------------------------------------------------------

    def control(self, path):
        state = self.server.state
        body = self.json_body() if self.command == "POST" else {}
        if body is None:
            return self.reply(400, {"error": "not JSON"})
        with state.lock:
            if path == "/_fake/state" and self.command == "GET":
                episodes = {i: {"watched": e["watched"], "plays": e["plays"], "last": e["last"]}
                            for i, e in state.episodes.items()}
                return self.reply(200, {"episodes": episodes, "requests": state.requests,
                                        "writes": state.writes, "by_path": state.by_path})
            if path == "/_fake/set" and self.command == "POST":
                e = state.episodes.get(str(body.get("id")))
                if e is None:
                    return self.reply(404, {"error": "no such episode"})
                if "watched" in body:
                    e["watched"] = bool(body["watched"])
                    if e["watched"] and e["plays"] == 0 and "plays" not in body:
                        e["plays"] = 1
                    if not e["watched"] and "plays" not in body:
                        e["plays"] = 0
                if "plays" in body:
                    e["plays"] = int(body["plays"])
                if "last" in body:
                    e["last"] = int(body["last"])
                return self.reply(200, {"ok": True})
            if path == "/_fake/fail" and self.command == "POST":
                rule = {"status": int(body.get("status", 500)), "count": int(body.get("count", 1)),
                        "match": body.get("match")}
                for key in ("body", "content_type"):
                    if key in body:
                        rule[key] = body[key]
                state.failures.append(rule)
                return self.reply(200, {"ok": True})
            if path == "/_fake/reset-counters" and self.command == "POST":
                state.reset_counters()
                return self.reply(200, {"ok": True})
            if path == "/_fake/link" and self.command == "POST":
                pin = state.pins.get(int(body.get("id", 0)))
                if pin is None:
                    return self.reply(404, {"error": "no such PIN"})
                pin["authToken"] = body.get("token", state.token)
                return self.reply(200, {"ok": True})
            if path == "/_fake/expire" and self.command == "POST":
                pin = state.pins.get(int(body.get("id", 0)))
                if pin is None:
                    return self.reply(404, {"error": "no such PIN"})
                pin["expires"] = time.time() - 1
                return self.reply(200, {"ok": True})
        return self.reply(404, {"error": "no such control"})

    # --- Plex Media Server ---------------------------------------------------

    def plex_token(self):
        return self.headers.get("X-Plex-Token") or self.query().get("x-plex-token")

    def plex_show(self, s, guids):
        item = {"ratingKey": s["id"], "key": "/library/metadata/%s/children" % s["id"],
                "type": "show", "title": s.get("title", ""), "index": 1,
                "leafCount": len(s.get("episodes", [])),
                "viewedLeafCount": sum(1 for e in s.get("episodes", []) if e["watched"]),
                "childCount": len({e.get("season", 1) for e in s.get("episodes", [])}),
                "addedAt": 1579478991, "updatedAt": 1579514246,
                "librarySectionID": 2, "librarySectionTitle": "TV Shows"}
        if s.get("year"):
            item["year"] = s["year"]
        if s.get("legacy_guid"):
            item["guid"] = "com.plexapp.agents.thetvdb://%s?lang=en" % s.get("tvdb", "0")
        else:
            item["guid"] = "plex://show/" + s["id"]
            if guids:
                item["Guid"] = [{"id": "%s://%s" % (p, s[p])} for p in ("imdb", "tmdb", "tvdb") if s.get(p)]
        return item

    def plex_episode(self, e, guids):
        s = self.server.state.series_of[e["id"]]
        season, number = e.get("season", 1), e.get("episode", 1)
        item = {"ratingKey": e["id"], "key": "/library/metadata/%s" % e["id"],
                "parentRatingKey": "%s-%d" % (s["id"], season), "grandparentRatingKey": s["id"],
                "type": "episode", "title": e.get("title", "Episode %d" % number),
                "grandparentTitle": s.get("title", ""), "parentTitle": "Season %d" % season,
                "index": number, "parentIndex": season, "addedAt": 1579514154, "updatedAt": 1579514237}
        if s.get("year"):
            item["year"] = s["year"]
        if s.get("legacy_guid"):
            item["guid"] = "com.plexapp.agents.thetvdb://%s/%d/%d?lang=en" % (s.get("tvdb", "0"), season, number)
        else:
            item["guid"] = "plex://episode/" + e["id"]
            if guids:
                item["Guid"] = [{"id": "%s://%s" % (p, e[p])} for p in ("imdb", "tmdb", "tvdb") if e.get(p)]
        # left out when 0, as Plex does
        if e["plays"] > 0:
            item["viewCount"] = e["plays"]
        if e["last"] > 0 and e["watched"]:
            item["lastViewedAt"] = e["last"]
        if e.get("path"):
            item["Media"] = [{"id": 76, "container": "mkv",
                              "Part": [{"id": 76, "key": "/library/parts/76/1579513980/file.mkv",
                                        "file": e["path"], "size": 13400382, "container": "mkv"}]}]
        return item

    def plex(self, path):
        state = self.server.state
        q = self.query()
        if path == "/identity":
            return self.reply(200, {"MediaContainer": {"size": 0, "claimed": True,
                                                       "machineIdentifier": MACHINE_ID,
                                                       "version": state.version}})
        if self.plex_token() != state.token:
            return self.unauthorized()
        if path == "/":
            return self.reply(200, {"MediaContainer": {
                "size": 0, "allowSync": True, "friendlyName": "Fake Plex",
                "machineIdentifier": MACHINE_ID, "version": state.version,
                "myPlexUsername": "user@example.com", "myPlexSigninState": "ok",
                "platform": "Linux"}})
        if path == "/myplex/account":
            return self.reply(200, {"MyPlex": {"username": "user@example.com", "signInState": "ok",
                                               "mappingState": "mapped"}})
        if path == "/library/sections":
            return self.reply(200, {"MediaContainer": {"size": 2, "allowSync": False, "title1": "Plex Library",
                                                       "Directory": [
                {"Location": [{"id": 1, "path": "/data/movies"}], "agent": "tv.plex.agents.movie",
                 "key": "1", "title": "Movies", "type": "movie", "language": "en-US",
                 "scanner": "Plex Movie", "uuid": "09dd5d64-2d11-476f-9064-d2b4f776a3bb"},
                {"Location": [{"id": 2, "path": state.library_path}], "agent": "tv.plex.agents.series",
                 "key": "2", "title": "TV Shows", "type": "show", "language": "en-US",
                 "scanner": "Plex TV Series", "uuid": "ba066eda-f6c7-4410-8dc6-c12e8585acce"}]}})
        if path.startswith("/library/sections/") and path.endswith("/all") and self.command == "GET":
            section = path.split("/")[3]
            if section == "1":
                return self.reply(200, {"MediaContainer": {"size": 0, "totalSize": 0, "offset": 0}})
            if section != "2":
                return self.not_found()
            guids = q.get("includeguids") == "1"
            kind = q.get("type", "2")
            with state.lock:
                refs = state.listings.get(("plex", kind))
                if refs is None:
                    if kind == "2":
                        refs = [(True, s) for s in state.series]
                    elif kind == "4":
                        refs = [(False, e) for s in state.series for e in s.get("episodes", [])]
                    else:
                        refs = []
                    state.listings[("plex", kind)] = refs
                start = self.headers.get("X-Plex-Container-Start") or q.get("x-plex-container-start")
                size = self.headers.get("X-Plex-Container-Size") or q.get("x-plex-container-size")
                container = {"allowSync": True, "identifier": "com.plexapp.plugins.library",
                             "librarySectionID": 2, "librarySectionTitle": "TV Shows", "viewGroup": "show"}
                if start is not None or size is not None:
                    first = int(start or 0)
                    count = int(size) if size is not None else len(refs)
                    chosen = refs[first:first + count]
                    container.update(size=len(chosen), totalSize=len(refs), offset=first)
                else:
                    chosen = refs
                    container.update(size=len(chosen))
                # only the page is built
                page = [self.plex_show(x, guids) if is_show else self.plex_episode(x, guids) for is_show, x in chosen]
            if page:
                container["Metadata"] = page
            return self.reply(200, {"MediaContainer": container})
        if path.startswith("/library/metadata/") and self.command == "GET":
            key = path.split("/")[3]
            for s in state.series:
                if s["id"] == key:
                    item = self.plex_show(s, q.get("includeguids") == "1")
                    if s.get("path"):
                        item["Location"] = [{"path": s["path"]}]
                    return self.reply(200, {"MediaContainer": {"size": 1, "Metadata": [item]}})
            if key in state.episodes:
                with state.lock:
                    item = self.plex_episode(state.episodes[key], q.get("includeguids") == "1")
                return self.reply(200, {"MediaContainer": {"size": 1, "Metadata": [item]}})
            return self.not_found()
        if path in ("/:/scrobble", "/:/unscrobble") and self.command in ("GET", "PUT"):
            if q.get("identifier") != "com.plexapp.plugins.library":
                return self.reply(400)
            with state.lock:
                state.writes += 1
                targets = []
                key = q.get("key")
                if key in state.episodes:
                    targets = [state.episodes[key]]
                else:
                    # a show's key applies to each of its episodes
                    for s in state.series:
                        if s["id"] == key:
                            targets = s.get("episodes", [])
                if not targets:
                    return self.not_found()
                for e in targets:
                    if path == "/:/scrobble":
                        e["watched"] = True
                        e["plays"] += 1
                        e["last"] = int(time.time())
                    else:
                        e["watched"] = False
                        e["plays"] = 0
                        e["last"] = 0
            return self.reply(200)
        return self.not_found()

    # --- plex.tv -------------------------------------------------------------

    def pin_json(self, pin):
        now = time.time()
        return {"id": pin["id"], "code": pin["code"], "product": "0", "trusted": False,
                "clientIdentifier": pin["client"],
                "location": {"code": "GB", "european_union_member": False, "continent_code": "EU",
                             "country": "United Kingdom", "city": "London", "time_zone": "Europe/London",
                             "postal_code": "N19", "in_privacy_restricted_country": True,
                             "subdivisions": "England", "coordinates": "51.000, -1"},
                "expiresIn": max(0, int(pin["expires"] - now)),
                "createdAt": iso(pin["created"]).replace(".0000000", ""),
                "expiresAt": iso(pin["expires"]).replace(".0000000", ""),
                "authToken": pin["authToken"], "newRegistration": None}

    def plex_tv(self, path):
        state = self.server.state
        client = self.headers.get("X-Plex-Client-Identifier")
        if path == "/api/v2/pins" and self.command == "POST":
            self.read_body()
            if not client:
                return self.reply(400, {"errors": [{"code": 1000, "message": "X-Plex-Client-Identifier is missing"}]})
            with state.lock:
                now = time.time()
                pin = {"id": state.next_pin, "code": secrets.token_hex(13)[:25].upper(), "client": client,
                       "created": now, "expires": now + state.pin_expiry, "authToken": None}
                state.pins[pin["id"]] = pin
                state.next_pin += 1
                return self.reply(201, self.pin_json(pin))
        if path.startswith("/api/v2/pins/") and self.command == "GET":
            try:
                pin_id = int(path.rsplit("/", 1)[1])
            except ValueError:
                return self.reply(404, {"errors": [{"code": 1020, "message": "Code not found or expired"}]})
            with state.lock:
                pin = state.pins.get(pin_id)
                if pin is None or pin["client"] != client or pin["expires"] <= time.time():
                    return self.reply(404, {"errors": [{"code": 1020, "message": "Code not found or expired"}]})
                return self.reply(200, self.pin_json(pin))
        if self.plex_token() != state.token:
            return self.reply(401, {"errors": [{"code": 1001, "message": "User could not be authenticated"}]})
        if path == "/api/v2/user":
            return self.reply(200, {"id": 12345, "uuid": "212acf24b07315e5", "username": "user@example.com",
                                    "title": "user@example.com", "email": "user@example.com",
                                    "authToken": state.token, "confirmed": True})
        if path == "/api/v2/resources":
            base = self.base_url()
            return self.reply(200, [
                {"name": "Living Room TV", "product": "Plex for LG", "clientIdentifier": "player-1",
                 "provides": "client,player", "owned": True, "presence": True, "accessToken": None,
                 "connections": []},
                {"name": "Fake Plex", "product": "Plex Media Server", "productVersion": state.version,
                 "platform": "Linux", "clientIdentifier": MACHINE_ID, "provides": "server",
                 "publicAddress": "192.0.2.1", "accessToken": state.token, "owned": True, "home": False,
                 "relay": True, "presence": True, "httpsRequired": False,
                 "connections": [
                     # the relay is listed first: the client must still try it last
                     {"protocol": "https", "address": "192.0.2.1", "port": 8443,
                      "uri": "https://192-0-2-1.%s.plex.direct:8443" % MACHINE_ID,
                      "local": False, "relay": True, "IPv6": False},
                     {"protocol": "http", "address": "127.0.0.1", "port": self.server.server_address[1],
                      "uri": base, "local": True, "relay": False, "IPv6": False}]}])
        return self.reply(404, {"errors": [{"code": 1002, "message": "Not found"}]})

    # --- Jellyfin and Emby ---------------------------------------------------

    def mb_token(self):
        """The token in any of the forms the server takes; None if none."""
        state = self.server.state
        for name in ("Authorization", "X-Emby-Authorization"):
            value = self.headers.get(name) or ""
            if value.startswith(("MediaBrowser ", "Emby ")):
                for part in value.split(" ", 1)[1].split(","):
                    key, _, val = part.strip().partition("=")
                    if key.strip().lower() == "token":
                        return urllib.parse.unquote(val.strip().strip('"'))
        q = self.query()
        names = ["X-Emby-Token", "X-MediaBrowser-Token"]
        for name in names:
            if self.headers.get(name):
                return self.headers.get(name)
        return q.get("api_key") or (q.get("apikey") if state.kind == "jellyfin" else None)

    def caller(self):
        """("key", None) for the API key, ("user", user) for a user's token, None if refused."""
        state = self.server.state
        token = self.mb_token()
        if token is None:
            return None
        if token == state.token:
            return ("key", None)
        with state.lock:
            user = state.user_tokens.get(token)
        return ("user", user) if user is not None else None

    def user_json(self, user):
        state = self.server.state
        return {"Name": user["Name"], "ServerId": JELLYFIN_SERVER_ID, "Id": user["Id"],
                "HasPassword": bool(user["password"]), "HasConfiguredPassword": bool(user["password"]),
                "EnableAutoLogin": False, "LastLoginDate": "2023-04-27T08:44:09.6382614Z",
                "Configuration": {"PlayDefaultAudioTrack": True, "SubtitleMode": "Default"},
                "Policy": {"IsAdministrator": user["admin"], "IsHidden": False, "IsDisabled": False,
                           "EnableAllFolders": True, "EnableContentDeletion": user["admin"],
                           "AuthenticationProviderId": "Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider"
                           if state.kind == "jellyfin" else "Emby.Server.Implementations.Library.DefaultAuthenticationProvider"}}

    def find_user(self, uid):
        for user in self.server.state.users:
            if user["Id"] == uid:
                return user
        return None

    def user_data(self, e):
        data = {"PlaybackPositionTicks": 0, "PlayCount": e["plays"], "IsFavorite": False,
                "Played": e["watched"], "Key": e["id"]}
        if e["last"] > 0:
            data["LastPlayedDate"] = iso(e["last"])
        return data

    def provider_ids(self, record, fields):
        if "provider_ids" in record:
            return dict(record["provider_ids"])
        return {name: str(record[key]) for key, name in fields if record.get(key)}

    def jf_series(self, s, fields):
        item = {"Name": s.get("title", ""), "ServerId": JELLYFIN_SERVER_ID, "Id": s["id"],
                "ChannelId": None, "IsFolder": True, "Type": "Series", "Status": "Ended",
                "LocationType": "FileSystem", "MediaType": "Unknown", "ImageTags": {},
                "BackdropImageTags": []}
        if s.get("year"):
            item["ProductionYear"] = s["year"]
        if "path" in fields and s.get("path"):
            item["Path"] = s["path"]
        if "providerids" in fields:
            item["ProviderIds"] = self.provider_ids(s, (("imdb", "Imdb"), ("tmdb", "Tmdb"), ("tvdb", "Tvdb")))
        return item

    def jf_episode(self, e, fields):
        s = self.server.state.series_of[e["id"]]
        season, number = e.get("season", 1), e.get("episode", 1)
        item = {"Name": e.get("title", "Episode %d" % number), "ServerId": JELLYFIN_SERVER_ID, "Id": e["id"],
                "ChannelId": None, "IsFolder": False, "Type": "Episode", "MediaType": "Video",
                "LocationType": "FileSystem", "VideoType": "VideoFile", "Container": "mkv",
                "IndexNumber": number, "ParentIndexNumber": season,
                "SeriesName": s.get("title", ""), "SeriesId": s["id"],
                "SeasonId": "%s-%d" % (s["id"], season), "SeasonName": "Season %d" % season,
                "UserData": self.user_data(e), "ImageTags": {}, "BackdropImageTags": []}
        if e.get("episode_end") and e["episode_end"] != number:
            item["IndexNumberEnd"] = e["episode_end"]
        if s.get("year"):
            item["ProductionYear"] = s["year"]
        if "path" in fields and e.get("path"):
            item["Path"] = e["path"]
        if "providerids" in fields:
            item["ProviderIds"] = self.provider_ids(e, (("imdb", "Imdb"), ("tmdb", "Tmdb"), ("tvdb", "Tvdb")))
        return item

    def jellyfin(self, path):
        state = self.server.state
        q = self.query()
        lower = path.lower().rstrip("/")
        if lower == "/system/info/public":
            info = {"LocalAddress": self.base_url(), "ServerName": "Fake %s" % state.kind.capitalize(),
                    "Version": state.version, "OperatingSystem": "Linux", "Id": JELLYFIN_SERVER_ID,
                    "StartupWizardCompleted": True}
            if state.kind == "jellyfin":
                info["ProductName"] = "Jellyfin Server"
            return self.reply(200, info)
        if lower == "/users/authenticatebyname" and self.command == "POST":
            body = self.json_body() or {}
            name = body.get("Username") or body.get("username")
            password = body.get("Pw") or body.get("pw") or ""
            for user in state.users:
                if user["Name"] == name and user["password"] == password:
                    token = secrets.token_hex(16)
                    with state.lock:
                        state.user_tokens[token] = user
                    return self.reply(200, {"User": self.user_json(user),
                                            "SessionInfo": {"UserId": user["Id"], "UserName": user["Name"],
                                                            "Client": "test", "ServerId": JELLYFIN_SERVER_ID},
                                            "AccessToken": token, "ServerId": JELLYFIN_SERVER_ID})
            return self.reply(401, "Error processing request.", "text/plain")
        caller = self.caller()
        if caller is None:
            return self.unauthorized()
        is_admin = caller[0] == "key" or caller[1]["admin"]
        parts = [urllib.parse.unquote(p) for p in path.strip("/").split("/")]
        low = [p.lower() for p in parts]
        if lower == "/system/info":
            return self.reply(200, {"OperatingSystemDisplayName": "Linux", "HasPendingRestart": False,
                                    "IsShuttingDown": False, "SupportsLibraryMonitor": True,
                                    "WebSocketPortNumber": self.server.server_address[1],
                                    "CanSelfRestart": False, "ProgramDataPath": "/config",
                                    "LocalAddress": self.base_url(),
                                    "ServerName": "Fake %s" % state.kind.capitalize(),
                                    "Version": state.version, "OperatingSystem": "Linux",
                                    "Id": JELLYFIN_SERVER_ID})
        if lower == "/users/me":
            if caller[0] == "key":
                return self.reply(400, "Current user could not be found.", "text/plain")
            return self.reply(200, self.user_json(caller[1]))
        if lower == "/users/query" and state.kind == "emby":
            if not is_admin:
                return self.reply(403)
            users = [self.user_json(u) for u in state.users]
            return self.reply(200, {"Items": users, "TotalRecordCount": len(users)})
        if lower == "/users":
            if not is_admin:
                return self.reply(403)
            return self.reply(200, [self.user_json(u) for u in state.users])
        if lower == "/library/virtualfolders":
            if not is_admin:
                return self.reply(403)
            return self.reply(200, [
                {"Name": "Movies", "Locations": ["/data/movies"], "CollectionType": "movies",
                 "ItemId": MOVIE_VIEW, "RefreshStatus": "Idle"},
                {"Name": "Shows", "Locations": [state.library_path], "CollectionType": "tvshows",
                 "ItemId": TV_VIEW, "RefreshStatus": "Idle"}])
        if len(low) >= 2 and low[0] == "users":
            user = self.find_user(parts[1])
            if user is None:
                return self.not_found()
            if caller[0] == "user" and caller[1]["Id"] != user["Id"] and not caller[1]["admin"]:
                return self.reply(403)
            if len(low) == 2 and self.command == "GET":
                return self.reply(200, self.user_json(user))
            if low[2:] == ["views"] and self.command == "GET":
                views = [{"Name": "Movies", "ServerId": JELLYFIN_SERVER_ID, "Id": MOVIE_VIEW,
                          "CollectionType": "movies", "Type": "CollectionFolder", "IsFolder": True},
                         {"Name": "Shows", "ServerId": JELLYFIN_SERVER_ID, "Id": TV_VIEW,
                          "CollectionType": "tvshows", "Type": "CollectionFolder", "IsFolder": True}]
                return self.reply(200, {"Items": views, "TotalRecordCount": len(views), "StartIndex": 0})
            if low[2:] == ["items"] and self.command == "GET":
                return self.jf_items(q)
            if len(low) >= 4 and low[2] == "playeditems":
                if state.kind == "jellyfin" and self.version_at_least(10, 11):
                    # a simulation of a server past the old routes: only
                    # /UserPlayedItems answers, so a client must pick it
                    return self.not_found()
                return self.jf_played(parts[3], low[4:], q)
        if (len(low) >= 2 and low[0] == "userplayeditems" and state.kind == "jellyfin"
                and self.version_at_least(10, 9)):
            user = self.find_user(q.get("userid", ""))
            if user is None:
                return self.reply(400, "userId is required", "text/plain")
            if caller[0] == "user" and caller[1]["Id"] != user["Id"] and not caller[1]["admin"]:
                return self.reply(403)
            return self.jf_played(parts[1], low[2:], q)
        return self.not_found()

    def version_at_least(self, major, minor):
        try:
            have = [int(x) for x in self.server.state.version.split(".")[:2]]
        except ValueError:
            return False
        return have >= [major, minor]

    def jf_items(self, q):
        state = self.server.state
        types = {t.strip().lower() for t in q.get("includeitemtypes", "").split(",") if t.strip()}
        fields = {f.strip().lower() for f in q.get("fields", "").split(",") if f.strip()}
        parent = q.get("parentid")
        series = state.series
        if parent not in (None, TV_VIEW):
            if parent == MOVIE_VIEW:
                series = []
            else:
                series = [s for s in state.series if s["id"] == parent]
        with state.lock:
            # the items of a listing never change (only their state): built once
            key = (parent, tuple(sorted(types)))
            refs = state.listings.get(key)
            if refs is None:
                refs = []
                for s in series:
                    if not types or "series" in types:
                        refs.append((True, s))
                    if not types or "episode" in types:
                        refs.extend((False, e) for e in s.get("episodes", []))
                state.listings[key] = refs
            start = int(q.get("startindex") or 0)
            limit = q.get("limit")
            chosen = refs[start:start + int(limit)] if limit is not None else refs[start:]
            # only the page is built: a library of 137k episodes stays quick to page through
            page = [self.jf_series(x, fields) if is_series else self.jf_episode(x, fields)
                    for is_series, x in chosen]
        return self.reply(200, {"Items": page, "TotalRecordCount": len(refs), "StartIndex": start})

    def jf_played(self, item_id, rest, q):
        state = self.server.state
        delete = self.command == "DELETE" or (self.command == "POST" and rest == ["delete"])
        if not delete and (self.command != "POST" or rest):
            return self.not_found()
        self.read_body()
        with state.lock:
            e = state.episodes.get(item_id)
            if e is None:
                return self.not_found()
            state.writes += 1
            if delete:
                e["watched"] = False
                e["plays"] = 0
                e["last"] = 0
            else:
                when = int(time.time())
                date = q.get("dateplayed")
                if date:
                    try:
                        parsed = datetime.datetime.strptime(date, "%Y%m%d%H%M%S")
                    except ValueError:
                        return self.reply(400, "DatePlayed is not yyyyMMddHHmmss", "text/plain")
                    when = int(parsed.replace(tzinfo=datetime.timezone.utc).timestamp())
                e["watched"] = True
                e["plays"] += 1
                e["last"] = when
            data = self.user_data(e)
        # Emby documents 200 with the user data; Jellyfin answers it too
        return self.reply(200, data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=("plex", "jellyfin", "emby"), required=True)
    parser.add_argument("--library")
    parser.add_argument("--generate", metavar="SERIES:EPISODES")
    parser.add_argument("--token", default="test-token")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--password", default="secret")
    parser.add_argument("--version")
    parser.add_argument("--pin-expiry", type=float, default=900)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--watch-stdin", action="store_true")
    args = parser.parse_args()
    if not args.library and not args.generate:
        parser.error("--library or --generate is needed")
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.state = State(args)
    print("PORT", server.server_address[1], flush=True)
    if args.watch_stdin:
        def watch():
            while sys.stdin.buffer.read(4096):
                pass
            os._exit(0)
        threading.Thread(target=watch, daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
