#include "runner.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "corpus_tree.h"
#include "diagnostic_json.h"
#include "progress.h"
#include "winnow/atomic_file.h"
#include "winnow/binary.h"
#include "winnow/input.h"
#include "winnow/utf8.h"
#include "winnow/warc.h"

namespace winnow::tools {
namespace {

// Documents go to the workers in batches, so that threads hand over work (and wake each
// other) once per batch rather than once per document: a batch closes at 32 documents or
// 1 MiB of input. The window of batches in flight (read, maybe transformed, not yet written)
// holds at most 4 batches or 16 MiB of input a worker.
constexpr std::size_t kBatchDocuments = 32;
constexpr std::uint64_t kBatchBytes = std::uint64_t{1} << 20;
constexpr std::size_t kBatchesPerWorker = 4;
constexpr std::uint64_t kBytesPerWorker = std::uint64_t{16} << 20;

struct Totals {
  std::uint64_t documents_in = 0, documents_out = 0, bytes_in = 0, bytes_out = 0, failed = 0, findings = 0;
};

// One step of the run, in input order. The reader fills in what it read; a worker, for the
// kinds that need one, transforms it; the writer then takes the steps strictly in order.
struct Task {
  enum class Kind : std::uint8_t {
    kDocument,  // INPUT is one document
    kJsonLine,  // INPUT is one JSON Lines record
    kWarc,      // INPUT is the block of a WARC response record (an HTTP response)
    kNote,      // nothing to transform: MESSAGES and the counts are the whole of it
    kEmpty,     // EMPTIES empty documents (-z) or blank lines (--jsonl), passed through as they are
    kOpen,      // -r: the output of the next input is PATH
    kClose,     // the end of an input; FAILED when it could not be read to the end
  };
  Kind kind = Kind::kNote;
  std::string location, input, path;
  std::string file;                  // the input as given, and the document's number in it
  std::uint64_t record = 0;
  std::string name;                  // FILE as shown ("(standard input)")
  bool framed = false;               // one of several documents of FILE: LOCATION names RECORD
  std::string url, date, id;         // kWarc: the record's WARC-Target-URI, WARC-Date, WARC-Record-ID
  std::uint64_t progress_bytes = 0;  // input bytes read when the reader made this task
  std::uint64_t sequence = 0;        // the task's place in input order (set by submit)
  std::uint64_t empties = 0;         // kEmpty
  std::string output, messages;      // what to write to the output and to stderr
  Totals totals;

  bool needs_worker() const { return kind == Kind::kDocument || kind == Kind::kJsonLine || kind == Kind::kWarc; }
};

// Consecutive tasks, transformed by one worker and written together.
struct Batch {
  std::vector<Task> tasks;
  std::uint64_t bytes = 0;  // the size of the tasks' input when read
  bool done = false;        // guarded by Runner::mu_ once the batch is in the window
};

// 1-based line of byte offset AT in TEXT.
std::uint64_t line_of(std::string_view text, std::size_t at) {
  std::uint64_t line = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) line += text[i] == '\n';
  return line;
}

const char* const kWarcTypes[] = {"warcinfo", "request",    "metadata",    "revisit",
                                  "resource", "conversion", "continuation"};

std::string format_seconds(std::uint64_t nanoseconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", static_cast<double>(nanoseconds) / 1e9);
  return buf;
}

class Runner {
 public:
  Runner(const DocumentOptions& opts, const Transform& transform, std::string_view check_message)
      : opts_(opts),
        transform_(transform),
        check_message_(check_message),
        report_(false),
        reports_(opts.jobs, Report(opts.explain)) {}

  ~Runner() { stop_workers(); }

