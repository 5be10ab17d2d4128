#!/bin/sh
# The figures of issue 14 for `winnow strip`: F1, precision and recall of the benchmark's
# shingle metric on the naive text dumps of ../shared/data/aeb-dev (88 pages) and
# ../shared/data/dragnet-dev (701 pages; AGPL data: read in place, never copied here), then
# the linearity of its time: pages of 16,000, 64,000 and 256,000 short lines ("Link N text,
# more text here." under a share line, the page of issue 12 item 2; and every third line a
# share link), CPU seconds on one core (best of three) and the ratio for 4x the lines.
# Usage: bench/strip-dev.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
SCORE=../shared/tools/aeb-score
for set in aeb-dev dragnet-dev; do
  printf '%s: ' "$set"
  "$SCORE" ../shared/data/$set --input scraped --cmd "$BUILD/winnow strip"
done
mkdir -p bench/out
python3 - "$BUILD/winnow" bench/out <<'PY'
import os, subprocess, sys
winnow, out = sys.argv[1], sys.argv[2]
shapes = {
    "share line, then short sentences": lambda n: "Share this article\n" + "".join(
        "Link %d text, more text here.\n" % i for i in range(n)),
    "every third line a share link": lambda n: "".join(
        ("Link %d text, more text here.\n" if i % 3 else "Share on Facebook %d\n") % i for i in range(n)),
}
def cpu(path):
    # CPU seconds (user + system) of one run on core 0, the best of three: the machine is shared.
    best = None
    for _ in range(3):
        with open(path, "rb") as f:
            p = subprocess.Popen(["taskset", "-c", "0", winnow, "strip"], stdin=f, stdout=subprocess.DEVNULL)
            _, _, usage = os.wait4(p.pid, 0)
        t = usage.ru_utime + usage.ru_stime
        best = t if best is None else min(best, t)
    return best
for name, make in shapes.items():
    times = []
    for n in (16000, 64000, 256000):
        path = os.path.join(out, "short-%d-%d.txt" % (len(name), n))
        with open(path, "w") as f:
            f.write(make(n))
        times.append((n, cpu(path)))
    print("linearity (%s): %s; 4x the lines: %s the time (<= 6x)" % (
        name, ", ".join("%d lines %.3f s" % t for t in times),
        ", ".join("%.1fx" % (b[1] / a[1]) for a, b in zip(times, times[1:]))))
PY
