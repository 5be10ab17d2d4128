#include "words.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <stdexcept>

#include "winnow/utf8.h"

namespace winnow::internal {
namespace {

// ASCII byte -> its folded form when it is part of a word, 0 when it separates words.
constexpr std::array<char, 128> kAsciiFold = [] {
  std::array<char, 128> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) t[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<char>(c - 'A' + 'a');
  return t;
}();

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || !p) throw std::runtime_error("winnow: ICU NFKC_Casefold data missing");
    return p;
  }();
  return *n;
}

bool is_word_char(char32_t c) {
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK | U_GC_N_MASK)) != 0;
}

// Scripts written without spaces between words: one code point is one word.
bool is_unspaced(char32_t c) {
  if (c < 0x0E00) return false;
  if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return true;
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  return U_SUCCESS(status) && (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA || script == USCRIPT_THAI);
}

class Builder {
 public:
  explicit Builder(Words& out) : out_(out) {}

  void push(char c) {
    if (!open_) {
      if (!out_.key.empty()) out_.key.push_back(' ');
      begin_ = static_cast<std::uint32_t>(out_.key.size());
      open_ = true;
    }
    out_.key.push_back(c);
  }
  void push(std::string_view bytes) {
    for (char c : bytes) push(c);
  }
  // The hot path for ASCII words: start_word(), append_folded() per byte, then end(), or
  // cancel_word() to take back what was appended.
  void start_word() {
    mark_ = out_.key.size();
    if (!out_.key.empty()) out_.key.push_back(' ');
    begin_ = static_cast<std::uint32_t>(out_.key.size());
    open_ = true;
  }
  void append_folded(char c) { out_.key.push_back(c); }
  void cancel_word() {
    out_.key.resize(mark_);
    open_ = false;
  }
  void end() {
    if (!open_) return;
    out_.spans.push_back({begin_, static_cast<std::uint32_t>(out_.key.size() - begin_)});
    open_ = false;
  }

 private:
  Words& out_;
  bool open_ = false;
  std::uint32_t begin_ = 0;
  std::size_t mark_ = 0;
};

// The size of the separator at TEXT[I], or 0 when a token starts there. Besides ASCII
// punctuation and spaces, NO-BREAK SPACE and the punctuation of U+2010..U+205E (dashes, curly
// quotes, ellipsis, ...) are recognised here without ICU: NFKC_Casefold maps them all to
// spaces or punctuation, and no mark composes with them, so the result is the same (a test
// checks every one of them against ICU).
std::size_t unicode_separator_size(std::string_view text, std::size_t i);

inline std::size_t separator_size(std::string_view text, std::size_t i) {
  unsigned char b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) return kAsciiFold[b] ? 0 : 1;
  return unicode_separator_size(text, i);
}

std::size_t unicode_separator_size(std::string_view text, std::size_t i) {
  unsigned char b = static_cast<unsigned char>(text[i]);
  if (i + 1 < text.size() && b == 0xC2 && static_cast<unsigned char>(text[i + 1]) == 0xA0) return 2;
  if (b == 0xE2 && i + 2 < text.size()) {
    unsigned char b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
    // U+2017 and U+203E are left to ICU: their compatibility forms hold a combining mark.
    if (b1 == 0x80 && (b2 == 0x97 || b2 == 0xBE)) return 0;
    if ((b1 == 0x80 && b2 >= 0x90 && b2 <= 0xBF) || (b1 == 0x81 && b2 >= 0x80 && b2 <= 0x9E)) return 3;
  }
  return 0;
}

// Folds a token holding non-ASCII bytes and adds its words.
void add_unicode_token(std::string_view token, Builder& words, std::string& scratch) {
  std::string valid;
  if (!utf8::valid(token)) {
    valid = utf8::sanitize(token);
    token = valid;
  }
  scratch.clear();
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&scratch);
  nfkc_casefold().normalizeUTF8(0, icu::StringPiece(token.data(), static_cast<int32_t>(token.size())), sink, nullptr,
                                status);
  std::string_view folded = U_SUCCESS(status) ? std::string_view(scratch) : token;
  for (std::size_t i = 0; i < folded.size();) {
    std::size_t at = i;
    char32_t c = utf8::next(folded, i);
    if (c < 0x80) {
      char f = kAsciiFold[c];
      if (f) {
        words.push(f);
      } else {
        words.end();
      }
    } else if (is_unspaced(c)) {
      words.end();
      words.push(folded.substr(at, i - at));
      words.end();
    } else if (is_word_char(c)) {
      words.push(folded.substr(at, i - at));
    } else {
      words.end();
    }
  }
  words.end();
}

}  // namespace

void comparison_words(std::string_view text, Words& out, std::string& scratch) {
  out.clear();
  out.key.reserve(text.size());
  Builder words(out);
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char first = static_cast<unsigned char>(text[i]);
    if (first < 0x80 && !kAsciiFold[first]) {
      ++i;
      continue;
    }
    if (first >= 0x80) {
      if (std::size_t skip = unicode_separator_size(text, i)) {
        i += skip;
        continue;
      }
    }
    // A token runs to the next separator. ASCII tokens (nearly all) are folded by table as they
    // are scanned; one with other bytes is taken again from its start through ICU.
    const std::size_t start = i;
    words.start_word();
    unsigned char b = 0;
    char f = 0;
    while (i < n && (b = static_cast<unsigned char>(text[i])) < 0x80 && (f = kAsciiFold[b]) != 0) {
      words.append_folded(f);
      ++i;
    }
    if (i == n || b < 0x80 || unicode_separator_size(text, i)) {
      words.end();
      continue;
    }
    words.cancel_word();
    while (i < n && !separator_size(text, i)) ++i;
    add_unicode_token(text.substr(start, i - start), words, scratch);
  }
}

}  // namespace winnow::internal
