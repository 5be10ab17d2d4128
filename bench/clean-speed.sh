#!/bin/sh
# Speed of `winnow clean` on one core: on text (NUL-separated article bodies of about 5 KB, from
# the dev data and the seeds, bench/make-corpus.py --kind text), and on HTML pages against
# `winnow extract` over the same 88 AEB dev pages (both -z, one process). Each figure is the
# best of 3 runs; the CPU time (user + system) is printed beside the wall time, since on a
# shared machine only the CPU time says what the program costs.
# Usage: bench/clean-speed.sh [BUILD_DIR] [MEGABYTES] [DATA_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=$(realpath "${1:-build}")
MB=${2:-50}
DATA=$(realpath "${3:-../shared/data/aeb-dev}")
mkdir -p bench/out
text=bench/out/text-${MB}mb.z
[ -f "$text" ] || python3 bench/make-corpus.py "$text" "$MB" --kind text
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$DATA"/html/*.html.gz; do gunzip -c "$f" > "$tmp/$(basename "$f" .gz)"; done

best() {  # best of 3 runs of "$@" on core 0: "WALL CPU" in seconds
  b=""
  for run in 1 2 3; do
    /usr/bin/time -f "%e %U %S" -o "$tmp/time" taskset -c 0 "$@" > /dev/null
    t=$(awk '{ print $1, $2 + $3 }' "$tmp/time")
    b=$(echo "$t ${b:-1e9 1e9}" | awk '{ if ($2 < $4) print $1, $2; else print $3, $4 }')
  done
  echo "$b"
}
bytes=$(stat -c %s "$text")
docs=$(tr -cd '\0' < "$text" | wc -c)
echo "$(nproc) processors; load average $(cut -d' ' -f1-3 /proc/loadavg)"
set -- $(best "$BUILD/winnow" clean -q -z "$text")
echo "$bytes $docs $1 $2" | awk '{ printf "clean -z, text: %.1f MB in %d documents: wall %.2f s, CPU %.2f s = %.1f MB/s of CPU\n", $1/1e6, $2 + 1, $3, $4, $1/1e6/$4 }'
cd "$tmp"
set -- $(best "$BUILD/winnow" extract -q -z ./*.html)
e_wall=$1 e_cpu=$2
set -- $(best "$BUILD/winnow" clean -q -z ./*.html)
echo "$(ls ./*.html | wc -l) $e_wall $e_cpu $1 $2" | awk '{
  printf "extract -z, %d pages: wall %.2f s, CPU %.2f s\n", $1, $2, $3
  printf "clean -z, same pages: wall %.2f s, CPU %.2f s = %.2fx the CPU time of extract\n", $4, $5, $5 / $3 }'