  int run(const std::vector<std::string>& files) {
    auto start = std::chrono::steady_clock::now();
    std::vector<TreeEntry> entries;
    if (opts_.recursive) {
      entries = list_tree(files, opts_.check ? "" : opts_.output);
    } else {
      for (const std::string& f : files) entries.push_back({f, {}, {}});
    }
    std::uint64_t total = 0;
    for (const TreeEntry& e : entries) {
      struct stat st;
      if (e.input.empty()) continue;
      if (e.input == "-" || stat(e.input.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        total = 0;  // a pipe or a missing file: the total is not known
        break;
      }
      total += static_cast<std::uint64_t>(st.st_size);
    }
    // No bar over text that goes to the same terminal.
    bool text_on_terminal = !opts_.check && opts_.output == "-" && isatty(STDOUT_FILENO);
    progress_.emplace(stderr, !opts_.quiet && isatty(STDERR_FILENO) && !text_on_terminal, total);

    try {
      if (!opts_.check && !opts_.recursive) out_ = std::make_unique<OutputFile>(opts_.output);
    } catch (const IoError& e) {
      cli::error(e.what());
      return 2;
    }
    for (unsigned i = 0; opts_.jobs > 1 && i < opts_.jobs; ++i) {
      threads_.emplace_back([this, i] { work_loop(reports_[i]); });
    }

    for (const TreeEntry& entry : entries) {
      if (fatal_) break;
      if (!entry.error.empty()) {
        Task note;
        note.messages = diagnostic(entry.error);
        note.totals.failed = 1;
        submit(std::move(note));
        continue;
      }
      read_file(entry);
    }
    flush();
    drain(0);
    stop_workers();
    progress_->clear();
    if (fatal_) return 2;
    // An input that cannot be read makes the output incomplete: it is then not committed, so a
    // make target is never left looking up to date. Bad records inside a readable input are
    // reported and skipped, and the output of the others is kept.
    try {
      if (out_ && (!input_failed_ || opts_.output == "-")) out_->commit();
    } catch (const IoError& e) {
      cli::error(e.what());
      return 2;
    }
    for (const Report& r : reports_) report_.merge(r);
    auto elapsed = std::chrono::steady_clock::now() - start;
    write_stats(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()));
    if (totals_.failed) return 2;
    return totals_.findings ? 1 : 0;
  }

 private:
  // ---- diagnostics (any thread: they only build strings)

  // MESSAGE about PLACE, shown as LOCATION ("FILE", "FILE:LINE", "FILE#N"), in the text form or
  // the JSON schema of diagnostic_json.h.
  std::string diagnostic(const Place& place, const std::string& location, const std::string& message,
                         std::string_view type = "error") const {
    if (opts_.json) return diagnostic_json(type, place, {{"message", json_text(message)}});
    return "winnow: " + cli::escape(location) + ": " + cli::escape(message) + "\n";
  }
  // About a whole input, or a file named by an IoError.
  std::string diagnostic(const std::string& location, const std::string& message, std::string_view type = "error") const {
    return diagnostic(Place{location}, location, message, type);
  }
  // About one document.
  std::string diagnostic(const Task& t, const std::string& message, std::string_view type = "error") const {
    return diagnostic(place_of(t), t.location, message, type);
  }
  // Something done to a document that did not stop it (-q silences it).
  std::string warning(const Task& t, const std::string& message) const {
    return opts_.quiet ? std::string() : diagnostic(t, message, "warning");
  }
  // TEXT is "SUBJECT: MESSAGE" already.
  std::string diagnostic(const std::string& text) const {
    std::size_t colon = text.find(": ");
    if (opts_.json && colon != std::string::npos) return diagnostic(text.substr(0, colon), text.substr(colon + 2));
    return "winnow: " + cli::escape(text) + "\n";
  }

  // Where document T is, for the JSON schema: its file as shown, and its record number when it
  // is one of several in the file.
  static Place place_of(const Task& t) { return Place{t.name, t.framed ? t.record : 0}; }

  std::string explanation(const Task& t, Report& report) const {
    std::string out;
    for (const Change& c : report.changes()) {
      std::string where = t.location;
      if (c.line && !opts_.jsonl) where += ":" + std::to_string(c.line);
      if (opts_.json) {
        Place place = place_of(t);
        place.line = c.line;
        boost::json::object members = {
            {"stage", json_text(c.stage)}, {"kind", json_text(c.kind)}, {"detail", json_text(c.detail)}};
        if (c.score != 0) members["score"] = std::round(c.score * 1000) / 1000;  // as --explain's text shows it
        out += diagnostic_json("change", place, std::move(members));
      } else {
        std::string line = where + ": " + c.stage + ": " + c.kind;
        if (c.score != 0) {
          char buf[32];
          std::snprintf(buf, sizeof buf, " (%.2f)", c.score);
          line += buf;
        }
        if (!c.detail.empty()) line += ": " + c.detail;
        out += cli::escape(line) + "\n";  // the detail quotes the text, which may hold escapes
      }
    }
    report.clear_changes();
    return out;
  }

  // ---- reading (the main thread)

