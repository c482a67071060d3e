#!/usr/bin/env python3
"""Write episodes-wide.jsonl, the project's own wide parser corpus.

usage: make-wide.py > episodes-wide.jsonl

Every name is composed here from public naming conventions (scene TV rules,
the Plex / Jellyfin / Kodi naming pages, fansub habits, common P2P and
foreign-language patterns) with invented series titles, groups and episode
titles.  Nothing is taken from another project's test fixtures.  The output is
deterministic (fixed seed), so the file can be regenerated and diffed.

Each case says what a human reads in the name, with the same keys and
semantics as episodes-dev.jsonl (see README.md).  Where two readings are
both right ("Title S2" kept in an anime title or not, a bare anime number
read as absolute or as an episode) the expectation lists both or uses
any_episodes.
"""
import json
import random
import sys

R = random.Random(20250611)

# ------------------------------------------------------------------ vocabulary
SCENE_TITLES = [
    "Harbor Lights", "The Copper Orchard", "Midnight Cartographers", "Silver Fern Station",
    "Kestrel Bay", "Northwind Academy", "The Quiet Engineers", "Lanterns of Vell",
    "Paper Moon Detectives", "Glass Harbour", "Iron Meadow", "Velvet Frontier",
    "Saltwater Parish", "The Last Surveyor", "Crimson Ledger", "Blue Ridge Rescue",
    "Hollow Pines", "The Night Clerk", "Marble Hall", "Dust and Ember",
    "Orchard Street", "The Tin Crown", "Stormwatch", "Foxglove Lane",
    "Brass Compass", "Wild Acre", "Echo Valley Medical", "The Flat Earth Society Club",
]
DIGIT_TITLES = [
    "Zone 7 Patrol", "Squad 404", "Route 9 Diaries", "Apartment 3B", "Station 12",
    "Ward 5", "Unit 731 Files", "Platform 21", "Area 88 Stories", "Sector 4",
]
YEAR_TITLES = [("Harbor Lights", 2019), ("Kestrel Bay", 2008), ("The Night Clerk", 2021),
               ("Iron Meadow", 2015), ("Crimson Ledger", 1998), ("Foxglove Lane", 2023)]
COUNTRY_TITLES = [("Marble Hall", "US"), ("The Night Clerk", "UK"), ("Stormwatch", "AU"),
                  ("Wild Acre", "NZ"), ("Dust and Ember", "CA")]
ANIME_TITLES = [
    "Hoshizora Rangers", "Kaminari Bakery", "Tsuki no Kage Gakuen", "Sora Kara Kita Shoujo",
    "Mahou Shoujo Pastel Garden", "Kuroi Tsubasa no Kishi", "Yuki Matsuri Diaries",
    "Isekai Librarian", "Kitsune to Ramen", "Blade of the Paper Crane",
    "Shinobi Delivery Service", "Ginga Tetsudou Kids", "Akai Ito Romance",
    "Ore no Imouto ga Dragon", "Hanabi Club", "Mecha Pilot Academy Zero",
    "Tensei Shitara Slime Datta Hen", "Kawaii Monster Farm", "Umi no Uta",
    "Seiyuu Radio Days", "Koi to Kumo", "Great Teacher Sakamoto",
]
ANIME_DIGIT_TITLES = ["Zone 7 Patrol", "Squad 404", "Kaiju No 9 Division", "Class 3 Heroes",
                      "Tokyo 23 Wards", "Mobile Armor 08"]
SCENE_GROUPS = ["GRiMM", "SiGMA", "TOPAZ", "MiNT", "ORBiT", "KESTREL", "QuaRtZ", "LoRD",
                "FaiRY", "NoGRP", "TVSLiCE", "BAJA", "PiXEL", "W4F", "DeLTA", "MOREL"]
FANSUBS = ["Hoshi-Subs", "NekoFansub", "Aozora", "SakuraSubs", "MoonlitRaws", "Kitsune-Raws",
           "TenshiSubs", "Yoru", "Chibi-Fansub", "Koneko", "PeachSubs", "Tsundere-Raws"]
EP_TITLES = ["The Long Night", "Homecoming", "A Quiet Storm", "Paper Boats", "The Reckoning",
             "Lost and Found", "Fire Drill", "Crossroads", "Second Chances", "Open Water",
             "The Visitor", "Small Hours", "Northern Lights", "Blackout", "Dead Reckoning"]
DIGIT_EP_TITLES = ["24 Hours", "7 Days", "Room 101", "The 3rd Man", "1000 Cranes", "99 Problems"]

# quality strings: (text, resolution expected or None for "any/none")
QUAL_HD = [
    ("720p.HDTV.x264", "720p"), ("1080p.WEB.h264", "1080p"), ("1080p.AMZN.WEB-DL.DDP5.1.H.264", "1080p"),
    ("2160p.NF.WEB-DL.DDP5.1.Atmos.DV.HEVC", "2160p"), ("720p.WEB.x265", "720p"),
    ("1080p.BluRay.x264", "1080p"), ("720p.BluRay.x264", "720p"), ("1080p.WEBRip.x264", "1080p"),
    ("1080p.DSNP.WEB-DL.DDP5.1.H.264", "1080p"), ("2160p.WEB.H265", "2160p"),
    ("1080p.BluRay.REMUX.AVC.DTS-HD.MA.5.1", "1080p"), ("720p.AMZN.WEBRip.DDP2.0.x264", "720p"),
    ("1080i.HDTV.MPEG2", "1080p"), ("1080p.HMAX.WEB-DL.DD5.1.H.264", "1080p"),
]
QUAL_SD = [("HDTV.XviD", ["480p", None]), ("DVDRip.XviD", ["480p", None]), ("PDTV.x264", ["480p", None]),
           ("480p.WEB.x264", "480p"), ("WEB.h264", ["480p", None]), ("DVDRip.x264", ["480p", None])]
QUAL = QUAL_HD + QUAL_SD

LANGS = [("FRENCH", "fr"), ("GERMAN", "de"), ("iTALiAN", "it"), ("SPANiSH", "es"), ("DUTCH", "nl"),
         ("SWEDiSH", "sv"), ("POLiSH", "pl"), ("RUSSiAN", "ru"), ("DANiSH", "da"), ("NORWEGiAN", "no")]

cases = []


def add(family, kind, inp, expect, note):
    cases.append({"family": family, "kind": kind, "input": inp, "expect": expect, "note": note})


def dotted(t):
    return t.replace(" ", ".")


def pick(seq):
    return R.choice(seq)


def epno():
    return R.randint(1, 24)


def seno():
    return R.randint(1, 9)


def se_expect(title, s, eps, **kw):
    e = {"title": title, "season": s, "episodes": eps, "absolute": [], "full_season": False}
    e.update(kw)
    return e


