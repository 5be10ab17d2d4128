#include "winnow/report.h"

#include "winnow/utf8.h"

namespace winnow {

void Report::add(std::string_view stage, std::string_view kind, std::uint32_t line,
                 std::string_view detail, double score) {
  count(stage, kind, 1);
  if (keep_details_) {
    changes_.push_back(Change{std::string(stage), std::string(kind), line, std::string(detail), score});
  }
}

void Report::add_many(std::string_view stage, std::string_view kind, std::uint64_t n, std::uint32_t line,
                      std::string_view detail) {
  count(stage, kind, n);
  if (keep_details_) changes_.push_back(Change{std::string(stage), std::string(kind), line, std::string(detail), 0});
}

void Report::count(std::string_view stage, std::string_view kind, std::uint64_t n) {
  std::string key;
  key.reserve(stage.size() + kind.size() + 1);
  key.append(stage).append("/").append(kind);
  counts_[key] += n;
}

void Report::add_time(std::string_view stage, std::uint64_t nanoseconds) {
  auto it = times_.find(stage);
  if (it == times_.end()) it = times_.emplace(std::string(stage), 0).first;
  it->second += nanoseconds;
}

void Report::merge(const Report& other) {
  for (const auto& [k, v] : other.counts_) counts_[k] += v;
  for (const auto& [k, v] : other.times_) times_[k] += v;
  if (keep_details_) changes_.insert(changes_.end(), other.changes_.begin(), other.changes_.end());
}

std::string excerpt(std::string_view text, std::size_t max) {
  std::string out;
  std::size_t i = 0, n = 0;
  bool space = false;
  while (i < text.size()) {
    std::size_t at = i;
    char32_t c = utf8::next(text, i);
    if (c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (n == max) {
      out += "...";
      return out;
    }
    if (space && !out.empty()) {
      out.push_back(' ');
      ++n;
    }
    space = false;
    if (c == utf8::kReplacement) {
      utf8::append(out, c);
    } else {
      out.append(text.substr(at, i - at));
    }
    ++n;
  }
  return out;
}

}  // namespace winnow
