#!/bin/bash
# A corpus build with GNU parallel: clean every JSON Lines shard, one process a shard, then
# remove duplicates across the shards (sign each, merge, apply each), as examples/dedupe/Makefile
# and examples/dask/clean_corpus.py do.
#
#   bash examples/parallel/corpus.sh [-j N] [--dedupe] IN OUT [-- CLEAN OPTIONS...]
#
# IN holds the shards as SHARD.jsonl or SHARD.jsonl.gz. OUT/SHARD.jsonl is `winnow clean --jsonl`
# of each; with --dedupe, OUT/dedupe/SHARD.jsonl holds its records that the corpus index
# OUT/dedupe/corpus.idx keeps and OUT/dedupe/removed.tsv the removed ones (REMOVED_ID TAB
# KEPT_ID TAB SIMILARITY, sorted). CLEAN OPTIONS go to `winnow clean` (--no-title, --nfkc, ...).
# Set WINNOW to the winnow executable when it is not on PATH, THRESHOLD for the similarity
# threshold (default 0.75). Every output is written atomically (winnow -o); a failed shard
# stops the run (--halt) and exits non-zero, and a second run redoes everything.
# GNU parallel: Debian's `parallel` package (not the `parallel` of moreutils).
set -euo pipefail

jobs=0 dedupe=0
while (( $# )); do
  case $1 in
    -j) jobs=$2; shift 2 ;;
    -j*) jobs=${1#-j}; shift ;;
    --dedupe) dedupe=1; shift ;;
    *) break ;;
  esac
done
IN=${1:?usage: corpus.sh [-j N] [--dedupe] IN OUT [-- CLEAN OPTIONS...]}
OUT=${2:?usage: corpus.sh [-j N] [--dedupe] IN OUT [-- CLEAN OPTIONS...]}
shift 2
[[ ${1:-} == -- ]] && shift
WINNOW=${WINNOW:-winnow}
THRESHOLD=${THRESHOLD:-0.75}
shopt -s nullglob
inputs=("$IN"/*.jsonl "$IN"/*.jsonl.gz)
(( ${#inputs[@]} > 0 )) || { echo "corpus.sh: no shards $IN/*.jsonl[.gz]" >&2; exit 2; }
mkdir -p "$OUT"

# -j 0: as many jobs as processors (parallel's own meaning of 0 is "as many as possible").
(( jobs > 0 )) || jobs=$(nproc)
# -q: the command words are quoted, so paths and options may hold spaces.
par() { parallel --will-cite -q --halt now,fail=1 -j "$jobs" "$@"; }

# {= s:.*/::; s:\.gz$:: =}: the shard's name without its directory and .gz.
par "$WINNOW" clean -q --jsonl "$@" {} -o "$OUT/{= s:.*/::; s:\.gz\$:: =}" ::: "${inputs[@]}"
(( dedupe )) || exit 0

mkdir -p "$OUT/dedupe"
cleaned=()
for f in "${inputs[@]}"; do f=${f##*/}; cleaned+=("$OUT/${f%.gz}"); done
par "$WINNOW" dedupe --jsonl --sign "$OUT/dedupe/{/.}.sig" {} ::: "${cleaned[@]}"
sigs=()
for f in "${cleaned[@]}"; do f=${f##*/}; sigs+=("$OUT/dedupe/${f%.jsonl}.sig"); done
"$WINNOW" dedupe --merge "$OUT/dedupe/corpus.idx" --threshold "$THRESHOLD" "${sigs[@]}"
par "$WINNOW" dedupe --jsonl --apply "$OUT/dedupe/corpus.idx" {} -o "$OUT/dedupe/{/}" ::: "${cleaned[@]}"
par "$WINNOW" dedupe --jsonl --apply "$OUT/dedupe/corpus.idx" --report {} -o "$OUT/dedupe/{/.}.removed" ::: "${cleaned[@]}"
removed=()
for f in "${sigs[@]}"; do removed+=("${f%.sig}.removed"); done
LC_ALL=C sort "${removed[@]}" > "$OUT/dedupe/.removed.tsv.$$"
mv "$OUT/dedupe/.removed.tsv.$$" "$OUT/dedupe/removed.tsv"
rm -f "${removed[@]}"
