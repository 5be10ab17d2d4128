// runner.h: the document loop every text verb shares: read FILEs (or stdin) in one of the
// three framings, or WARC files (recognised by content, in any framing: one JSON Lines record
// {"url","crawl_date","id",FIELD,...} out for each HTML response), or whole trees (-r), hand
// each document to the verb's transform on -j worker threads, write the results atomically
// and in input order, and turn what happened into diagnostics, --explain, --stats, a progress
// bar and an exit status.
//
// The output, diagnostics and --explain text are the same bytes whatever the number of
// threads: documents are numbered as they are read, transformed in any order, and written
// strictly in that numbering. Workers take documents in batches (32 documents or 1 MiB), and
// at most a small window of batches is in flight (four a worker, or 16 MiB of input a worker),
// so memory does not grow with the corpus. (With -j above 1, a document that arrives slowly
// on a pipe is written once its batch is full or the input ends.)
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.h"
#include "verb_options.h"
#include "winnow/jsonl.h"
#include "winnow/metadata.h"
#include "winnow/report.h"

namespace winnow::tools {

struct DocumentOptions {
  std::string output = "-";
  bool null_data = false;      // -z: NUL-separated documents in and out
  bool jsonl = false;          // --jsonl: one JSON object a line, the text in FIELD
  std::string field = "text";  // --field
  bool quiet = false;          // -q: no diagnostics except errors
  bool check = false;          // --check: report where the input differs from the output
  bool explain = false;        // --explain: every change on stderr
  bool json = false;           // --json: diagnostics as JSON Lines
  bool stats = false;          // --stats[=FILE]
  std::string stats_file;      // empty: stderr
  std::size_t max_bytes = std::size_t{64} << 20;  // --max-bytes
  bool truncate = false;       // --truncate: cut oversized documents at max_bytes, not skip them
  bool recursive = false;      // -r: FILEs are trees, mirrored under the directory -o names
  unsigned jobs = 1;           // -j: worker threads
  bool text = false;           // -a: read binary data as text, as grep -a does
  bool records = false;        // --to-jsonl: every document becomes a JSON Lines record
  MetadataOptions metadata;    // what records get from a transform's metadata
};

// Registers the shared options (-o, -r, -j, -z, --jsonl, --field, -q, --explain, --json,
// --stats, --max-bytes, --truncate, -a, and --check with CHECK_HELP when that is not null).
void add_document_options(std::vector<cli::Option>& options, DocumentOptions& opts, const char* check_help);

// Registers the options of verbs whose transform gives metadata: --to-jsonl, and
// --no-metadata and --replace-metadata (see verb_options.h).
void add_record_options(std::vector<cli::Option>& options, DocumentOptions& opts);

// Cuts RECORD, the first --max-bytes bytes of a longer document, back to the end of its last
// whole character when it is UTF-8 up to there and the cut split a character; other bytes are
// left as they are (decode repairs or transcodes them).
void cut_at_character(std::string& record);

// Throws cli::UsageError when OPTS write one file (-o FILE, not -r) in the plain framing (not
// -z, --jsonl or --to-jsonl) and FILES are several inputs that are not all WARC files (whose
// records come out as JSON Lines): their documents would run together in FILE with nothing to
// tell where one ends. Standard output concatenates them, as cat does. Only regular files are
// read (their first bytes) to tell WARC files: a pipe or FIFO counts as another input.
void refuse_documents_run_together(const DocumentOptions& opts, const std::vector<std::string>& files);

// Where a document came from, for the transform and for diagnostics.
struct Source {
  std::string location;       // "FILE", "FILE:LINE" (JSON Lines) or "FILE#N" (-z, WARC record N)
  std::string_view file;      // FILE as given ("-": standard input)
  std::uint64_t record;       // N or LINE: the document's number in FILE (1 for a whole file)
  const JsonRecord* json;     // the record, with --jsonl
  std::string_view charset;   // the charset a WARC record's HTTP headers declare, else empty
  std::uint64_t sequence;     // the document's place in input order, whatever the thread
  bool wants_metadata;        // the output is a JSON Lines record that gets metadata members
  bool warc = false;          // INPUT is the HTTP payload of record RECORD of a WARC file
  // The buffer INPUT views when the transform may take it (std::move) to free it as soon as it
  // no longer needs INPUT, which for one big document spares the memory of a copy; null when
  // the runner still needs INPUT afterwards (--check compares the output with it).
  std::string* buffer = nullptr;
};

// What a transform makes of one document: its output text and, from verbs that find it, its
// metadata (see metadata.h), which JSON Lines records get as members of their own.
struct Result {
  Result(std::string t) : text(std::move(t)) {}  // NOLINT(google-explicit-constructor): text only
  Result(std::string t, Metadata m) : text(std::move(t)), meta(std::move(m)) {}
  std::string text;
  std::optional<Metadata> meta;
};

// Turns one document (raw bytes; with --jsonl the field's UTF-8 text) into its output.
// Called from several threads at once with -j: it must not touch shared state except REPORT,
// which belongs to the calling thread.
using Transform = std::function<Result(std::string_view input, const Source& source, Report& report)>;

// Runs TRANSFORM over every document of FILES (none: stdin). CHECK_MESSAGE names what --check
// reports, e.g. "not in canonical form". Returns the exit status: 0, 1 (--check findings) or
// 2 (an input, a record or the output failed; the other documents are still processed). An
// input or document that is binary data (winnow/binary.h) is reported ("binary data (PNG
// image), skipped", counted as input/binary) and not transformed.
int run_documents(const DocumentOptions& opts, std::vector<std::string> files, const Transform& transform,
                  std::string_view check_message);

}  // namespace winnow::tools
