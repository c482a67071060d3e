#!/usr/bin/env python3
# Provenance: copied unchanged (apart from this comment) from the library generator
# of the project's reference set, so the benches need nothing outside the
# repository. bench-scan.py, bench-match.py and bench-app.py run this copy.
"""Build a synthetic TV library tree for scan benchmarks and correctness checks.

Every file is empty (size 0) unless --size is given, so a 100k-file library costs
almost no disk. Names follow the layouts people really use: Plex/Sonarr-style
folders, scene release names, anime with absolute numbers and fansub groups,
daily shows by air date, multi-episode files, specials, sidecar subtitles in
several languages (Hebrew as .he/.heb), plus junk that a scanner must skip
(nfo, jpg, sample files, partial downloads).

A manifest (JSON) records the truth for every video file: which series folder,
season, episode numbers or air date it belongs to.

    make-library.py OUT_DIR [--series 2000] [--seed 1] [--manifest OUT.json]
"""
import argparse
import json
import os
import random

WORDS = ("Shadow Harbor Crown Empire Doctor Office Night Lost Bright River Broken Silent "
         "Iron Glass Northern Last Hidden Golden Wild Dark Blue Red Little House City "
         "Station Line Garden Fire Ice Story Chronicles Files Squad Legacy Kingdom Road "
         "Desert Ocean Summer Winter Signal Echo Hollow Paper Stone Island Valley").split()
GROUPS = ["LOL", "DIMENSION", "KILLERS", "NTb", "FLUX", "CAKES", "GalaxyTV", "SiGMA", "EDITH"]
FANSUB = ["SubsPlease", "Erai-raws", "HorribleSubs", "Judas", "EMBER"]
QUALITY = ["720p.HDTV.x264", "1080p.WEB-DL.DDP5.1.H.264", "2160p.WEB.h265", "480p.DVDRip.XviD",
           "1080p.BluRay.x264", "720p.WEBRip.AAC2.0.x264"]
SUB_LANGS = [".en", ".he", ".heb", ".es", ".fr", ".en.forced", ".en.sdh", ""]
JUNK = ["tvshow.nfo", "poster.jpg", "fanart.jpg", "folder.jpg", "Thumbs.db", ".DS_Store"]


def title(rng):
    n = rng.choice((1, 2, 2, 3, 3, 4))
    t = " ".join(rng.sample(WORDS, n))
    if rng.random() < 0.15:
        t = "The " + t
    return t


def scene(t):
    return t.replace(" ", ".")


def touch(path, size):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        if size:
            f.truncate(size)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--series", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--size", type=int, default=0, help="bytes per video file (sparse)")
    ap.add_argument("--manifest")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    truth = []
    used = set()
    nfiles = 0
    for i in range(a.series):
        t = title(rng)
        while t in used:
            t = title(rng) + " " + str(rng.randint(2, 99))
        used.add(t)
        year = rng.randint(1985, 2025)
        style = rng.choices(["plex", "scene", "anime", "daily", "flat"], [45, 25, 12, 6, 12])[0]
        folder = f"{t} ({year})" if style in ("plex", "scene") and rng.random() < 0.7 else t
        sdir = os.path.join(a.out, folder)
        for j in JUNK[: rng.randint(0, 3)]:
            touch(os.path.join(sdir, j), 0)
        seasons = rng.randint(1, 8)
        absolute = 0
        for s in range(0 if rng.random() < 0.1 else 1, seasons + 1):
            neps = rng.randint(6, 24)
            e = 1
            while e <= neps:
                multi = style in ("plex", "scene") and rng.random() < 0.04 and e < neps
                eps = [e, e + 1] if multi else [e]
                absolute += len(eps)
                q = rng.choice(QUALITY)
                rec = {"series_folder": folder, "title": t, "year": year, "style": style}
                if style == "plex":
                    code = f"S{s:02d}" + "".join(f"E{x:02d}" for x in eps)
                    name = f"{t} - {code} - Episode {e}.mkv"
                    path = os.path.join(sdir, "Specials" if s == 0 else f"Season {s:02d}", name)
                    rec.update(season=s, episodes=eps)
                elif style == "scene":
                    code = f"S{s:02d}" + "".join(f"E{x:02d}" for x in eps)
                    name = f"{scene(t)}.{code}.{q}-{rng.choice(GROUPS)}.mkv"
                    path = os.path.join(sdir, f"Season {s}", name)
                    rec.update(season=s, episodes=eps)
                elif style == "anime":
                    res = rng.choice(["720p", "1080p"])
                    name = f"[{rng.choice(FANSUB)}] {t} - {absolute:02d} [{res}].mkv"
                    path = os.path.join(sdir, name)
                    rec.update(absolute=[absolute])
                elif style == "daily":
                    d = f"{2010 + s:04d}.{(e % 12) + 1:02d}.{(e % 27) + 1:02d}"
                    name = f"{scene(t)}.{d}.Guest.Name.{q}-{rng.choice(GROUPS)}.mkv"
                    path = os.path.join(sdir, name)
                    rec.update(air_date=d.replace(".", "-"))
                else:
                    name = f"{t} {s}x{e:02d}.avi" if rng.random() < 0.5 else f"{t} - S{s}E{e}.mp4"
                    path = os.path.join(sdir, name)
                    rec.update(season=s, episodes=[e])
                touch(path, a.size)
                nfiles += 1
                rec["path"] = os.path.relpath(path, a.out)
                truth.append(rec)
                base = os.path.splitext(path)[0]
                if rng.random() < 0.45:
                    for lang in rng.sample(SUB_LANGS, rng.randint(1, 2)):
                        touch(base + lang + ".srt", 0)
                        nfiles += 1
                if rng.random() < 0.01:
                    touch(base + ".sample.mkv", 0)
                    nfiles += 1
                if rng.random() < 0.005:
                    touch(path + ".part", 0)
                    nfiles += 1
                e += len(eps)
    if a.manifest:
        with open(a.manifest, "w") as f:
            json.dump({"series": a.series, "files": nfiles, "videos": truth}, f)
    print(f"{a.series} series, {len(truth)} episode videos, {nfiles} files in {a.out}")


if __name__ == "__main__":
    main()
