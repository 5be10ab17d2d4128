#!/bin/sh
# Throughput of `winnow extract -z` over the 88 dev pages in one process, on one core,
# against libxml2's bare parse of the same files (`xmllint --html --noout --recover`, also
# one process). Best of 5 runs each. Usage: bench/extract-speed.sh [BUILD_DIR] [DATA_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=$(realpath "${1:-build}")
DATA=$(realpath "${2:-../shared/data/aeb-dev}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$DATA"/html/*.html.gz; do gunzip -c "$f" > "$tmp/$(basename "$f" .gz)"; done
pages=$(ls "$tmp" | wc -l)
bytes=$(cat "$tmp"/*.html | wc -c)
best() {  # best wall time of 5 runs of "$@", in seconds
  b=""
  for run in 1 2 3 4 5; do
    start=$(date +%s.%N)
    "$@" > /dev/null 2>&1 || true
    end=$(date +%s.%N)
    b=$(echo "$start $end ${b:-1e9}" | awk '{ t = $2 - $1; print (t < $3 ? t : $3) }')
  done
  echo "$b"
}
cd "$tmp"
t_extract=$(best taskset -c 0 "$BUILD/winnow" extract -z ./*.html)
t_parse=$(best taskset -c 0 xmllint --html --noout --recover ./*.html)
echo "$pages $bytes $t_extract $t_parse" | awk '{
  printf "pages: %d (%.1f MB)\n", $1, $2 / 1e6
  printf "winnow extract -z: %.3f s = %.0f pages/s\n", $3, $1 / $3
  printf "xmllint --html --noout --recover: %.3f s = %.0f pages/s\n", $4, $1 / $4
  printf "extract / bare parse: %.2fx\n", $3 / $4 }'
