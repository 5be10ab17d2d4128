#!/usr/bin/env python3
"""Quality of `winnow dedupe --corpus` on a corpus planted from the dev articles.

usage: bench/dedupe-quality.py [BUILD_DIR] [--threshold T]

Originals: the 88 ground-truth article bodies of ../shared/data/aeb-dev and the 5 seeds (several
cover the same story from different outlets: they must all be kept). Planted, for each
original: two exact copies (reformatted, verbatim without a date) and near copies of the kinds
tests/planted_corpus.cc plants (edited: every 100th word replaced; truncated: last 15% of the
words cut; re-headlined; boilerplate added), plus harder variants to show where recall falls
off (every 50th / 33rd word replaced, the last 25% / 35% cut). Copies are dated after their
original, so the original is the one kept. Prints precision (removed documents whose kept
document is from the same original), recall per kind, and the determinism check: the remove
list and the index of 8 shuffled shards (sign, merge in another order, apply) against 1 shard.
"""
import json, os, random, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
shared = os.path.normpath(os.path.join(root, "..", "shared"))

# Kinds counted in the near-copy recall target; the others are shown for the curve.
TARGET_KINDS = ["edited", "truncated", "reheadlined", "boilerplate"]


def tokens(text):
    return text.split()


def edited(text, every):
    return " ".join("reportedly" if i % every == every // 2 else w for i, w in enumerate(tokens(text)))


def truncated(text, keep_percent):
    w = tokens(text)
    return " ".join(w[: len(w) * keep_percent // 100])


def reformatted(text):
    return "  " + text.replace(" ", "  ").replace("\n", "\r\n") + "\r\n"


BOILERPLATE_HEAD = "Advertisement\n\nShare on Facebook Share on Twitter Share by Email\n\n"
BOILERPLATE_TAIL = ("\n\nRead more: Five things to know before the markets open\n\nCopyright 2019 The Associated "
                    "Press. All rights reserved. This material may not be published, broadcast, rewritten or "
                    "redistributed.\n\nSign up for our daily newsletter to get the top stories in your inbox.")


def corpus():
    dev = os.path.join(shared, "data", "aeb-dev")
    gt = json.load(open(os.path.join(dev, "ground-truth.json")))
    originals = [(gt[k].get("url") or k, gt[k]["articleBody"]) for k in sorted(gt)]
    seeds = os.path.join(shared, "seeds")
    originals += [(f, open(os.path.join(seeds, f), encoding="utf-8").read()) for f in sorted(os.listdir(seeds))]
    docs = []
    for family, (oid, text) in enumerate(originals):
        def add(kind, date, body, suffix=None):
            docs.append({"id": oid + "#" + (suffix or kind) if kind != "original" else oid, "date": date,
                         "text": body, "family": family, "kind": kind})
        add("original", "2019-11-18T08:00:00Z", text)
        add("exact", "2019-11-18T09:30:00+01:00", reformatted(text))
        add("exact", "", text, "undated-exact")
        add("edited", "2019-11-19", edited(text, 100))
        add("truncated", "2019-11-19", truncated(text, 85))
        add("reheadlined", "2019-11-20", "Here Is What We Know So Far\n\nBy Staff and Wire Reports\n\n" + text)
        add("boilerplate", "2019-11-21", BOILERPLATE_HEAD + text + BOILERPLATE_TAIL)
        add("edited-2pc", "2019-11-22", edited(text, 50))
        add("edited-3pc", "2019-11-22", edited(text, 33))
        add("truncated-25pc", "2019-11-22", truncated(text, 75))
        add("truncated-35pc", "2019-11-22", truncated(text, 65))
    return docs


def run(args, **kw):
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("bench: %s failed (%d): %s" % (" ".join(args), r.returncode, r.stderr))
    return r.stdout


def main():
    args = [a for a in sys.argv[1:]]
    threshold = []
    if "--threshold" in args:
        i = args.index("--threshold")
        threshold = ["--threshold", args[i + 1]]
        del args[i:i + 2]
    build = args[0] if args else os.path.join(root, "build")
    winnow = os.path.join(build, "winnow")
    docs = corpus()
    by_id = {d["id"]: d for d in docs}
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "all.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": d["id"], "date": d["date"], "text": d["text"]}, ensure_ascii=False) + "\n")
        report = run([winnow, "dedupe", "--corpus", "--jsonl", "--report"] + threshold + [path])
        removed = [line.split("\t") for line in report.splitlines()]
        correct = sum(by_id[r]["family"] == by_id[k]["family"] for r, k, _ in removed)
        print("dedupe quality: %d documents from %d originals, %d removed" %
              (len(docs), sum(d["kind"] == "original" for d in docs), len(removed)))
        print("precision %.4f (%d of %d removals join copies of the same original)" %
              (correct / max(1, len(removed)), correct, len(removed)))
        gone = {r for r, _, _ in removed}
        kinds = sorted({d["kind"] for d in docs})
        target_found = target_all = 0
        for kind in kinds:
            members = [d for d in docs if d["kind"] == kind]
            found = sum(d["id"] in gone for d in members)
            if kind in TARGET_KINDS:
                target_found += found
                target_all += len(members)
            print("  %-15s %4d of %4d removed (%.3f)" % (kind, found, len(members), found / len(members)))
        print("near-copy recall %.4f (edited, truncated, reheadlined, boilerplate)" % (target_found / target_all))
        for r, k, sim in removed:
            if by_id[r]["family"] != by_id[k]["family"]:
                print("  false join: %s -> %s (%s)" % (r, k, sim))

        # Determinism: 8 shuffled shards, signatures merged in another order, against 1 shard.
        run([winnow, "dedupe", "--jsonl", "--sign", os.path.join(tmp, "all.sig"), path])
        run([winnow, "dedupe", "--merge", os.path.join(tmp, "one.idx")] + threshold + [os.path.join(tmp, "all.sig")])
        lines = open(path, encoding="utf-8").read().splitlines()
        random.Random(8).shuffle(lines)
        shards = []
        for s in range(8):
            shard = os.path.join(tmp, "shard%d.jsonl" % s)
            with open(shard, "w", encoding="utf-8") as f:
                f.write("".join(l + "\n" for l in lines[s::8]))
            run([winnow, "dedupe", "--jsonl", "--sign", shard + ".sig", shard])
            shards.append(shard)
        order = [shards[(3 * s) % 8] + ".sig" for s in range(8)][::-1]
        run([winnow, "dedupe", "--merge", os.path.join(tmp, "eight.idx")] + threshold + order)
        eight = "".join(run([winnow, "dedupe", "--jsonl", "--apply", os.path.join(tmp, "eight.idx"), "--report", s])
                        for s in reversed(shards))
        same_list = sorted(eight.splitlines()) == sorted(report.splitlines())
        same_index = open(os.path.join(tmp, "one.idx"), "rb").read() == open(os.path.join(tmp, "eight.idx"), "rb").read()
        print("determinism: 8 shuffled shards vs 1: remove list %s, index %s" %
              ("identical" if same_list else "DIFFERENT", "byte-identical" if same_index else "DIFFERENT"))


if __name__ == "__main__":
    main()
