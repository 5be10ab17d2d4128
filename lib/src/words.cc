#include "words.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
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

// Writes the words into OUT.key through a raw cursor: the key is sized once for the whole
// text (an ASCII word takes no more bytes than it has in the text, and the space before it
// stands for at least one separator byte), grown only when NFKC expands a token, and cut to
// its length at the end. (A push_back per byte, with its capacity check and terminator, was
// a third of comparison_words' time.)
class Builder {
 public:
  Builder(Words& out, std::size_t text_size) : out_(out) {
    out_.key.resize(text_size + 1);
    base_ = out_.key.data();
  }
  ~Builder() { out_.key.resize(len_); }

  // Room for EXTRA more bytes.
  void reserve(std::size_t extra) {
    if (len_ + extra <= out_.key.size()) return;
    out_.key.resize(std::max(out_.key.size() * 2, len_ + extra));
    base_ = out_.key.data();
  }
  void push(char c) {
    if (!open_) {
      if (len_) base_[len_++] = ' ';
      begin_ = static_cast<std::uint32_t>(len_);
      open_ = true;
    }
    base_[len_++] = c;
  }
  void push(std::string_view bytes) {
    for (char c : bytes) push(c);
  }
  // The hot path for ASCII words: start_word(), the bytes written at cursor(), advance_to()
  // past them, then end(), or cancel_word() to take back what was appended.
  void start_word() {
    mark_ = len_;
    if (len_) base_[len_++] = ' ';
    begin_ = static_cast<std::uint32_t>(len_);
    open_ = true;
  }
  char* cursor() { return base_ + len_; }
  void advance_to(char* end) { len_ = static_cast<std::size_t>(end - base_); }
  void cancel_word() {
    len_ = mark_;
    open_ = false;
  }
  void end() {
    if (!open_) return;
    out_.spans.push_back({begin_, static_cast<std::uint32_t>(len_ - begin_)});
    open_ = false;
  }

 private:
  Words& out_;
  char* base_;
  std::size_t len_ = 0;
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
  return b == 0xC2 || b == 0xE2 ? unicode_separator_size(text, i) : 0;  // the lead bytes of the separators
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

// Folds a token holding non-ASCII bytes, or a run of tokens (foldable_run_end), and adds
// its words.
void add_unicode_token(std::string_view token, Builder& words, std::string& scratch, bool known_valid) {
  std::string valid;
  if (!known_valid && !utf8::valid(token)) {
    valid = utf8::sanitize(token);
    token = valid;
  }
  scratch.clear();
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&scratch);
  nfkc_casefold().normalizeUTF8(0, icu::StringPiece(token.data(), static_cast<int32_t>(token.size())), sink, nullptr,
                                status);
  std::string_view folded = U_SUCCESS(status) ? std::string_view(scratch) : token;
  // Each code point of FOLDED takes at most its bytes and a space.
  words.reserve(2 * folded.size() + 1);
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

// The end of the run of text from a token that ends at I on that NFKC_Casefold folds in one
// call exactly as it folds each token of the run alone: the tokens and the ASCII separators
// between them (which fold to themselves and end words either way), up to the first other
// separator (U+202A..U+202E vanish when folded and would join two words) or a token that
// starts with a character that can combine with what comes before it ("<" + U+0338 is
// U+226E). Folding a run of a hundred Cyrillic words in one call instead of a hundred cost
// half of comparison_words' time on text in other scripts.
std::size_t foldable_run_end(std::string_view text, std::size_t i) {
  const std::size_t n = text.size();
  while (i < n) {
    std::size_t j = i;
    while (j < n && static_cast<unsigned char>(text[j]) < 0x80 && !kAsciiFold[static_cast<unsigned char>(text[j])]) ++j;
    if (j == i || j == n) return i;
    if (static_cast<unsigned char>(text[j]) >= 0x80) {
      if (unicode_separator_size(text, j)) return i;
      std::size_t at = j;
      if (!nfkc_casefold().hasBoundaryBefore(static_cast<UChar32>(utf8::next(text, at)))) return i;
    }
    while (j < n && !separator_size(text, j)) ++j;
    i = j;
  }
  return i;
}

}  // namespace

void comparison_words(std::string_view text, Words& out, std::string& scratch) {
  out.clear();
  Builder words(out, text.size());
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
    words.reserve(1 + n - i);  // a no-op unless NFKC expanded an earlier token
    words.start_word();
    unsigned char b = 0;
    char f = 0;
    // In locals: a store through a char pointer may alias any member, which kept the
    // compiler reloading the builder's cursor for every byte.
    const char* p = text.data();
    char* out = words.cursor();
    while (i < n && (b = static_cast<unsigned char>(p[i])) < 0x80 && (f = kAsciiFold[b]) != 0) {
      *out++ = f;
      ++i;
    }
    words.advance_to(out);
    if (i == n || b < 0x80 || unicode_separator_size(text, i)) {
      words.end();
      continue;
    }
    words.cancel_word();
    while (i < n && !separator_size(text, i)) ++i;
    bool valid = false;
    if (std::size_t end = foldable_run_end(text, i); end != i && utf8::valid(text.substr(start, end - start))) {
      i = end;
      valid = true;
    }
    add_unicode_token(text.substr(start, i - start), words, scratch, valid);
  }
}

}  // namespace winnow::internal
