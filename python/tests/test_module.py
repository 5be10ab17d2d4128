"""The winnow module against the command line: same bytes, options, errors, threads."""
import gzip
import json
import threading
import time
import warnings

import pytest
import winnow
from conftest import SOURCE_DIR, run_cli

VERBS = ["clean", "extract", "fix", "strip", "dedupe", "norm"]
# The options of `winnow VERB --help` that say how documents are read and written (files,
# framings, diagnostics): the Python functions take one document, so they have none of these.
DOCUMENT_OPTIONS = {"output", "recursive", "jobs", "null-data", "jsonl", "field", "check", "explain", "json",
                    "stats", "max-bytes", "truncate", "text", "quiet", "help", "version",
                    # JSON Lines records only: *_jsonl_line() takes no_metadata and replace_metadata
                    "to-jsonl", "no-metadata", "replace-metadata"}
# Options that name files (strip's site models) or choose another output (extract --blocks).
FILE_OPTIONS = {"learn", "model", "merge-models", "site", "blocks", "corpus", "sign", "merge", "apply", "report",
                "threshold", "bands", "rows",
                # .winnow.toml is the command line's: the module's calls take their settings as
                # keywords and read no file.
                "config", "no-config"}


def seeds():
    return sorted((SOURCE_DIR / "fixtures" / "clean").glob("seed-*.in")) + sorted(
        (SOURCE_DIR / "fixtures" / "strip").glob("seed-*.in"))


