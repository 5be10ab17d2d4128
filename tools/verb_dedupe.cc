// winnow dedupe: repeated blocks inside each document, or duplicate documents across a corpus
// (in one process with --corpus, or in shards with --sign, --merge and --apply).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "declared_charset.h"
#include "runner.h"
#include "settings.h"
#include "verbs.h"
#include "warc_documents.h"
#include "winnow/atomic_file.h"
#include "winnow/binary.h"
#include "winnow/decode.h"
#include "winnow/dedupe.h"
#include "winnow/dedupe_corpus.h"
#include "winnow/input.h"
#include "winnow/norm.h"
#include "winnow/transforms.h"

namespace winnow::tools {
namespace {

enum class Mode { kBlocks, kCorpus, kSign, kMerge, kApply };

struct CorpusDocument {
  std::string id, date, location;
  std::string place;      // the canonical path of the file and the record number: which copy this is
  std::string_view text;  // decoded UTF-8 (the JSON Lines field's text)
  std::string_view raw;   // the bytes to copy to the output when the document is kept
  std::string_view terminator;  // written after RAW: a newline (JSON Lines), a NUL (-z) or nothing
};

// A file listed twice would be signed twice in the same places, and written twice.
void refuse_repeated_files(const std::vector<std::string>& files) {
  std::set<std::string> seen;
  for (const std::string& f : files) {
    if (!seen.insert(canonical_file_name(f)).second) throw cli::UsageError("'" + f + "' is given more than once");
  }
}

// The documents of a WARC file (warc_documents.h), with the WARC-Date as date, as id what
// document_id() makes of the record written for it (the WARC-Record-ID, else the URL, else a
// hash of the text) and, as the bytes to write, the JSON Lines record every verb writes for a
// response ({"url","crawl_date","id",FIELD: the decoded payload}).
template <typename Visit>
bool for_each_warc_corpus_document(const DocumentOptions& opts, Input& in, const std::string& file,
                                   const std::string& name, Visit&& visit) {
  return for_each_warc_document(opts, in, name, [&](const WarcDocument& w) {
    CorpusDocument doc;
    doc.location = w.location;
    doc.date = w.date;
    doc.id = document_id(w.id, w.url, w.text);
    doc.place = record_place(file, w.number);
    doc.text = w.text;
    const std::string line = "{\"url\":" + json_quote(w.url) + ",\"crawl_date\":" + json_quote(w.date) +
                             ",\"id\":" + json_quote(w.id) + "," + json_quote(opts.field) + ":" + json_quote(w.text) +
                             "}\n";
    doc.raw = line;
    visit(doc);
  });
}

void report_trailing_garbage(const Input& in, const std::string& name, bool& ok) {
  if (!in.trailing_garbage()) return;
  cli::error(name + ": " + Input::kTrailingGarbage);
  ok = false;
}

// One RECORD (record number in.record_number() of FILE, shown as NAME) read in the framing of
// OPTS: VISITs it, or reports it and returns false when it is oversized (and not truncated),
// binary data or a bad JSON Lines record. Blank JSON Lines are passed over.
template <typename Visit>
bool visit_record(const DocumentOptions& opts, const Input& in, const std::string& file, const std::string& name,
                  std::string& record, bool oversized, Visit&& visit) {
  CorpusDocument doc;
  doc.location = name;
  if (opts.jsonl) doc.location += ":" + std::to_string(in.record_number());
  if (opts.null_data) doc.location += "#" + std::to_string(in.record_number());
  const std::string limit = ": document exceeds --max-bytes (" + std::to_string(opts.max_bytes) + ")";
  if (oversized && opts.truncate && !opts.jsonl) {
    cut_at_character(record);
    if (!opts.quiet) cli::error(doc.location + limit + ", truncated");
    oversized = false;
  }
  if (oversized) {
    cli::error(doc.location + limit + ", skipped");
    return false;
  }
  doc.raw = record;
  doc.terminator = opts.jsonl ? "\n" : opts.null_data ? std::string_view("\0", 1) : "";
  doc.place = record_place(file, in.record_number());
  if (!opts.jsonl) {
    if (std::string_view format = opts.text ? "" : binary_format(record); !format.empty()) {
      cli::error(doc.location + ": binary data (" + std::string(format) + "), skipped");
      return false;
    }
    Decoded decoded = decode(record);
    doc.id = opts.null_data ? document_id(nullptr, decoded.text) : file;
    doc.text = decoded.text;
    visit(doc);
    return true;
  }
  if (record.empty() || record == "\r") return true;
  std::string error;
  std::optional<JsonRecord> rec = JsonRecord::parse(record, &error);
  std::optional<CorpusRecord> fields;
  if (rec) fields = corpus_record(*rec, opts.field, &error);
  if (!fields) {
    cli::error(doc.location + ": " + error + ", record skipped");
    return false;
  }
  doc.id = std::move(fields->id);
  doc.date = std::move(fields->date);
  doc.text = fields->text;
  visit(doc);
  return true;
}

// Reads every document of FILES in the framing of OPTS (or WARC files, recognised by content)
// and calls VISIT on each. Bad records, binary data and unreadable files are reported; returns
// false when any was.
template <typename Visit>
bool for_each_document(const DocumentOptions& opts, const std::vector<std::string>& files, Visit&& visit) {
  bool ok = true;
  const Framing framing = opts.jsonl ? Framing::kLines : opts.null_data ? Framing::kNul : Framing::kWhole;
  for (const std::string& file : files) {
    try {
      Input in(file);
      const std::string name = file == "-" ? "(standard input)" : file;
      if (looks_like_warc(in.peek(8))) {
        ok &= for_each_warc_corpus_document(opts, in, file, name, visit);
      } else {
        std::string record;
        bool oversized = false;
        while (in.next(record, framing, opts.max_bytes, &oversized)) {
          ok &= visit_record(opts, in, file, name, record, oversized, visit);
        }
      }
      report_trailing_garbage(in, name, ok);
    } catch (const IoError& e) {
      if (e.subject() == "standard output" || e.subject() == opts.output) throw;  // a failed write is fatal
      cli::error(e.what());
      ok = false;
    }
  }
  return ok;
}

// Writes the kept documents of FILES, or with REPORT one line per removed document.
int apply(const CorpusIndex& index, const DocumentOptions& opts, const std::vector<std::string>& files, bool report) {
  OutputFile out(opts.output);
  bool missing = false;
  bool ok = for_each_document(opts, files, [&](const CorpusDocument& doc) {
    DedupeVerdict v = index.lookup(doc.id, doc.text, doc.place);
    if (!v.found) {
      cli::error(doc.location + ": document not in the dedupe index, kept");
      missing = true;
    }
    if (report) {
      if (v.removed) out.write(removed_line(doc.id, v));
      return;
    }
    if (v.removed) return;
    out.write(doc.raw);
    out.write(doc.terminator);
  });
  // Output missing a whole input would look complete to make: it is not committed.
  if (ok || opts.output == "-") out.commit();
  return ok && !missing ? 0 : 2;
}

int sign(CorpusIndex& index, const DocumentOptions& opts, const std::vector<std::string>& files) {
  bool ok = for_each_document(opts, files,
                              [&](const CorpusDocument& doc) { index.add(doc.id, doc.text, doc.date, doc.place); });
  return ok ? 0 : 2;  // incomplete signatures would silently keep duplicates: not written
}


// What the corpus options choose.
struct CorpusArgs {
  Mode mode = Mode::kBlocks;
  std::string state;  // the --sign/--merge output or the --apply index
  CorpusDedupeParams params;
  bool report = false, threshold_set = false, shape_set = false;
};

std::uint32_t parse_count(const char* option, const char* v) {
  char* end = nullptr;
  long n = std::strtol(v, &end, 10);
  if (end == v || *end || n < 1 || n > 64) {
    throw cli::UsageError(std::string("--") + option + ": not a number from 1 to 64: '" + v + "'");
  }
  return static_cast<std::uint32_t>(n);
}

// --corpus, --sign, --merge, --apply, --report, --threshold, --bands, --rows.
void add_corpus_options(std::vector<cli::Option>& options, CorpusArgs& a) {
  using cli::Arg;
  auto set_mode = [&a](Mode m, const char* value) {
    if (a.mode != Mode::kBlocks) throw cli::UsageError("give only one of --corpus, --sign, --merge and --apply");
    a.mode = m;
    if (value) a.state = value;
  };
  options.push_back({"corpus", 0, Arg::kNone, nullptr, "remove duplicate documents across all FILEs (read twice)",
                     [set_mode](const char*) { set_mode(Mode::kCorpus, nullptr); }});
  options.push_back({"sign", 0, Arg::kRequired, "OUT.sig", "write the signatures of the documents of FILEs to OUT.sig",
                     [set_mode](const char* v) { set_mode(Mode::kSign, v); }});
  options.push_back({"merge", 0, Arg::kRequired, "OUT.idx", "combine the signature and index FILEs into the index OUT.idx",
                     [set_mode](const char* v) { set_mode(Mode::kMerge, v); }});
  options.push_back({"apply", 0, Arg::kRequired, "IN.idx", "write the documents of FILEs that the index IN.idx keeps",
                     [set_mode](const char* v) { set_mode(Mode::kApply, v); }});
  options.push_back({"report", 0, Arg::kNone, nullptr, "with --corpus or --apply: write REMOVED_ID TAB KEPT_ID TAB SIMILARITY lines",
                     [&a](const char*) { a.report = true; }});
  options.push_back({"threshold", 0, Arg::kRequired, "T", "with --corpus or --merge: similarity that joins near duplicates (default 0.75)",
                     [&a](const char* v) {
                       char* end = nullptr;
                       double t = std::strtod(v, &end);
                       if (end == v || *end || !(t > 0) || t > 1) throw cli::UsageError(std::string("--threshold: not a number in (0, 1]: '") + v + "'");
                       a.params.threshold = t;
                       a.threshold_set = true;
                     }});
  options.push_back({"bands", 0, Arg::kRequired, "N", "with --corpus, --sign or --merge: LSH bands (default 14)",
                     [&a](const char* v) {
                       a.params.bands = parse_count("bands", v);
                       a.shape_set = true;
                     }});
  options.push_back({"rows", 0, Arg::kRequired, "N", "with --corpus, --sign or --merge: rows per band (default 8)",
                     [&a](const char* v) {
                       a.params.rows = parse_count("rows", v);
                       a.shape_set = true;
                     }});
}

// The usage errors of a corpus mode; fills in standard input when there is no FILE.
void check_corpus_usage(const CorpusArgs& a, const DocumentOptions& io, std::vector<std::string>& files) {
  if (io.check || io.explain || io.json || io.stats) {
    throw cli::UsageError("--check, --explain, --json and --stats work on blocks, not with --corpus, --sign, --merge or --apply");
  }
  if (io.jsonl && io.null_data) throw cli::UsageError("--jsonl and -z cannot be combined");
  if (a.report && a.mode != Mode::kCorpus && a.mode != Mode::kApply) throw cli::UsageError("--report needs --corpus or --apply");
  if ((a.mode == Mode::kSign || a.mode == Mode::kMerge) && io.output != "-") {
    throw cli::UsageError("-o does not go with --sign or --merge, which name their output file");
  }
  if (files.empty() && a.mode != Mode::kMerge) files.push_back("-");
  if (a.mode != Mode::kMerge) refuse_repeated_files(files);
  if (a.mode == Mode::kCorpus || (a.mode == Mode::kApply && !a.report)) refuse_documents_run_together(io, files);
  if (a.mode == Mode::kCorpus) {
    for (const std::string& f : files) {
      if (f == "-") throw cli::UsageError("--corpus reads its input twice: give FILEs, not standard input");
    }
  }
  if (a.mode == Mode::kMerge && files.empty()) throw cli::UsageError("--merge needs signature or index FILEs");
}

// Runs the corpus mode A over FILES. Returns the exit status.
int run_corpus(const CorpusArgs& a, const DocumentOptions& io, const std::vector<std::string>& files) {
  try {
    CorpusIndex index(a.params);
    switch (a.mode) {
      case Mode::kCorpus:
        if (int status = sign(index, io, files)) return status;
        index.decide();
        return apply(index, io, files, a.report);
      case Mode::kSign:
        if (int status = sign(index, io, files)) return status;
        index.write(a.state);
        return 0;
      case Mode::kMerge:
        for (const std::string& f : files) index.add_file(f);
        index.decide();
        index.write(a.state);
        return 0;
      case Mode::kApply:
        return apply(CorpusIndex::read_index(a.state), io, files, a.report);
      case Mode::kBlocks:
        break;
    }
  } catch (const IoError& e) {
    cli::error(e.what());
  }
  return 2;
}

}  // namespace

int dedupe_main(int argc, char** argv) {
  static const cli::Verb verb{
      "dedupe", "[OPTION]... [FILE]...", "Drop repeated blocks inside documents, or duplicate documents across a corpus.",
      "Without a mode option: keeps the first occurrence of a repeated headline, dek or paragraph in\n"
      "each document (also with a site suffix added, or truncated); short repeats are kept unless\n"
      "they are at the top. --corpus removes exact and near-duplicate documents (MinHash over word\n"
      "5-grams) across all FILEs; --sign, --merge and --apply do the same in shards.\n"
      "A WARC file (recognised by content) gives JSON Lines with url, crawl_date, id and text\n"
      "for each HTML response (its payload as text; in a corpus mode, its record id is its id)."};
  load_settings(argc, argv);  // dedupe has no settings of its own, but a bad file is an error
  DocumentOptions io;
  CorpusArgs corpus;
  std::vector<cli::Option> options;
  add_corpus_options(options, corpus);
  add_config_options(options);
  add_document_options(options, io, "exit 1 and say where if a document holds repeated blocks; print nothing");
  std::vector<std::string> files;
  if (!cli::parse(verb, options, argc, argv, files)) return 0;
  const Mode mode = corpus.mode;
  if (corpus.threshold_set && mode != Mode::kCorpus && mode != Mode::kMerge) {
    throw cli::UsageError("--threshold needs --corpus or --merge");
  }
  if (corpus.shape_set && mode != Mode::kCorpus && mode != Mode::kSign && mode != Mode::kMerge) {
    throw cli::UsageError("--bands and --rows need --corpus, --sign or --merge");
  }
  if (mode == Mode::kBlocks) {
    if (corpus.report) throw cli::UsageError("--report needs --corpus or --apply");
    return run_documents(io, files, [&](std::string_view input, const Source& source, Report& r) {
      std::string decoded;
      return dedupe_verb(with_declared_charset(input, source, decoded, r), &r);
    }, "repeated blocks");
  }
  check_corpus_usage(corpus, io, files);
  return run_corpus(corpus, io, files);
}

}  // namespace winnow::tools
