#!/bin/sh
# Throughput of `winnow norm` on >= 50 MB of article text (already NFC, as news text is),
# one core, and the start-up time of one process. Usage: bench/norm.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
mkdir -p bench/out
[ -f bench/out/text-60mb.z ] || python3 bench/make-corpus.py bench/out/text-60mb.z 60 --kind text
bytes=$(stat -c %s bench/out/text-60mb.z)
for run in 1 2 3; do
  start=$(date +%s.%N)
  taskset -c 0 "$BUILD/winnow" norm -z bench/out/text-60mb.z > /dev/null
  end=$(date +%s.%N)
  echo "$bytes $start $end" | awk '{ printf "norm: %.1f MB in %.3f s = %.0f MB/s\n", $1/1e6, $3-$2, $1/1e6/($3-$2) }'
done
start=$(date +%s.%N)
i=0
while [ $i -lt 500 ]; do "$BUILD/winnow" norm < /dev/null > /dev/null; i=$((i+1)); done
end=$(date +%s.%N)
echo "$start $end" | awk '{ printf "start-up: %.2f ms per process (500 runs of winnow norm < /dev/null)\n", ($2-$1)*1000/500 }'