  void read_file(const TreeEntry& entry) {
    if (opts_.recursive && !opts_.check) {
      Task open;
      open.kind = Task::Kind::kOpen;
      open.path = entry.output;
      submit(std::move(open));
    }
    Task close;
    close.kind = Task::Kind::kClose;
    std::uint64_t size = 0;
    try {
      Input in(entry.input);
      const std::string name = entry.input == "-" ? "(standard input)" : entry.input;
      if (refuse_binary_input(in, name, close)) {
        // reported; nothing of it is read
      } else if (looks_like_warc(in.peek(8))) {
        read_warc(in, name);
      } else {
        read_documents(in, name);
      }
      if (in.trailing_garbage()) {  // like zcat: reported, and what was read is still written
        Task note;
        note.messages = diagnostic(name, Input::kTrailingGarbage);
        note.totals.failed = 1;
        submit(std::move(note));
      }
      size = in.offset();
    } catch (const IoError& e) {
      close.messages = diagnostic(e.subject(), e.message());
      close.totals.failed = 1;
    }
    bytes_read_ += size;
    close.progress_bytes = bytes_read_;
    submit(std::move(close));
  }

  // An input that starts with the magic number of a binary format (after gzip or zstd is
  // undone) is reported and not read: one diagnostic, not a document of mojibake (or, with
  // --jsonl, a line of errors). With -r it gets no output (CLOSE fails); otherwise the other
  // inputs are still written.
  bool refuse_binary_input(Input& in, const std::string& name, Task& close) {
    if (opts_.text) return false;
    std::string_view format = binary_magic(in.peek(1 << 16));
    if (format.empty()) return false;
    Task note;
    note.messages = diagnostic(name, binary_message(format));
    note.totals = {.documents_in = 1, .failed = 1};
    report_.count("input", "binary");
    submit(std::move(note));
    if (opts_.recursive) close.totals.failed = 1;
    return true;
  }

  static std::string binary_message(std::string_view format) {
    if (is_unread_compression(format)) return std::string(format) + ", skipped (only gzip and zstd are read)";
    return "binary data (" + std::string(format) + "), skipped";
  }

  // A document (or WARC payload) that binary_format() calls binary is reported and skipped.
  bool refuse_binary_document(Task& t, std::string_view input, Report& report) {
    if (opts_.text) return false;
    std::string_view format = binary_format(input);
    if (format.empty()) return false;
    t.messages += diagnostic(t, binary_message(format));
    t.totals.failed = 1;
    report.count("input", "binary");
    return true;
  }

  void read_documents(Input& in, const std::string& name) {
    Framing framing = opts_.jsonl ? Framing::kLines : opts_.null_data ? Framing::kNul : Framing::kWhole;
    std::string record;
    bool oversized = false;
    for (;;) {
      if (std::uint64_t n = in.skip_empty_records(framing)) submit_empties(n, name, in.record_number() - n + 1);
      if (fatal_ || !in.next(record, framing, opts_.max_bytes, &oversized)) break;
      Task t;
      t.location = name;
      t.name = name;
      t.file = in.path();
      t.record = in.record_number();
      t.framed = opts_.jsonl || opts_.null_data;
      if (opts_.jsonl) t.location += ":" + std::to_string(in.record_number());
      if (opts_.null_data) t.location += "#" + std::to_string(in.record_number());
      t.progress_bytes = bytes_read_ + in.offset();
      const std::string limit = "document exceeds --max-bytes (" + std::to_string(opts_.max_bytes) + ")";
      if (oversized && opts_.truncate && !opts_.jsonl) {
        cut_at_character(record);
        t.messages = warning(t, limit + ", truncated");
        report_.count("input", "truncated");
        oversized = false;
      }
      if (oversized) {
        t.messages = diagnostic(t, limit + (opts_.jsonl ? ", replaced by an error record" : ", skipped"));
        t.totals = {.documents_in = 1, .bytes_in = record.size(), .failed = 1};
        if (opts_.jsonl && !opts_.check) t.output = json_error_record(limit);
        report_.count("input", "oversized");
      } else {
        t.kind = opts_.jsonl ? Task::Kind::kJsonLine : Task::Kind::kDocument;
        t.input = std::move(record);
      }
      submit(std::move(t));
    }
  }

