#include "runner.h"

#include <cstdio>
#include <memory>
#include <string>

#include "winnow/atomic_file.h"
#include "winnow/input.h"

namespace winnow::tools {
namespace {

struct Totals {
  std::uint64_t documents_in = 0, documents_out = 0, bytes_in = 0, bytes_out = 0, failed = 0, findings = 0;
};

std::string json_line(std::initializer_list<std::pair<const char*, std::string>> fields) {
  std::string out = "{";
  for (const auto& [k, v] : fields) {
    if (out.size() > 1) out += ",";
    out += json_quote(k) + ":" + v;
  }
  return out + "}\n";
}

// 1-based line of byte offset AT in TEXT.
std::uint64_t line_of(std::string_view text, std::size_t at) {
  std::uint64_t line = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

class Runner {
 public:
  Runner(const DocumentOptions& opts, const Transform& transform, std::string_view check_message)
      : opts_(opts), transform_(transform), check_message_(check_message), report_(opts.explain) {}

  int run(const std::vector<std::string>& files) {
    std::unique_ptr<OutputFile> out;
    try {
      if (!opts_.check) out = std::make_unique<OutputFile>(opts_.output);
    } catch (const IoError& e) {
      cli::error(e.what());
      return 2;
    }
    out_ = out.get();
    // An input that cannot be read makes the output incomplete: it is then not committed, so a
    // make target is never left looking up to date. Bad records inside a readable input are
    // reported and skipped, and the output of the others is kept.
    bool input_failed = false;
    for (const std::string& file : files) {
      try {
        run_file(file);
      } catch (const IoError& e) {
        // A failed write is fatal; a failed read costs only that input.
        cli::error(e.what());
        ++totals_.failed;
        if (e.subject() == opts_.output || e.subject() == "standard output") return 2;
        input_failed = true;
      }
    }
    try {
      if (out && (!input_failed || opts_.output == "-")) out->commit();
    } catch (const IoError& e) {
      cli::error(e.what());
      return 2;
    }
    write_stats();
    if (totals_.failed) return 2;
    return totals_.findings ? 1 : 0;
  }

 private:
  void diagnose(const std::string& location, const std::string& message) {
    if (opts_.json) {
      std::string line = json_line({{"type", json_quote("error")}, {"location", json_quote(location)}, {"message", json_quote(message)}});
      std::fputs(line.c_str(), stderr);
    } else {
      cli::error(location + ": " + message);
    }
  }

  void run_file(const std::string& file) {
    Input in(file);
    const std::string name = file == "-" ? "(standard input)" : file;
    Framing framing = opts_.jsonl ? Framing::kLines : opts_.null_data ? Framing::kNul : Framing::kWhole;
    std::string record;
    bool oversized = false;
    while (in.next(record, framing, opts_.max_bytes, &oversized)) {
      std::string location = name;
      if (opts_.jsonl) location += ":" + std::to_string(in.record_number());
      if (opts_.null_data) location += "#" + std::to_string(in.record_number());
      ++totals_.documents_in;
      totals_.bytes_in += record.size();
      if (oversized) {
        diagnose(location, "document exceeds --max-bytes (" + std::to_string(opts_.max_bytes) + "), skipped");
        ++totals_.failed;
        report_.count("input", "oversized");
        continue;
      }
      if (opts_.jsonl) {
        if (record.empty() || record == "\r") continue;  // blank lines carry no record
        run_json(record, location);
      } else {
        process(record, Source{location, nullptr}, [&](const std::string& text) {
          emit(text);
          if (opts_.null_data) emit(std::string_view("\0", 1));
        });
      }
    }
  }

  void run_json(const std::string& line, const std::string& location) {
    std::string error;
    std::optional<JsonRecord> rec = JsonRecord::parse(line, &error);
    bool present = false;
    std::optional<std::string> text;
    if (rec) {
      text = rec->string(opts_.field, &present);
      if (!text) error = present ? "field '" + opts_.field + "' is not a string" : "no field '" + opts_.field + "'";
    }
    if (!text) {
      diagnose(location, error + ", record skipped");
      ++totals_.failed;
      report_.count("input", "bad-record");
      return;
    }
    process(*text, Source{location, &*rec}, [&](const std::string& result) {
      emit(rec->with_string(opts_.field, result));
      emit("\n");
    });
  }

  template <typename Emit>
  void process(std::string_view input, const Source& source, Emit&& emit_document) {
    std::string result = transform_(input, source, report_);
    if (opts_.explain) explain(source);
    if (opts_.check) {
      if (result != input) {
        std::size_t at = 0;
        while (at < input.size() && at < result.size() && input[at] == result[at]) ++at;
        ++totals_.findings;
        if (!opts_.quiet) {
          std::string where = source.location;
          if (!opts_.jsonl) where += ":" + std::to_string(line_of(input, at));
          diagnose(where, std::string(check_message_));
        }
      }
      return;
    }
    ++totals_.documents_out;
    totals_.bytes_out += result.size();
    emit_document(result);
  }

  void explain(const Source& source) {
    for (const Change& c : report_.changes()) {
      std::string where = source.location;
      if (c.line && !opts_.jsonl) where += ":" + std::to_string(c.line);
      if (opts_.json) {
        std::string line = json_line({{"type", json_quote("change")},
                                      {"location", json_quote(source.location)},
                                      {"line", std::to_string(c.line)},
                                      {"stage", json_quote(c.stage)},
                                      {"kind", json_quote(c.kind)},
                                      {"detail", json_quote(c.detail)},
                                      {"score", std::to_string(c.score)}});
        std::fputs(line.c_str(), stderr);
      } else {
        std::string msg = where + ": " + c.stage + ": " + c.kind;
        if (c.score != 0) {
          char buf[32];
          std::snprintf(buf, sizeof buf, " (%.2f)", c.score);
          msg += buf;
        }
        if (!c.detail.empty()) msg += ": " + c.detail;
        std::fprintf(stderr, "%s\n", msg.c_str());
      }
    }
    report_.clear_changes();
  }

  void emit(std::string_view bytes) { out_->write(bytes); }

  void write_stats() {
    if (!opts_.stats) return;
    std::vector<std::pair<std::string, std::uint64_t>> rows = {
        {"documents_in", totals_.documents_in}, {"documents_out", totals_.documents_out},
        {"bytes_in", totals_.bytes_in},         {"bytes_out", totals_.bytes_out},
        {"failed", totals_.failed},             {"findings", totals_.findings}};
    if (opts_.stats_file.empty()) {
      for (const auto& [k, v] : rows) std::fprintf(stderr, "winnow: stats: %s %llu\n", k.c_str(), static_cast<unsigned long long>(v));
      for (const auto& [k, v] : report_.counts()) std::fprintf(stderr, "winnow: stats: %s %llu\n", k.c_str(), static_cast<unsigned long long>(v));
      return;
    }
    std::string json = "{";
    for (const auto& [k, v] : rows) json += json_quote(k) + ": " + std::to_string(v) + ", ";
    json += "\"changes\": {";
    bool first = true;
    for (const auto& [k, v] : report_.counts()) {
      json += (first ? "" : ", ") + json_quote(k) + ": " + std::to_string(v);
      first = false;
    }
    json += "}}\n";
    try {
      OutputFile f(opts_.stats_file);
      f.write(json);
      f.commit();
    } catch (const IoError& e) {
      cli::error(e.what());
      ++totals_.failed;
    }
  }

  const DocumentOptions& opts_;
  const Transform& transform_;
  std::string_view check_message_;
  Report report_;
  Totals totals_;
  OutputFile* out_ = nullptr;
};

}  // namespace

void add_document_options(std::vector<cli::Option>& options, DocumentOptions& o, const char* check_help) {
  using cli::Arg;
  options.push_back({"output", 'o', Arg::kRequired, "FILE", "write to FILE, atomically (default: standard output)",
                     [&o](const char* v) { o.output = v; }});
  options.push_back({"null-data", 'z', Arg::kNone, nullptr, "documents are separated by NUL bytes, in and out",
                     [&o](const char*) { o.null_data = true; }});
  options.push_back({"jsonl", 0, Arg::kNone, nullptr, "JSON Lines in and out; the text is in field FIELD",
                     [&o](const char*) { o.jsonl = true; }});
  options.push_back({"field", 0, Arg::kRequired, "NAME", "the JSON Lines field holding the text (default: text)",
                     [&o](const char* v) { o.field = v; }});
  if (check_help) {
    options.push_back({"check", 0, Arg::kNone, nullptr, check_help, [&o](const char*) { o.check = true; }});
  }
  options.push_back({"explain", 0, Arg::kNone, nullptr, "list every change and removal on standard error",
                     [&o](const char*) { o.explain = true; }});
  options.push_back({"json", 0, Arg::kNone, nullptr, "write diagnostics and explanations as JSON Lines",
                     [&o](const char*) { o.json = true; }});
  options.push_back({"stats", 0, Arg::kOptional, "FILE", "count documents, bytes and changes; to FILE as JSON, else to standard error",
                     [&o](const char* v) {
                       o.stats = true;
                       if (v) o.stats_file = v;
                     }});
  options.push_back({"max-bytes", 0, Arg::kRequired, "N", "skip documents larger than N bytes (K, M, G suffixes; default 64M)",
                     [&o](const char* v) { o.max_bytes = cli::parse_size("max-bytes", v); }});
  options.push_back({"quiet", 'q', Arg::kNone, nullptr, "print no diagnostics other than errors",
                     [&o](const char*) { o.quiet = true; }});
}

int run_documents(const DocumentOptions& opts, std::vector<std::string> files, const Transform& transform,
                  std::string_view check_message) {
  if (opts.jsonl && opts.null_data) throw cli::UsageError("--jsonl and -z cannot be combined");
  if (files.empty()) files.push_back("-");
  return Runner(opts, transform, check_message).run(files);
}

}  // namespace winnow::tools
