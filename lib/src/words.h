// words.h: the comparison form of text that both halves of dedupe use. Internal.
//
// Two texts are "the same" for dedupe when their comparison words are equal: NFKC with case
// folding (ICU's NFKC_Casefold), split at every code point that is not a letter, a mark or a
// number (so punctuation, symbols and whitespace of any kind only separate words). Ideographs,
// kana and Thai letters, which are written without spaces, count one word each so that word
// n-grams still mean something. Ill-formed UTF-8 counts as a separator.
//
// Printable ASCII takes a table-driven path; only tokens with non-ASCII bytes go through ICU.
// Thread-safe; the ICU normaliser is a process-wide immutable singleton.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::internal {

struct Words {
  std::string key;  // the words joined by single spaces
  struct Span {
    std::uint32_t begin, size;
  };
  std::vector<Span> spans;  // each word's bytes in key

  std::size_t size() const { return spans.size(); }
  std::string_view operator[](std::size_t i) const { return std::string_view(key).substr(spans[i].begin, spans[i].size); }
  void clear() {
    key.clear();
    spans.clear();
  }
};

// What comparison_words makes of one code point C when its NFKC_Casefold form does not depend
// on the text around it (ICU's hasBoundaryBefore), so that a token of such code points folds
// to the folds of its code points one by one, without ICU. From a table filled from ICU on
// first use, 128 code points at a time.
struct CodePointFold {
  enum Kind : std::uint8_t {
    kIcu,        // depends on its neighbours, folds to more than `bytes` holds, or mixes kinds
    kSeparator,  // folds to punctuation, symbols or spaces: ends a word
    kWord,       // folds to BYTES (possibly none), letters, marks and numbers: part of a word
    kUnspaced,   // folds to BYTES, an ideograph, kana or Thai letter: a word of its own
  };
  Kind kind = kIcu;
  std::uint8_t size = 0;
  char bytes[6] = {};
};
const CodePointFold& code_point_fold(char32_t c);

// Replaces OUT with the comparison words of TEXT. SCRATCH is reused between calls to avoid
// allocations on the hot path. With MAX_WORDS, it stops once OUT holds that many words (it
// may hold a few more): they are the first words of the whole text's, since a word is
// folded the same wherever the text ends after it.
void comparison_words(std::string_view text, Words& out, std::string& scratch,
                      std::size_t max_words = ~std::size_t{0});

}  // namespace winnow::internal
