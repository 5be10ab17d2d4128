#!/usr/bin/env python3
"""Judgement of `winnow fix` on real article text: the 88 dev-data article bodies
(../shared/data/aeb-dev/ground-truth.json), annotated by hand and so clean. (The seeds are not:
seed 002 has stray <u> tags that fix rightly removes.)

  clean       every body as it is: fix must change nothing (unchanged rate, by document)
  <code page> every body damaged as UTF-8 read in that code page (the sloppy variant, where
              undefined bytes stand for themselves), once; windows-1252 also twice: fix must
              restore the original exactly (restore rate, over the bodies the damage changed)
  one-paragraph  in each body one paragraph damaged in Windows-1252, the rest clean
  scraped     the naive text dumps of the same pages (scraped.json): how many fix changes, and
              the kinds of change (--stats): real debris, such as escaped HTML, not false alarms

usage: bench/fix-quality.py [BUILD_DIR]     prints one line per measurement
Deterministic; runs `winnow fix -z` once per measurement.
"""
from damage import mojibake
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.normpath(os.path.join(here, "..", "..", "shared"))
PAGES = [("latin-1", "latin-1"), ("windows-1250", "cp1250"), ("windows-1251", "cp1251"), ("windows-1252", "cp1252"),
         ("windows-1253", "cp1253"), ("windows-1254", "cp1254"), ("windows-1255", "cp1255"), ("windows-1256", "cp1256"),
         ("windows-1257", "cp1257"), ("windows-1258", "cp1258"), ("iso-8859-2", "iso8859-2"), ("macroman", "mac_roman"),
         ("cp437", "cp437"), ("koi8-r", "koi8_r")]


def run_fix(tool, docs):
    data = b"".join(d.encode("utf-8") + b"\0" for d in docs)
    out = subprocess.run([tool, "fix", "-z"], input=data, capture_output=True, check=True).stdout
    return [o.decode("utf-8") for o in out.split(b"\0")[:-1]]


def measure(tool, name, pairs):
    """PAIRS: (input, expected); counts the exact matches among those where input != expected."""
    pairs = [(i, e) for i, e in pairs if i != e] if name != "clean" else pairs
    got = run_fix(tool, [i for i, _ in pairs])
    ok = sum(g == e for g, (_, e) in zip(got, pairs))
    print("%-16s %3d of %3d documents %s (%.1f%%)" % (name, ok, len(pairs), "unchanged" if name == "clean" else "restored",
                                                     100.0 * ok / max(1, len(pairs))))
    return ok, len(pairs)


def main():
    tool = os.path.join(sys.argv[1] if len(sys.argv) > 1 else "build", "winnow")
    gt = json.load(open(os.path.join(shared, "data", "aeb-dev", "ground-truth.json"), encoding="utf-8"))
    bodies = [gt[k]["articleBody"] for k in sorted(gt)]
    measure(tool, "clean", [(b, b) for b in bodies])
    total_ok = total = 0
    for name, codec in PAGES:
        ok, n = measure(tool, name, [(mojibake(b, codec), b) for b in bodies])
        total_ok, total = total_ok + ok, total + n
    ok, n = measure(tool, "windows-1252 x2", [(mojibake(b, "cp1252", 2), b) for b in bodies])
    total_ok, total = total_ok + ok, total + n
    pairs = []
    for b in bodies:
        paras = b.split("\n")
        for k, p in enumerate(paras):
            if any(ord(c) > 127 for c in p):
                paras[k] = mojibake(p, "cp1252")
                break
        pairs.append(("\n".join(paras), b))
    measure(tool, "one-paragraph", pairs)
    print("all damaged      %3d of %3d documents restored (%.1f%%)" % (total_ok, total, 100.0 * total_ok / total))
    sc = json.load(open(os.path.join(shared, "data", "aeb-dev", "scraped.json"), encoding="utf-8"))
    dumps = [sc[k]["articleBody"] for k in sorted(sc)]
    data = b"".join(d.encode("utf-8") + b"\0" for d in dumps)
    r = subprocess.run([tool, "fix", "-z", "--stats"], input=data, capture_output=True, check=True)
    changed = sum(o != d.encode("utf-8") for o, d in zip(r.stdout.split(b"\0"), dumps))
    kinds = [l.split()[-2:] for l in r.stderr.decode().splitlines() if "stats: fix/" in l]
    print("scraped          %3d of %3d documents changed (%s)" % (changed, len(dumps), ", ".join("%s %s" % (k[4:], n) for k, n in kinds)))


if __name__ == "__main__":
    main()
