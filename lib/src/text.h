// text.h: the character and token rules that several stages share. Internal.
//
// One place for what a character is (letter, mark, digit, white space, a script
// written without spaces) and for the FNV-1a hash that keys words and lines.
// Everything here is pure, needs no locale and is thread-safe: the character
// table is built once, from ICU, on first use.
//
// Two rules for "written without spaces" exist on purpose, because strip and
// dedupe were built on different ones and their output must not change (see
// unspaced_for_dedupe and unspaced_for_strip). They agree on Han ideographs,
// hiragana and katakana; they disagree on:
//   - Thai letters (dedupe: one word each; strip: words of ordinary letters);
//   - U+3005 IDEOGRAPHIC ITERATION MARK, U+3031..U+3035 and U+303B, U+30FC and
//   U+FF70
//     PROLONGED SOUND MARK, U+FF9E..U+FF9F, Bopomofo and Hangul compatibility
//     jamo (strip only);
//   - Tangut, Khitan, Nushu, the kana supplements and CJK extensions G and H
//   (dedupe only).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "winnow/utf8.h"

namespace winnow::internal::text {

// The classes of a code point, as bits. Ill-formed input never reaches here:
// callers decode with utf8::next, which yields U+FFFD (a symbol: no bit set)
// for ill-formed bytes.
enum CharClass : std::uint8_t {
  kLetter = 1,      // general category L
  kMark = 2,        // general category M
  kDecimal = 4,     // general category Nd
  kNumber = 8,      // general category N (Nd, Nl, No)
  kUpper = 16,      // general category Lu
  kLower = 32,      // general category Ll
  kWhite = 64,      // White_Space
  kUnspaced = 128,  // written without spaces, dedupe's rule (see unspaced_for_dedupe)
};

// The CharClass bits of C: a table look-up for the Basic Multilingual Plane,
// ICU beyond it.
std::uint8_t char_class(char32_t c);

// Dedupe's rule: code points from U+0E00 on that are Ideographic, or of the
// Hiragana, Katakana or Thai script. Each is a word of its own.
inline bool unspaced_for_dedupe(char32_t c) { return char_class(c) & kUnspaced; }

// Strip's rule, by block ranges (the caller also asks for a letter): CJK
// radicals to unified ideographs (U+2E80..U+9FFF, with kana, Bopomofo and
// Hangul compatibility jamo), compatibility ideographs, the supplementary
// ideographs (U+20000..U+2FA1F) and halfwidth katakana.
inline bool unspaced_for_strip(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F) ||
         (c >= 0xFF66 && c <= 0xFF9F);
}

// A byte of an ASCII word as the tokenisers fold it (letters to lower case, digits as they
// are), 0 for every other byte, those of other code points included: one look-up both tests
// and folds a byte.
constexpr std::array<char, 256> kAsciiWordFold = [] {
  std::array<char, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = static_cast<char>(c);
  for (int c = 'a'; c <= 'z'; ++c) t[c] = static_cast<char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = static_cast<char>(c - 'A' + 'a');
  return t;
}();

// u_foldCase(C, U_FOLD_CASE_DEFAULT): simple case folding, by a table for the Basic
// Multilingual Plane (an ICU call per code point was a fifth of strip's time on text in
// other scripts).
char32_t fold_case(char32_t c);

// The tables behind char_class and fold_case for the Basic Multilingual Plane, for loops that
// look up every code point: fetched once, then read inline, without a call per code point.
struct BmpTables {
  const std::uint8_t* classes;
  const char16_t* folds;  // 0 where fold_case asks ICU (and for U+0000 itself)

  std::uint8_t char_class(char32_t c) const { return c < 0x10000 ? classes[c] : text::char_class(c); }
  char32_t fold_case(char32_t c) const {
    if (c < 0x10000) {
      if (const char16_t f = folds[c]; f != 0 || c == 0) return f;
    }
    return text::fold_case(c);
  }
};
const BmpTables& bmp_tables();

// utf8::next, with the well-formed two- and three-byte forms decoded inline: the tokenisers
// take text in other scripts one code point at a time.
inline char32_t next_code_point(std::string_view s, std::size_t& i, bool* ok = nullptr) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char b0 = p[i];
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < s.size() && (p[i + 1] & 0xC0) == 0x80) {
    const char32_t c = (char32_t{b0} & 0x1F) << 6 | (p[i + 1] & 0x3F);
    i += 2;
    return c;
  }
  // E0 and ED restrict their second byte (no overlong forms, no surrogates): left to next().
  if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && i + 2 < s.size() && (p[i + 1] & 0xC0) == 0x80 &&
      (p[i + 2] & 0xC0) == 0x80) {
    const char32_t c = (char32_t{b0} & 0x0F) << 12 | (char32_t{p[i + 1]} & 0x3F) << 6 | (p[i + 2] & 0x3F);
    i += 3;
    return c;
  }
  return utf8::next(s, i, ok);
}

// FNV-1a, 64 bits: the hash of a folded word. Stable across runs and platforms
// (it keys the site-model files).
constexpr std::uint64_t kFnvOffset = 14695981039346656037ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

constexpr std::uint64_t fnv1a_byte(std::uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }

inline std::uint64_t fnv1a(std::string_view s, std::uint64_t h = kFnvOffset) {
  for (unsigned char c : s) h = fnv1a_byte(h, c);
  return h;
}

// Combines the hash of one more word into the hash of a line.
constexpr std::uint64_t fnv1a_mix(std::uint64_t h, std::uint64_t word) { return (h ^ word) * kFnvPrime; }

}  // namespace winnow::internal::text
