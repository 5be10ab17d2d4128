#include "text.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <memory>

namespace winnow::internal::text {
namespace {

std::uint8_t classify(char32_t c) {
  const auto cp = static_cast<UChar32>(c);
  const std::uint32_t category = U_MASK(u_charType(cp));
  std::uint8_t bits = 0;
  if (category & U_GC_L_MASK) bits |= kLetter;
  if (category & U_GC_M_MASK) bits |= kMark;
  if (category & U_GC_ND_MASK) bits |= kDecimal;
  if (category & U_GC_N_MASK) bits |= kNumber;
  if (category & U_GC_LU_MASK) bits |= kUpper;
  if (category & U_GC_LL_MASK) bits |= kLower;
  if (u_isUWhiteSpace(cp)) bits |= kWhite;
  if (c >= 0x0E00) {
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(cp, &status);
    if (u_hasBinaryProperty(cp, UCHAR_IDEOGRAPHIC) ||
        (U_SUCCESS(status) && (script == USCRIPT_HIRAGANA || script == USCRIPT_KATAKANA || script == USCRIPT_THAI))) {
      bits |= kUnspaced;
    }
  }
  return bits;
}

// Three ICU look-ups per code point were most of the cost of folding text
// outside ASCII; the plane's 64 Ki classes take 64 KiB.
const std::array<std::uint8_t, 0x10000>& bmp_classes() {
  static const std::unique_ptr<std::array<std::uint8_t, 0x10000>> table = [] {
    auto t = std::make_unique<std::array<std::uint8_t, 0x10000>>();
    for (char32_t c = 0; c < 0x10000; ++c) (*t)[c] = classify(c);
    return t;
  }();
  return *table;
}

// The simple case folds of the plane; 0 where ICU is to be asked (a fold beyond the plane).
const std::array<char16_t, 0x10000>& bmp_folds() {
  static const std::unique_ptr<std::array<char16_t, 0x10000>> table = [] {
    auto t = std::make_unique<std::array<char16_t, 0x10000>>();
    for (char32_t c = 0; c < 0x10000; ++c) {
      const UChar32 f = u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT);
      (*t)[c] = f >= 0 && f < 0x10000 ? static_cast<char16_t>(f) : 0;
    }
    return t;
  }();
  return *table;
}

}  // namespace

const BmpTables& bmp_tables() {
  static const BmpTables t{bmp_classes().data(), bmp_folds().data()};
  return t;
}

std::uint8_t char_class(char32_t c) { return c < 0x10000 ? bmp_classes()[c] : classify(c); }

char32_t fold_case(char32_t c) {
  if (c < 0x10000) {
    if (const char16_t f = bmp_folds()[c]; f != 0 || c == 0) return f;
  }
  return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
}

}  // namespace winnow::internal::text
