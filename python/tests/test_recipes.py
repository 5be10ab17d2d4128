"""The README's Python example, and the GNU parallel recipe (examples/parallel/corpus.sh)."""
import gzip
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
from conftest import SOURCE_DIR, TOOL, run_cli


def readme_python_blocks():
    readme = (SOURCE_DIR / "README.md").read_text()
    return re.findall(r"^```python\n(.*?)^```", readme, flags=re.S | re.M)


def test_readme_python_example_runs_as_written():
    blocks = readme_python_blocks()
    assert blocks, "README.md has no ```python block"
    example = blocks[0]
    assert len(example.strip().splitlines()) <= 5, example
    # Run as the README says: from the source directory, with the module from the build tree
    # (ctest's PYTHONPATH) or installed.
    r = subprocess.run([sys.executable, "-c", example], cwd=SOURCE_DIR, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip()


def gnu_parallel():
    path = shutil.which("parallel")
    if not path:
        return None
    r = subprocess.run([path, "--version"], capture_output=True, text=True)
    return path if r.returncode == 0 and r.stdout.startswith("GNU parallel") else None


@pytest.mark.skipif(not gnu_parallel(), reason="GNU parallel is not installed (Debian package parallel)")
def test_gnu_parallel_recipe_equals_the_cli(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    docs = [p for p in sorted((SOURCE_DIR / "fixtures").glob("*/*")) if p.suffix in (".in", ".txt")]
    for n in range(3):
        recs = [{"id": str(p.relative_to(SOURCE_DIR)), "text": p.read_bytes().decode("utf-8", "replace")}
                for p in docs[n::3]]
        recs += [dict(r, id=r["id"] + "#copy") for r in recs[:2]]  # copies inside and across shards
        data = "".join(json.dumps(r) + "\n" for r in recs).encode()
        if n == 2:
            (inp / f"s{n}.jsonl.gz").write_bytes(gzip.compress(data))
        else:
            (inp / f"s{n}.jsonl").write_bytes(data)
    out = tmp_path / "out dir"
    env = dict(os.environ, WINNOW=TOOL)
    r = subprocess.run(["bash", str(SOURCE_DIR / "examples" / "parallel" / "corpus.sh"), "-j", "2", "--dedupe",
                        str(inp), str(out), "--", "--no-title"], capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    names = ["s0.jsonl", "s1.jsonl", "s2.jsonl"]
    sources = [inp / "s0.jsonl", inp / "s1.jsonl", inp / "s2.jsonl.gz"]
    for src, name in zip(sources, names):
        assert (out / name).read_bytes() == run_cli("clean", "--no-title", "--jsonl", src), name
    # Dedupe as in one process: --corpus over the cleaned shards gives the same removals.
    cleaned = [out / n for n in names]
    removed = run_cli("dedupe", "--corpus", "--jsonl", "--report", *cleaned)
    sort = subprocess.run(["sort"], input=removed, capture_output=True, env=dict(os.environ, LC_ALL="C"))
    assert (out / "dedupe" / "removed.tsv").read_bytes() == sort.stdout
    assert sort.stdout.count(b"\n") >= 4
    kept = b"".join((out / "dedupe" / n).read_bytes() for n in names)
    assert kept == run_cli("dedupe", "--corpus", "--jsonl", *cleaned)
    assert sorted(os.listdir(out / "dedupe")) == sorted(["corpus.idx", "removed.tsv", *names, "s0.sig", "s1.sig", "s2.sig"])
    # A failing shard fails the run.
    (inp / "s1.jsonl").chmod(0)
    if os.access(inp / "s1.jsonl", os.R_OK):  # root reads anything: make it unreadable another way
        (inp / "s1.jsonl").unlink()
        (inp / "s1.jsonl").mkdir()
    r = subprocess.run(["bash", str(SOURCE_DIR / "examples" / "parallel" / "corpus.sh"), str(inp), str(tmp_path / "o2")],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode != 0
