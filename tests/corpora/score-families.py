#!/usr/bin/env python3
"""Per-family figures for a corpus whose cases carry a "family" (episodes-wide.jsonl).

usage: score-families.py CORPUS.jsonl [--min-all PCT] [--min-episodes PCT] [--show N] -- COMMAND [ARGS...]

Runs COMMAND like score.py does (one name per line on stdin, one JSON object
per line on stdout) and compares with score.py's own rules.  For each family
it prints three figures:

  all fields       every asserted key of the case is right
  series+episode   title, season, episodes, absolute, any_episodes and air_date
                   (those the case asserts) are right
  episode numbers  episodes, absolute, any_episodes and air_date are right
                   (cases that assert none of them are left out)

--min-all / --min-episodes: exit 1 when the overall "all fields" or "episode
numbers" figure is below PCT (for the test suite).  Stdlib only.
"""
import collections
import importlib.util
import json
import os
import subprocess
import sys

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("mml_score", os.path.join(_here, "score.py"))
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)

SERIES_EP_KEYS = {"title", "season", "episodes", "absolute", "any_episodes", "air_date"}
EP_KEYS = {"episodes", "absolute", "any_episodes", "air_date"}


def main(argv):
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    k = argv.index("--")
    opts, cmd = argv[:k], argv[k + 1:]
    corpus, min_all, min_eps, show, fail_path = None, None, None, 0, None
    i = 0
    while i < len(opts):
        a = opts[i]
        if a in ("--min-all", "--min-episodes", "--show", "--failures") and i + 1 < len(opts):
            v = opts[i + 1]
            if a == "--min-all":
                min_all = float(v)
            elif a == "--min-episodes":
                min_eps = float(v)
            elif a == "--failures":
                fail_path = v
            else:
                show = int(v)
            i += 2
            continue
        corpus = a
        i += 1
    if corpus is None or not cmd:
        print(__doc__, file=sys.stderr)
        return 2

    with open(corpus, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    payload = "".join(c["input"] + "\n" for c in cases).encode("utf-8")
    proc = subprocess.run(cmd, input=payload, stdout=subprocess.PIPE, timeout=600)
    lines = proc.stdout.decode("utf-8", errors="replace").splitlines()
    if proc.returncode != 0 or len(lines) != len(cases):
        print(f"score-families.py: command failed ({proc.returncode}, {len(lines)} lines for {len(cases)})",
              file=sys.stderr)
        return 1

    tally = collections.defaultdict(lambda: [0, 0, 0, 0, 0, 0])   # all, n, se, n, ep, n
    failures = []
    for c, line in zip(cases, lines):
        try:
            out = json.loads(line)
        except json.JSONDecodeError:
            out = {}
        fails = score.check_case(c, out)
        bad = {f[0] for f in fails}
        fam = c.get("family", "?")
        for t in (tally[fam], tally["all"]):
            t[0] += not bad
            t[1] += 1
            keys = set(c["expect"])
            if keys & SERIES_EP_KEYS:
                t[2] += not (bad & SERIES_EP_KEYS)
                t[3] += 1
            if keys & EP_KEYS:
                t[4] += not (bad & EP_KEYS)
                t[5] += 1
        if bad:
            failures.append((c, out, fails))

    def pct(p, n):
        return 100.0 * p / n if n else 0.0

    print(f"corpus: {corpus}  ({len(cases)} cases)")
    print(f"{'family':10s} {'cases':>6s} {'all fields':>12s} {'series+ep':>12s} {'ep numbers':>12s}")
    for fam in sorted(k for k in tally if k != "all") + ["all"]:
        t = tally[fam]
        print(f"{fam:10s} {t[1]:6d} {pct(t[0], t[1]):11.1f}% {pct(t[2], t[3]):11.1f}% {pct(t[4], t[5]):11.1f}%")
    if show:
        print()
        for c, out, fails in failures[:show]:
            print(f"- {c['id']} ({c.get('note', '')}) {c['input']}")
            for key, exp, got in fails:
                print(f"    {key}: expected {json.dumps(exp, ensure_ascii=False)}, got {json.dumps(got, ensure_ascii=False)}")
    if fail_path:
        with open(fail_path, "w", encoding="utf-8") as f:
            for c, out, fails in failures:
                f.write(json.dumps({"id": c["id"], "note": c.get("note"), "input": c["input"],
                                    "fails": [[k, e, g] for k, e, g in fails]}, ensure_ascii=False) + "\n")
    t = tally["all"]
    status = 0
    if min_all is not None and pct(t[0], t[1]) < min_all:
        print(f"score-families.py: all fields {pct(t[0], t[1]):.1f}% is below {min_all}", file=sys.stderr)
        status = 1
    if min_eps is not None and pct(t[4], t[5]) < min_eps:
        print(f"score-families.py: episode numbers {pct(t[4], t[5]):.1f}% is below {min_eps}", file=sys.stderr)
        status = 1
    print(f"{t[0]} passed, {t[1] - t[0]} failed")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
