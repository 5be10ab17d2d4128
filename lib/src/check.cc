#include "winnow/check.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>
#include <tuple>

#include "data.h"
#include "winnow/utf8.h"

namespace winnow {
namespace {

struct CategoryRule {
  std::string_view prefix, category;
};

const std::vector<CategoryRule>& category_rules() {
  static const std::vector<CategoryRule> rules = [] {
    std::vector<CategoryRule> r;
    for (std::string_view line : data::lines("check-categories.txt")) {
      std::size_t sp = line.find(' ');
      if (sp == std::string_view::npos) throw std::logic_error("winnow: data/check-categories.txt: bad entry");
      r.push_back({line.substr(0, sp), line.substr(line.find_first_not_of(' ', sp))});
    }
    return r;
  }();
  return rules;
}

// 1-based line of the first byte where A and B differ, counted in A.
std::uint32_t first_difference_line(std::string_view a, std::string_view b) {
  std::size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < at; ++i) line += a[i] == '\n';
  return line;
}

std::size_t count_words(std::string_view text) {
  // Words are runs of letters and digits; a CJK character counts as a word of its own, since
  // those scripts do not separate words with spaces.
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t c = utf8::next(text, i);
    bool ideograph = (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF);
    bool alnum = c < 0x80 ? std::isalnum(static_cast<int>(c)) != 0 : c >= 0xC0;
    if (ideograph) {
      ++words;
      in_word = false;
    } else if (alnum) {
      if (!in_word) ++words;
      in_word = true;
    } else {
      in_word = false;
    }
  }
  return words;
}

}  // namespace

std::string_view category_of(std::string_view stage, std::string_view kind) {
  std::string key = std::string(stage) + "/" + std::string(kind);
  std::string_view best;
  std::size_t best_len = 0;
  for (const CategoryRule& rule : category_rules()) {
    if (rule.prefix.size() >= best_len && std::string_view(key).substr(0, rule.prefix.size()) == rule.prefix) {
      best = rule.category;
      best_len = rule.prefix.size();
    }
  }
  return best.empty() ? std::string_view("other") : best;
}

const std::vector<std::string>& check_categories() {
  static const std::vector<std::string> all = [] {
    std::set<std::string> s = {"duplicate-document", "near-empty", "other"};
    for (const CategoryRule& rule : category_rules()) s.emplace(rule.category);
    return std::vector<std::string>(s.begin(), s.end());
  }();
  return all;
}

std::vector<Finding> check_document(std::string_view bytes, const CheckOptions& options, std::string* cleaned_out) {
  std::vector<Finding> findings;
  Report report(true);
  std::string cleaned = clean(bytes, options.clean, &report);

  // What norm --check finds is reported once, at the first line that is not canonical; the
  // norm stage's own changes inside the pipeline would repeat it line by line.
  Decoded decoded = decode(bytes, options.clean.decode);
  std::string canonical = normalize(decoded.text, options.clean.norm);
  for (const Change& c : report.changes()) {
    if (c.stage == "norm") continue;
    std::string message = c.stage + ": " + c.kind;
    if (!c.detail.empty()) message += ": " + c.detail;
    findings.push_back({std::max<std::uint32_t>(c.line, 1), 1, std::string(category_of(c.stage, c.kind)), message});
  }
  if (canonical != decoded.text) {
    findings.push_back({first_difference_line(decoded.text, canonical), 1,
                        "noncanonical", "not in canonical form (winnow norm)"});
  }
  if (cleaned != bytes && findings.empty()) {
    // A safety net: every stage records its changes, so this means one did not.
    findings.push_back({first_difference_line(bytes, cleaned), 1, "other", "winnow clean would change this document"});
  }
  std::size_t words = count_words(cleaned);
  if (words < options.min_words) {
    findings.push_back({1, 1, "near-empty", "only " + std::to_string(words) + " words after cleaning (minimum " +
                                                std::to_string(options.min_words) + ")"});
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.line, a.column, a.category) < std::tie(b.line, b.column, b.category);
  });
  if (cleaned_out) *cleaned_out = std::move(cleaned);
  return findings;
}

}  // namespace winnow