  // N empty documents (-z) or blank lines (--jsonl) from record FIRST on: one task, however
  // many there are (a gzip bomb of NULs is a billion of them).
  void submit_empties(std::uint64_t n, const std::string& name, std::uint64_t first) {
    Task t;
    t.kind = Task::Kind::kEmpty;
    t.empties = n;
    if (!opts_.jsonl) {  // blank lines are not documents
      t.totals.documents_in = n;
      t.totals.documents_out = opts_.check || opts_.records ? 0 : n;  // --to-jsonl: no record for them
    }
    report_.count("input", opts_.jsonl ? "blank-lines" : "empty-documents", n);
    if (opts_.jsonl) {
      t.name = name;
      t.location = name + ":" + std::to_string(first);
      t.record = first;
      t.framed = true;
      t.messages = warning(t, n == 1 ? "blank line, passed through" : std::to_string(n) + " blank lines, passed through");
    }
    submit(std::move(t));
  }


  void read_warc(Input& in, const std::string& name) {
    WarcReader reader(in, opts_.max_bytes);
    WarcRecord rec;
    while (!fatal_ && reader.next(rec)) {
      if (!rec.framing_error.empty()) {
        Task note;
        note.messages = diagnostic(name, rec.framing_error);
        note.totals.failed = 1;
        report_.count("warc", "bad-framing");
        submit(std::move(note));
        continue;
      }
      if (rec.type != "response") {
        std::string kind = "skipped-other";
        for (const char* known : kWarcTypes) {
          if (rec.type == known) kind = std::string("skipped-") + known;
        }
        report_.count("warc", kind);
        continue;
      }
      if (rec.content_type.rfind("application/http", 0) != 0) {
        report_.count("warc", "skipped-not-http");
        continue;
      }
      Task t;
      t.location = name + "#" + std::to_string(rec.number);
      t.name = name;
      t.file = in.path();
      t.record = rec.number;
      t.framed = true;
      t.progress_bytes = bytes_read_ + in.offset();
      if (rec.oversized) {
        t.messages =
            diagnostic(t, "record exceeds --max-bytes (" + std::to_string(opts_.max_bytes) + "), skipped");
        t.totals = {.documents_in = 1, .failed = 1};
        report_.count("input", "oversized");
      } else {
        t.kind = Task::Kind::kWarc;
        t.input = std::move(rec.block);
        t.url = utf8::sanitize(rec.target_uri);
        t.date = utf8::sanitize(rec.date);
        t.id = utf8::sanitize(rec.record_id);
      }
      submit(std::move(t));
    }
  }

  // ---- the window (the main thread)

  void submit(Task&& t) {
    t.sequence = sequence_++;
    if (threads_.empty()) {
      if (t.needs_worker()) work(t, reports_[0]);
      write(t);
      return;
    }
    batch_.bytes += t.input.size();
    batch_.tasks.push_back(std::move(t));
    if (batch_.tasks.size() >= kBatchDocuments || batch_.bytes >= kBatchBytes) flush();
  }

  // Hands the open batch to the workers.
  void flush() {
    if (batch_.tasks.empty()) return;
    auto batch = std::make_unique<Batch>(std::move(batch_));
    batch_ = Batch();
    window_bytes_ += batch->bytes;
    {
      std::lock_guard<std::mutex> lock(mu_);
      queue_.push_back(batch.get());
      window_.push_back(std::move(batch));
    }
    work_cv_.notify_one();
    drain(opts_.jobs);
  }

  // Writes finished batches from the front of the window, waiting for them while the window
  // holds more than MAX_WORKERS workers' worth (0: until it is empty).
  void drain(unsigned max_workers) {
    while (!window_.empty()) {
      bool full = window_.size() > kBatchesPerWorker * max_workers || window_bytes_ > kBytesPerWorker * max_workers;
      {
        std::unique_lock<std::mutex> lock(mu_);
        if (!window_.front()->done) {
          if (!full) return;
          awaited_ = window_.front().get();
          done_cv_.wait(lock, [this] { return awaited_->done; });
          awaited_ = nullptr;
        }
      }
      std::unique_ptr<Batch> batch = std::move(window_.front());
      window_.pop_front();
      window_bytes_ -= batch->bytes;
      for (Task& t : batch->tasks) write(t);
    }
  }

  // ---- workers

