# Type stubs of the winnow package (its functions are in the compiled winnow._winnow).
import os
from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, TypedDict, Union, overload

__version__: str

Text = Union[str, bytes, bytearray, memoryview]
Record = Union[Mapping[str, Any], str, bytes]
StrPath = Union[str, "os.PathLike[str]"]

class RecordError(ValueError):
    output: bytes  # the line the command line writes in place of the record
    failed: bool   # whether it counts as a failed record (exit status 2)

class Meta(TypedDict):
    title: str
    byline: str
    date: str  # published, ISO 8601
    modified: str  # ISO 8601
    url: str
    site: str
    description: str
    lang: str  # declared
    language: str  # detected

class Change(TypedDict):
    stage: str
    kind: str
    line: int
    detail: str
    score: float

class ReportDict(TypedDict):
    counts: Dict[str, int]
    changes: List[Change]
    seconds: Dict[str, float]

class BlockDict(TypedDict):
    text: str
    kind: str
    kept: bool
    reason: str
    score: float
    first_line: int
    last_line: int
    dom_path: str
    link_chars: int

class DocumentDict(TypedDict):
    text: str
    meta: Meta
    report: ReportDict
    blocks: List[BlockDict]

# clean: from_, no_fix, no_strip, no_title, no_dedupe, lang, markdown, markdown_links (needs markdown: else
# ValueError), fix's no_* and compat, norm's options.
def clean(
    text: Text,
    *,
    from_: str = ...,
    no_fix: bool = ...,
    no_strip: bool = ...,
    no_title: bool = ...,
    no_dedupe: bool = ...,
    lang: str = ...,
    markdown: bool = ...,
    markdown_links: bool = ...,
    no_mojibake: bool = ...,
    no_mixups: bool = ...,
    no_c1: bool = ...,
    no_entities: bool = ...,
    no_tags: bool = ...,
    no_escapes: bool = ...,
    no_controls: bool = ...,
    no_surrogates: bool = ...,
    compat: bool = ...,
    nfkc: bool = ...,
    ascii_punct: bool = ...,
    keep_lines: bool = ...,
) -> str: ...
def clean_document(text: Text, **options: Any) -> DocumentDict: ...
def clean_jsonl_line(line: Text, field: str = "text", **options: Any) -> bytes: ...
def extract(text: Text, *, no_title: bool = ..., markdown: bool = ..., markdown_links: bool = ...) -> str: ...
def extract_document(
    text: Text, *, no_title: bool = ..., markdown: bool = ..., markdown_links: bool = ...
) -> DocumentDict: ...
def extract_jsonl_line(
    line: Text,
    field: str = "text",
    *,
    no_title: bool = ...,
    markdown: bool = ...,
    markdown_links: bool = ...,
    no_metadata: bool = ...,
    replace_metadata: bool = ...,
) -> bytes: ...
def fix(
    text: Text,
    *,
    from_: str = ...,
    no_mojibake: bool = ...,
    no_mixups: bool = ...,
    no_c1: bool = ...,
    no_entities: bool = ...,
    no_tags: bool = ...,
    no_escapes: bool = ...,
    no_controls: bool = ...,
    no_surrogates: bool = ...,
    compat: bool = ...,
) -> str: ...
def fix_document(text: Text, **options: Any) -> DocumentDict: ...
def fix_jsonl_line(line: Text, field: str = "text", **options: Any) -> bytes: ...
def strip(text: Text, *, keep_threshold: Union[float, str] = ...) -> str: ...
def strip_document(text: Text, *, keep_threshold: Union[float, str] = ...) -> DocumentDict: ...
def strip_jsonl_line(line: Text, field: str = "text", *, keep_threshold: Union[float, str] = ...) -> bytes: ...
def dedupe(text: Text) -> str: ...
def dedupe_document(text: Text) -> DocumentDict: ...
def dedupe_jsonl_line(line: Text, field: str = "text") -> bytes: ...
def norm(text: Text, *, nfkc: bool = ..., ascii_punct: bool = ..., keep_lines: bool = ...) -> str: ...
def norm_document(text: Text, *, nfkc: bool = ..., ascii_punct: bool = ..., keep_lines: bool = ...) -> DocumentDict: ...
def norm_jsonl_line(
    line: Text, field: str = "text", *, nfkc: bool = ..., ascii_punct: bool = ..., keep_lines: bool = ...
) -> bytes: ...

class CorpusIndex:
    """A corpus dedupe index (from merge() or `winnow dedupe --merge`)."""
    @staticmethod
    def read(path: StrPath) -> "CorpusIndex": ...
    def __len__(self) -> int: ...

def sign(
    records: Iterable[Record],
    path: StrPath,
    *,
    source: str = "-",
    field: str = "text",
    first_line: int = 1,
    bands: int = 14,
    rows: int = 8,
    skipped: Optional[List[str]] = None,
) -> int: ...
def merge(inputs: Iterable[StrPath], path: StrPath, *, threshold: float = 0.75, bands: int = 14, rows: int = 8) -> int: ...
@overload
def apply(
    index: Union[CorpusIndex, StrPath],
    records: Iterable[Record],
    *,
    source: str = "-",
    field: str = "text",
    first_line: int = 1,
    report: Literal[False] = ...,
    skipped: Optional[List[str]] = None,
) -> List[Record]: ...
@overload
def apply(
    index: Union[CorpusIndex, StrPath],
    records: Iterable[Record],
    *,
    source: str = "-",
    field: str = "text",
    first_line: int = 1,
    report: Literal[True],
    skipped: Optional[List[str]] = None,
) -> List[str]: ...
