#include "winnow/utf8.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "utf8_simd.h"

namespace winnow::utf8 {
namespace {

struct SanitizeCase {
  const char* name;
  std::string in, out;
  std::size_t replaced;
};

TEST(Utf8, SanitizeReplacesMaximalSubparts) {
  const SanitizeCase cases[] = {
      {"ascii", "abc", "abc", 0},
      {"two-byte e-acute", "\xC3\xA9", "\xC3\xA9", 0},
      {"four-byte emoji U+1F600", "\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", 0},
      {"lone continuation byte", "a\x80z", "a\xEF\xBF\xBDz", 1},
      {"overlong slash C0 AF", "\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD", 2},
      {"overlong E0 80 AF", "\xE0\x80\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3},
      {"CESU-8 surrogate ED A0 80", "\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3},
      {"above U+10FFFF F4 90 80 80", "\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 4},
      {"truncated three-byte E2 80 at end", "x\xE2\x80", "x\xEF\xBF\xBD", 1},
      {"truncated then ASCII", "\xE2\x80z", "\xEF\xBF\xBDz", 1},
      {"F5 never valid", "\xF5", "\xEF\xBF\xBD", 1},
  };
  for (const auto& c : cases) {
    std::size_t n = 99;
    EXPECT_EQ(sanitize(c.in, &n), c.out) << c.name;
    EXPECT_EQ(n, c.replaced) << c.name;
    EXPECT_TRUE(valid(sanitize(c.in))) << c.name;
  }
}

TEST(Utf8, FindInvalidPointsAtFirstBadByte) {
  EXPECT_EQ(find_invalid("hello"), 5u);
  EXPECT_EQ(find_invalid("0123456789\xFF"), 10u);  // past the 8-byte ASCII fast path
  EXPECT_EQ(find_invalid("\xC3\xA9\xC3"), 2u);
}

TEST(Utf8, NextAndPrevRoundTrip) {
  std::string s = "a\xC3\xA9\xE2\x80\x9C\xF0\x9F\x98\x80";  // a, e-acute, left double quote, emoji
  std::vector<char32_t> fwd;
  for (std::size_t i = 0; i < s.size();) fwd.push_back(next(s, i));
  EXPECT_EQ(fwd, (std::vector<char32_t>{U'a', 0xE9, 0x201C, 0x1F600}));
  std::vector<char32_t> back;
  for (std::size_t i = s.size(); i > 0;) back.insert(back.begin(), prev(s, i));
  EXPECT_EQ(back, fwd);
}

TEST(Utf8, AppendEncodesAndRejectsSurrogates) {
  std::string out;
  append(out, 0xE9);
  append(out, 0x1F600);
  append(out, 0xD800);  // a surrogate is not a scalar value
  EXPECT_EQ(out, "\xC3\xA9\xF0\x9F\x98\x80\xEF\xBF\xBD");
}

TEST(Utf8, PropertyRandomBytesSanitizeToValid) {
  std::uint32_t seed = 12345;
  for (int round = 0; round < 2000; ++round) {
    std::string s;
    for (int k = 0; k < round % 64; ++k) {
      seed = seed * 1664525u + 1013904223u;
      s.push_back(static_cast<char>(seed >> 24));
    }
    std::string clean = sanitize(s);
    ASSERT_TRUE(valid(clean));
    ASSERT_EQ(sanitize(clean), clean);
  }
}


// The vectorised check must agree with the decoder on every input. The decoder's answer, one
// code point at a time:
bool decoder_valid(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    bool ok = true;
    utf8::next(s, i, &ok);
    if (!ok) return false;
  }
  return true;
}

// Every sequence of one to three bytes, and four-byte sequences of the bytes where the rules
// change, each at the start, across a 16-byte block boundary and at the end of 32 bytes of
// ASCII.
TEST(Utf8Simd, AgreesWithTheDecoderOnEverySequenceOfUpToThreeBytes) {
  if (!utf8::internal::simd_available()) GTEST_SKIP() << "no SSSE3";
  std::string text(32, 'a');
  std::uint64_t checked = 0;
  auto check = [&](const std::string& seq) {
    for (std::size_t at : {std::size_t{0}, std::size_t{14}, 32 - seq.size()}) {
      std::string s = text;
      s.replace(at, seq.size(), seq);
      ASSERT_EQ(utf8::internal::simd_valid(s), decoder_valid(s)) << ::testing::PrintToString(s) << " at " << at;
      ++checked;
    }
  };
  for (int a = 0; a < 256; ++a) {
    check(std::string(1, static_cast<char>(a)));
    for (int b = 0; b < 256; ++b) {
      check({static_cast<char>(a), static_cast<char>(b)});
      if (a < 0xC0) continue;  // a third byte after ASCII or a continuation is covered above
      for (int c = 0; c < 256; ++c) check({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
    }
  }
  const int edges[] = {0x00, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xF4, 0xFF};
  for (int a = 0xF0; a < 0x100; ++a) {
    for (int b : edges) {
      for (int c : edges) {
        for (int d : edges) {
          check({static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)});
        }
      }
    }
  }
  EXPECT_GT(checked, 12000000u);  // 4.3 million sequences at three places
}

// Random text of valid characters of every length with stray bytes among them, of every
// length up to 200: the check agrees with the decoder, and find_invalid() finds the first
// error where the decoder does.
TEST(Utf8Simd, AgreesWithTheDecoderOnRandomText) {
  const char* const pieces[] = {"a", " ", "\n", "\xC3\xA9", "\xD0\x96", "\xE2\x80\x94", "\xE4\xB8\xAD",
                                "\xF0\x9F\x98\x80", "\x80", "\xC3", "\xE2\x80", "\xF0\x9F\x98", "\xED\xA0\x80",
                                "\xC0\xAF", "\xF4\x90\x80\x80", "\xFF"};
  std::uint32_t seed = 5;
  for (int round = 0; round < 100000; ++round) {
    std::string s;
    const int length = round % 200;
    const bool clean = round % 3 != 0;  // two in three of only valid pieces
    while (static_cast<int>(s.size()) < length) {
      seed = seed * 1664525u + 1013904223u;
      s += pieces[(seed >> 16) % (clean ? 8 : 16)];
    }
    std::size_t first = 0;
    for (std::size_t i = 0; i < s.size();) {
      bool ok = true;
      std::size_t at = i;
      utf8::next(s, i, &ok);
      if (!ok) {
        first = at;
        break;
      }
      first = i;
    }
    if (utf8::internal::simd_available()) {
      ASSERT_EQ(utf8::internal::simd_valid(s), decoder_valid(s)) << ::testing::PrintToString(s);
    }
    ASSERT_EQ(utf8::find_invalid(s), decoder_valid(s) ? s.size() : first) << ::testing::PrintToString(s);
  }
}

}  // namespace
}  // namespace winnow::utf8
