#!/bin/sh
# Throughput of `winnow fix` on one core (taskset -c 0): 50 MB of real article text (the
# dev-data bodies and the seeds, repeated) with about 1% of the lines damaged
# (bench/make-corpus.py --kind damaged), and the same text clean. Prints MB/s by wall-clock
# time and by CPU time (user + system): on a shared machine the second is the one to compare.
# Usage: bench/fix.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
mkdir -p bench/out
[ -f bench/out/damaged-50mb.z ] || python3 bench/make-corpus.py bench/out/damaged-50mb.z 50 --kind damaged
[ -f bench/out/text-50mb.z ] || python3 bench/make-corpus.py bench/out/text-50mb.z 50 --kind text
for corpus in damaged-50mb text-50mb; do
  bytes=$(stat -c %s bench/out/$corpus.z)
  for run in 1 2 3; do
    times=$( { /usr/bin/time -f "%e %U %S" taskset -c 0 "$BUILD/winnow" fix -z bench/out/$corpus.z > /dev/null; } 2>&1 )
    echo "$corpus $bytes $times" | awk '{ printf "fix %s: %.1f MB, %.3f s wall = %.0f MB/s, %.3f s CPU = %.0f MB/s\n", $1, $2/1e6, $3, $2/1e6/$3, $4+$5, $2/1e6/($4+$5) }'
  done
done
"$BUILD/winnow" fix -z --stats bench/out/damaged-50mb.z 2>&1 > /dev/null | grep -E 'fix/|documents_in' | sed 's/^winnow: stats: /damaged corpus: /'