# ======================================================================= scene
def scene():
    F = "scene"
    for _ in range(45):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        q, res = pick(QUAL)
        g = pick(SCENE_GROUPS)
        add(F, "single", f"{dotted(t)}.S{s:02d}E{e:02d}.{q}-{g}",
            se_expect(t, s, [e], release_group=g, resolution=res), "scene S01E02 with quality and -GROUP")
    for _ in range(12):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        q, res = pick(QUAL_HD)
        g = pick(SCENE_GROUPS)
        tag = pick(["PROPER", "REPACK", "INTERNAL", "REAL.PROPER", "iNTERNAL", "REPACK2"])
        add(F, "single", f"{dotted(t)}.S{s:02d}E{e:02d}.{tag}.{q}-{g}",
            se_expect(t, s, [e], release_group=g, resolution=res), "PROPER/REPACK/INTERNAL tag")
    for _ in range(14):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        q, res = pick(QUAL_HD)
        g = pick(SCENE_GROUPS)
        et = pick(EP_TITLES)
        add(F, "single", f"{dotted(t)}.S{s:02d}E{e:02d}.{dotted(et)}.{q}-{g}",
            se_expect(t, s, [e], release_group=g, resolution=res), "episode title after the marker")
    for _ in range(16):
        t, s, e = pick(SCENE_TITLES), seno(), R.randint(1, 20)
        q, res = pick(QUAL)
        g = pick(SCENE_GROUPS)
        form = R.randrange(5)
        if form == 0:
            mk, eps, note = f"S{s:02d}E{e:02d}E{e + 1:02d}", [e, e + 1], "multi-episode S01E01E02"
        elif form == 1:
            mk, eps, note = f"S{s:02d}E{e:02d}-E{e + 1:02d}", [e, e + 1], "multi-episode S01E01-E02"
        elif form == 2:
            mk, eps, note = f"S{s:02d}E{e:02d}-{e + 2:02d}", [e, e + 1, e + 2], "episode range S01E01-03"
        elif form == 3:
            mk, eps, note = f"S{s:02d}E{e:02d}.E{e + 1:02d}", [e, e + 1], "multi-episode S01E01.E02"
        else:
            mk, eps, note = f"S{s:02d}E{e:02d}E{e + 1:02d}E{e + 2:02d}", [e, e + 1, e + 2], "triple episode"
        add(F, "multi", f"{dotted(t)}.{mk}.{q}-{g}", se_expect(t, s, eps, release_group=g, resolution=res), note)
    for _ in range(14):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        q, res = pick(QUAL_SD + QUAL_HD[:3])
        g = pick(SCENE_GROUPS)
        if R.random() < 0.5:
            add(F, "single", f"{dotted(t).lower()}.{s}x{e:02d}.{q.lower()}-{g.lower()}",
                se_expect(t, s, [e], release_group=g.lower(), resolution=res), "old scene 1x02, lower case")
        else:
            add(F, "multi", f"{dotted(t)}.{s}x{e:02d}-{s}x{e + 1:02d}.{q}-{g}",
                se_expect(t, s, [e, e + 1], release_group=g, resolution=res), "NxNN-NxNN double")
    for _ in range(14):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        g = pick(SCENE_GROUPS)
        form = R.randrange(5)
        if form == 0:
            inp, note = f"{dotted(t)}.S{s:02d}-E{e:02d}.720p.HDTV.x264-{g}", "S03-E01 split by a dash"
        elif form == 1:
            inp, note = f"{dotted(t)}.S{s:02d}.E{e:02d}.720p.HDTV.x264-{g}", "S03.E01 split by a dot"
        elif form == 2:
            inp, note = f"{dotted(t)}.s{s:02d}.x{e:02d}.720p.HDTV.x264-{g}", "s03.x01 split marker"
        elif form == 3:
            inp, note = f"{t} S{s:02d} E{e:02d} 720p HDTV x264-{g}", "S03 E01 split by a blank"
        else:
            inp, note = f"{dotted(t)}.s{s}e{e}.720p.HDTV.x264-{g}", "one-digit s1e2"
        add(F, "single", inp, se_expect(t, s, [e], release_group=g, resolution="720p"), note)
    for _ in range(14):
        t, s, e = pick(DIGIT_TITLES), seno(), epno()
        q, res = pick(QUAL_HD)
        g = pick(SCENE_GROUPS)
        add(F, "single", f"{dotted(t)}.S{s:02d}E{e:02d}.{q}-{g}",
            se_expect(t, s, [e], release_group=g, resolution=res), "title ending in a number")
    for _ in range(10):
        (t, y), s, e = pick(YEAR_TITLES), seno(), epno()
        q, res = pick(QUAL_HD)
        g = pick(SCENE_GROUPS)
        add(F, "single", f"{dotted(t)}.{y}.S{s:02d}E{e:02d}.{q}-{g}",
            se_expect([t, f"{t} {y}"], s, [e], release_group=g, resolution=res, year=y),
            "year of the series before the marker")
    for _ in range(8):
        (t, cc), s, e = pick(COUNTRY_TITLES), seno(), epno()
        q, res = pick(QUAL_HD)
        g = pick(SCENE_GROUPS)
        add(F, "single", f"{dotted(t)}.{cc}.S{s:02d}E{e:02d}.{q}-{g}",
            se_expect(f"{t} {cc}", s, [e], release_group=g, resolution=res), "country code in the title")
    for _ in range(16):
        t = pick(SCENE_TITLES + ["Late Night with Sam Ortega", "The Morning Desk", "Daily Wrap"])
        y, m, d = R.randint(2005, 2025), R.randint(1, 12), R.randint(1, 28)
        g = pick(SCENE_GROUPS)
        form = R.randrange(3)
        guest = pick(["Guest.Name", "Jane.Doe", "Special.Guest", "Chef.Marco"])
        if form == 0:
            inp = f"{dotted(t)}.{y}.{m:02d}.{d:02d}.{guest}.720p.WEB.h264-{g}"
        elif form == 1:
            inp = f"{dotted(t)}.{y}.{m:02d}.{d:02d}.1080p.WEB.h264-{g}"
        else:
            inp = f"{dotted(t)}.{y}-{m:02d}-{d:02d}.720p.HDTV.x264-{g}"
        add(F, "daily", inp, {"title": t, "air_date": f"{y}-{m:02d}-{d:02d}", "episodes": [], "absolute": [],
                              "release_group": g}, "daily show, date instead of an episode")
    for _ in range(18):
        t, s = pick(SCENE_TITLES), seno()
        q, res = pick(QUAL_HD)
        g = pick(SCENE_GROUPS)
        form = R.randrange(4)
        if form == 0:
            inp, note = f"{dotted(t)}.S{s:02d}.{q}-{g}", "season pack S02"
        elif form == 1:
            inp, note = f"{dotted(t)}.S{s:02d}.COMPLETE.{q}-{g}", "season pack with COMPLETE"
        elif form == 2:
            inp, note = f"{dotted(t)}.Season.{s}.{q}-{g}", "season pack spelled Season.2"
        else:
            inp, note = f"{dotted(t)}.S{s:02d}.MULTi.{q}-{g}", "season pack, MULTi"
        add(F, "season", inp, {"title": t, "season": s, "episodes": [], "absolute": [], "full_season": True,
                               "release_group": g, "resolution": res}, note)
    for _ in range(24):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        (lw, code) = pick(LANGS)
        q, res = pick(QUAL)
        g = pick(SCENE_GROUPS)
        form = R.randrange(3)
        if form == 0:
            inp = f"{dotted(t)}.S{s:02d}E{e:02d}.{lw}.{q}-{g}"
        elif form == 1:
            inp = f"{dotted(t)}.S{s:02d}E{e:02d}.{lw}.DL.{q}-{g}"
        else:
            inp = f"{dotted(t)}.S{s:02d}E{e:02d}.{q}.{lw}-{g}"
            g = g
        exp = se_expect(t, s, [e], release_group=g, resolution=res, languages_include=[code])
        add(F, "language", inp, exp, "language tag of a foreign release")
    for _ in range(10):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        g = pick(SCENE_GROUPS)
        junk = pick(["[rarbg]", "[eztv]", "-Obfuscated", "-RP", "[TGx]"])
        exp = se_expect(t, s, [e], resolution="1080p")
        if junk != "[TGx]":
            exp["release_group"] = g
        add(F, "group", f"{dotted(t)}.S{s:02d}E{e:02d}.1080p.WEB.h264-{g}{junk}", exp,
            "indexer or reposter junk after the group")
    for _ in range(8):
        t, e = pick(SCENE_TITLES), R.randint(1, 8)
        g = pick(SCENE_GROUPS)
        form = R.randrange(3)
        if form == 0:
            inp, note = f"{dotted(t)}.Part.{e}.720p.HDTV.x264-{g}", "mini-series Part.N"
        elif form == 1:
            inp, note = f"{dotted(t)}.Pt.{e}.720p.HDTV.x264-{g}", "mini-series Pt.N"
        else:
            inp, note = f"{dotted(t)}.E{e:02d}.720p.HDTV.x264-{g}", "mini-series E0N"
        add(F, "single", inp, {"title": t, "any_episodes": [e], "release_group": g}, note)
    for _ in range(8):
        t, e = pick(SCENE_TITLES), epno()
        g = pick(SCENE_GROUPS)
        add(F, "special", f"{dotted(t)}.S00E{e:02d}.720p.WEB.h264-{g}",
            {"title": t, "season": 0, "episodes": [e], "special": True, "release_group": g}, "S00 special")
    for _ in range(12):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        q, res = pick(QUAL_HD)
        g = pick(SCENE_GROUPS)
        form = R.randrange(3)
        if form == 0:
            inp, note = f"{t} S{s:02d}E{e:02d} {q.replace('.', ' ')}-{g}", "P2P blanks instead of dots"
        elif form == 1:
            inp, note = f"{t.replace(' ', '_')}_S{s:02d}E{e:02d}_{q.replace('.', '_')}-{g}", "P2P underscores"
        else:
            inp, note = f"{t} - S{s:02d}E{e:02d} - {pick(EP_TITLES)} ({res if isinstance(res, str) else '720p'} x265 {g})", "P2P group inside the tech parenthesis"
            res = res if isinstance(res, str) else "720p"
        add(F, "single", inp, se_expect(t, s, [e], release_group=g, resolution=res), note)
    for _ in range(10):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        g = pick(SCENE_GROUPS)
        add(F, "single", f"{dotted(t)}.S{s:02d}E{e:02d}.{pick(DIGIT_EP_TITLES).replace(' ', '.')}.1080p.WEB.h264-{g}",
            se_expect(t, s, [e], release_group=g, resolution="1080p"), "episode title starting with digits")
    for _ in range(8):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        g = pick(SCENE_GROUPS)
        add(F, "single", f"{dotted(t)}.S{s:02d}E{e:03d}.720p.HDTV.x264-{g}",
            se_expect(t, s, [e], release_group=g, resolution="720p"), "three-digit episode E005")
    for _ in range(6):
        t, s = pick(SCENE_TITLES), R.randint(1, 4)
        s2 = s + R.randint(1, 4)
        g = pick(SCENE_GROUPS)
        add(F, "season", f"{dotted(t)}.S{s:02d}-S{s2:02d}.1080p.BluRay.x264-{g}",
            {"title": t, "season": s, "full_season": True, "episodes": [], "release_group": g},
            "multi-season pack S01-S03")
    for _ in range(8):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        g = pick(SCENE_GROUPS)
        add(F, "single", f"{dotted(t)}.S{s:02d}E{e:02d}.720p.HDTV.x264-{g}.mkv",
            se_expect(t, s, [e], release_group=g, resolution="720p"), "release name with extension")


