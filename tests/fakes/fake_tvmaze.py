#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A local TVmaze look-alike for the CLI tests and the matching benchmark.

It answers the endpoints My Media Library uses with the shapes TVmaze sends
(recorded in tests/fixtures/tvmaze): /search/shows,
/singlesearch/shows, /lookup/shows (a 301 to /shows/ID with body null),
/shows/ID[?embed[]=episodes&embed[]=seasons&embed[]=akas], /updates/shows.

The catalogue is built from a make-library.py manifest (one show per series
folder, its episodes from the files plus episodes that are missing on disk
and two that air in the future), or given as JSON. Optional decoys: a show
of the same name from another year, so a folder without a year is a real
conflict; with --realistic, the decoys a real catalogue has (remakes a year
or three later, other years, spin-offs, daily shows of the same name). With --rate N/S it enforces TVmaze's limit like the real one: a
request over N in any S seconds gets 429 (no Retry-After).

With --images, shows' posters point at the server itself (/images/ID.png,
a small generated PNG, not counted against the rate) instead of TVmaze's
image host.

    fake_tvmaze.py --manifest M.json [--decoys 0.1] [--realistic 0.3] [--rate 20/10] [--images] [--port 0]
prints "PORT <n>" on stdout once listening; GET /_stats gives counters.
"""
import argparse
import collections
import datetime
import json
import random
import re
import sys
import threading
import time
import struct
import unicodedata
import urllib.parse
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def norm(text):
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", text).strip()


COUNTRIES = {"US": "United States", "GB": "United Kingdom", "CA": "Canada"}
SUBTITLES = ["Origins", "The Next Chapter", "New Blood", "Legacy", "After Dark"]


class Catalogue:
    def __init__(self):
        self.shows = {}          # id -> show dict (without _embedded)
        self.episodes = {}       # id -> list of episode dicts
        self.tvdb = {}           # tvdb id -> show id
        self.next_episode_id = 1

    def add_show(self, name, year, seasons, daily_dates=None, tvdb=None, language="English",
                 network="Fake Network", country="US", future=2, weekday=0):
        sid = len(self.shows) + 1
        premiered = f"{year}-01-15" if year else None
        show = {
            "id": sid, "url": f"https://www.tvmaze.com/shows/{sid}/x", "name": name,
            "type": "Scripted", "language": language, "genres": ["Drama"],
            "status": "Running" if future else "Ended", "runtime": 45, "averageRuntime": 45,
            "premiered": premiered, "ended": None, "officialSite": None,
            "schedule": {"time": "21:00", "days": ["Monday"]}, "rating": {"average": 7.5},
            "weight": 80, "network": {"id": 1, "name": network,
                                      "country": {"name": COUNTRIES.get(country, country),
                                                  "code": country,
                                                  "timezone": "America/New_York"},
                                      "officialSite": None},
            "webChannel": None, "dvdCountry": None,
            "externals": {"tvrage": None, "thetvdb": tvdb, "imdb": None},
            "image": {"medium": f"https://static.tvmaze.com/uploads/images/medium_portrait/{sid}.jpg",
                      "original": f"https://static.tvmaze.com/uploads/images/original_untouched/{sid}.jpg"},
            "summary": f"<p>{name} is a show made up for tests.</p>", "updated": 1700000000 + sid,
            "_links": {"self": {"href": f"https://api.tvmaze.com/shows/{sid}"}},
        }
        self.shows[sid] = show
        if tvdb:
            self.tvdb[tvdb] = sid
        eps = []
        base = datetime.date(year or 2000, 1, 15) + datetime.timedelta(days=weekday)
        today = datetime.date.today()
        n = 0
        for season, count in sorted(seasons.items()):
            for number in range(1, count + 1):
                n += 1
                if daily_dates and (season, number) in daily_dates:
                    airdate = daily_dates[(season, number)]
                else:
                    airdate = (base + datetime.timedelta(days=7 * n)).isoformat()
                    if datetime.date.fromisoformat(airdate) > today:
                        airdate = (today - datetime.timedelta(days=400 - n % 300)).isoformat()
                eps.append(self._episode(sid, season, number, airdate))
        last = max(seasons) if seasons else 1
        for k in range(future):
            airdate = (today + datetime.timedelta(days=3 + 7 * k)).isoformat()
            eps.append(self._episode(sid, last, seasons.get(last, 0) + 1 + k, airdate))
        self.episodes[sid] = eps
        return sid

    def _episode(self, sid, season, number, airdate):
        eid = self.next_episode_id
        self.next_episode_id += 1
        return {"id": eid, "url": f"https://www.tvmaze.com/episodes/{eid}/x",
                "name": f"Episode {number}", "season": season, "number": number,
                "type": "regular", "airdate": airdate, "airtime": "21:00",
                "airstamp": f"{airdate}T01:00:00+00:00", "runtime": 45, "rating": {"average": None},
                "image": None, "summary": None,
                "_links": {"self": {"href": f"https://api.tvmaze.com/episodes/{eid}"}}}

    def add_realistic_decoys(self, rng, title, year, style, seasons):
        """The shows a real catalogue holds beside the right one: the same
        title in other years, a British remake a year or three later, a
        spin-off with a subtitle; for a daily show, two more of that name
        whose air dates are not the files'."""
        if style == "daily":
            for other in (year - rng.randint(3, 9), year + rng.randint(1, 4)):
                self.add_show(title, other, {1: rng.randint(20, 60), 2: rng.randint(20, 60)},
                              future=0, network="Other Network", weekday=3)
            return
        kind = rng.choice(("remake", "remake", "other-year", "spin-off"))
        if kind == "remake":
            self.add_show(title, year + rng.randint(1, 3), {1: 6}, future=0,
                          network="BBC One", country="GB")
        elif kind == "other-year":
            self.add_show(title, year - rng.randint(1, 12), {1: rng.choice((6, 10, 13))},
                          future=0, network="Other Network", country="CA")
        if kind == "spin-off" or rng.random() < 0.3:
            self.add_show(f"{title}: {rng.choice(SUBTITLES)}", year + rng.randint(2, 10),
                          {1: 8, 2: 8}, future=0, network="Spin Network")

    @classmethod
    def from_manifest(cls, path, decoys=0.0, seed=1, extra_missing=1, realistic=0.0):
        rng = random.Random(seed)
        real_rng = random.Random(seed + 1)
        cat = cls()
        data = json.load(open(path))
        series = collections.OrderedDict()
        for v in data["videos"]:
            s = series.setdefault(v["series_folder"], {"title": v["title"], "year": v["year"],
                                                       "style": v["style"], "eps": {}, "dates": {},
                                                       "absolute": 0})
            if "absolute" in v:
                s["absolute"] = max(s["absolute"], max(v["absolute"]))
            elif "air_date" in v:
                season = int(v["air_date"][:4]) - 2010
                s["eps"][season] = s["eps"].get(season, 0) + 1
                s["dates"][(season, s["eps"][season])] = v["air_date"]
            else:
                if v["season"] == 0:
                    continue   # specials are not in the embedded list
                s["eps"][v["season"]] = max(s["eps"].get(v["season"], 0), max(v["episodes"]))
        for folder, s in series.items():
            if s["style"] == "anime":
                # the absolute count split into 12-episode seasons
                total, seasons, k = s["absolute"], {}, 1
                while total > 0:
                    seasons[k] = min(12, total)
                    total -= seasons[k]
                    k += 1
            else:
                seasons = {k: n + (extra_missing if s["style"] != "daily" else 0)
                           for k, n in s["eps"].items()}
            cat.add_show(s["title"], s["year"], seasons, daily_dates=s["dates"] or None)
            if decoys and rng.random() < decoys:
                other = s["year"] - rng.randint(8, 20)
                cat.add_show(s["title"], other, {1: 10}, future=0, network="Other Network")
            if realistic and real_rng.random() < realistic:
                cat.add_realistic_decoys(real_rng, s["title"], s["year"], s["style"], seasons)
        return cat


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, addr, catalogue, rate=None, images=False):
        super().__init__(addr, Handler)
        self.cat = catalogue
        self.rate = rate                  # (n, seconds) or None
        self.images = images              # posters served here
        self.pngs = {}
        self.lock = threading.Lock()
        self.times = collections.deque()
        self.stats = collections.Counter()
        self.index = collections.defaultdict(set)
        for sid, show in catalogue.shows.items():
            for word in norm(show["name"]).split():
                self.index[word].add(sid)

    def allow(self):
        if not self.rate:
            return True
        n, seconds = self.rate
        now = time.monotonic()
        with self.lock:
            while self.times and now - self.times[0] >= seconds:
                self.times.popleft()
            if len(self.times) >= n:
                return False
            self.times.append(now)
            return True


    def handle_error(self, request, client_address):
        # a client that hung up (the app quitting mid-request) is not an error here
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)

    def show(self, sid):
        """The show as sent: with --images its poster points here."""
        show = self.cat.shows[sid]
        if not self.images:
            return show
        base = f"http://127.0.0.1:{self.server_address[1]}/images/{sid}"
        return dict(show, image={"medium": base + ".png", "original": base + ".png?original"})

    def png(self, sid):
        """A 210×295 poster: a vertical gradient in colours from the id."""
        with self.lock:
            if sid in self.pngs:
                return self.pngs[sid]
        w, h = 210, 295
        r0, g0, b0 = (sid * 53) % 200 + 30, (sid * 97) % 200 + 30, (sid * 31) % 200 + 30
        rows = bytearray()
        for y in range(h):
            f = 1 - y / h * 0.8
            rows += b"\0" + bytes((int(r0 * f), int(g0 * f), int(b0 * f))) * w

        def chunk(kind, data):
            return (struct.pack(">I", len(data)) + kind + data
                    + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))
        data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + chunk(b"IEND", b""))
        with self.lock:
            self.pngs[sid] = data
        return data


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=()):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def not_found(self):
        self.send(404, {"name": "Not Found", "message": "", "code": 0, "status": 404})

    def do_GET(self):
        srv = self.server
        url = urllib.parse.urlsplit(self.path)
        q = urllib.parse.parse_qs(url.query)
        path = url.path
        if path == "/_stats":
            with srv.lock:
                self.send(200, dict(srv.stats))
            return
        m = re.fullmatch(r"/images/(\d+)\.png", path)
        if m and srv.images and int(m.group(1)) in srv.cat.shows:
            data = srv.png(int(m.group(1)))
            with srv.lock:
                srv.stats["images"] += 1
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "max-age=86400")
            self.end_headers()
            self.wfile.write(data)
            return
        with srv.lock:
            srv.stats["requests"] += 1
        if not srv.allow():
            with srv.lock:
                srv.stats["429"] += 1
            self.send(429, {"name": "Too Many Requests", "message": "", "code": 0, "status": 429})
            return
        with srv.lock:
            srv.stats[path.split("/")[1] if path.count("/") > 1 else path] += 1
        cat = srv.cat
        m = re.fullmatch(r"/shows/(\d+)", path)
        if m:
            sid = int(m.group(1))
            if sid not in cat.shows:
                return self.not_found()
            show = dict(srv.show(sid))
            embeds = q.get("embed[]", []) + q.get("embed", [])
            emb = {}
            if "episodes" in embeds:
                emb["episodes"] = cat.episodes[sid]
            if "seasons" in embeds:
                nums = sorted({e["season"] for e in cat.episodes[sid]})
                emb["seasons"] = [{"id": sid * 1000 + n, "number": n, "name": "",
                                   "episodeOrder": sum(1 for e in cat.episodes[sid] if e["season"] == n),
                                   "premiereDate": None, "endDate": None, "image": None}
                                  for n in nums]
            if "akas" in embeds:
                emb["akas"] = []
            if emb:
                show["_embedded"] = emb
            return self.send(200, show)
        if path == "/search/shows":
            words = norm(q.get("q", [""])[0]).split()
            if not words:
                return self.send(200, [])
            hits = collections.Counter()
            for w in words:
                for sid in srv.index.get(w, ()):
                    hits[sid] += 1
            results = []
            for sid, n in hits.most_common(50):
                name_words = norm(cat.shows[sid]["name"]).split()
                score = n / max(len(words), len(name_words))
                if score >= 0.5:
                    results.append((score, sid))
            results.sort(key=lambda r: (-r[0], r[1]))
            return self.send(200, [{"score": round(s * 0.9, 4), "show": srv.show(sid)}
                                   for s, sid in results[:10]])
        if path == "/singlesearch/shows":
            target = norm(q.get("q", [""])[0])
            for sid, show in cat.shows.items():
                if norm(show["name"]) == target:
                    return self.send(200, srv.show(sid))
            return self.send(404, None)
        if path == "/lookup/shows":
            tvdb = q.get("thetvdb", [None])[0]
            sid = cat.tvdb.get(int(tvdb)) if tvdb and tvdb.isdigit() else None
            if sid is None:
                return self.send(404, None)
            return self.send(301, None, [("Location", f"/shows/{sid}")])
        if path == "/updates/shows":
            return self.send(200, {str(sid): s["updated"] for sid, s in cat.shows.items()})
        return self.not_found()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--manifest")
    ap.add_argument("--catalogue", help="JSON: [{name, year, seasons: {n: count}, tvdb?}]")
    ap.add_argument("--decoys", type=float, default=0.0)
    ap.add_argument("--realistic", type=float, default=0.0,
                    help="share of series with realistic decoys (remakes, other years, spin-offs)")
    ap.add_argument("--rate", help="N/S, e.g. 20/10")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--images", action="store_true", help="serve the posters here")
    a = ap.parse_args()
    if a.manifest:
        cat = Catalogue.from_manifest(a.manifest, decoys=a.decoys, realistic=a.realistic)
    else:
        cat = Catalogue()
        for s in json.load(open(a.catalogue)):
            cat.add_show(s["name"], s.get("year"), {int(k): v for k, v in s["seasons"].items()},
                         tvdb=s.get("tvdb"), future=s.get("future", 2))
    rate = tuple(int(x) for x in a.rate.split("/")) if a.rate else None
    srv = Server(("127.0.0.1", a.port), cat, rate, images=a.images)
    print(f"PORT {srv.server_address[1]} SHOWS {len(cat.shows)}", flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
