#!/bin/sh
# Quality of `winnow clean` against `winnow extract` alone, on the same pages and with the same
# title setting, scored with the AEB F1 by ../shared/tools/aeb-score: the 88 AEB dev pages and
# the 701 dragnet dev pages, each with the headline (--title) and without (--no-title), and
# pages behind a corpus wrapper tag (<text id="..."> before the doctype, as CleanEval stores
# them) built from the AEB pages on the fly.
# Usage: bench/clean-quality.sh [BUILD_DIR] [SHARED_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=$(realpath "${1:-build}")
SHARED=$(realpath "${2:-../shared}")
SCORE="$SHARED/tools/aeb-score"
score() {  # DATA CMD: the summary line's F1, precision and recall
  "$SCORE" "$1" --cmd "$2" | tail -1 | awk '{ printf "F1 %s (P %s, R %s)", $4, $6, $8 }'
}
wrapped=$(mktemp)
trap 'rm -f "$wrapped"' EXIT
printf '#!/bin/sh\n{ printf "<text id=\\"http://example.com/page\\">\\n"; cat; printf "\\n</text>\\n"; } | "$@"\n' > "$wrapped"
chmod +x "$wrapped"
for set in aeb-dev dragnet-dev; do
  for title in "--no-title" ""; do
    label=${title:-"--title"}
    echo "$set $label: extract $(score "$SHARED/data/$set" "$BUILD/winnow extract $title")"
    echo "$set $label: clean   $(score "$SHARED/data/$set" "$BUILD/winnow clean $title")"
  done
done
echo "aeb-dev --no-title, wrapped in <text id=...>: extract $(score "$SHARED/data/aeb-dev" "$wrapped $BUILD/winnow extract --no-title")"
echo "aeb-dev --no-title, wrapped in <text id=...>: clean   $(score "$SHARED/data/aeb-dev" "$wrapped $BUILD/winnow clean --no-title")"