# ======================================================================= anime
def anime_title():
    return pick(ANIME_TITLES)


def anime():
    F = "anime"
    RES = [("1080p", "1080p"), ("720p", "720p"), ("480p", "480p"), ("2160p", "2160p")]

    def crc():
        return "".join(R.choice("0123456789ABCDEF") for _ in range(8))

    for _ in range(40):
        t, e, g = anime_title(), R.randint(1, 26), pick(FANSUBS)
        r, res = pick(RES)
        form = R.randrange(4)
        if form == 0:
            inp = f"[{g}] {t} - {e:02d} [{r}][{crc()}].mkv"
        elif form == 1:
            inp = f"[{g}] {t} - {e:02d} ({r}) [{crc()}].mkv"
        elif form == 2:
            inp = f"[{g}] {t} - {e:02d} [{r}].mkv"
        else:
            inp = f"[{g}] {t} - {e:02d} [Web][{r}][HEVC][AAC].mkv"
        add(F, "absolute", inp, {"title": t, "any_episodes": [e], "release_group": g, "resolution": res},
            "[Group] Title - 05 [quality][CRC]")
    for _ in range(14):
        t, e, g = anime_title(), R.randint(1, 26), pick(FANSUBS)
        r, res = pick(RES)
        inp = f"[{g}]_{t.replace(' ', '_')}_-_{e:02d}_[{r}][{crc()}].mkv"
        add(F, "absolute", inp, {"title": t, "any_episodes": [e], "release_group": g, "resolution": res},
            "underscores as spaces")
    for _ in range(16):
        t, e, g = anime_title(), R.randint(1, 26), pick(FANSUBS)
        r, res = pick(RES)
        v = R.randint(2, 3)
        form = R.randrange(2)
        inp = f"[{g}] {t} - {e:02d}v{v} [{r}].mkv" if form == 0 else f"[{g}] {t} - {e:02d}v{v} ({r}) [{crc()}].mkv"
        add(F, "absolute", inp, {"title": t, "any_episodes": [e], "release_group": g, "resolution": res},
            "version suffix 05v2")
    for _ in range(18):
        t, e, g = anime_title(), R.randint(1, 13), pick(FANSUBS)
        s = R.randint(2, 4)
        r, res = pick(RES)
        form = R.randrange(3)
        if form == 0:
            inp = f"[{g}] {t} S{s} - {e:02d} [{r}].mkv"
        elif form == 1:
            inp = f"[{g}] {t} S{s} - {e:02d} ({r}) [{crc()}].mkv"
        else:
            inp = f"[{g}] {t} S{s:02d} - {e:02d} [{r}].mkv"
        add(F, "absolute", inp, {"title": [t, f"{t} S{s}"], "season": [s, None], "any_episodes": [e],
                                 "release_group": g, "resolution": res}, "Title S2 - 09: season in the title")
    for _ in range(20):
        t, e, g = anime_title(), R.randint(1, 13), pick(FANSUBS)
        s = R.randint(2, 4)
        ordn = {2: "2nd", 3: "3rd", 4: "4th"}[s]
        r, res = pick(RES)
        form = R.randrange(5)
        if form == 0:
            inp, st = f"[{g}] {t} {ordn} Season - {e:02d} [{r}].mkv", f"{t} {ordn} Season"
        elif form == 1:
            inp, st = f"[{g}] {t} Season {s} - {e:02d} [{r}].mkv", f"{t} Season {s}"
        elif form == 2:
            inp, st = f"[{g}] {t} {ordn} Season - {e:02d} ({r}) [{crc()}].mkv", f"{t} {ordn} Season"
        elif form == 3:
            inp, st = f"[{g}] {t} Season {s} - {e:02d} ({r}).mkv", f"{t} Season {s}"
        else:
            roman = {2: "II", 3: "III", 4: "IV"}[s]
            inp, st = f"[{g}] {t} {roman} - {e:02d} [{r}].mkv", f"{t} {roman}"
        add(F, "absolute", inp, {"title": [t, st], "any_episodes": [e], "release_group": g, "resolution": res},
            "season word in an anime title (2nd Season, Season 2, II)")
    for _ in range(22):
        t, g = anime_title(), pick(FANSUBS)
        a = R.choice([1, 1, 1, 13, 25])
        b = a + R.choice([11, 12, 23, 24])
        r, res = pick(RES)
        form = R.randrange(6)
        if form == 0:
            inp = f"[{g}] {t} - {a:02d} ~ {b:02d} [{r}]"
        elif form == 1:
            inp = f"[{g}] {t} ({a:02d}-{b:02d}) [{r}]"
        elif form == 2:
            inp = f"[{g}] {t} - {a:02d}-{b:02d} [Batch] [{r}]"
        elif form == 3:
            inp = f"[{g}] {t} {a}-{b} [{r}]"
        elif form == 4:
            inp = f"[{g}] {t} - {a:02d} - {b:02d} [Batch] [{r}]"
        else:
            inp = f"[{g}] {t} [{a:02d}-{b:02d}] [{r}]"
        add(F, "absolute", inp, {"title": t, "any_episodes": list(range(a, b + 1)), "release_group": g,
                                 "resolution": res}, "batch range 01 ~ 12 / 01-12")
    for _ in range(12):
        t, g = anime_title(), pick(FANSUBS)
        a, b = 1, R.randint(100, 160)
        inp = f"[{g}] {t} - {a:02d} - {b} [Batch] [1080p]" if R.random() < 0.5 else f"[{g}] {t} ({a:03d}-{b}) [1080p]"
        add(F, "absolute", inp, {"title": t, "any_episodes": list(range(a, b + 1)), "release_group": g},
            "long batch 01 - 119 [Batch]")
    for _ in range(16):
        t, e, g = anime_title(), R.randint(100, 1100), pick(FANSUBS)
        r, res = pick(RES)
        inp = f"[{g}] {t} - {e} [{r}].mkv" if R.random() < 0.6 else f"[{g}] {t} - {e:04d} ({r}) [{crc()}].mkv"
        add(F, "absolute", inp, {"title": t, "absolute": [e], "release_group": g, "resolution": res},
            "long-running show, 3-4 digit absolute")
    for _ in range(16):
        t, s, e, g = anime_title(), R.randint(1, 3), R.randint(1, 13), pick(FANSUBS)
        r, res = pick(RES)
        form = R.randrange(3)
        if form == 0:
            inp = f"[{g}] {t} - S{s:02d}E{e:02d} [{r}].mkv"
        elif form == 1:
            inp = f"[{g}] {t} S{s:02d}E{e:02d} [{r} WEB-DL AAC].mkv"
        else:
            inp = f"{t} S{s:02d}E{e:02d} [{r}] [{g}].mkv"
        add(F, "single", inp, {"title": t, "season": s, "episodes": [e], "release_group": g, "resolution": res},
            "fansub release with an S01E05 marker")
    for _ in range(16):
        t, e, g = anime_title(), R.randint(1, 26), pick(FANSUBS)
        r, res = pick(RES)
        form = R.randrange(5)
        if form == 0:
            inp, note = f"[{g}] {t} - Ep{e:02d} [{r}].mkv", "Ep05 marker"
        elif form == 1:
            inp, note = f"[{g}] {t} - EP{e:02d} [{r}].mkv", "EP05 marker"
        elif form == 2:
            inp, note = f"[{g}] {t} - E{e:02d}v2 [{r}].mkv", "E05v2 marker"
        elif form == 3:
            inp, note = f"[{g}] {t} Ep {e:02d} [{r}].mkv", "Ep 05 split by a blank"
        else:
            inp, note = f"[{g}] {t} - Episode {e} [{r}].mkv", "Episode 5 word"
        add(F, "absolute", inp, {"title": t, "any_episodes": [e], "release_group": g, "resolution": res}, note)
    for _ in range(14):
        t, e, g = anime_title(), R.randint(1, 26), pick(FANSUBS)
        form = R.randrange(4)
        if form == 0:
            inp, note = f"{t.replace(' ', '_')}_-_{e:02d}_(720p)_-_{g.replace('-', '')}.mkv", "group at the end after _-_"
            g = g.replace("-", "")
            res = "720p"
        elif form == 1:
            inp, note = f"{t} - {e:02d} ({g}).mkv", "group at the end in parentheses"
            res = None
        elif form == 2:
            inp, note = f"{t.replace(' ', '_')}_{e:02d}-{g.replace('-', '')}.avi", "underscores, group after a dash"
            g = g.replace("-", "")
            res = None
        else:
            inp, note = f"{t} - {e:02d} [720p] [{g}].mkv", "group in the last bracket"
            res = "720p"
        exp = {"title": t, "any_episodes": [e], "release_group": g}
        if res:
            exp["resolution"] = res
        add(F, "group", inp, exp, note)
    for _ in range(16):
        t, e, g = pick(ANIME_DIGIT_TITLES), R.randint(1, 24), pick(FANSUBS)
        r, res = pick(RES)
        inp = f"[{g}] {t} - {e:02d} [{r}].mkv" if R.random() < 0.6 else f"[{g}] {t} {e:02d} [{r}].mkv"
        add(F, "absolute", inp, {"title": t, "any_episodes": [e], "release_group": g, "resolution": res},
            "title with digits next to the episode number")
    for _ in range(12):
        t, g = anime_title(), pick(FANSUBS)
        form = R.randrange(4)
        if form == 0:
            inp, exp, note = f"[{g}] {t} - OVA [1080p].mkv", {"title": t, "special": True, "release_group": g}, "OVA"
        elif form == 1:
            e = R.randint(1, 12)
            inp, exp, note = f"[{g}] {t} - {e}.5 [1080p].mkv", {"title": t, "special": True, "release_group": g}, "recap 12.5"
        elif form == 2:
            e = R.randint(1, 4)
            inp, exp, note = f"[{g}] {t} - OVA {e:02d} [720p].mkv", {"title": t, "special": True, "release_group": g}, "numbered OVA"
        else:
            inp, exp, note = f"[{g}] {t} - NCOP [1080p].mkv", {"title": t, "special": True, "release_group": g}, "creditless opening"
        add(F, "special", inp, exp, note)
    for _ in range(16):
        t, e, g = anime_title(), R.randint(1, 26), pick(FANSUBS)
        extra = pick(["[BD 1080p FLAC]", "[BD 1080p x265 10bit]", "[Hi10P 720p][Dual Audio]",
                      "(BD 1080p HEVC Opus) [Dual-Audio]", "[1080p][Multiple Subtitle]", "[WEB 1080p AV1 E-AC3]",
                      "(1080p HEVC AAC)[Eng Subs]"])
        res = "720p" if "720p" in extra else "1080p"
        add(F, "absolute", f"[{g}] {t} - {e:02d} {extra}.mkv",
            {"title": t, "any_episodes": [e], "release_group": g, "resolution": res}, "technical tags after the number")
    for _ in range(12):
        t, e, g = anime_title(), R.randint(1, 26), pick(FANSUBS)
        form = R.randrange(3)
        if form == 0:
            inp = f"[{g}][{t}][{e:02d}][1080p][GB].mp4"
        elif form == 1:
            inp = f"[{g}] {t} [{e:02d}][1080p].mp4"
        else:
            inp = f"[{g}][{t}][{e:02d}][720p][BIG5][MP4]"
        res = "720p" if "720p" in inp else "1080p"
        add(F, "absolute", inp, {"title": t, "any_episodes": [e], "release_group": g, "resolution": res},
            "bracketed fields [Group][Title][05]")
    for _ in range(12):
        t, e = anime_title(), R.randint(1, 26)
        r, res = pick(RES)
        form = R.randrange(3)
        if form == 0:
            inp = f"{t} - {e:02d} [{r}].mkv"
        elif form == 1:
            inp = f"{t} - {e:02d} ({r} HEVC).mkv"
        else:
            inp = f"{t} {e:02d} {r}.mkv"
        add(F, "absolute", inp, {"title": t, "any_episodes": [e], "resolution": res}, "no group, bare number")
    for _ in range(12):
        t, e, g = anime_title(), R.randint(1, 26), pick(FANSUBS)
        form = R.randrange(3)
        if form == 0:
            inp, note = f"[{g}] {t} - {e:02d} END [1080p].mkv", "END marker on the last episode"
        elif form == 1:
            inp, note = f"[{g}] {t} - {e:02d} (Final) [1080p].mkv", "(Final) after the number"
        else:
            inp, note = f"[{g}] {t} - {e:02d} - {pick(EP_TITLES)} [1080p].mkv", "episode title after the number"
        add(F, "absolute", inp, {"title": t, "any_episodes": [e], "release_group": g, "resolution": "1080p"}, note)
    for _ in range(10):
        t, e, g = anime_title(), R.randint(1, 26), pick(FANSUBS)
        s = R.randint(1, 3)
        add(F, "single", f"[{g}] {t} - {s}x{e:02d} [720p].mkv",
            {"title": t, "season": s, "episodes": [e], "release_group": g, "resolution": "720p"}, "1x05 in a fansub name")
    for _ in range(10):
        t, s, g = anime_title(), R.randint(1, 3), pick(FANSUBS)
        form = R.randrange(3)
        if form == 0:
            inp = f"[{g}] {t} S{s:02d} [1080p][Batch]"
        elif form == 1:
            inp = f"[{g}] {t} Season {s} [BD 1080p]"
        else:
            inp = f"[{g}] {t} - Season {s} (1080p)"
        add(F, "season", inp, {"title": t, "season": s, "full_season": True, "release_group": g},
            "season batch")


