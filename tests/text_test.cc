// The shared character table and hash of text.h.
#include "text.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace winnow::internal::text {
namespace {

// The table gives, for every code point, the classes ICU gives (the table
// replaced ICU calls on the hot paths of strip and dedupe, whose output must
// not change).
TEST(CharClass, AgreesWithIcuEverywhere) {
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    const std::uint32_t category = U_MASK(u_charType(c));
    const std::uint8_t got = char_class(static_cast<char32_t>(c));
    ASSERT_EQ((got & kLetter) != 0, (category & U_GC_L_MASK) != 0) << std::hex << c;
    ASSERT_EQ((got & kMark) != 0, (category & U_GC_M_MASK) != 0) << std::hex << c;
    ASSERT_EQ((got & kDecimal) != 0, (category & U_GC_ND_MASK) != 0) << std::hex << c;
    ASSERT_EQ((got & kNumber) != 0, (category & U_GC_N_MASK) != 0) << std::hex << c;
    ASSERT_EQ((got & kUpper) != 0, (category & U_GC_LU_MASK) != 0) << std::hex << c;
    ASSERT_EQ((got & kLower) != 0, (category & U_GC_LL_MASK) != 0) << std::hex << c;
    ASSERT_EQ((got & kWhite) != 0, u_isUWhiteSpace(c) != 0) << std::hex << c;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    const bool unspaced = c >= 0x0E00 && (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) || script == USCRIPT_HIRAGANA ||
                                          script == USCRIPT_KATAKANA || script == USCRIPT_THAI);
    ASSERT_EQ(unspaced_for_dedupe(static_cast<char32_t>(c)), unspaced) << std::hex << c;
  }
}

// The fold table gives ICU's simple case folding for every code point.
TEST(FoldCase, AgreesWithIcuEverywhere) {
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    ASSERT_EQ(fold_case(static_cast<char32_t>(c)), static_cast<char32_t>(u_foldCase(c, U_FOLD_CASE_DEFAULT)))
        << std::hex << c;
  }
}

// The inline decoder agrees with utf8::next on every sequence of up to three bytes drawn from
// the bytes where UTF-8's rules change, and at the end of the text.
TEST(NextCodePoint, AgreesWithUtf8Next) {
  const unsigned char bytes[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
                                 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF};
  for (unsigned char a : bytes) {
    for (unsigned char b : bytes) {
      for (unsigned char c : bytes) {
        const std::string s{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        for (std::size_t len = 1; len <= 3; ++len) {
          const std::string_view text(s.data(), len);
          std::size_t i = 0, j = 0;
          bool ok_i = true, ok_j = true;
          ASSERT_EQ(next_code_point(text, i, &ok_i), utf8::next(text, j, &ok_j)) << s;
          ASSERT_EQ(i, j) << s;
          ASSERT_EQ(ok_i, ok_j) << s;
        }
      }
    }
  }
}

// The two rules for scripts written without spaces, where they agree and where
// they differ (see text.h).
TEST(CharClass, UnspacedRules) {
  for (char32_t c : {U'\u4E2D' /* CJK ideograph */, U'\u3042' /* HIRAGANA A */, U'\u30AB' /* KATAKANA KA */,
                     U'\uFF76' /* HALFWIDTH KATAKANA KA */, U'\U00020000' /* CJK extension B */}) {
    EXPECT_TRUE(unspaced_for_dedupe(c)) << std::hex << static_cast<std::uint32_t>(c);
    EXPECT_TRUE(unspaced_for_strip(c)) << std::hex << static_cast<std::uint32_t>(c);
  }
  for (char32_t c : {U'a', U'\u0416' /* CYRILLIC ZHE */, U'\uAC00' /* HANGUL GA */}) {
    EXPECT_FALSE(unspaced_for_dedupe(c)) << std::hex << static_cast<std::uint32_t>(c);
    EXPECT_FALSE(unspaced_for_strip(c)) << std::hex << static_cast<std::uint32_t>(c);
  }
  EXPECT_TRUE(unspaced_for_dedupe(U'\u0E01'));  // THAI KO KAI
  EXPECT_FALSE(unspaced_for_strip(U'\u0E01'));
  EXPECT_FALSE(unspaced_for_dedupe(U'\u30FC'));  // KATAKANA-HIRAGANA PROLONGED SOUND MARK
  EXPECT_TRUE(unspaced_for_strip(U'\u30FC'));
  EXPECT_TRUE(unspaced_for_dedupe(U'\U00017000'));  // TANGUT IDEOGRAPH
  EXPECT_FALSE(unspaced_for_strip(U'\U00017000'));
}

// FNV-1a 64 test vectors from the reference implementation.
TEST(Fnv1a, ReferenceVectors) {
  EXPECT_EQ(fnv1a(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(fnv1a("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(fnv1a("foobar"), 0x85944171f73967e8ull);
  EXPECT_EQ(fnv1a("bar", fnv1a("foo")), fnv1a("foobar"));
}

}  // namespace
}  // namespace winnow::internal::text
