#!/usr/bin/env python3
"""How `winnow fix` scales with the size of one document, on one core (taskset -c 0).

  document   one plain-text document of 5 and 20 MB: the dev-data article bodies and the seeds,
             repeated, with about 1% of the lines damaged (bench/make-corpus.py --kind damaged,
             its NULs turned into blank lines)
  long line  one line of 1.2 and 4.8 MB, all of it mojibake: the article bodies as UTF-8 read
             as Windows-1252, newlines turned into spaces

For each input: the median of RUNS runs of CPU time (user + system, the figure to compare on a
shared machine) and of wall-clock time, MB/s by CPU time, and for each pair of sizes the
ratio of the times against the ratio of the sizes (linear: about equal; issue 16 asks for at
most 6x time for 4x input). Inputs are built once into bench/out/ and are deterministic.

usage: bench/fix-scale.py [BUILD_DIR] [RUNS]
"""
import os
import resource
import statistics
import subprocess
import sys
import time

from damage import mojibake

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, ".."))
out_dir = os.path.join(here, "out")


def damaged_corpus():
    path = os.path.join(out_dir, "damaged-20mb.z")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(here, "make-corpus.py"), path, "20.5", "--kind", "damaged"],
                       check=True)
    return open(path, "rb").read()


def text_corpus():
    path = os.path.join(out_dir, "text-5mb.z")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(here, "make-corpus.py"), path, "5", "--kind", "text"], check=True)
    return open(path, "rb").read()


def cut(data, size, sep):
    """DATA cut to SIZE bytes at the last SEP before it (at a character boundary)."""
    data = data[:size]
    at = data.rfind(sep)
    return data[:at] if at > 0 else data


def make_inputs():
    os.makedirs(out_dir, exist_ok=True)
    inputs = []
    doc = None
    for mb in (5, 20):
        path = os.path.join(out_dir, "fix-document-%dmb.txt" % mb)
        if not os.path.exists(path):
            doc = doc or damaged_corpus().replace(b"\0", b"\n\n")
            open(path, "wb").write(cut(doc, mb * 1000000, b"\n"))
        inputs.append(("document", path))
    line = None
    for mb in (1.2, 4.8):
        path = os.path.join(out_dir, "fix-long-line-%gmb.txt" % mb)
        if not os.path.exists(path):
            if line is None:
                text = text_corpus().decode("utf-8").replace("\0", " ").replace("\n", " ")
                line = mojibake(text, "cp1252").encode("utf-8")
            open(path, "wb").write(cut(line, int(mb * 1000000), b" "))
        inputs.append(("long line", path))
    return inputs


def run(tool, path):
    """(cpu seconds, wall seconds) of one `winnow fix PATH` on core 0."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    with open(os.devnull, "wb") as null:
        subprocess.run(["taskset", "-c", "0", tool, "fix", path], stdout=null, check=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    tool = os.path.join(build, "winnow")
    results = {}
    for kind, path in make_inputs():
        size = os.path.getsize(path)
        times = [run(tool, path) for _ in range(runs)]
        cpu = statistics.median(t[0] for t in times)
        wall = statistics.median(t[1] for t in times)
        results.setdefault(kind, []).append((size, cpu))
        print("fix %-9s %5.1f MB: %7.3f s CPU = %5.0f MB/s, %7.3f s wall (median of %d)" %
              (kind, size / 1e6, cpu, size / 1e6 / cpu, wall, runs))
    for kind, pairs in results.items():
        (s1, t1), (s2, t2) = pairs
        print("fix %-9s %.1fx input: %.1fx CPU time" % (kind, s2 / s1, t2 / t1))


if __name__ == "__main__":
    main()
