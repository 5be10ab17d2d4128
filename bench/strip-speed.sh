#!/bin/sh
# Throughput of `winnow strip` on >= 50 MB of scraped full-page text dumps (the dev pages of
# ../shared/data/aeb-dev repeated), on one core (taskset -c 0). Prints MB per second of wall
# time and per second of CPU time (user + system), which is the figure to trust on a machine
# shared with other jobs. Usage: bench/strip-speed.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
mkdir -p bench/out
[ -f bench/out/scraped-60mb.z ] || python3 bench/make-corpus.py bench/out/scraped-60mb.z 60 --kind scraped
bytes=$(stat -c %s bench/out/scraped-60mb.z)
for run in 1 2 3; do
  times=$( { /usr/bin/time -f "%e %U %S" taskset -c 0 "$BUILD/winnow" strip -z bench/out/scraped-60mb.z > /dev/null; } 2>&1 )
  echo "$bytes $times" | awk '{ printf "strip: %.1f MB in %.2f s wall = %.0f MB/s; %.2f s CPU = %.0f MB/s\n", $1/1e6, $2, $1/1e6/$2, $3+$4, $1/1e6/($3+$4) }'
done
