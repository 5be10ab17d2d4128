#!/bin/sh
# Metadata of `winnow extract --to-jsonl` on the AEB and dragnet dev pages: how many pages have a
# title, an ISO 8601 date, a detected language, and how often the detected language agrees
# with the one the page declares (<html lang>, primary subtag) where it declares one.
# Usage: bench/metadata.sh [BUILD_DIR] [SHARED_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=$(realpath "${1:-build}")
SHARED=$(realpath "${2:-../shared}")
for set in aeb-dev dragnet-dev; do
  for f in "$SHARED/data/$set/html/"*; do
    case "$f" in *.gz) gunzip -c "$f" ;; *) cat "$f" ;; esac | "$BUILD/winnow" extract --to-jsonl -q || echo '{}'
  done | /usr/bin/python3 -c '
import json, re, sys
name = sys.argv[1]
docs = [json.loads(l) for l in sys.stdin if l.strip()]
n = len(docs)
title = sum(1 for d in docs if d.get("title"))
date = sum(1 for d in docs if re.match(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)?)?$", d.get("date", "")))
lang = sum(1 for d in docs if d.get("language"))
declared = [d for d in docs if re.match(r"^[A-Za-z]{2,3}([-_]|$)", d.get("lang", ""))]
agree = sum(1 for d in declared if re.split(r"[-_]", d["lang"])[0].lower() == d.get("language"))
print("%s: %d pages; title %d (%.1f%%); ISO date %d (%.1f%%); detected language %d (%.1f%%); agrees with the declared one on %d of %d (%.1f%%)"
      % (name, n, title, 100.0 * title / n, date, 100.0 * date / n, lang, 100.0 * lang / n, agree, len(declared),
         100.0 * agree / max(1, len(declared))))' "$set"
done
