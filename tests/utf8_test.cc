#include "winnow/utf8.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace winnow::utf8
