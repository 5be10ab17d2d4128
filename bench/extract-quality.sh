#!/bin/sh
# Quality of `winnow extract` on both dev sets, scored with the article-extraction benchmark's
# F1 (4-token shingles, averaged over pages) by ../shared/tools/aeb-score:
#   aeb-dev      88 pages of the article-extraction benchmark, `--no-title` (its ground truth
#                has no headline);
#   dragnet-dev  701 news and blog pages of 2012 (its ground truth starts with the headline).
# A rule is kept only when it does not lose on either set. WORST (default 10) lists the weakest
# pages of each. Usage: bench/extract-quality.sh [BUILD_DIR] [DATA_DIR] [WORST]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DATA=${2:-../shared/data}
WORST=${3:-10}
SCORE=$DATA/../tools/aeb-score
echo "aeb-dev: $BUILD/winnow extract --no-title"
"$SCORE" "$DATA/aeb-dev" --cmd "$BUILD/winnow extract --no-title" --worst "$WORST"
echo "dragnet-dev: $BUILD/winnow extract"
"$SCORE" "$DATA/dragnet-dev" --cmd "$BUILD/winnow extract" --worst "$WORST"
