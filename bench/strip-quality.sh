#!/bin/sh
# Quality of `winnow strip` on the scraped dumps of ../shared/data/aeb-dev (88 pages): F1,
# precision and recall of the benchmark's shingle metric, over all pages and over two fixed
# halves (pages in sorted id order, even and odd positions), with the ten weakest pages.
# Usage: bench/strip-quality.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DATA=../shared/data/aeb-dev
SCORE=../shared/tools/aeb-score
mkdir -p bench/out
python3 - "$DATA" bench/out <<'PY'
import json, os, sys
data, out = sys.argv[1], sys.argv[2]
gt = json.load(open(os.path.join(data, "ground-truth.json")))
sc = json.load(open(os.path.join(data, "scraped.json")))
ids = sorted(gt)
for name, part in (("even", ids[0::2]), ("odd", ids[1::2])):
    d = os.path.join(out, "aeb-dev-" + name)
    os.makedirs(d, exist_ok=True)
    json.dump({i: gt[i] for i in part}, open(os.path.join(d, "ground-truth.json"), "w"))
    json.dump({i: sc[i] for i in part}, open(os.path.join(d, "scraped.json"), "w"))
PY
echo "all pages:"
"$SCORE" "$DATA" --input scraped --cmd "$BUILD/winnow strip" --worst 10
for half in even odd; do
  echo "half $half:"
  "$SCORE" bench/out/aeb-dev-$half --input scraped --cmd "$BUILD/winnow strip"
done
