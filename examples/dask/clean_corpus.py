#!/usr/bin/env python3
"""Clean JSON Lines shards on a Dask cluster, and optionally remove duplicates across them.

usage: python3 examples/dask/clean_corpus.py [--scheduler ADDRESS] [--workers N] [--dedupe]
           [--threshold T] [--field NAME] [CLEAN OPTIONS] -o OUT_DIR INPUT.jsonl[.gz]...

Each INPUT (JSON Lines, gzipped or not) is one task: it is cleaned into OUT_DIR/NAME (NAME is
the input's name without .gz), the same bytes as `winnow clean --jsonl INPUT`. CLEAN OPTIONS are
`winnow clean`'s (--no-title, --no-strip, --nfkc, --from=ENCODING, ...).

With --dedupe the cleaned shards then go through corpus dedupe on the cluster, as
`winnow dedupe --jsonl --sign/--merge/--apply` (examples/dedupe/Makefile) does it: one task
signs each shard (OUT_DIR/dedupe/SHARD.sig), one merges the signatures (OUT_DIR/dedupe/
corpus.idx), one task a shard applies the index: OUT_DIR/dedupe/NAME holds the kept records and
OUT_DIR/dedupe/removed.tsv the removed ones (REMOVED_ID TAB KEPT_ID TAB SIMILARITY, sorted).
A record without an id or url is named OUT_DIR/NAME:LINE, as the command line names it.

Without --scheduler, a local cluster of N worker processes (one thread each) runs the tasks;
with it, the workers of that scheduler do, and OUT_DIR and the inputs must be on a file
system they share. The workers import the winnow module: install it (cmake --install), or
set PYTHONPATH=build/python before starting them (a local cluster inherits it).
Every output is written under a temporary name and renamed when complete.
Exit status: 0, or 2 when a record could not be cleaned (reported on standard error and written as
`winnow clean --jsonl` writes it) or a task failed.
"""
import argparse
import json
import os
import sys

# Records longer than this are skipped, as `winnow clean` skips them (--max-bytes, 64M).
MAX_BYTES = 64 << 20


def read_lines(path):
    """The lines of PATH without their newline, gunzipped when it starts with gzip's magic
    number (as winnow recognises gzip: by content, not by name)."""
    import gzip

    with open(path, "rb") as f:
        magic = f.read(2)
    opener = gzip.open if magic == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as f:
            for line in f:
                yield line[:-1] if line.endswith(b"\n") else line
    except (OSError, EOFError) as e:  # truncated or damaged gzip data too
        raise OSError(f"{path}: {e}") from e


def output_name(path):
    name = os.path.basename(path)
    return name[:-3] if name.endswith(".gz") else name


def shard_name(name):
    return name[:-6] if name.endswith(".jsonl") else name


class AtomicOutput:
    """A file written under a temporary name beside PATH and renamed to PATH when complete."""

    def __init__(self, path):
        self.path = path
        self.tmp = os.path.join(os.path.dirname(path) or ".", f".{os.path.basename(path)}.dask-{os.getpid()}")
        self.file = open(self.tmp, "wb")

    def __enter__(self):
        return self.file

    def __exit__(self, kind, value, traceback):
        self.file.close()
        if kind is None:
            os.replace(self.tmp, self.path)
        else:
            os.unlink(self.tmp)


def clean_shard(source, target, options, field):
    """Task: cleans the shard SOURCE into TARGET, line N of the output for record N of the input,
    as `winnow clean --jsonl` writes it. Returns (records, bytes in, bytes out, messages, failed
    records)."""
    import winnow

    records = bytes_in = bytes_out = 0
    messages = []
    failed = 0
    with AtomicOutput(target) as out:
        for number, line in enumerate(read_lines(source), 1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]  # a byte order mark before the first record, as winnow drops it
            records += 1
            bytes_in += len(line) + 1
            where = f"{source}:{number}"
            if len(line) > MAX_BYTES:
                message = f"document exceeds --max-bytes ({MAX_BYTES}), skipped"
                messages.append(f"winnow: {where}: {message}")
                failed += 1
                cleaned = json.dumps({"winnow_error": message}, ensure_ascii=False).replace(", ", ",").encode() + b"\n"
            else:
                try:
                    cleaned = winnow.clean_jsonl_line(line, field=field, **options)
                except winnow.RecordError as e:  # line N of the output stays record N, as the CLI keeps it
                    messages.append(f"winnow: {where}: {e}")
                    failed += e.failed
                    cleaned = e.output
            out.write(cleaned)
            bytes_out += len(cleaned)
    return records, bytes_in, bytes_out, messages, failed


def sign_shard(source, signatures, field, _cleaned):
    """Task: the signatures of SOURCE (after its clean task, _CLEANED) in SIGNATURES; returns the
    messages about records skipped, as `winnow dedupe --sign` reports them."""
    import winnow

    skipped = []
    winnow.sign(read_lines(source), signatures, source=source, field=field, skipped=skipped)
    return [f"winnow: {m}" for m in skipped]


def merge_signatures(signatures, index, threshold, _signed):
    """Task: the index INDEX from every shard's signatures (after every sign task, _SIGNED)."""
    import winnow

    return winnow.merge(signatures, index, threshold=threshold)


