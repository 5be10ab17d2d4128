#!/bin/sh
# Peak memory (maximum resident set size, from /usr/bin/time -v) of `winnow clean`:
#   - a 1 GiB single line on a pipe, as one document and with -z, under the default --max-bytes
#     (64 MiB: the line is reported and skipped, read without being stored), and with --truncate
#     (the first 64 MiB are cleaned), also for a line of words separated by spaces;
#   - a 200 MB JSON Lines corpus of scraped pages (bench/make-corpus.py --kind jsonl).
# Prints one line per run: the command, its exit status, seconds and peak RSS in MiB.
# Usage: bench/memory.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
W=$BUILD/winnow
mkdir -p bench/out
corpus=bench/out/corpus-200mb.jsonl
[ -f $corpus ] || python3 bench/make-corpus.py $corpus 200 --kind jsonl
log=bench/out/memory.time

# measure LABEL COMMAND...: runs COMMAND under /usr/bin/time -v and prints the figures. When
# LABEL starts with "line" or "prose", COMMAND reads a 1 GiB single line on stdin: one word of
# 'a's, or English words separated by spaces.
measure() {
  label=$1
  shift
  status=0
  case $label in
    line*) head -c 1073741824 /dev/zero | tr '\0' a | /usr/bin/time -v -o $log "$@" > /dev/null 2>&1 || status=$? ;;
    prose*)
      yes 'the council met on tuesday to discuss the budget and its members agreed' | tr '\n' ' ' |
        head -c 1073741824 | /usr/bin/time -v -o $log "$@" > /dev/null 2>&1 || status=$?
      ;;
    *) /usr/bin/time -v -o $log "$@" > /dev/null 2>&1 || status=$? ;;
  esac
  kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' $log)
  secs=$(sed -n 's/^[[:space:]]*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' $log)
  echo "$label: $* -> exit $status, $secs, peak RSS $((kb / 1024)) MiB"
}

measure "line, one document" $W clean
measure "line, -z" $W clean -z
measure "line, --truncate" $W clean --truncate
measure "line, -z --truncate" $W clean -z --truncate
measure "prose line, --truncate" $W clean --truncate
measure "jsonl 200 MB" $W clean --jsonl $corpus
