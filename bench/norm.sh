#!/bin/sh
# Throughput of `winnow norm` on >= 50 MB of article text (already NFC, as news text is),
# one core, and the start-up time of one process. Usage: bench/norm.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
mkdir -p bench/out
[ -f bench/out/text-60mb.z ] || python3 bench/make-corpus.py bench/out/text-60mb.z 60 --kind text
# The mixed corpus is 25% non-ASCII bytes (Russian, Chinese, Arabic pages among English ones);
# the two subsets separate mostly-ASCII documents (< 5% non-ASCII bytes) from the others.
[ -f bench/out/text-latin.z ] || python3 - <<'PY'
docs = open("bench/out/text-60mb.z", "rb").read().split(b"\0")
share = lambda d: sum(b >= 0x80 for b in d) / len(d)
for name, keep in (("latin", lambda d: share(d) < 0.05), ("other", lambda d: share(d) >= 0.05)):
    open("bench/out/text-%s.z" % name, "wb").write(b"".join(d + b"\0" for d in docs if d and keep(d)))
PY
for corpus in text-60mb text-latin text-other; do
  file=bench/out/$corpus.z
  bytes=$(stat -c %s "$file")
  for run in 1 2 3; do
    start=$(date +%s.%N)
    taskset -c 0 "$BUILD/winnow" norm -z "$file" > /dev/null
    end=$(date +%s.%N)
    echo "$corpus $bytes $start $end" | awk '{ printf "norm %s: %.1f MB in %.3f s = %.0f MB/s\n", $1, $2/1e6, $4-$3, $2/1e6/($4-$3) }'
  done
done
start=$(date +%s.%N)
i=0
while [ $i -lt 500 ]; do "$BUILD/winnow" norm < /dev/null > /dev/null; i=$((i+1)); done
end=$(date +%s.%N)
echo "$start $end" | awk '{ printf "start-up: %.2f ms per process (500 runs of winnow norm < /dev/null)\n", ($2-$1)*1000/500 }'
