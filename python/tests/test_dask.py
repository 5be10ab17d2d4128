"""examples/dask/clean_corpus.py on a local cluster of two workers, against the command line."""
import gzip
import json
import os
import subprocess
import sys

import pytest
from conftest import SOURCE_DIR, TOOL, run_cli

try:
    import distributed  # noqa: F401
except ImportError:
    pytest.skip(f"distributed (Dask) is not importable by {sys.executable}: install python3-distributed "
                "(.ci/install-deps) to run the Dask example's test", allow_module_level=True)

SCRIPT = SOURCE_DIR / "examples" / "dask" / "clean_corpus.py"


def make_shards(tmp_path, bad=True):
    """Three shards of pages and texts from the fixtures, with copies across them; one gzipped,
    one with a blank line and (BAD) a record without text."""
    docs = []
    for path in sorted((SOURCE_DIR / "fixtures").glob("*/*.in")) + sorted((SOURCE_DIR / "fixtures" / "corpus").glob("*")):
        text = path.read_bytes().decode("utf-8", "replace")
        docs.append({"id": f"{path.parent.name}/{path.name}", "url": f"https://example.com/{path.name}", "text": text})
    shards = [[], [], []]
    for i, d in enumerate(docs):
        shards[i % 3].append(d)
        if i % 4 == 0:  # a copy in another shard, another id and an earlier date
            shards[(i + 1) % 3].append(dict(d, id=d["id"] + "#copy", date="2020-01-01"))
    shards[1].append({"text": "A record without id or url, named by its line."})
    paths = []
    for n, recs in enumerate(shards):
        lines = [json.dumps(r, ensure_ascii=n != 0).encode() for r in recs]
        if n == 2:
            lines[1:1] = [b"", b'{"no text": 1}'] if bad else [b""]
        data = b"\n".join(lines) + b"\n"
        if n == 0:
            p = tmp_path / "in" / "shard0.jsonl.gz"
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(gzip.compress(data))
        else:
            p = tmp_path / "in" / f"shard{n}.jsonl"
            p.write_bytes(data)
        paths.append(p)
    return paths


def test_dask_clean_passes_a_bad_record_through_as_the_cli(tmp_path):
    inputs = make_shards(tmp_path)
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, str(SCRIPT), "--workers", "2", "--no-title", "-o", str(out),
                        *map(str, inputs)], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    # Line N of the output stays record N: the bad record is reported and passed through, the
    # blank line too (a warning only), as the command line does: exit status 2.
    assert r.returncode == 2, r.stderr
    assert f"winnow: {inputs[2]}:3: no field 'text', record passed through" in r.stderr
    assert f"winnow: {inputs[2]}:2: blank line, passed through" in r.stderr
    for src, name in zip(inputs, ["shard0.jsonl", "shard1.jsonl", "shard2.jsonl"]):
        cli = subprocess.run([TOOL, "clean", "--no-title", "--jsonl", str(src)], capture_output=True)
        assert (out / name).read_bytes() == cli.stdout, name


def test_dask_clean_and_dedupe_equal_the_cli(tmp_path):
    inputs = make_shards(tmp_path, bad=False)
    out = tmp_path / "out"
    r = subprocess.run([sys.executable, str(SCRIPT), "--workers", "2", "--dedupe", "--no-title", "-o", str(out),
                        *map(str, inputs)], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    names = ["shard0.jsonl", "shard1.jsonl", "shard2.jsonl"]
    for src, name in zip(inputs, names):
        cli = subprocess.run([TOOL, "clean", "--no-title", "--jsonl", str(src)],
                             capture_output=True)
        assert (out / name).read_bytes() == cli.stdout, name
        assert cli.stdout
    # Dedupe: the CLI's sign, merge and apply on the same cleaned shards, named as the script names them.
    cleaned = [str(out / n) for n in names]
    ref = tmp_path / "ref"
    ref.mkdir()
    for c, n in zip(cleaned, names):
        run_cli("dedupe", "--jsonl", "--sign", ref / (n + ".sig"), c)
    run_cli("dedupe", "--merge", ref / "corpus.idx", *[ref / (n + ".sig") for n in names])
    assert (out / "dedupe" / "corpus.idx").read_bytes() == (ref / "corpus.idx").read_bytes()
    removed = b""
    for c, n in zip(cleaned, names):
        kept = run_cli("dedupe", "--jsonl", "--apply", ref / "corpus.idx", c)
        assert (out / "dedupe" / n).read_bytes() == kept, n
        assert (out / "dedupe" / n.replace(".jsonl", ".sig")).read_bytes() == (ref / (n + ".sig")).read_bytes()
        removed += run_cli("dedupe", "--jsonl", "--apply", ref / "corpus.idx", "--report", c)
    sort = subprocess.run(["sort"], input=removed, capture_output=True, env=dict(os.environ, LC_ALL="C"))
    assert (out / "dedupe" / "removed.tsv").read_bytes() == sort.stdout
    assert sort.stdout.count(b"\n") >= 5
    # Nothing else was left behind (no temporary files).
    assert sorted(os.listdir(out)) == ["dedupe"] + names
    assert sorted(os.listdir(out / "dedupe")) == sorted(["corpus.idx", "removed.tsv"] + names +
                                                        [n.replace(".jsonl", ".sig") for n in names])


def test_dask_example_rejects_unknown_clean_options(tmp_path):
    r = subprocess.run([sys.executable, str(SCRIPT), "--no-such-option", "-o", str(tmp_path / "o"), "x.jsonl"],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert "'no_such_option'" in r.stderr


# Debian's distributed 2022.12 calls a tornado API that tornado 6.2 deprecates.
@pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")
def test_dask_example_on_a_running_scheduler(tmp_path):
    from distributed import LocalCluster

    inputs = make_shards(tmp_path)[:2]
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster:
        r = subprocess.run([sys.executable, str(SCRIPT), "--scheduler", cluster.scheduler_address, "-o",
                            str(tmp_path / "out"), *map(str, inputs)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    for src, name in zip(inputs, ["shard0.jsonl", "shard1.jsonl"]):
        assert (tmp_path / "out" / name).read_bytes() == run_cli("clean", "--jsonl", src), name


def test_dask_example_reports_bad_inputs_and_leaves_no_files(tmp_path):
    r = subprocess.run([sys.executable, str(SCRIPT), "-o", str(tmp_path / "o"), str(tmp_path / "missing.jsonl")],
                       capture_output=True, text=True, timeout=60)
    assert (r.returncode, r.stderr) == (2, f"clean_corpus.py: {tmp_path / 'missing.jsonl'}: no such file\n")
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(b"\x1f\x8b not gzip after all")
    r = subprocess.run([sys.executable, str(SCRIPT), "--workers", "1", "-o", str(tmp_path / "o"), str(bad)],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2
    assert f"clean_corpus.py: {bad}: " in r.stderr
    assert os.listdir(tmp_path / "o") == []
