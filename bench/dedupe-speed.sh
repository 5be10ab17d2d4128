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
  printf "index: %d bytes for %d documents = %.1f bytes per document (304 fixed + %.1f of id)\n", s, n, s/n, i/n }'

# The merge at scale: 200000 distinct documents (80 words drawn from the vocabulary of the
# corpus above, seeded), so that every document takes part in LSH; time and peak memory.
distinct=bench/out/distinct-200k.jsonl
[ -f "$distinct" ] || python3 - "$corpus" "$distinct" <<'PY'
import json, random, sys
vocab = sorted({w for line in open(sys.argv[1], encoding="utf-8") for w in json.loads(line)["text"].split()[:400]})
rng = random.Random(6)
with open(sys.argv[2] + ".tmp", "w", encoding="utf-8") as f:
    for i in range(200000):
        f.write(json.dumps({"id": "doc-%06d" % i, "text": " ".join(rng.choice(vocab) for _ in range(80))}) + "\n")
import os
os.replace(sys.argv[2] + ".tmp", sys.argv[2])
PY
"$BUILD/winnow" dedupe --jsonl --sign bench/out/distinct.sig "$distinct"
python3 - "$BUILD/winnow" <<'PY'
import resource, subprocess, sys, time
start = time.time()
subprocess.run(["taskset", "-c", "0", sys.argv[1], "dedupe", "--merge", "bench/out/distinct.idx", "bench/out/distinct.sig"], check=True)
wall = time.time() - start
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print("merge: 200000 distinct documents: %.2f s wall, %.2f s CPU, peak memory %.0f MB (%.0f bytes per document)"
      % (wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, ru.ru_maxrss * 1024 / 200000))
PY
