// winnow check: a linter for text data. Runs the detectors of every stage without changing
// anything and reports what `winnow clean` would change, for CI jobs that guard a corpus.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <variant>

#include "check_report.h"
#include "runner.h"
#include "settings.h"
#include "verb_options.h"
#include "verbs.h"
#include "winnow/atomic_file.h"
#include "winnow/check.h"
#include "winnow/dedupe_corpus.h"
#include "winnow/io_error.h"

namespace winnow::tools {
namespace {

std::vector<std::string> split_list(const std::string& value) {
  std::vector<std::string> out;
  std::stringstream ss(value);
  for (std::string item; std::getline(ss, item, ',');) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

void validate_categories(const char* what, const std::vector<std::string>& list) {
  const auto& known = check_categories();
  for (const std::string& c : list) {
    if (!std::binary_search(known.begin(), known.end(), c)) {
      std::string all;
      for (const std::string& k : known) all += (all.empty() ? "" : ", ") + k;
      throw cli::UsageError(std::string(what) + ": unknown category '" + c + "' (one of: " + all + ")");
    }
  }
}

bool is_directory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// --corpus: every document's id, cleaned text and place, as dedupe --corpus would take them
// from clean's output (see dedupe_corpus.h), until the index has decided; then a
// "duplicate-document" finding for each removed document, naming where the kept one is. For
// corpora too large for memory, `winnow dedupe --sign/--merge/--apply` works in shards with
// fixed-size records.
class CorpusCheck {
 public:
  // Called from the workers (-j); RECORDS: the document is a record (JSON Lines, -z), not a file.
  void add(const Source& source, bool records, std::string cleaned, std::string where) {
    Entry e;
    e.id = records ? document_id(source.json, cleaned) : std::string(source.file);
    e.place = record_place(std::string(source.file), source.record);
    e.where = std::move(where);
    std::string date = source.json ? source.json->string("date").value_or("") : std::string();
    std::lock_guard<std::mutex> lock(mu_);
    index_.add(e.id, cleaned, date, e.place);
    e.text = std::move(cleaned);
    entries_[source.sequence] = std::move(e);
  }

  // Adds the findings to DOCS (by input order, as entries_).
  void report(std::map<std::uint64_t, CheckedDocument>& docs) {
    index_.decide();
    std::map<std::string, std::string, std::less<>> kept_where;  // a kept document's id -> where it is
    std::vector<std::pair<std::uint64_t, DedupeVerdict>> removed;
    for (const auto& [seq, e] : entries_) {
      DedupeVerdict v = index_.lookup(e.id, e.text, e.place);
      if (v.removed) {
        removed.emplace_back(seq, v);
      } else {
        kept_where.emplace(e.id, e.where);
      }
    }
    for (const auto& [seq, v] : removed) {
      auto kept = kept_where.find(v.kept_id);
      char similarity[16];
      std::snprintf(similarity, sizeof similarity, "%.3f", v.similarity);
      docs[seq].findings.push_back({1, 1, "duplicate-document",
                                    "duplicate of " + (kept == kept_where.end() ? std::string(v.kept_id) : kept->second) +
                                        " (similarity " + similarity + ")"});
    }
  }

 private:
  struct Entry {
    std::string id, text, place, where;
  };
  std::mutex mu_;
  CorpusIndex index_{CorpusDedupeParams{}};
  std::map<std::uint64_t, Entry> entries_;
};


// The findings of DOCS (in input order) that --select and --ignore let through.
std::vector<CheckedDocument> selected(std::map<std::uint64_t, CheckedDocument>& docs, const Settings& settings) {
  std::vector<CheckedDocument> ordered;
  std::set<std::string> select(settings.check_select.begin(), settings.check_select.end());
  std::set<std::string> ignore(settings.check_ignore.begin(), settings.check_ignore.end());
  for (auto& [seq, doc] : docs) {
    std::vector<Finding> kept;
    for (Finding& f : doc.findings) {
      if ((select.empty() || select.count(f.category)) && !ignore.count(f.category)) kept.push_back(std::move(f));
    }
    doc.findings = std::move(kept);
    ordered.push_back(std::move(doc));
  }
  return ordered;
}

// Writes the report of ORDERED in FORMAT to REPORT_PATH atomically, with its summary line
// (on standard error for the github and junit formats). False when it cannot be written.
bool write_report(const std::vector<CheckedDocument>& ordered, CheckFormat format, const std::string& report_path,
                  bool quiet) {
  try {
    OutputFile out(report_path);
    out.write(format_report(ordered, format));
    std::string line = summary(ordered, format);
    if (format == CheckFormat::kText || format == CheckFormat::kJson) {
      if (!quiet || format == CheckFormat::kJson) out.write(line);
    } else if (!quiet) {
      std::fputs(line.c_str(), stderr);
    }
    out.commit();
    return true;
  } catch (const IoError& e) {
    cli::error(e.what());
    return false;
  }
}

// check's own options, then every option of clean: check reports what clean, run with the
// same settings, would change.
void add_check_options(std::vector<cli::Option>& options, Settings& settings, std::string& format_name, bool& corpus) {
  options.push_back({"format", 0, cli::Arg::kRequired, "FORMAT", "text (default), json, github or junit",
                     [&](const char* v) { format_name = v; }});
  options.push_back({"select", 0, cli::Arg::kRequired, "LIST", "report only these categories (comma-separated)",
                     [&](const char* v) { settings.check_select = split_list(v); }});
  options.push_back({"ignore", 0, cli::Arg::kRequired, "LIST", "do not report these categories (comma-separated)",
                     [&](const char* v) { settings.check_ignore = split_list(v); }});
  options.push_back({"min-words", 0, cli::Arg::kRequired, "N", "fewer words than N after cleaning is near-empty (default 20)",
                     [&](const char* v) { settings.check_min_words = cli::parse_size("min-words", v); }});
  options.push_back({"corpus", 0, cli::Arg::kNone, nullptr, "also report duplicate and near-duplicate documents",
                     [&](const char*) { corpus = true; }});
  add_clean_options(options, settings.clean);
}

CheckFormat check_format(std::string_view name) {
  static const std::map<std::string, CheckFormat, std::less<>> kFormats = {
      {"text", CheckFormat::kText}, {"json", CheckFormat::kJson}, {"github", CheckFormat::kGithub}, {"junit", CheckFormat::kJunit}};
  auto fmt = kFormats.find(name);
  if (fmt == kFormats.end()) throw cli::UsageError("--format: unknown format '" + std::string(name) + "' (text, json, github, junit)");
  return fmt->second;
}

}  // namespace

int check_main(int argc, char** argv) {
  static const cli::Verb verb{
      "check", "[OPTION]... [FILE|DIR]...", "Report what winnow clean would change, without changing anything.",
      "Runs the detectors of every stage (encoding, control characters, mojibake, entities and tags,\n"
      "boilerplate, repeated blocks, non-canonical text, near-empty documents and, with --corpus,\n"
      "duplicate documents) and prints one finding a line as FILE:LINE:COL: CATEGORY: message,\n"
      "in input order, then a summary. Exit status 0 when clean, 1 on findings, 2 on trouble.\n"
      "Settings come from the nearest .winnow.toml found upward from the current directory.\n"
      "Each HTML response of a WARC file is a document of its own, FILE#N."};
  DocumentOptions io;
  Settings settings = load_settings(argc, argv);
  CheckOptions check_opts;
  std::string format_name = "text", report_path = "-";
  bool corpus = false;
  std::vector<cli::Option> options;
  add_check_options(options, settings, format_name, corpus);
  add_config_options(options);
  add_document_options(options, io, nullptr);
  std::vector<std::string> files;
  if (!cli::parse(verb, options, argc, argv, files)) return 0;
  check_markdown_links(settings.clean.markdown, settings.clean.extract.markdown_links);
  check_opts.clean = settings.clean;
  check_opts.min_words = settings.check_min_words;

  if (io.json) format_name = "json";
  const CheckFormat format = check_format(format_name);
  validate_categories("select", settings.check_select);
  validate_categories("ignore", settings.check_ignore);

  // Directories are checked whole; the report goes where -o says, the documents nowhere.
  for (const std::string& f : files) io.recursive |= is_directory(f);
  report_path = io.output;
  io.output = "-";
  io.check = true;
  io.json = false;

  std::mutex mu;
  std::map<std::uint64_t, CheckedDocument> docs;  // by input order
  CorpusCheck corpus_check;
  const bool jsonl = io.jsonl;
  int status = run_documents(
      io, files,
      [&](std::string_view input, const Source& source, Report&) {
        std::string cleaned;
        CheckedDocument doc;
        if (source.charset.empty()) {
          doc.findings = check_document(input, check_opts, corpus ? &cleaned : nullptr);
        } else {
          CheckOptions hinted = check_opts;
          hinted.clean.decode.declared = source.charset;  // from the HTTP headers of a WARC record
          doc.findings = check_document(input, hinted, corpus ? &cleaned : nullptr);
        }
        // A record of a WARC file, like one of JSON Lines or -z, is one of several documents
        // of its file, with an id of its own.
        const bool record = jsonl || io.null_data || source.warc;
        doc.file = std::string(source.file == "-" ? "(standard input)" : source.file);
        doc.where = jsonl ? doc.file : source.location;  // "FILE#N" for -z and WARC records
        doc.record = record ? source.record : 0;
        doc.json_lines = jsonl;
        if (corpus) corpus_check.add(source, record, std::move(cleaned), source.location);
        std::lock_guard<std::mutex> lock(mu);
        docs[source.sequence] = std::move(doc);
        return std::string(input);  // nothing to write: check changes nothing
      },
      "");
  if (corpus) corpus_check.report(docs);

  std::vector<CheckedDocument> ordered = selected(docs, settings);
  if (!write_report(ordered, format, report_path, io.quiet)) return 2;
  if (status == 2) return 2;
  for (const CheckedDocument& d : ordered) {
    if (!d.findings.empty()) return 1;
  }
  return 0;
}

}  // namespace winnow::tools