# ===================================================================== general
def general():
    F = "general"
    for _ in range(24):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        et = pick(EP_TITLES)
        form = R.randrange(4)
        if form == 0:
            inp = f"{t}/Season {s:02d}/{t} - S{s:02d}E{e:02d} - {et}.mkv"
        elif form == 1:
            inp = f"/media/tv/{t}/Season {s}/{t} - s{s:02d}e{e:02d} - {et}.mkv"
        elif form == 2:
            inp = f"/srv/video/Series/{t}/S{s:02d}/{dotted(t)}.S{s:02d}E{e:02d}.mkv"
        else:
            inp = f"{t}/Season {s}/{t} S{s:02d}E{e:02d}.mp4"
        add(F, "path", inp, se_expect(t, s, [e]), "Plex/Jellyfin library path")
    for _ in range(14):
        (t, y), s, e = pick(YEAR_TITLES), seno(), epno()
        et = pick(EP_TITLES)
        inp = f"/tv/{t} ({y})/Season {s:02d}/{t} ({y}) - s{s:02d}e{e:02d} - {et}.mkv"
        add(F, "path", inp, se_expect([t, f"{t} {y}"], s, [e], year=y), "Plex path with the series year")
    for _ in range(24):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        et = pick(EP_TITLES)
        form = R.randrange(6)
        if form == 0:
            inp, note = f"/tv/{t}/Season {s}/{e:02d} - {et}.mkv", "episode only in the file name, series in a folder"
        elif form == 1:
            inp, note = f"/tv/{t}/Season {s:02d}/Episode {e}.mkv", "Episode N file in a season folder"
        elif form == 2:
            inp, note = f"/tv/{t}/Season {s}/E{e:02d}.mkv", "E05 file in a season folder"
        elif form == 3:
            inp, note = f"/tv/{t}/Season {s}/S{s:02d}E{e:02d}.mkv", "S01E05 file without a title"
        elif form == 4:
            inp, note = f"/tv/{t}/S{s:02d}/{e:02d}.mkv", "bare number file in an S01 folder"
        else:
            inp, note = f"/tv/{t}/Season {s}/Ep{e:02d} - {et}.mkv", "Ep05 file in a season folder"
        add(F, "path", inp, se_expect(t, s, [e]), note)
    for _ in range(14):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        g = pick(SCENE_GROUPS)
        form = R.randrange(3)
        if form == 0:
            inp, note = f"/downloads/{dotted(t)}.S{s:02d}.1080p.WEB.h264-{g}/{dotted(t)}.S{s:02d}E{e:02d}.1080p.WEB.h264-{g}.mkv", "season-pack folder and its episode"
        elif form == 1:
            inp, note = f"/downloads/{dotted(t)}.S{s:02d}.1080p.BluRay.x264-{g}/Episode {e:02d}.mkv", "season-pack folder, episode-only file"
        else:
            inp, note = f"/downloads/{dotted(t)}.S{s:02d}.720p.HDTV.x264-{g}/{e:02d}.mkv", "season-pack folder, number-only file"
        add(F, "path", inp, se_expect(t, s, [e]), note)
    for _ in range(10):
        t, e = pick(SCENE_TITLES), epno()
        form = R.randrange(2)
        inp = f"/tv/{t}/Specials/{t} - S00E{e:02d} - {pick(EP_TITLES)}.mkv" if form == 0 else f"/tv/{t}/Specials/S00E{e:02d}.mkv"
        add(F, "special", inp, {"title": t, "season": 0, "episodes": [e], "special": True}, "Specials folder")
    for _ in range(8):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        p = R.randint(1, 3)
        form = R.randrange(2)
        inp = f"{t} - s{s:02d}e{e:02d} - pt{p}.mkv" if form == 0 else f"{t}/Season {s}/{t} - S{s:02d}E{e:02d} - part{p}.mkv"
        add(F, "single", inp, se_expect(t, s, [e]), "Plex split episode - pt1")
    for _ in range(20):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        et = pick(EP_TITLES)
        form = R.randrange(6)
        if form == 0:
            inp, note = f"{t} - {s}x{e:02d} - {et}.avi", "Show - 1x02 - Title"
        elif form == 1:
            inp, note = f"{t} {s}x{e:02d} {et}.mkv", "Show 1x02 Title"
        elif form == 2:
            inp, note = f"{t} - S{s:02d}E{e:02d} - {et}.mkv", "Show - S01E02 - Title"
        elif form == 3:
            inp, note = f"{t.lower().replace(' ', '_')}_s{s:02d}e{e:02d}.avi", "lower-case underscores"
        elif form == 4:
            inp, note = f"{t} - S{s:02d}E{e:02d}.mkv", "Show - S01E02"
        else:
            inp, note = f"{t} [{s}x{e:02d}] {et}.avi", "bracketed 1x02"
        add(F, "single", inp, se_expect(t, s, [e]), note)
    for _ in range(20):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        form = R.randrange(8)
        if form == 0:
            inp, note = f"{t} Season {s} Episode {e}.mkv", "Season N Episode N words"
        elif form == 1:
            inp, note = f"{t} - Season {s} - Episode {e:02d}.mp4", "Season - Episode words with dashes"
        elif form == 2:
            inp, note = f"{t} S{s} E{e}.mkv", "S2 E5 with a blank"
        elif form == 3:
            inp, note = f"{t} Season {s:02d} Ep {e:02d}.avi", "Season 01 Ep 05"
        elif form == 4:
            inp, note = f"{t} S{s:02d} Ep{e:02d}.mkv", "S01 Ep05"
        elif form == 5:
            inp, note = f"{t} - S{s:02d} - E{e:02d}.mkv", "S01 - E05 dashes"
        elif form == 6:
            inp, note = f"{t} s{s:02d}-e{e:02d}.mkv", "s03-e01 split by a dash"
        else:
            inp, note = f"{t} Series {s} Episode {e}.mkv", "British Series N Episode N"
        add(F, "single", inp, se_expect(t, s, [e]), note)
    for _ in range(26):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        form = R.randrange(9)
        if form == 0:
            inp, note = f"{t} - Saison {s} - Episode {e}.mkv", "French Saison/Episode"
        elif form == 1:
            inp, note = f"{t} Saison {s} Épisode {e:02d}.avi", "French Épisode with accent"
        elif form == 2:
            inp, note = f"{t} Staffel {s} Folge {e}.mkv", "German Staffel/Folge"
        elif form == 3:
            inp, note = f"{t} - Staffel {s} - Episode {e:02d}.mkv", "German Staffel/Episode"
        elif form == 4:
            inp, note = f"{t} Temporada {s} Capitulo {e}.mp4", "Spanish Temporada/Capitulo"
        elif form == 5:
            inp, note = f"{t} - Temporada {s} Episodio {e:02d}.mkv", "Spanish/Portuguese Temporada/Episodio"
        elif form == 6:
            inp, note = f"{t} Stagione {s} Episodio {e}.avi", "Italian Stagione/Episodio"
        elif form == 7:
            roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"][s - 1]
            inp, note = f"{t} Season {roman} Episode {e}.mkv", "roman-numeral season"
        else:
            inp, note = f"{t} Seizoen {s} Aflevering {e}.mkv", "Dutch Seizoen/Aflevering"
        add(F, "single", inp, se_expect(t, s, [e]), note)
    for _ in range(12):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        ordn = {1: "1st", 2: "2nd", 3: "3rd"}.get(s, f"{s}th")
        form = R.randrange(2)
        inp = f"{t} {ordn} Season Episode {e}.mkv" if form == 0 else f"{t} - {ordn} Season - {e:02d}.mkv"
        add(F, "single", inp, {"title": t, "season": s, "any_episodes": [e]}, "2nd Season ordinal")
    for _ in range(14):
        t, s, e = pick(DIGIT_TITLES), seno(), epno()
        form = R.randrange(3)
        if form == 0:
            inp = f"{t} - S{s:02d}E{e:02d} - {pick(EP_TITLES)}.mkv"
        elif form == 1:
            inp = f"{t} {s}x{e:02d}.avi"
        else:
            inp = f"/tv/{t}/Season {s}/{t} - S{s:02d}E{e:02d}.mkv"
        add(F, "single" if "/" not in inp else "path", inp, se_expect(t, s, [e]), "title containing digits")
    for _ in range(10):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        add(F, "single", f"{t} - S{s:02d}E{e:02d} - {pick(DIGIT_EP_TITLES)}.mkv", se_expect(t, s, [e]),
            "episode title with digits")
    for _ in range(12):
        t, s, e = pick(SCENE_TITLES), seno(), R.randint(1, 20)
        form = R.randrange(4)
        if form == 0:
            inp, eps = f"{t} - S{s:02d}E{e:02d}-E{e + 1:02d} - {pick(EP_TITLES)}.mkv", [e, e + 1]
        elif form == 1:
            inp, eps = f"{t} - {s}x{e:02d}-{s}x{e + 1:02d}.avi", [e, e + 1]
        elif form == 2:
            inp, eps = f"{t} S{s:02d}E{e:02d}E{e + 1:02d}.mkv", [e, e + 1]
        else:
            inp, eps = f"{t} - S{s:02d}E{e:02d}-{e + 2:02d}.mkv", [e, e + 1, e + 2]
        add(F, "multi", inp, se_expect(t, s, eps), "multi-episode file")
    for _ in range(10):
        t = pick(["The Morning Desk", "Late Night with Sam Ortega", "Daily Wrap", "Evening Bulletin"])
        y, m, d = R.randint(2010, 2025), R.randint(1, 12), R.randint(1, 28)
        form = R.randrange(3)
        if form == 0:
            inp = f"{t} - {y}-{m:02d}-{d:02d} - {pick(['Guest Night', 'Best Of', 'Live Show'])}.mkv"
        elif form == 1:
            inp = f"/tv/{t}/Season {y}/{t} - {y}-{m:02d}-{d:02d}.mkv"
        else:
            inp = f"{t} {y} {m:02d} {d:02d}.mp4"
        add(F, "daily", inp, {"title": t, "air_date": f"{y}-{m:02d}-{d:02d}"}, "daily show file")
    for _ in range(28):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        g = pick(SCENE_GROUPS)
        form = R.randrange(7)
        exp = se_expect(t, s, [e])
        if form == 0:
            inp, note = f"{dotted(t)}.S{s:02d}E{e:02d}.720p.HDTV.x264-{g}.en.srt", "subtitle with a language code"
            exp["release_group"] = g
        elif form == 1:
            inp, note = f"{t} - S{s:02d}E{e:02d} - {pick(EP_TITLES)}.eng.forced.srt", "forced English subtitle"
        elif form == 2:
            inp, note = f"{dotted(t)}.S{s:02d}E{e:02d}.1080p.WEB.h264-{g}.nfo", "release .nfo"
            exp["release_group"] = g
        elif form == 3:
            inp, note = f"{dotted(t)}.S{s:02d}E{e:02d}.DVDRip.XviD-{g}.idx", "VobSub .idx"
            exp["release_group"] = g
        elif form == 4:
            inp, note = f"{t} - S{s:02d}E{e:02d}.fr.srt", "subtitle, French"
        elif form == 5:
            inp, note = f"/tv/{t}/Season {s}/{t} - S{s:02d}E{e:02d}.en.sdh.srt", "SDH subtitle in a library"
        else:
            inp, note = f"{dotted(t)}.S{s:02d}E{e:02d}.720p.WEB.x264-{g}.English.srt", "subtitle with a language word"
            exp["release_group"] = g
        add(F, "path" if "/" in inp else "single", inp, exp, note)
    for _ in range(10):
        t, s = pick(SCENE_TITLES), seno()
        form = R.randrange(3)
        if form == 0:
            inp = f"{t} - Season {s} Complete"
        elif form == 1:
            inp = f"{t} (Season {s}) 1080p"
        else:
            inp = f"{t} - Complete Season {s:02d}"
        add(F, "season", inp, {"title": t, "season": s, "full_season": True, "episodes": []}, "season pack name")
    for _ in range(10):
        t, e = pick(SCENE_TITLES), epno()
        form = R.randrange(3)
        if form == 0:
            inp = f"{t} Ep{e:02d}.mkv"
        elif form == 1:
            inp = f"{t} - Episode {e}.mp4"
        else:
            inp = f"{t} - E{e:02d}.mkv"
        add(F, "single", inp, {"title": t, "any_episodes": [e]}, "episode without a season")
    for _ in range(12):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        form = R.randrange(3)
        if form == 0:
            inp = f"{t} ({R.randint(1995, 2022)}) - S{s:02d}E{e:02d} - {pick(EP_TITLES)} [WEBDL-1080p].mkv"
            res = "1080p"
        elif form == 1:
            inp = f"{t} - S{s:02d}E{e:02d} - {pick(EP_TITLES)} [HDTV-720p].mkv"
            res = "720p"
        else:
            inp = f"{t} - S{s:02d}E{e:02d} - {pick(EP_TITLES)} [Bluray-1080p Remux].mkv"
            res = "1080p"
        y = None
        if "(" in inp:
            y = int(inp.split("(")[1][:4])
        exp = se_expect([t, f"{t} {y}"] if y else t, s, [e], resolution=res)
        add(F, "quality", inp, exp, "Sonarr-style renamed file with quality")


