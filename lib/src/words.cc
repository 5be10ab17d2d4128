#include "words.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <memory>
#include <stdexcept>

#include "text.h"
#include "winnow/utf8.h"

namespace winnow::internal {
namespace {

using text::kAsciiWordFold;

const icu::Normalizer2& nfkc_casefold() {
  static const icu::Normalizer2* n = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* p = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || !p) throw std::logic_error("winnow: ICU NFKC_Casefold data missing");
    return p;
  }();
  return *n;
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
    spans_mark_ = out_.spans.size();
    if (len_) base_[len_++] = ' ';
    begin_ = static_cast<std::uint32_t>(len_);
    open_ = true;
  }
  char* cursor() { return base_ + len_; }
  void advance_to(char* end) { len_ = static_cast<std::size_t>(end - base_); }
  // Takes back a word start_word() opened when nothing was written to it, so that the
  // builder opens the next word itself (cancel_word() still takes back what follows).
  void drop_empty_word() {
    if (open_ && len_ == begin_) {
      len_ = mark_;
      open_ = false;
    }
  }
  // Takes back everything since start_word(), words ended since included.
  void cancel_word() {
    len_ = mark_;
    out_.spans.resize(spans_mark_);
    open_ = false;
  }
  std::size_t count() const { return out_.spans.size(); }
  bool open() const { return open_; }
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
  std::size_t mark_ = 0, spans_mark_ = 0;
};

// The size of the separator at TEXT[I], or 0 when a token starts there. Besides ASCII
// punctuation and spaces, NO-BREAK SPACE and the punctuation of U+2010..U+205E (dashes, curly
// quotes, ellipsis, ...) are recognised here without ICU: NFKC_Casefold maps them all to
// spaces or punctuation, and no mark composes with them, so the result is the same (a test
// checks every one of them against ICU).
std::size_t unicode_separator_size(std::string_view text, std::size_t i);

inline std::size_t separator_size(std::string_view text, std::size_t i) {
  unsigned char b = static_cast<unsigned char>(text[i]);
  if (b < 0x80) return kAsciiWordFold[b] ? 0 : 1;
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

// What a code point of NFKC_Casefold's output is to the words: a part of one, a word of its
// own, or a separator.
CodePointFold::Kind folded_kind(char32_t c) {
  if (c < 0x80) return kAsciiWordFold[c] ? CodePointFold::kWord : CodePointFold::kSeparator;
  const std::uint8_t cls = text::char_class(c);
  if (cls & text::kUnspaced) return CodePointFold::kUnspaced;
  return cls & (text::kLetter | text::kMark | text::kNumber) ? CodePointFold::kWord : CodePointFold::kSeparator;
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
    switch (folded_kind(c)) {
      case CodePointFold::kWord:
        if (c < 0x80) {
          words.push(kAsciiWordFold[c]);
        } else {
          words.push(folded.substr(at, i - at));
        }
        break;
      case CodePointFold::kUnspaced:
        words.end();
        words.push(folded.substr(at, i - at));
        words.end();
        break;
      default:
        words.end();
    }
  }
  words.end();
}

CodePointFold make_code_point_fold(char32_t c) {
  CodePointFold f;
  if ((c >= 0xD800 && c <= 0xDFFF) || !nfkc_casefold().hasBoundaryBefore(static_cast<UChar32>(c))) return f;
  std::string in, folded;
  utf8::append(in, c);
  UErrorCode status = U_ZERO_ERROR;
  icu::StringByteSink<std::string> sink(&folded);
  nfkc_casefold().normalizeUTF8(0, icu::StringPiece(in.data(), static_cast<int32_t>(in.size())), sink, nullptr, status);
  if (U_FAILURE(status)) return f;
  // The kinds of the folded code points, as add_unicode_token() would take them.
  std::size_t pieces = 0, separators = 0, unspaced = 0;
  std::string bytes;
  for (std::size_t i = 0; i < folded.size(); ++pieces) {
    std::size_t at = i;
    char32_t d = utf8::next(folded, i);
    CodePointFold::Kind kind = folded_kind(d);
    separators += kind == CodePointFold::kSeparator;
    unspaced += kind == CodePointFold::kUnspaced;
    if (d < 0x80) {
      bytes += kAsciiWordFold[d];
    } else {
      bytes.append(folded, at, i - at);
    }
  }
  if (bytes.size() > sizeof f.bytes) return f;
  if (separators == pieces && pieces > 0) {
    f.kind = CodePointFold::kSeparator;
  } else if (separators == 0 && unspaced == 0) {
    f.kind = CodePointFold::kWord;
  } else if (pieces == 1 && unspaced == 1) {
    f.kind = CodePointFold::kUnspaced;
  } else {
    return f;
  }
  f.size = static_cast<std::uint8_t>(bytes.size());
  std::copy(bytes.begin(), bytes.end(), f.bytes);
  return f;
}

constexpr std::size_t kFoldBlock = 128;
std::atomic<const CodePointFold*> fold_blocks[(0x10FFFF + kFoldBlock) / kFoldBlock];

