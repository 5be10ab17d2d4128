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
  // Adds a whole ASCII word (no word may be open): the hot path.
  void push_ascii(std::string_view word) {
    if (!out_.key.empty()) out_.key.push_back(' ');
    const std::size_t begin = out_.key.size();
    out_.key.resize(begin + word.size());
    char* dst = out_.key.data() + begin;
    for (std::size_t k = 0; k < word.size(); ++k) dst[k] = kAsciiFold[static_cast<unsigned char>(word[k])];
    out_.spans.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(word.size())});
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
};

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
  Builder words(out);
  std::size_t i = 0, n = text.size();
  while (i < n) {
    unsigned char b = static_cast<unsigned char>(text[i]);
    if (b < 0x80 && !kAsciiFold[b]) {
      words.end();
      ++i;
      continue;
    }
    // A token runs to the next ASCII separator; it is folded by table when it is ASCII.
    std::size_t start = i;
    bool ascii = true;
    while (i < n) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c < 0x80 && !kAsciiFold[c]) break;
      ascii &= c < 0x80;
      ++i;
    }
    if (ascii) {
      words.push_ascii(text.substr(start, i - start));
    } else {
      words.end();
      add_unicode_token(text.substr(start, i - start), words, scratch);
    }
  }
  words.end();
}

}  // namespace winnow::internal