# ================================================================ harder mixes
def harder():
    for _ in range(12):
        t, s, e = pick(["Kestrel's Bay", "Doctor & Daughter", "Wake Up, Marsha!", "Mr. Finch's Garden",
                        "Who Took Lucy?", "Ghosts of St. Agnes"]), seno(), epno()
        g = pick(SCENE_GROUPS)
        inp = f"{t.replace(' ', '.')}.S{s:02d}E{e:02d}.720p.WEB.h264-{g}"
        add("scene", "single", inp, se_expect(t, s, [e], release_group=g, resolution="720p"),
            "punctuation in the title")
    for _ in range(10):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        g = pick(SCENE_GROUPS)
        form = R.randrange(3)
        if form == 0:
            inp, note = f"{dotted(t)}.S{s:02d}E{e:02d}.1080p.WEB.H264-{g}-xpost", "reposter suffix"
        elif form == 1:
            inp, note = f"{dotted(t)}.S{s:02d}E{e:02d}.HDTV.x264-{g}[ettv]", "tracker tag after the group"
        else:
            inp, note = f"www.example.org - {dotted(t)}.S{s:02d}E{e:02d}.1080p.WEB.H264-{g}", "site prefix"
        exp = se_expect(t, s, [e], release_group=g)
        add("scene", "group", inp, exp, note)
    for _ in range(12):
        t, e, g = anime_title(), R.randint(1, 24), pick(FANSUBS)
        form = R.randrange(5)
        if form == 0:
            inp, note = f"[{g}] {t} (2024) - {e:02d} [1080p].mkv", "year in an anime title"
            exp = {"title": [t, f"{t} 2024"], "any_episodes": [e], "release_group": g}
        elif form == 1:
            inp, note = f"[{g}&Koneko] {t} - {e:02d} [1080p].mkv", "joint fansub group"
            exp = {"title": t, "any_episodes": [e], "release_group": f"{g}&Koneko"}
        elif form == 2:
            inp, note = f"[{g}] {t} - {e:02d} [1080p] [Multi-Subs].mkv", "tag brackets after the quality"
            exp = {"title": t, "any_episodes": [e], "release_group": g}
        elif form == 3:
            inp, note = f"[{g}] {dotted(t)}.S01E{e:02d}.1080p.WEB.x264.mkv", "dotted fansub name"
            exp = {"title": t, "season": 1, "episodes": [e], "release_group": g}
        else:
            inp, note = f"{t} Ep. {e} [{g}].mkv", "Ep. N with a dot"
            exp = {"title": t, "any_episodes": [e], "release_group": g}
        add("anime", "absolute", inp, exp, note)
    for _ in range(12):
        t, s, e = pick(SCENE_TITLES), R.randint(1, 9), R.randint(1, 24)
        form = R.randrange(4)
        if form == 0:
            inp, note = f"{t} - Season {s} Episode {e} - {pick(EP_TITLES)}.mkv", "spelled out with an episode title"
        elif form == 1:
            inp, note = f"{t} ({s}x{e:02d}).avi", "1x02 in parentheses"
        elif form == 2:
            inp, note = f"{t}.S{s:02d}.E{e:02d}.{dotted(pick(EP_TITLES))}.mkv", "S01.E02 with a dotted episode title"
        else:
            inp, note = f"/mnt/nas/TV Shows/{t}/Season {s:02d}/{t} - {s}x{e:02d} - {pick(EP_TITLES)}.mkv", "NAS path with 1x02"
        add("general", "path" if "/" in inp else "single", inp, se_expect(t, s, [e]), note)