// Block B of the code_point_fold() table, made now if no thread has made it yet. Blocks live
// as long as the process.
const CodePointFold* fold_block(std::size_t b) {
  auto block = std::make_unique<CodePointFold[]>(kFoldBlock);
  for (std::size_t k = 0; k < kFoldBlock; ++k) {
    block[k] = make_code_point_fold(static_cast<char32_t>(b * kFoldBlock + k));
  }
  const CodePointFold* made_first = nullptr;
  if (fold_blocks[b].compare_exchange_strong(made_first, block.get(), std::memory_order_acq_rel)) {
    return block.release();
  }
  return made_first;
}

// True when the words ended before TEXT[I] are final whatever follows: TEXT ends there, or a
// code point that folds alone starts there (ASCII, or one code_point_fold() takes), so that
// nothing after it can compose with what is before.
bool settled(std::string_view text, std::size_t i) {
  if (i == text.size() || static_cast<unsigned char>(text[i]) < 0x80) return true;
  bool ok = true;
  const char32_t c = text::next_code_point(text, i, &ok);
  return ok && code_point_fold(c).kind != CodePointFold::kIcu;
}

// Folds the rest of the token at TEXT[I] by code_point_fold(), after its start in ASCII, which
// is in WORDS already, and moves I past it. False when a code point needs ICU or is ill-formed
// (I is then inside the token, and the caller takes it back and folds it through ICU). Tokens
// in other scripts went through ICU one by one, which was most of the time spent on them.
// Once WORDS holds MAX_WORDS settled words it stops, inside the token if need be: a paragraph
// in Chinese is one token.
bool fold_by_table(std::string_view text, std::size_t& i, Builder& words, std::size_t max_words) {
  words.drop_empty_word();
  const std::size_t n = text.size();
  while (i < n) {
    const unsigned char b = static_cast<unsigned char>(text[i]);
    words.reserve(1 + sizeof CodePointFold::bytes);
    if (b < 0x80) {
      if (!kAsciiWordFold[b]) break;
      words.push(kAsciiWordFold[b]);
      ++i;
      continue;
    }
    if (unicode_separator_size(text, i)) break;
    bool ok = true;
    const char32_t c = text::next_code_point(text, i, &ok);
    if (!ok) return false;
    const CodePointFold& f = code_point_fold(c);
    switch (f.kind) {
      case CodePointFold::kIcu:
        return false;
      case CodePointFold::kSeparator:
        words.end();
        break;
      case CodePointFold::kWord:
        words.push(std::string_view(f.bytes, f.size));
        break;
      case CodePointFold::kUnspaced:
        words.end();
        words.push(std::string_view(f.bytes, f.size));
        words.end();
        break;
    }
    if (words.count() >= max_words && !words.open() && settled(text, i)) return true;
  }
  words.end();
  return true;
}

// The end of the run of text from a token that ends at I on that NFKC_Casefold folds in one
// call exactly as it folds each token of the run alone: the tokens and the ASCII separators
// between them (which fold to themselves and end words either way), up to the first other
// separator (U+202A..U+202E vanish when folded and would join two words) or a token that
// starts with a character that can combine with what comes before it ("<" + U+0338 is
// U+226E). Folding a run of a hundred Cyrillic words in one call instead of a hundred cost
// half of comparison_words' time on text in other scripts. At most MAX_TOKENS more tokens
// join the run, so that comparison_words() with a limit does not fold a whole paragraph.
std::size_t foldable_run_end(std::string_view text, std::size_t i, std::size_t max_tokens) {
  const std::size_t n = text.size();
  for (std::size_t tokens = 0; i < n && tokens < max_tokens; ++tokens) {
    std::size_t j = i;
    while (j < n && static_cast<unsigned char>(text[j]) < 0x80 && !kAsciiWordFold[static_cast<unsigned char>(text[j])]) ++j;
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

const CodePointFold& code_point_fold(char32_t c) {
  const CodePointFold* block = fold_blocks[c / kFoldBlock].load(std::memory_order_acquire);
  if (!block) block = fold_block(c / kFoldBlock);
  return block[c % kFoldBlock];
}

void comparison_words(std::string_view text, Words& out, std::string& scratch, std::size_t max_words) {
  out.clear();
  Builder words(out, text.size());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n && words.count() < max_words) {
    unsigned char first = static_cast<unsigned char>(text[i]);
    if (first < 0x80 && !kAsciiWordFold[first]) {
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
    char* cursor = words.cursor();
    while (i < n && (b = static_cast<unsigned char>(p[i])) < 0x80 && (f = kAsciiWordFold[b]) != 0) {
      *cursor++ = f;
      ++i;
    }
    words.advance_to(cursor);
    if (i == n || b < 0x80 || unicode_separator_size(text, i)) {
      words.end();
      continue;
    }
    if (fold_by_table(text, i, words, max_words)) continue;
    words.cancel_word();
    while (i < n && !separator_size(text, i)) ++i;
    bool valid = false;
    const std::size_t end = foldable_run_end(text, i, max_words - words.count());
    if (end != i && utf8::valid(text.substr(start, end - start))) {
      i = end;
      valid = true;
    }
    add_unicode_token(text.substr(start, i - start), words, scratch, valid);
  }
}

}  // namespace winnow::internal
