"""winnow: clean, canonical text from scraped web news.

The verbs of the ``winnow`` command line on one document, with the same bytes out::

    import winnow
    text = winnow.clean(open("page.html", "rb").read(), no_title=True)
    doc = winnow.clean_document(html)          # text, meta, report and blocks as a dict
    line = winnow.clean_jsonl_line(b'{"id": 1, "text": "..."}')   # as `winnow clean --jsonl`

Keyword options are the command line's long options with ``_`` for ``-`` (``no_strip=True``,
``nfkc=True``, ``from_="windows-1252"``, ``keep_threshold=0.6``); an unknown one raises
TypeError, a bad value ValueError. Corpus dedupe state (``sign``, ``merge``, ``apply``,
``CorpusIndex``) reads and writes the same files as ``winnow dedupe --sign/--merge/--apply``,
so Python jobs and command-line jobs can share shards.

The GIL is released while the library works, so threads clean documents in parallel.
"""

from ._winnow import (  # noqa: F401
    CorpusIndex,
    RecordError,
    __version__,
    apply,
    clean,
    clean_document,
    clean_jsonl_line,
    dedupe,
    dedupe_document,
    dedupe_jsonl_line,
    extract,
    extract_document,
    extract_jsonl_line,
    fix,
    fix_document,
    fix_jsonl_line,
    merge,
    norm,
    norm_document,
    norm_jsonl_line,
    sign,
    strip,
    strip_document,
    strip_jsonl_line,
)

__all__ = [
    "CorpusIndex",
    "apply",
    "clean",
    "clean_document",
    "clean_jsonl_line",
    "dedupe",
    "dedupe_document",
    "dedupe_jsonl_line",
    "extract",
    "extract_document",
    "extract_jsonl_line",
    "fix",
    "fix_document",
    "fix_jsonl_line",
    "merge",
    "norm",
    "norm_document",
    "norm_jsonl_line",
    "sign",
    "strip",
    "strip_document",
    "strip_jsonl_line",
]
