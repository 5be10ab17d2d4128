// winnow/report.h: what the stages did to a document, for --explain and --stats.
//
// Nothing is lost silently: every stage that removes or changes text records it here. Counting
// is always on and cheap; the per-change details (line, text, score) are kept only when the
// caller asks for them (explain), so the hot path does not build strings it will throw away.
// A Report belongs to one thread; merge() combines the counts of several.
//
// A Report also adds up the time each stage took (StageTimer), for --stats. That is the only
// clock in the pipeline, and it only ever reaches the statistics, never the text.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

struct Change {
  std::string stage;   // "fix", "strip", "dedupe", "norm", "extract", "decode"
  std::string kind;    // what was done or why it was dropped, e.g. "newsletter", "mojibake"
  std::uint32_t line;  // 1-based line of the source document, 0 when not known
  std::string detail;  // the affected text (shortened) or the steps taken
  double score;        // classifier score when there is one, else 0
};

class Report {
 public:
  explicit Report(bool keep_details = false) : keep_details_(keep_details) {}

  bool keep_details() const { return keep_details_; }

  // Counts one change of STAGE/KIND and, when details are kept, records it.
  void add(std::string_view stage, std::string_view kind, std::uint32_t line = 0,
           std::string_view detail = {}, double score = 0);
  // Counts N changes of STAGE/KIND made at once (e.g. three spaces of one block) and, when
  // details are kept, records them as one change.
  void add_many(std::string_view stage, std::string_view kind, std::uint64_t n, std::uint32_t line,
                std::string_view detail);
  // Adds N to a counter without a detail record (e.g. bytes, or a fix applied N times).
  void count(std::string_view stage, std::string_view kind, std::uint64_t n = 1);

  // Adds NANOSECONDS to the time spent in STAGE.
  void add_time(std::string_view stage, std::uint64_t nanoseconds);

  // "stage/kind" -> count, sorted by key so that output is deterministic.
  const std::map<std::string, std::uint64_t>& counts() const { return counts_; }
  // "stage" -> nanoseconds spent in it (summed over threads after merge()).
  const std::map<std::string, std::uint64_t, std::less<>>& times() const { return times_; }
  const std::vector<Change>& changes() const { return changes_; }

  void merge(const Report& other);
  void clear_changes() { changes_.clear(); }

 private:
  bool keep_details_;
  std::map<std::string, std::uint64_t> counts_;
  std::map<std::string, std::uint64_t, std::less<>> times_;
  std::vector<Change> changes_;
};

// Times one stage from construction to destruction into REPORT (nothing when it is null):
//   { StageTimer t(report, "decode"); decoded = decode(bytes, options.decode); }
class StageTimer {
 public:
  StageTimer(Report* report, std::string_view stage)
      : report_(report), stage_(stage), start_(report ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{}) {}
  ~StageTimer() {
    if (!report_) return;
    auto elapsed = std::chrono::steady_clock::now() - start_;
    report_->add_time(stage_, static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(elapsed).count()));
  }
  StageTimer(const StageTimer&) = delete;
  StageTimer& operator=(const StageTimer&) = delete;

 private:
  Report* report_;
  std::string_view stage_;
  std::chrono::steady_clock::time_point start_;
};

// Shortens TEXT to at most MAX code points for a report line, marking the cut with "...";
// newlines become spaces. Valid UTF-8 in, valid UTF-8 out.
std::string excerpt(std::string_view text, std::size_t max = 80);

}  // namespace winnow