def apply_index(index, source, target, field, _merged, batch=4096):
    """Task: the records of SOURCE that INDEX keeps, into TARGET; returns the removed ones' lines
    and the messages about records skipped."""
    import winnow

    idx = winnow.CorpusIndex.read(index)
    removed = []
    skipped = []
    lines = read_lines(source)
    first = 1
    with AtomicOutput(target) as out:
        while True:
            chunk = [line for _, line in zip(range(batch), lines)]
            if not chunk:
                break
            for record in winnow.apply(idx, chunk, source=source, field=field, first_line=first, skipped=skipped):
                out.write(record + b"\n")
            removed += winnow.apply(idx, chunk, source=source, field=field, first_line=first, report=True)
            first += len(chunk)
    return removed, [f"winnow: {m}" for m in skipped]


def clean_options(extra):
    """`winnow clean` options (--no-title, --from=X or --from X) as keyword arguments."""
    options = {}
    i = 0
    while i < len(extra):
        arg = extra[i]
        if not arg.startswith("--"):
            raise SystemExit(f"clean_corpus.py: unexpected argument '{arg}'")
        name, eq, value = arg[2:].partition("=")
        keyword = name.replace("-", "_") + ("_" if name == "from" else "")
        if eq:
            options[keyword] = value
        elif name == "from":
            i += 1
            options[keyword] = extra[i] if i < len(extra) else ""
        else:
            options[keyword] = True
        i += 1
    return options


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], allow_abbrev=False,
                                     usage="%(prog)s [--scheduler ADDRESS] [--workers N] [--dedupe] "
                                           "[CLEAN OPTIONS] -o OUT_DIR INPUT.jsonl[.gz]...")
    parser.add_argument("inputs", nargs="+", metavar="INPUT")
    parser.add_argument("-o", "--output", required=True, metavar="OUT_DIR")
    parser.add_argument("--scheduler", metavar="ADDRESS", help="a running Dask scheduler (default: a local cluster)")
    parser.add_argument("--workers", type=int, default=2, metavar="N", help="local worker processes (default 2)")
    parser.add_argument("--dedupe", action="store_true", help="then remove duplicates across all shards")
    parser.add_argument("--threshold", type=float, default=0.75, help="dedupe similarity threshold (default 0.75)")
    parser.add_argument("--field", default="text", help="the field holding the text (default: text)")
    args, extra = parser.parse_known_args(argv)
    options = clean_options(extra)

    import winnow
    try:  # unknown options fail here, once, rather than in every task
        winnow.clean("", **options)
    except (TypeError, ValueError) as e:
        print(f"clean_corpus.py: {e}", file=sys.stderr)
        return 2
    for src in args.inputs:
        if not os.path.isfile(src):
            print(f"clean_corpus.py: {src}: no such file", file=sys.stderr)
            return 2
    names = [output_name(p) for p in args.inputs]
    if len(set(names)) != len(names):
        print("clean_corpus.py: two inputs have the same name", file=sys.stderr)
        return 2
    os.makedirs(args.output, exist_ok=True)
    for src, name in zip(args.inputs, names):
        if os.path.realpath(src) == os.path.realpath(os.path.join(args.output, name)):
            print(f"clean_corpus.py: {src} would be its own output: choose another OUT_DIR", file=sys.stderr)
            return 2

    from distributed import Client, LocalCluster

    if args.scheduler:
        cluster = None
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    status = 0
    try:
        cleaned = [os.path.join(args.output, n) for n in names]
        clean_tasks = [client.submit(clean_shard, src, dst, options, args.field, pure=False)
                       for src, dst in zip(args.inputs, cleaned)]
        for records, _, _, messages, failed in client.gather(clean_tasks):
            for m in messages:
                print(m, file=sys.stderr)
            status = 2 if failed else status
        if args.dedupe:
            d = os.path.join(args.output, "dedupe")
            os.makedirs(d, exist_ok=True)
            sigs = [os.path.join(d, shard_name(n) + ".sig") for n in names]
            index = os.path.join(d, "corpus.idx")
            signed = [client.submit(sign_shard, src, sig, args.field, t, pure=False)
                      for src, sig, t in zip(cleaned, sigs, clean_tasks)]
            for messages in client.gather(signed):
                for m in messages:
                    print(m, file=sys.stderr)
                status = 2 if messages else status
            merged = client.submit(merge_signatures, sigs, index, args.threshold, signed, pure=False)
            applied = [client.submit(apply_index, index, src, os.path.join(d, n), args.field, merged, pure=False)
                       for src, n in zip(cleaned, names)]
            # In the order of `LC_ALL=C sort`: by the lines' bytes (code points, for UTF-8), without their newline.
            results = client.gather(applied)
            for _, messages in results:
                for m in messages:
                    print(m, file=sys.stderr)
                status = 2 if messages else status
            removed = sorted((line for lines, _ in results for line in lines), key=lambda x: x[:-1])
            with AtomicOutput(os.path.join(d, "removed.tsv")) as out:
                out.write("".join(removed).encode())
    except (OSError, ValueError) as e:  # raised by a task (an unreadable or damaged file), or here
        print(f"clean_corpus.py: {e}", file=sys.stderr)
        status = 2
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
