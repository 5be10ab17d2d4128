#!/bin/sh
# Throughput of the Dask example (examples/dask/clean_corpus.py) at 1 and 2 local workers, and
# of `winnow clean --jsonl` run once a shard in one process for comparison, on JSON Lines of the
# scraped dev pages (bench/make-corpus.py) cut into shards. Checks that every output equals the
# command line's. The Dask times include starting the local cluster; they are also printed
# less that start-up (timed on a one-record shard).
# Usage: bench/dask-clean.sh [BUILD_DIR] [MEGABYTES] [SHARDS]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
MB=${2:-40}
SHARDS=${3:-8}
PY=/usr/bin/python3
dir=bench/out/dask-${MB}mb
corpus=bench/out/scraped-${MB}mb.jsonl
mkdir -p bench/out
[ -f "$corpus" ] || $PY bench/make-corpus.py "$corpus" "$MB" --kind jsonl
rm -rf "$dir"
mkdir -p "$dir/in" "$dir/cli"
split -n "l/$SHARDS" -d --additional-suffix=.jsonl "$corpus" "$dir/in/shard"
bytes=$(stat -c %s "$corpus")
docs=$(wc -l < "$corpus")

report() {  # NAME SECONDS
  awk -v name="$1" -v t="$2" -v b="$bytes" -v d="$docs" \
    'BEGIN { printf "%s: %.1f MB, %d documents in %.2f s = %.2f MB/s, %.0f documents/s\n", name, b/1e6, d, t, b/1e6/t, d/t }'
}
now() { date +%s.%N; }

echo "$(nproc) processors; load average $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(now)
for f in "$dir"/in/*.jsonl; do "$BUILD/winnow" clean -q --jsonl "$f" -o "$dir/cli/${f##*/}"; done
report "winnow clean --jsonl, one shard after another" "$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')"
head -n 1 "$corpus" > "$dir/one.jsonl"
for workers in 1 2; do
  # The fixed cost: starting the local cluster and its workers, for a one-record shard.
  start=$(now)
  PYTHONPATH="$BUILD/python" $PY examples/dask/clean_corpus.py --workers "$workers" -o "$dir/one-$workers" "$dir/one.jsonl"
  startup=$(awk -v a="$start" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }')
  start=$(now)
  PYTHONPATH="$BUILD/python" $PY examples/dask/clean_corpus.py --workers "$workers" -o "$dir/dask-$workers" "$dir"/in/*.jsonl
  seconds=$(awk -v a="$start" -v b="$(now)" 'BEGIN { print b - a }')
  report "clean_corpus.py --workers $workers" "$seconds"
  report "clean_corpus.py --workers $workers, less $startup s of start-up" "$(awk -v a="$seconds" -v b="$startup" 'BEGIN { print a - b }')"
  for f in "$dir"/cli/*.jsonl; do cmp "$f" "$dir/dask-$workers/${f##*/}"; done
done
echo "outputs equal the command line's"
