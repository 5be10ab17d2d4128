// runner.h: the document loop every text verb shares: read FILEs (or stdin) in one of the
// three framings, hand each document to the verb's transform, write the results atomically,
// and turn what happened into diagnostics, --explain, --stats and an exit status.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "cli.h"
#include "winnow/jsonl.h"
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
};

// Registers the shared options (-o, -z, --jsonl, --field, -q, --explain, --json, --stats,
// --max-bytes, and --check with CHECK_HELP when that is not null).
void add_document_options(std::vector<cli::Option>& options, DocumentOptions& opts, const char* check_help);

// Where a document came from, for the transform and for diagnostics.
struct Source {
  std::string location;     // "FILE", "FILE:LINE" (JSON Lines) or "FILE#N" (-z)
  const JsonRecord* json;   // the record, with --jsonl
};

// Turns one document (raw bytes; with --jsonl the field's UTF-8 text) into its output text.
using Transform = std::function<std::string(std::string_view input, const Source& source, Report& report)>;

// Runs TRANSFORM over every document of FILES (none: stdin). CHECK_MESSAGE names what --check
// reports, e.g. "not in canonical form". Returns the exit status: 0, 1 (--check findings) or
// 2 (an input, a record or the output failed; the other documents are still processed).
int run_documents(const DocumentOptions& opts, std::vector<std::string> files, const Transform& transform,
                  std::string_view check_message);

}  // namespace winnow::tools