@pytest.mark.parametrize("path", seeds(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_seeds_through_clean_equal_the_cli(path):
    expected = run_cli("clean", path).decode()
    assert winnow.clean(path.read_bytes()) == expected
    # A str holding the same text gives the same.
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return
    assert winnow.clean(text) == expected


def fixture_cases():
    """Every fixtures/VERB/NAME.in whose NAME.args are options of the Python function."""
    for verb in VERBS:
        for path in sorted((SOURCE_DIR / "fixtures" / verb).glob("*.in")):
            args_file = path.with_suffix(".args")
            args = args_file.read_text().split() if args_file.exists() else []
            if any(a.lstrip("-") in DOCUMENT_OPTIONS for a in args):
                continue
            yield pytest.param(verb, path, args, id=f"{verb}/{path.stem}")


@pytest.mark.parametrize("verb,path,args", list(fixture_cases()))
def test_fixtures_through_each_verb_equal_the_cli(verb, path, args):
    options = {a.lstrip("-").replace("-", "_"): True for a in args}
    expected = run_cli(verb, *args, path).decode()
    assert getattr(winnow, verb)(path.read_bytes(), **options) == expected
    doc = getattr(winnow, verb + "_document")(path.read_bytes(), **options)
    assert doc["text"] == expected


@pytest.mark.parametrize("verb", VERBS)
def test_every_stage_option_of_the_cli_is_a_keyword(verb):
    names = set()
    for line in run_cli(verb, "--help").decode().splitlines():
        words = line.split()
        if not words:
            continue
        first = words[1] if words[0].startswith("-") and not words[0].startswith("--") and len(words) > 1 else words[0]
        if first.startswith("--"):
            names.add(first[2:].split("[")[0])
    assert names, "no options in --help"
    for name in sorted(names - DOCUMENT_OPTIONS - FILE_OPTIONS):
        keyword = name.replace("-", "_") + ("_" if name == "from" else "")
        value = {"from": "latin1", "keep-threshold": 0.6, "lang": "en"}.get(name, True)
        needs = {"markdown-links": {"markdown": True}}.get(name, {})
        getattr(winnow, verb)("Some text.\n", **{keyword: value}, **needs)  # accepted


@pytest.mark.parametrize("verb", VERBS)
def test_unknown_options_raise_type_error_naming_them(verb):
    for fn in (getattr(winnow, verb), getattr(winnow, verb + "_document")):
        with pytest.raises(TypeError, match="'no_such_option'"):
            fn("text", no_such_option=True)
    with pytest.raises(TypeError, match="'no_such_option'"):
        getattr(winnow, verb + "_jsonl_line")(b'{"text": "x"}', no_such_option=True)


def test_option_values_are_checked():
    with pytest.raises(TypeError, match="no_strip"):
        winnow.clean("text", no_strip="yes")
    with pytest.raises(ValueError, match="unknown encoding 'klingon'"):
        winnow.clean(b"text", from_="klingon")
    for fn in (winnow.clean, winnow.extract_document, winnow.extract_jsonl_line):
        with pytest.raises(ValueError, match="--markdown-links needs --markdown"):
            fn(b'{"text": "x"}', markdown_links=True)
    page = '<article><p>Read <a href="/a b">the plan</a> today.</p></article>'
    assert winnow.extract(page, markdown=True, markdown_links=True, no_title=True) == "Read [the plan](/a%20b) today.\n"
    with pytest.raises(ValueError, match="keep-threshold"):
        winnow.strip("text", keep_threshold=2)
    with pytest.raises(TypeError, match="str or bytes"):
        winnow.clean(42)
    # False leaves the default.
    assert winnow.norm("a\u00a0 b\n", nfkc=False) == "a b\n"


def test_legacy_encoding_bytes_are_decoded():
    text = "Le café où l’on déjeune coûte très cher, même à midi, après la crémière.\n"
    for encoding in ["windows-1252", "iso-8859-15"]:
        data = text.replace("’", "'").encode(encoding)
        assert winnow.clean(data) == run_cli("clean", input=data).decode()
        assert "café" in winnow.clean(data)
    assert winnow.norm("Привет, как дела? Всё хорошо, спасибо.\n".encode("koi8-r"), ) == \
        "Привет, как дела? Всё хорошо, спасибо.\n"
    # Forced, as --from.
    assert winnow.clean(b"caf\xe9\n", from_="latin1") == "café\n"


def test_clean_document_has_text_meta_report_and_blocks():
    page = (SOURCE_DIR / "fixtures" / "clean" / "article-about-markup.in").read_bytes()
    doc = winnow.clean_document(page)
    assert doc["text"] == winnow.clean(page)
    assert set(doc) == {"text", "meta", "report", "blocks"}
    assert set(doc["meta"]) == {"title", "byline", "date", "modified", "url", "site", "description", "lang",
                                "language"}
    assert doc["blocks"] and all(set(b) >= {"text", "kind", "kept", "reason"} for b in doc["blocks"])
    kept = [b["text"] for b in doc["blocks"] if b["kept"]]
    assert "\n\n".join(kept) + "\n" == doc["text"]
    assert all(isinstance(v, int) for v in doc["report"]["counts"].values())
    # Every dropped block is counted and explained.
    damaged = "The caf\u00c3\u00a9 opened.\n\nShare on Facebook\n"
    doc = winnow.clean_document(damaged)
    assert doc["report"]["counts"].get("fix/mojibake") == 1
    assert any(c["stage"] == "fix" and c["kind"] == "mojibake" for c in doc["report"]["changes"])
    html = b"<html><head><title>A title</title><meta name=author content='Ann Writer'></head><body><article>" \
           b"<h1>A title</h1><p>" + b"A sentence of the article, long enough to count. " * 5 + b"</p></article></body></html>"
    doc = winnow.extract_document(html)
    assert doc["meta"]["title"] == "A title"
    assert doc["text"] == run_cli("extract", input=html).decode()


def test_jsonl_lines_equal_the_cli_byte_for_byte(tmp_path):
    records = [
        {"id": 1, "text": "The caf\u00c3\u00a9  opened.\r\nShare on Facebook", "extra": [1.50, "x\u00e9"]},
        {"text": "<p>A page</p>", "url": "https://example.com/a"},
    ]
    raw = [json.dumps(records[0], ensure_ascii=True).encode(), json.dumps(records[1]).encode() + b"\r",
           b'{"b":  1.0e3 , "text":"\\u00e9t\\u00e9\\n\\nSee also: more"}']
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(raw) + b"\n")
    for verb in VERBS:
        expected = run_cli(verb, "--jsonl", path)
        fn = getattr(winnow, verb + "_jsonl_line")
        assert b"".join(fn(line) for line in raw) == expected, verb
    # Another field, and the errors of records the CLI skips.
    assert winnow.clean_jsonl_line(b'{"body": "a  b"}', field="body") == b'{"body": "a b\\n"}\n'
    # Records the CLI reports raise RecordError with what the CLI writes in their place.
    for line, message, output, failed in [
            (b'{"body": "x"}', "no field 'text', record passed through", b'{"body": "x"}\n', True),
            (b'{"text": 3}', "field 'text' is not a string, record passed through", b'{"text": 3}\n', True),
            (b'{"text": ', "invalid JSON", b'{"winnow_error":"invalid JSON', True),
            (b'  ', "blank line, passed through", b'  \n', False)]:
        with pytest.raises(winnow.RecordError, match=message) as e:
            winnow.clean_jsonl_line(line)
        assert e.value.output.startswith(output) and e.value.failed == failed
        assert isinstance(e.value, ValueError)


def test_threads_run_while_another_cleans(tmp_path):
    """The GIL is released: a thread cleaning a big document does not stop the others."""
    big = ("A paragraph of plain text that goes on for a while, with commas, and words. " * 40 + "\n\n") * 1500
    started, done = threading.Event(), threading.Event()
    steps = 0

    def cleaner():
        started.set()
        winnow.clean(big)
        done.set()

    t = threading.Thread(target=cleaner)
    t.start()
    started.wait()
    # While clean() runs in C++, this thread keeps running Python. If clean() held the GIL,
    # this loop could make at most one step (before the other thread entered clean()) until
    # clean() returned.
    while not done.is_set():
        steps += 1
        time.sleep(0.001)
    t.join()
    assert steps >= 5, f"only {steps} steps of Python ran while winnow.clean worked"
    # And results from several threads at once are those of one.
    docs = [p.read_bytes() for p in seeds()]
    results = [None] * len(docs)
    threads = [threading.Thread(target=lambda i=i: results.__setitem__(i, winnow.clean(docs[i]))) for i in range(len(docs))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == [winnow.clean(d) for d in docs]


def corpus(tmp_path):
    """Two shards with exact and near duplicates, records with and without ids."""
    base = ("The council approved the new budget for the harbour district on Tuesday after a long debate "
            "about the cost of dredging the old channel and repairing the northern pier, which storms damaged "
            "twice last winter, leaving the ferry service to the islands suspended for several weeks. "
            "The mayor told reporters that the money would come from the reserve fund and from a loan that the "
            "regional bank offered at a low rate, and that the first contracts would be signed before the summer. ")
    shard_a = [
        {"id": "a1", "date": "2024-01-02", "text": base},
        {"id": "a2", "date": "2024-01-01", "text": base + "Officials said work starts in spring."},
        {"url": "https://example.com/x", "text": "A short note."},
        {"text": "Another short note, without id or url."},
    ]
    shard_b = [
        {"id": 7, "date": "2023-12-31", "text": base.replace("Tuesday", "Monday")},
        {"id": "b2", "text": "A short note."},
        {"id": "b3\tx", "text": "Something else entirely, unrelated to harbours."},
    ]
    paths = []
    for name, recs in [("a.jsonl", shard_a), ("b.jsonl", shard_b)]:
        p = tmp_path / name
        lines = [json.dumps(r, ensure_ascii=False).encode() for r in recs]
        lines.insert(2, b"")  # a blank line counts in the line numbers
        p.write_bytes(b"\n".join(lines) + b"\n")
        paths.append(p)
    return paths


def test_corpus_dedupe_files_are_the_cli_files(tmp_path):
    a, b = corpus(tmp_path)
    # Signatures from JSON Lines lines (bytes), named as the CLI names the file's lines.
    for p in (a, b):
        lines = p.read_bytes().split(b"\n")[:-1]
        assert winnow.sign(lines, tmp_path / (p.stem + ".py.sig"), source=str(p)) == len([x for x in lines if x])
        run_cli("dedupe", "--jsonl", "--sign", tmp_path / (p.stem + ".cli.sig"), p)
        assert (tmp_path / (p.stem + ".py.sig")).read_bytes() == (tmp_path / (p.stem + ".cli.sig")).read_bytes()
    # Shards signed by Python and by the CLI merge together.
    n = winnow.merge([tmp_path / "a.py.sig", tmp_path / "b.cli.sig"], tmp_path / "py.idx", threshold=0.7)
    assert n == 7
    run_cli("dedupe", "--merge", tmp_path / "cli.idx", "--threshold", "0.7", tmp_path / "a.cli.sig", tmp_path / "b.cli.sig")
    assert (tmp_path / "py.idx").read_bytes() == (tmp_path / "cli.idx").read_bytes()
    index = winnow.CorpusIndex.read(tmp_path / "py.idx")
    assert len(index) == 7
    for p in (a, b):
        lines = p.read_bytes().split(b"\n")[:-1]
        kept = winnow.apply(index, lines, source=str(p))
        assert b"".join(k + b"\n" for k in kept) == run_cli("dedupe", "--jsonl", "--apply", tmp_path / "cli.idx", p)
        report = winnow.apply(tmp_path / "cli.idx", lines, source=str(p), report=True)
        assert "".join(report).encode() == run_cli("dedupe", "--jsonl", "--apply", tmp_path / "cli.idx", "--report", p)
    removed = "".join("".join(winnow.apply(index, p.read_bytes().split(b"\n"), source=str(p), report=True)) for p in (a, b))
    assert removed.count("\n") == 3, removed  # a1, a2 (near copies of 7) and b2 (the note)
    # Dicts are records too; the same ones are kept (the blank line keeps its place: a record
    # without id or url is named by its line).
    recs = [json.loads(x) if x else x for x in a.read_bytes().split(b"\n")[:-1]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kept = winnow.apply(index, recs, source=str(a))
    assert [r.get("url", r.get("text")) for r in kept] == ["https://example.com/x", "Another short note, without id or url."]
    with pytest.raises(ValueError, match=":2: no field 'text'"):
        winnow.sign([{"text": "x"}, {"body": "y"}], tmp_path / "bad.sig")
    with pytest.raises(OSError, match="not a winnow dedupe file"):
        winnow.merge([a], tmp_path / "bad.idx")
    with pytest.raises(OSError, match="holds signatures"):
        winnow.CorpusIndex.read(tmp_path / "a.py.sig")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert len(winnow.apply(index, [{"id": "new", "text": "never signed"}])) == 1
    assert "not in the dedupe index" in str(caught[0].message)


def test_gzip_input_is_the_callers(tmp_path):
    # The module takes documents, not files: a gzipped page is the caller's to open.
    page = (SOURCE_DIR / "fixtures" / "clean" / "seed-001.in").read_bytes()
    (tmp_path / "p.gz").write_bytes(gzip.compress(page))
    assert winnow.clean(gzip.decompress((tmp_path / "p.gz").read_bytes())) == run_cli("clean", tmp_path / "p.gz").decode()


def test_docstrings_and_version():
    assert winnow.__version__ == run_cli("clean", "--version").decode().split()[-1]
    stubs = (SOURCE_DIR / "python" / "winnow" / "__init__.pyi").read_text()
    for name in winnow.__all__:
        assert getattr(winnow, name).__doc__, name
        assert f"def {name}(" in stubs or f"class {name}" in stubs, f"{name} has no type stub"


def test_sign_and_apply_skip_bad_records_into_a_list_as_the_cli(tmp_path):
    lines = [b'{"id": "a", "text": "One document of some words, enough of them to sign as text."}', b'{"id": "b"}']
    with pytest.raises(ValueError, match="no field 'text'"):
        winnow.sign(lines, tmp_path / "raise.sig", source="s.jsonl")
    skipped = []
    # Incomplete signatures are not written, as `winnow dedupe --sign` does not write them.
    assert winnow.sign(lines, tmp_path / "s.sig", source="s.jsonl", skipped=skipped) == 0
    assert skipped == ["s.jsonl:2: no field 'text', record skipped"]
    assert not (tmp_path / "s.sig").exists()
    winnow.sign(lines[:1], tmp_path / "ok.sig", source="s.jsonl")
    winnow.merge([tmp_path / "ok.sig"], tmp_path / "ok.idx")
    skipped = []
    assert winnow.apply(tmp_path / "ok.idx", lines, source="s.jsonl", skipped=skipped) == [lines[0]]
    assert skipped == ["s.jsonl:2: no field 'text', record skipped"]
