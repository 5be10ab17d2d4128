#!/usr/bin/env python3
"""Builds benchmark corpora from the dev data and the seeds (../shared), repeated to a size.

usage: make-corpus.py OUT MEGABYTES [--kind text|damaged|scraped|jsonl]
  text     NUL-separated documents: the ground-truth article bodies and the seeds (clean text)
  damaged  the same, with about 1% of the lines (chosen by a CRC of the line and its position)
           turned into mojibake: UTF-8 read as one of fix's code pages, in turn
  scraped  NUL-separated documents: the naive full-page text dumps (text with boilerplate)
  jsonl    JSON Lines {"id", "url", "text"} over the scraped dumps
The output is deterministic: the same inputs and size give the same bytes.
"""
import json, os, sys, zlib

from damage import sloppy

here = os.path.dirname(os.path.abspath(__file__))
shared = os.path.normpath(os.path.join(here, "..", "..", "shared"))


DAMAGE_CODECS = ["cp1252", "latin-1", "iso8859-2", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256",
                 "cp1257", "cp1258", "mac_roman", "cp437", "koi8_r"]


def damage(text, rep):
    """About one line in a hundred as mojibake; ASCII lines are damaged by a curly quote first."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        h = zlib.crc32(("%d:%d:" % (rep, i)).encode() + line.encode())
        if line and h % 100 == 0:
            codec = DAMAGE_CODECS[(h // 100) % len(DAMAGE_CODECS)]
            if all(ord(c) < 128 for c in line):
                line = line.replace("'", "\u2019") + " \u2014 \u201cdamaged\u201d"
            lines[i] = sloppy(line.encode("utf-8"), codec)
    return "\n".join(lines)


def documents(kind):
    dev = os.path.join(shared, "data", "aeb-dev")
    if kind in ("text", "damaged"):
        gt = json.load(open(os.path.join(dev, "ground-truth.json")))
        docs = [(k, gt[k].get("url", ""), gt[k]["articleBody"]) for k in sorted(gt)]
        seeds = os.path.join(shared, "seeds")
        docs += [(f, "", open(os.path.join(seeds, f), encoding="utf-8").read()) for f in sorted(os.listdir(seeds))]
    else:
        sc = json.load(open(os.path.join(dev, "scraped.json")))
        docs = [(k, "", sc[k]["articleBody"]) for k in sorted(sc)]
    return docs


def main():
    out, mb = sys.argv[1], float(sys.argv[2])
    kind = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--kind" else "text"
    docs = documents(kind)
    target = int(mb * 1e6)
    written, rep = 0, 0
    with open(out + ".tmp", "wb") as f:
        while written < target:
            for doc_id, url, text in docs:
                if kind == "jsonl":
                    rec = json.dumps({"id": "%s-%d" % (doc_id, rep), "url": url, "text": text}, ensure_ascii=False)
                    b = (rec + "\n").encode()
                elif kind == "damaged":
                    b = damage(text, rep).encode() + b"\0"
                else:
                    b = text.encode() + b"\0"
                f.write(b)
                written += len(b)
                if written >= target:
                    break
            rep += 1
    os.replace(out + ".tmp", out)


if __name__ == "__main__":
    main()
