#!/bin/sh
# Quality of `winnow extract` on the 88 dev pages of the article-extraction benchmark (AEB),
# scored with the benchmark's F1 by ../shared/tools/aeb-score, with the 10 weakest pages.
# Usage: bench/extract-quality.sh [BUILD_DIR] [DATA_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
DATA=${2:-../shared/data/aeb-dev}
SCORE=$(dirname "$DATA")/../tools/aeb-score
exec "$SCORE" "$DATA" --cmd "$BUILD/winnow extract --no-title" --worst 10
