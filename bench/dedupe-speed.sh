#!/bin/bash
# Speed of corpus dedupe: signing throughput on one core (taskset -c 0) over 60 MB of JSON Lines
# (the scraped dev pages, repeated with distinct ids), the merge and apply times, and the bytes
# per document of the merged index. Wall-clock and CPU (user + sys) times are both reported:
# on a shared machine the CPU time is the one that measures winnow.
# Usage: bench/dedupe-speed.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
mkdir -p bench/out
corpus=bench/out/jsonl-60mb.jsonl
[ -f "$corpus" ] || python3 bench/make-corpus.py "$corpus" 60 --kind jsonl
bytes=$(stat -c %s "$corpus")
docs=$(wc -l < "$corpus")

# Runs a command on core 0 and prints "WALL CPU" in seconds.
timed() {
  local out
  out=$( { TIMEFORMAT='%R %U %S'; time taskset -c 0 "$@" > /dev/null; } 2>&1 )
  echo "$out" | awk '{ printf "%s %.3f\n", $1, $2 + $3 }'
}

for run in 1 2 3; do
  read -r wall cpu < <(timed "$BUILD/winnow" dedupe --jsonl --sign bench/out/dedupe.sig "$corpus")
  awk -v b="$bytes" -v w="$wall" -v c="$cpu" -v n="$docs" 'BEGIN {
    printf "sign: %.1f MB, %d documents: %.3f s wall = %.0f MB/s, %.3f s CPU = %.0f MB/s\n", b/1e6, n, w, b/1e6/w, c, b/1e6/c }'
done
read -r wall cpu < <(timed "$BUILD/winnow" dedupe --merge bench/out/dedupe.idx bench/out/dedupe.sig)
echo "merge: $docs documents: $wall s wall, $cpu s CPU"
read -r wall cpu < <(timed "$BUILD/winnow" dedupe --jsonl --apply bench/out/dedupe.idx "$corpus")
awk -v b="$bytes" -v w="$wall" -v c="$cpu" 'BEGIN {
  printf "apply: %.3f s wall = %.0f MB/s, %.3f s CPU = %.0f MB/s\n", w, b/1e6/w, c, b/1e6/c }'
idx=$(stat -c %s bench/out/dedupe.idx)
ids=$(python3 -c 'import json,sys; print(sum(len(json.loads(l)["id"].encode()) for l in open(sys.argv[1])))' "$corpus")
awk -v s="$idx" -v n="$docs" -v i="$ids" 'BEGIN {
  printf "index: %d bytes for %d documents = %.1f bytes per document (288 fixed + %.1f of id)\n", s, n, s/n, i/n }'
