#include "winnow/metadata.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <cstddef>

#include "data.h"
#include "winnow/date.h"
#include "winnow/document.h"
#include "winnow/language.h"
#include "winnow/utf8.h"

namespace winnow {
namespace {

// How far before the article's first kept block a dateline is looked for, and how many words
// a line holding a visible date may have (a dateline, not a sentence that names a date).
constexpr std::size_t kDatelineReach = 8;
constexpr std::size_t kDatelineWords = 12;
// A byline's name ends after this many words.
constexpr std::size_t kBylineWords = 8;

std::size_t word_count(std::string_view s) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t';
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\n' && s[i] != '\t') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

bool equal_folded(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The number of words of LINE an author opener of data/boilerplate-byline.txt takes ("By",
// "Written by"), or 0 when none opens it.
std::size_t opener_words(const std::vector<std::string_view>& line) {
  static const std::vector<std::vector<std::string_view>> kOpeners = [] {
    std::vector<std::vector<std::string_view>> out;
    for (std::string_view entry : data::lines("boilerplate-byline.txt")) out.push_back(split_words(entry));
    return out;
  }();
  for (const std::vector<std::string_view>& opener : kOpeners) {
    if (opener.empty() || opener.size() >= line.size()) continue;
    std::size_t n = 0;
    while (n < opener.size() && equal_folded(opener[n], line[n])) ++n;
    if (n == opener.size()) return n;
  }
  return 0;
}

// How WORD's first letter reads in a name: 1 capitalised or from a script without case
// (Arabic, CJK), 0 lower case, -1 not a letter (a digit, a date, a separator).
int name_case(std::string_view word) {
  std::size_t i = 0;
  char32_t c = utf8::next(word, i);
  if (!u_isalpha(static_cast<UChar32>(c))) return -1;
  if (u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c))) return 1;
  return u_tolower(static_cast<UChar32>(c)) == u_toupper(static_cast<UChar32>(c)) ? 1 : 0;
}

// The name a byline line gives after its opener: capitalised words (and short lower-case
// particles between them: "van", "and", "y"), up to a date, a separator or a word in lower
// case ("publiziert am 25. September").
std::string byline_name(const std::vector<std::string_view>& words, std::size_t from) {
  std::string name;
  for (std::size_t i = from; i < words.size() && i < from + kBylineWords; ++i) {
    int c = name_case(words[i]);
    bool particle = c == 0 && words[i].size() <= 3 && i + 1 < words.size() && name_case(words[i + 1]) == 1;
    if (c != 1 && !particle) break;
    if (!name.empty()) name += ' ';
    name += words[i];
  }
  while (!name.empty() && (name.back() == ',' || name.back() == ';' || name.back() == ':')) name.pop_back();
  return name;
}

std::size_t first_article_block(const Document& doc) {
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (doc.blocks[i].kept() && doc.blocks[i].markup().dom_path != "title") return i;
  }
  return doc.blocks.size();
}

std::string byline_from_blocks(const Document& doc) {
  for (const Block& b : doc.blocks) {
    if (b.kept() || b.reason != "byline") continue;
    std::vector<std::string_view> words = split_words(b.text);
    if (std::size_t n = opener_words(words)) {
      std::string name = byline_name(words, n);
      if (!name.empty()) return name;
    }
  }
  return {};
}

// A date read from a short dropped line, or empty.
std::string visible_date(const Block& b) {
  if (b.kept() || word_count(b.text) > kDatelineWords) return {};
  return iso8601_date(b.text);
}

// The date of the dropped block nearest the article's first kept block FIRST, within REACH
// blocks, among those PICK(block, index) accepts (the one before it when two are as near).
template <typename Pick>
std::string nearest_date(const Document& doc, std::size_t first, std::size_t reach, Pick pick) {
  for (std::size_t d = 1; d <= reach; ++d) {
    for (std::size_t i : {first - d, first + d}) {
      if (i >= doc.blocks.size() || (i > first && i - first != d)) continue;  // FIRST - D wrapped round
      if (!pick(doc.blocks[i], i)) continue;
      if (std::string date = visible_date(doc.blocks[i]); !date.empty()) return date;
    }
  }
  return {};
}

std::string date_from_blocks(const Document& doc) {
  for (const Block& b : doc.blocks) {
    if (b.reason != "byline") continue;
    if (std::string d = visible_date(b); !d.empty()) return d;
  }
  std::size_t first = first_article_block(doc);
  std::string date = nearest_date(doc, first, doc.blocks.size(), [](const Block& b, std::size_t) { return b.reason == "date"; });
  if (date.empty()) date = nearest_date(doc, first, kDatelineReach, [&](const Block& b, std::size_t i) {
    return i < first && b.markup().dom_path != "title";
  });
  return date;
}

}  // namespace

void finish_metadata(Document& doc, std::string_view text) {
  Metadata& m = doc.meta;
  if (m.byline.empty()) m.byline = byline_from_blocks(doc);
  m.date = iso8601_date(m.date);
  if (m.date.empty()) m.date = date_from_blocks(doc);
  m.modified = iso8601_date(m.modified);
  if (m.language.empty()) m.language = detect_language(text).code;
}

std::vector<std::pair<std::string_view, std::string>> metadata_fields(const Metadata& m) {
  std::vector<std::pair<std::string_view, std::string>> out;
  for (auto [name, value] : {std::pair<std::string_view, const std::string*>{"title", &m.title},
                             {"byline", &m.byline},
                             {"date", &m.date},
                             {"modified", &m.modified},
                             {"url", &m.url},
                             {"site", &m.site},
                             {"description", &m.description},
                             {"lang", &m.lang},
                             {"language", &m.language}}) {
    out.emplace_back(name, *value);
  }
  return out;
}

std::string record_with_metadata(const JsonRecord& record, std::string_view field, std::string_view text,
                                 const Metadata* meta, bool replace, std::size_t* repaired) {
  std::vector<JsonRecord::Edit> edits = {{field, text, true}};
  std::vector<std::pair<std::string_view, std::string>> fields;
  if (meta) fields = metadata_fields(*meta);
  for (const auto& [name, value] : fields) {
    if (!value.empty()) edits.push_back({name, value, replace});
  }
  return record.with_strings(edits, repaired);
}

}  // namespace winnow