  void work_loop(Report& report) {
    for (;;) {
      Batch* batch = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu_);
        work_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        batch = queue_.front();
        queue_.pop_front();
      }
      for (Task& t : batch->tasks) {
        if (t.needs_worker()) work(t, report);
      }
      bool awaited = false;
      {
        std::lock_guard<std::mutex> lock(mu_);
        batch->done = true;
        awaited = batch == awaited_;
      }
      if (awaited) done_cv_.notify_one();  // the writer waits for this one, and only for it
    }
  }

  void stop_workers() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

  void work(Task& t, Report& report) {
    try {
      switch (t.kind) {
        case Task::Kind::kDocument:
          work_document(t, report);
          break;
        case Task::Kind::kJsonLine:
          work_json(t, report);
          break;
        case Task::Kind::kWarc:
          work_warc(t, report);
          break;
        default:
          break;
      }
    } catch (const std::exception& e) {
      // Nothing a document holds should get here; if it does, it costs that document only.
      t.messages += diagnostic(t, std::string("internal error: ") + e.what() + ", document skipped");
      t.output.clear();
      t.totals.documents_out = t.totals.bytes_out = 0;
      t.totals.failed = 1;
      report.clear_changes();  // what the failed document's stages recorded explains nothing
    }
    std::string().swap(t.input);
  }

  void work_document(Task& t, Report& report) {
    t.totals.documents_in = 1;
    t.totals.bytes_in = t.input.size();
    if (refuse_binary_document(t, t.input, report)) return;
    Source source = source_of(t, nullptr, {}, opts_.records && opts_.metadata.add);
    if (!opts_.check) source.buffer = &t.input;
    if (std::optional<Result> r = process(t, t.input, source, report)) {
      if (opts_.records) {
        t.output = new_record({{"path", t.location}}, *r);
      } else {
        t.output = std::move(r->text);
        if (opts_.null_data) t.output.push_back('\0');
      }
    }
  }

  // Line N of the output is record N of the input: a record that cannot be processed is
  // reported and passed through (repaired to valid UTF-8), or, when it is not JSON, replaced
  // by an error record.
  void work_json(Task& t, Report& report) {
    JsonLine line = read_json_line(t.input, opts_.field);
    if (line.kind == JsonLine::Kind::kBlank) {
      t.messages += warning(t, line.message);
      report.count("input", "blank-lines");
      if (!opts_.check) t.output = std::move(line.output);
      return;
    }
    t.totals.documents_in = 1;
    t.totals.bytes_in = t.input.size();
    std::size_t repaired = line.repaired;
    if (line.kind != JsonLine::Kind::kText) {
      t.messages += diagnostic(t, line.message);
      t.totals.failed = 1;
      report.count("input", "bad-record");
      if (!opts_.check) t.output = std::move(line.output);
    } else if (std::optional<Result> r =
                   process(t, line.text, source_of(t, &*line.record, {}, opts_.metadata.add), report)) {
      const Metadata* meta = opts_.metadata.add && r->meta ? &*r->meta : nullptr;
      t.output = record_with_metadata(*line.record, opts_.field, r->text, meta, opts_.metadata.replace, &repaired) + "\n";
    }
    if (repaired) {
      t.messages += warning(t, std::to_string(repaired) + " invalid UTF-8 sequence(s) or lone surrogate(s) " +
                                            "in other fields replaced by U+FFFD");
      report.count("input", "repaired-json", repaired);
    }
  }

  void work_warc(Task& t, Report& report) {
    std::string error;
    std::optional<HttpResponse> http = parse_http_response(t.input, opts_.max_bytes, &error);
    if (!http) {
      t.messages += diagnostic(t, error + ", record skipped");
      t.totals.failed = 1;
      report.count("warc", "bad-record");
      return;
    }
    if (http->status < 200 || http->status > 299) {
      report.count("warc", "skipped-status");
      return;
    }
    if (http->media_type != "text/html" && http->media_type != "application/xhtml+xml") {
      report.count("warc", "skipped-non-html");
      return;
    }
    std::string().swap(t.input);
    t.totals.documents_in = 1;
    t.totals.bytes_in = http->body.size();
    if (refuse_binary_document(t, http->body, report)) return;
    Source source = source_of(t, nullptr, http->charset, opts_.metadata.add);
    source.warc = true;
    if (std::optional<Result> r = process(t, http->body, source, report)) {
      t.output = new_record({{"url", t.url}, {"crawl_date", t.date}, {"id", t.id}}, *r);
    }
  }

  // The metadata members R's record gets: none with --no-metadata or from a verb that finds
  // none, else the fields found (see metadata.h).
  std::vector<std::pair<std::string_view, std::string>> metadata_of(const Result& r) const {
    std::vector<std::pair<std::string_view, std::string>> out;
    if (!opts_.metadata.add || !r.meta) return out;
    for (auto& field : metadata_fields(*r.meta)) {
      if (!field.second.empty()) out.push_back(std::move(field));
    }
    return out;
  }

  // A new JSON Lines record: SOURCE's members (where the document came from), then FIELD with
  // R's text, then R's metadata; a metadata member takes the place of a source member of the
  // same name only with --replace-metadata (a WARC record's url is the one it was fetched from).
  std::string new_record(std::vector<std::pair<std::string_view, std::string>> source, Result& r) const {
    source.emplace_back(opts_.field, std::move(r.text));
    for (auto& field : metadata_of(r)) {
      auto same = std::find_if(source.begin(), source.end(), [&](const auto& m) { return m.first == field.first; });
      if (same == source.end()) {
        source.push_back(std::move(field));
      } else if (opts_.metadata.replace && same->first != opts_.field) {
        same->second = std::move(field.second);
      }
    }
    std::string out = "{";
    for (const auto& [name, value] : source) {
      if (out.size() > 1) out += ',';
      out += json_quote(name) + ":" + json_quote(value);
    }
    return out + "}\n";
  }

  static Source source_of(const Task& t, const JsonRecord* json, std::string_view charset, bool wants_metadata) {
    return Source{t.location, t.file, t.record, json, charset, t.sequence, wants_metadata};
  }

  // Transforms one document; returns its text unless --check (then only findings).
  std::optional<Result> process(Task& t, std::string_view input, const Source& source, Report& report) {
    Result result = transform_(input, source, report);
    if (opts_.explain) t.messages += explanation(t, report);
    if (opts_.check) {
      if (result.text != input) {
        const std::string& out = result.text;
        std::size_t at = 0;
        while (at < input.size() && at < out.size() && input[at] == out[at]) ++at;
        t.totals.findings = 1;
        if (!opts_.quiet) {
          Place place = place_of(t);
          std::string where = t.location;
          if (!opts_.jsonl) {
            place.line = line_of(input, at);
            where += ":" + std::to_string(place.line);
          }
          t.messages += diagnostic(place, where, std::string(check_message_));
        }
      }
      return std::nullopt;
    }
    t.totals.documents_out = 1;
    t.totals.bytes_out = result.text.size();
    return result;
  }

  // ---- writing (the main thread, in input order)

  void write(Task& t) {
    if (fatal_) return;
    if (!t.messages.empty()) {
      progress_->clear();
      std::fputs(t.messages.c_str(), stderr);
    }
    totals_.documents_in += t.totals.documents_in;
    totals_.documents_out += t.totals.documents_out;
    totals_.bytes_in += t.totals.bytes_in;
    totals_.bytes_out += t.totals.bytes_out;
    totals_.failed += t.totals.failed;
    totals_.findings += t.totals.findings;
    try {
      switch (t.kind) {
        case Task::Kind::kOpen: {
          std::error_code ec;
          std::filesystem::path parent = std::filesystem::path(t.path).parent_path();
          if (!parent.empty()) std::filesystem::create_directories(parent, ec);
          if (ec) throw IoError(parent.string(), ec.message());
          out_ = std::make_unique<OutputFile>(t.path);
          break;
        }
        case Task::Kind::kClose:
          if (t.totals.failed) input_failed_ = true;
          if (opts_.recursive) {
            if (out_ && !t.totals.failed) out_->commit();
            out_.reset();  // an output not committed is removed
          }
          break;
        case Task::Kind::kEmpty:
          if (out_ && !opts_.records) write_repeated(opts_.jsonl ? '\n' : '\0', t.empties);
          break;
        default:
          if (out_) out_->write(t.output);
          break;
      }
    } catch (const IoError& e) {
      progress_->clear();
      std::fputs(diagnostic(e.subject(), e.message()).c_str(), stderr);
      ++totals_.failed;
      // One output of a tree costs only its input; the one output of a stream is everything.
      if (opts_.recursive) {
        out_.reset();
      } else {
        fatal_ = true;
      }
    }
    progress_->update(totals_.documents_in, t.progress_bytes);
  }

  void write_repeated(char c, std::uint64_t n) {
    const std::string chunk(static_cast<std::size_t>(std::min<std::uint64_t>(n, 1 << 16)), c);
    for (; n > chunk.size(); n -= chunk.size()) out_->write(chunk);
    out_->write(std::string_view(chunk).substr(0, static_cast<std::size_t>(n)));
  }

  // ---- statistics

  void write_stats(std::uint64_t wall_nanoseconds) {
    if (!opts_.stats) return;
    std::vector<std::pair<std::string, std::uint64_t>> rows = {{"documents_in", totals_.documents_in},
                                                               {"documents_out", totals_.documents_out},
                                                               {"bytes_in", totals_.bytes_in},
                                                               {"bytes_out", totals_.bytes_out},
                                                               {"failed", totals_.failed},
                                                               {"findings", totals_.findings}};
    if (opts_.stats_file.empty()) {
      for (const auto& [k, v] : rows) {
        std::fprintf(stderr, "winnow: stats: %s %llu\n", k.c_str(), static_cast<unsigned long long>(v));
      }
      for (const auto& [k, v] : report_.counts()) {
        std::fprintf(stderr, "winnow: stats: %s %llu\n", k.c_str(), static_cast<unsigned long long>(v));
      }
      for (const auto& [k, v] : report_.times()) {
        std::fprintf(stderr, "winnow: stats: seconds/%s %s\n", k.c_str(), format_seconds(v).c_str());
      }
      return;
    }
    try {
      OutputFile f(opts_.stats_file);
      f.write(stats_json(rows, wall_nanoseconds));
      f.commit();
    } catch (const IoError& e) {
      cli::error(e.what());
      ++totals_.failed;
    }
  }

  // The counts "stage/kind" grouped by stage: blocks removed (stage "removed", by reason),
  // duplicates (everything the dedupe stage counted) and the changes of every other stage.
  std::string stats_json(const std::vector<std::pair<std::string, std::uint64_t>>& rows,
                         std::uint64_t wall_nanoseconds) const {
    std::uint64_t duplicates = 0;
    std::string removed, changes, stage;
    for (const auto& [key, n] : report_.counts()) {
      std::size_t slash = key.find('/');
      std::string key_stage = key.substr(0, slash), kind = key.substr(slash + 1);
      if (key_stage == "dedupe") duplicates += n;
      std::string member = json_quote(kind) + ": " + std::to_string(n);
      if (key_stage == "removed") {
        removed += (removed.empty() ? "" : ", ") + member;
        continue;
      }
      if (key_stage != stage) {
        if (!changes.empty()) changes += "}, ";
        changes += json_quote(key_stage) + ": {";
        stage = key_stage;
      } else {
        changes += ", ";
      }
      changes += member;
    }
    if (!changes.empty()) changes += "}";
    std::string json = "{\n";
    for (const auto& [k, v] : rows) json += "  " + json_quote(k) + ": " + std::to_string(v) + ",\n";
    json += "  \"duplicates\": " + std::to_string(duplicates) + ",\n";
    json += "  \"blocks_removed\": {" + removed + "},\n";
    json += "  \"changes\": {" + changes + "},\n";
    json += "  \"seconds\": {";
    for (const auto& [k, v] : report_.times()) json += json_quote(k) + ": " + format_seconds(v) + ", ";
    json += "\"total\": " + format_seconds(wall_nanoseconds) + "}\n}\n";
    return json;
  }

  const DocumentOptions& opts_;
  const Transform& transform_;
  std::string_view check_message_;
  Report report_;                // the reader's counts, then everything merged
  std::vector<Report> reports_;  // one a worker (reports_[0] without worker threads)
  Totals totals_;
  std::optional<Progress> progress_;
  std::unique_ptr<OutputFile> out_;
  bool input_failed_ = false;
  bool fatal_ = false;  // the output failed: stop
  std::uint64_t bytes_read_ = 0;
  std::uint64_t sequence_ = 0;  // the next task's place in input order

  Batch batch_;                                // the batch being filled; the main thread's only
  std::deque<std::unique_ptr<Batch>> window_;  // the main thread's only
  std::uint64_t window_bytes_ = 0;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<Batch*> queue_;  // guarded by mu_, as are Batch::done, awaited_ and stopping_
  Batch* awaited_ = nullptr;  // the batch the writer waits for, if it waits
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace

