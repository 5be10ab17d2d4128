#!/bin/sh
# norm, fix and clean on one big document against the same text as ~5 KB documents: CPU
# throughput on one core and peak resident memory (/usr/bin/time -v), and linearity (the
# 40 MB document against its first 10 MB). The text is the dev data's article bodies and the
# seeds (bench/make-corpus.py --kind text, mixed languages), one document with its documents
# separated by blank lines, or NUL-separated (-z). Best of 3 runs each.
# Usage: bench/big-documents.sh [BUILD_DIR] [MEGABYTES]
set -eu
cd "$(dirname "$0")/.."
BUILD=$(realpath "${1:-build}")
MB=${2:-40}
mkdir -p bench/out
small=bench/out/text-${MB}mb.z
[ -f "$small" ] || python3 bench/make-corpus.py "$small" "$MB" --kind text
big=bench/out/text-${MB}mb.txt
quarter=bench/out/text-${MB}mb-quarter.txt
[ -f "$big" ] || tr '\0' '\n' < "$small" > "$big"
[ -f "$quarter" ] || head -c $(($(stat -c %s "$big") / 4)) "$big" > "$quarter"
# measure VERB FILE [ARGS]: "CPU_SECONDS PEAK_KB", best CPU of 3 runs on core 0. The CPU time
# is taken in microseconds (GNU time rounds to 10 ms, too coarse for a run of 0.03 s), the
# peak from GNU time (a child forked from Python would count Python's memory as its own).
measure() {
  python3 - "$BUILD/winnow" "$@" <<'PY'
import os, subprocess, sys, tempfile
winnow, verb, path, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
best = None
with tempfile.NamedTemporaryFile("r") as peak:
    for _ in range(3):
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", peak.name, "taskset", "-c", "0",
                              winnow, verb, "-q", *args, path], stdout=subprocess.DEVNULL)
        _, _, usage = os.wait4(p.pid, 0)
        peak.seek(0)
        run = (usage.ru_utime + usage.ru_stime, int(peak.read().split()[-1]))
        best = run if best is None or run[0] < best[0] else best
print("%.6f %d" % best)
PY
}
echo "$(nproc) processors; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for verb in norm fix clean; do
  size=$(stat -c %s "$big")
  set -- $(measure $verb "$big")
  one_cpu=$1 one_kb=$2
  set -- $(measure $verb "$quarter")
  q_cpu=$1
  set -- $(measure $verb "$small" -z)
  echo "$verb $size $one_cpu $one_kb $q_cpu $1 $2" | awk '{
    printf "%s, one %.0f MB document: %.0f MB/s of CPU, peak %.0f MB = %.1fx the document; 4x the input takes %.1fx the time\n",
           $1, $2 / 1e6, $2 / 1e6 / $3, $4 / 1024, $4 * 1024 / $2, $3 / $5
    printf "%s, same text as ~5 KB documents (-z): %.0f MB/s of CPU, peak %.0f MB\n", $1, $2 / 1e6 / $6, $7 / 1024 }'
done
