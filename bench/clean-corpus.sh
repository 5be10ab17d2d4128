#!/bin/sh
# Throughput of `winnow clean -j 2`, and of -j 1 for comparison, on corpora of >= 200 MB built
# from the dev data and the seeds: JSON Lines of the scraped pages, and NUL-separated article
# texts and seeds. Also checks that -j 2 writes the same bytes as -j 1.
# Usage: bench/clean-corpus.sh [BUILD_DIR] [MEGABYTES]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
MB=${2:-220}
mkdir -p bench/out
[ -f "bench/out/scraped-${MB}mb.jsonl" ] || python3 bench/make-corpus.py "bench/out/scraped-${MB}mb.jsonl" "$MB" --kind jsonl
[ -f "bench/out/text-${MB}mb.z" ] || python3 bench/make-corpus.py "bench/out/text-${MB}mb.z" "$MB" --kind text

# run NAME JOBS FILE ARGS...: one timed run, output kept for the comparison. The CPU time
# (user + system) shows how much of the machine the run had: on a shared machine the wall
# time of -j 2 depends on what else runs.
run() {
  name=$1 jobs=$2 file=$3
  shift 3
  /usr/bin/time -f "%e %U %S" -o bench/out/time.txt \
    "$BUILD/winnow" clean -q -j "$jobs" "$@" --stats=bench/out/stats.json -o "bench/out/$name-j$jobs.out" "$file"
  docs=$(sed -n 's/^ *"documents_in": \([0-9]*\),$/\1/p' bench/out/stats.json)
  echo "$name $jobs $(stat -c %s "$file") $docs $(cat bench/out/time.txt)" |
    awk '{ t = $5; printf "clean -j %s %s: %.1f MB, %d documents in %.2f s (CPU %.2f s) = %.1f MB/s, %.0f documents/s\n",
           $2, $1, $3/1e6, $4, t, $6 + $7, $3/1e6/t, $4/t }'
}

echo "$(nproc) processors; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for corpus in jsonl text; do
  if [ $corpus = jsonl ]; then file=bench/out/scraped-${MB}mb.jsonl flags=--jsonl; else file=bench/out/text-${MB}mb.z flags=-z; fi
  run $corpus 2 $file $flags
  run $corpus 1 $file $flags
  cmp -s "bench/out/$corpus-j1.out" "bench/out/$corpus-j2.out" && echo "clean $corpus: -j 2 output identical to -j 1" ||
    { echo "clean $corpus: -j 2 output DIFFERS from -j 1"; exit 1; }
done