void add_document_options(std::vector<cli::Option>& options, DocumentOptions& o, const char* check_help) {
  using cli::Arg;
  options.push_back({"output", 'o', Arg::kRequired, "FILE", "write to FILE, atomically (default: standard output)",
                     [&o](const char* v) { o.output = v; }});
  options.push_back({"recursive", 'r', Arg::kNone, nullptr,
                     "FILEs are directories (or files) to mirror under the directory -o names",
                     [&o](const char*) { o.recursive = true; }});
  options.push_back({"jobs", 'j', Arg::kRequired, "N",
                     "transform N documents at a time (0: one a processor; default 1)", [&o](const char* v) {
                       char* end = nullptr;
                       unsigned long n = std::strtoul(v, &end, 10);
                       if (end == v || *end || v[0] == '-' || n > 1024) {
                         throw cli::UsageError(std::string("--jobs: not a number of threads: '") + v + "'");
                       }
                       o.jobs = n ? static_cast<unsigned>(n) : std::max(1u, std::thread::hardware_concurrency());
                     }});
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
  options.push_back({"stats", 0, Arg::kOptional, "FILE",
                     "count documents, bytes and changes; to FILE as JSON, else to standard error",
                     [&o](const char* v) {
                       o.stats = true;
                       if (v) o.stats_file = v;
                     }});
  options.push_back({"max-bytes", 0, Arg::kRequired, "N",
                     "skip documents larger than N bytes (K, M, G suffixes; default 64M)",
                     [&o](const char* v) { o.max_bytes = cli::parse_size("max-bytes", v); }});
  options.push_back({"truncate", 0, Arg::kNone, nullptr,
                     "cut documents larger than --max-bytes at the limit instead of skipping them",
                     [&o](const char*) { o.truncate = true; }});
  options.push_back({"text", 'a', Arg::kNone, nullptr,
                     "read binary data (images, executables, archives) as text, not skip it",
                     [&o](const char*) { o.text = true; }});
  options.push_back({"quiet", 'q', Arg::kNone, nullptr, "print no diagnostics other than errors",
                     [&o](const char*) { o.quiet = true; }});
}