# ============================================================ second round
def round2():
    for _ in range(30):
        t, s, e = pick(SCENE_TITLES + DIGIT_TITLES), R.randint(1, 15), epno()
        g = pick(SCENE_GROUPS)
        form = R.randrange(6)
        if form == 0:
            inp, note = f"{dotted(t)}.S{s}E{e}.720p.WEB.h264-{g.lower()}", "one-digit S1E5, lower-case group"
            g = g.lower()
        elif form == 1:
            inp, note = f"{t} S{s:02d}E{e:02d} 1080p WEB H264-{g}", "blanks instead of dots"
        elif form == 2:
            inp, note = f"{dotted(t)}.{s}x{e:02d}.{dotted(pick(EP_TITLES))}.HDTV.XviD-{g}", "1x05 with an episode title"
        elif form == 3:
            inp, note = f"{dotted(t)}.S{s:02d}E{e:02d}.{dotted(pick(EP_TITLES))}.DVDRip.XviD-{g}", "DVDRip with an episode title"
        elif form == 4:
            inp, note = f"{dotted(t)}.S{s:02d}E{e:02d}.iNTERNAL.1080p.WEB.h264-{g}", "iNTERNAL"
        else:
            inp, note = f"{t.replace(' ', '_')}.S{s:02d}E{e:02d}.HDTV.x264-{g}", "underscores in the title, dots after"
        add("scene", "single", inp, se_expect(t, s, [e], release_group=g), note)
    for _ in range(30):
        t, e, g = pick(ANIME_TITLES + ANIME_DIGIT_TITLES), R.randint(1, 26), pick(FANSUBS)
        form = R.randrange(8)
        exp = {"title": t, "any_episodes": [e], "release_group": g}
        if form == 0:
            inp, note = f"[{g}] {t} - {e:02d} [1080p x265 10bit][Dual-Audio].mkv", "codec tags in one bracket"
        elif form == 1:
            inp, note = f"[{g}] {t} (TV) - {e:02d} [720p].mkv", "(TV) after the title"
            exp["title"] = [t, f"{t} (TV)"]
        elif form == 2:
            inp, note = f"\u3010{g}\u3011{t} - {e:02d} [1080p].mp4", "CJK lenticular brackets around the group"
        elif form == 3:
            inp, note = f"[{g}] {t} - {e:02d} (BD 1920x1080 x264 FLAC).mkv", "WxH resolution in the tech parenthesis"
        elif form == 4:
            inp, note = f"[{g}] {t} {e:02d} [1080p].mkv", "number without a dash"
        elif form == 5:
            inp, note = f"[{g}] {t} - {e:02d} - {pick(EP_TITLES)} [1080p].mkv", "episode title after the number"
        elif form == 6:
            inp, note = f"[{g}] {t} - {e:02d} [Hi10P][BD 1080p][{''.join(R.choice('0123456789ABCDEF') for _ in range(8))}].mkv", "Hi10P and CRC"
        else:
            inp, note = f"[{g}] {t} - #{e:02d} [720p].mkv", "hash-numbered episode"
        add("anime", "absolute", inp, exp, note)
    for _ in range(30):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        form = R.randrange(8)
        exp = se_expect(t, s, [e])
        if form == 0:
            inp, note = f"{t} - S{s:02d}E{e:02d} [1080p].mkv", "quality bracket after the marker"
            exp["resolution"] = "1080p"
        elif form == 1:
            inp, note = f"{t} - [{s:02d}x{e:02d}] - {pick(EP_TITLES)}.mkv", "bracketed 01x05 with dashes"
        elif form == 2:
            inp, note = f"/tv/{t}/S{s}/E{e:02d} - {pick(EP_TITLES)}.mkv", "S1 folder and E05 file"
        elif form == 3:
            inp, note = f"{t.replace(' ', '_')}.S{s:02d}E{e:02d}.mkv", "underscores then dots"
        elif form == 4:
            inp, note = f"{t}.{s}x{e:02d}.mkv", "dotted 1x05"
        elif form == 5:
            inp, note = f"{t} - Episode {s}x{e:02d}.avi", "Episode 1x05"
        elif form == 6:
            inp, note = f"/tv/{t}/Season {s}/{t} - {s}{e:02d} - {pick(EP_TITLES)}.avi", "compact 105 in a season folder"
        else:
            inp, note = f"/tv/{t} (US)/Season {s}/{t} (US) - S{s:02d}E{e:02d}.mkv", "country in parentheses"
            exp["title"] = [t, f"{t} (US)", f"{t} US"]
        add("general", "path" if "/" in inp else "single", inp, exp, note)


