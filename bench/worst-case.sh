#!/bin/sh
# The per-document cost at its worst: every verb on three hostile documents of MEGABYTES each
# (default 60, just under the default --max-bytes of 64 MiB): short lines that are all
# different ("Link N text, more text here.": a block each), one line of dense mojibake, and
# article paragraphs. Prints CPU seconds (user + system) and peak resident memory for each, the
# bound one document can take of a -j window.
# Usage: bench/worst-case.sh [BUILD_DIR] [MEGABYTES]
set -eu
cd "$(dirname "$0")/.."
BUILD=$(realpath "${1:-build}")
MB=${2:-60}
mkdir -p bench/out
/usr/bin/python3 - "$MB" <<'PY'
import glob, os, random, sys
target = int(sys.argv[1]) << 20
random.seed(1)
def write(name, pieces):
    path = f"bench/out/worst-{name}-{sys.argv[1]}mb.txt"
    if os.path.exists(path):
        return
    with open(path, "w", encoding="utf-8") as f:
        n = 0
        for piece in pieces:
            if n >= target:
                break
            f.write(piece)
            n += len(piece.encode("utf-8"))
def lines():
    i = 0
    while True:
        yield f"Link {i} text, more text here.\n"
        i += 1
def mojibake():
    while True:
        yield "Caf\u00c3\u00a9 cr\u00c3\u00a8me \u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d "
paragraphs = [p for f in sorted(glob.glob("fixtures/corpus/*.txt")) for p in open(f, encoding="utf-8").read().split("\n\n") if len(p) > 200]
def articles():
    while True:
        yield random.choice(paragraphs) + "\n\n"
write("lines", lines())
write("mojibake", mojibake())
write("articles", articles())
PY
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
printf '%-9s %-8s %8s %9s\n' document verb cpu_s peak_mb
for doc in lines mojibake articles; do
  file=bench/out/worst-$doc-${MB}mb.txt
  for verb in fix norm strip dedupe clean; do
    /usr/bin/time -f "%U %S %M" -o "$tmp" "$BUILD/winnow" "$verb" -q --max-bytes 64M "$file" > /dev/null
    awk -v d="$doc" -v v="$verb" '{ printf "%-9s %-8s %8.2f %9.0f\n", d, v, $1 + $2, $3 / 1024 }' "$tmp"
  done
done