void add_record_options(std::vector<cli::Option>& options, DocumentOptions& o) {
  options.push_back({"to-jsonl", 0, cli::Arg::kNone, nullptr,
                     "write each document as a JSON Lines record: path, text and metadata",
                     [&o](const char*) { o.records = true; }});
  add_metadata_options(options, o.metadata);
}

void cut_at_character(std::string& record) {
  // A character is at most four bytes: find the byte that would lead the last one.
  std::size_t lead = record.size();
  while (lead > 0 && record.size() - lead < 3 && (static_cast<unsigned char>(record[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead-- == 0) return;
  const unsigned char c = static_cast<unsigned char>(record[lead]);
  const std::size_t length = c >= 0xF5 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
  if (record.size() - lead >= length || !utf8::valid(std::string_view(record).substr(0, lead))) return;
  record.resize(lead);
}

int run_documents(const DocumentOptions& opts, std::vector<std::string> files, const Transform& transform,
                  std::string_view check_message) {
  if (opts.jsonl && opts.null_data) throw cli::UsageError("--jsonl and -z cannot be combined");
  if (opts.jsonl && opts.records) throw cli::UsageError("--to-jsonl reads documents, and --jsonl reads records: choose one");
  if (opts.recursive) {
    if (files.empty()) throw cli::UsageError("-r needs a directory or file to read");
    if (opts.output == "-" && !opts.check) throw cli::UsageError("-r needs -o DIR, the directory to write to");
    std::error_code ec;
    if (!opts.check && std::filesystem::exists(opts.output, ec) && !std::filesystem::is_directory(opts.output, ec)) {
      throw cli::UsageError("-r needs -o DIR, and '" + opts.output + "' is not a directory");
    }
    for (const std::string& f : files) {
      if (f == "-") throw cli::UsageError("-r reads files, not standard input");
    }
  }
  if (!opts.check) refuse_documents_run_together(opts, files);
  if (files.empty()) files.push_back("-");
  return Runner(opts, transform, check_message).run(files);
}

void refuse_documents_run_together(const DocumentOptions& opts, const std::vector<std::string>& files) {
  if (opts.recursive || opts.output == "-" || opts.jsonl || opts.null_data || opts.records || files.size() < 2) {
    return;
  }
  for (const std::string& f : files) {
    // Only a regular file is looked at: what is read from a pipe or a FIFO would be lost.
    bool warc = false;
    if (f != "-") {
      struct stat st;
      if (stat(f.c_str(), &st) != 0) continue;  // reported when it is read
      try {
        warc = S_ISREG(st.st_mode) && looks_like_warc(Input(f).peek(8));
      } catch (const IoError&) {
        continue;
      }
    }
    if (!warc) {
      throw cli::UsageError("-o " + opts.output +
                            " would run the documents of several FILEs together: give -z or --jsonl to keep "
                            "them apart, -r -o DIR for an output each, or write to standard output");
    }
  }
}

}  // namespace winnow::tools