def round3():
    """Families a probe of new names found wanting: a parenthesised tag
    between the title and a dashed number, and a season word followed by
    the marker that names the episode."""
    tags = ["US", "UK", "TV", "JP", "Remastered"]
    for _ in range(20):
        t, e, g = pick(ANIME_TITLES), R.randint(1, 26), pick(FANSUBS)
        tag = pick(tags)
        form = R.randrange(3)
        if form == 0:
            inp, note = f"[{g}] {t} ({tag}) - {e:02d} [1080p].mkv", "(tag) before a dashed number"
        elif form == 1:
            inp, note = f"{t} ({tag}) - {e:02d} [720p].mkv", "(tag) before a dashed number, no group"
            g = None
        else:
            inp, note = f"[{g}] {t} ({tag}) - {e:02d} - {pick(EP_TITLES)} [1080p].mkv", "(tag), number, episode title"
        exp = {"title": [f"{t} ({tag})", t, f"{t} {tag}"], "any_episodes": [e]}
        if g:
            exp["release_group"] = g
        add("anime", "absolute", inp, exp, note)
    for _ in range(24):
        t, s, e = pick(SCENE_TITLES), seno(), epno()
        g = pick(SCENE_GROUPS)
        form = R.randrange(4)
        if form == 0:
            inp, note = f"{t} Season {s} - S{s:02d}E{e:02d} - {pick(EP_TITLES)}.mkv", "Season N before SxxEyy"
            exp = se_expect(t, s, [e])
        elif form == 1:
            inp, note = f"{t} (Season {s}) S{s:02d}E{e:02d} 720p.mkv", "(Season N) before SxxEyy"
            exp = se_expect(t, s, [e], resolution="720p")
        elif form == 2:
            inp, note = f"{dotted(t)}.Season.{s}.S{s:02d}E{e:02d}E{e + 1:02d}.1080p.WEB.h264-{g}", "Season.N before a double episode"
            exp = se_expect(t, s, [e, e + 1], release_group=g, resolution="1080p")
        else:
            inp, note = f"{t} - Season {s:02d} - {s}x{e:02d} - {pick(EP_TITLES)}.avi", "Season NN before NxNN"
            exp = se_expect(t, s, [e])
        add("general", "single", inp, exp, note)
    for _ in range(12):
        t, s, e = pick(SCENE_TITLES), seno(), R.randint(1, 20)
        if R.randrange(2):
            inp, note = f"{t} S{s:02d}E{e:02d} & S{s:02d}E{e + 1:02d}.mkv", "two episodes joined by &"
        else:
            inp, note = f"{dotted(t)}.S{s:02d}E{e:02d}+E{e + 1:02d}.720p.mkv", "two episodes joined by +"
        add("scene", "multi", inp, se_expect(t, s, [e, e + 1]), note)
    for _ in range(8):
        t, g, n = pick(ANIME_TITLES), pick(FANSUBS), R.choice([12, 13, 24, 25, 26])
        add("anime", "absolute", f"[{g}] {t} 1-{n} [BD 720p]",
            {"title": t, "absolute": list(range(1, n + 1)), "release_group": g}, "one-digit batch start")
    for _ in range(8):
        t, e, g = pick(ANIME_TITLES), R.randint(1, 26), pick(FANSUBS)
        inp = f"{t.replace(' ', '_')}_-_{e:02d}_-_{g.replace('-', '')}.mkv"
        add("anime", "absolute", inp, {"title": t, "any_episodes": [e], "release_group": g.replace('-', '')},
            "group after _-_ at the end")
    for _ in range(8):
        t, s, e, g = pick(SCENE_TITLES), seno(), epno(), pick(SCENE_GROUPS)
        site = pick(["eztv.re", "rarbg.to", "ettv.one", "torrentgalaxy.to"])
        inp = f"{dotted(t)}.S{s:02d}E{e:02d}.1080p.WEB.H264-{g}[{site}].mkv"
        add("scene", "single", inp, se_expect(t, s, [e], release_group=g), "site tag after the group")


scene()
anime()
general()
harder()
round2()
round3()
counters = {}
out = sys.stdout
for c in cases:
    fam = c["family"]
    counters[fam] = counters.get(fam, 0) + 1
    rec = {"id": f"mml-wide:{fam}:{counters[fam]:03d}", "input": c["input"], "expect": c["expect"],
           "source": "mml-wide", "kind": c["kind"], "family": fam, "note": c["note"]}
    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
print({k: v for k, v in counters.items()}, file=sys.stderr)
