#include "winnow/norm.h"

#include <gtest/gtest.h>

#include "winnow/utf8.h"

namespace winnow {
namespace {

struct Case {
  const char* name;
  std::string in, out;
  NormOptions opt = {};
};

TEST(Norm, Table) {
  NormOptions nfkc;
  nfkc.nfkc = true;
  NormOptions ascii;
  ascii.ascii_punct = true;
  NormOptions keep;
  keep.keep_lines = true;
  const Case cases[] = {
      {"empty stays empty", "", ""},
      {"only whitespace is empty", " \n\t\n\xC2\xA0\n", ""},
      {"final newline added", "abc", "abc\n"},
      {"extra final newlines removed", "abc\n\n\n", "abc\n"},
      {"CRLF to LF within a paragraph", "Line one.\r\nLine two.\r\n\r\nNext", "Line one.\nLine two.\n\nNext\n"},
      {"lone CR", "A.\rB.\r\rC", "A.\nB.\n\nC\n"},
      {"NBSP U+00A0 to space", "a\xC2\xA0" "b", "a b\n"},
      {"EN SPACE U+2002 and THIN SPACE U+2009", "a\xE2\x80\x82\xE2\x80\x89" "b", "a b\n"},
      {"IDEOGRAPHIC SPACE U+3000", "\xE4\xB8\x80\xE3\x80\x80\xE4\xBA\x8C", "\xE4\xB8\x80 \xE4\xBA\x8C\n"},
      {"tab to space", "a\tb", "a b\n"},
      {"runs of spaces collapsed", "a    b  c", "a b c\n"},
      {"lines trimmed", "   a   \n\n  b  ", "a\n\nb\n"},
      {"ZERO WIDTH SPACE U+200B removed", "a\xE2\x80\x8B" "b", "ab\n"},
      {"SOFT HYPHEN U+00AD removed", "co\xC2\xAD" "operate", "cooperate\n"},
      {"BOM U+FEFF inside removed", "\xEF\xBB\xBFstart", "start\n"},
      {"WORD JOINER U+2060 removed", "a\xE2\x81\xA0" "b", "ab\n"},
      {"LRM U+200E removed", "a\xE2\x80\x8E" "b", "ab\n"},
      {"ZWNJ U+200C kept in Persian", "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85",
       "\xD9\x85\xDB\x8C\xE2\x80\x8C\xD8\xB1\xD9\x88\xD9\x85\n"},
      {"ZWJ U+200D kept in emoji family", "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9",
       "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\n"},
      {"ARABIC NUMBER SIGN U+0600 kept", "\xD8\x80\xD9\xA1", "\xD8\x80\xD9\xA1\n"},
      {"NFC: e + COMBINING ACUTE to U+00E9", "e\xCC\x81", "\xC3\xA9\n"},
      {"NFC: Hangul jamo composed", "\xE1\x84\x80\xE1\x85\xA1", "\xEA\xB0\x80\n"},
      {"format char between base and mark still composes", "e\xE2\x80\x8B\xCC\x81", "\xC3\xA9\n"},
      {"NFC keeps ligature U+FB01", "\xEF\xAC\x81", "\xEF\xAC\x81\n"},
      {"NFKC expands ligature U+FB01", "\xEF\xAC\x81" "ne", "fine\n", nfkc},
      {"NFKC full-width A", "\xEF\xBC\xA1", "A\n", nfkc},
      {"ascii-punct curly quotes", "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x98x\xE2\x80\x99", "\"Hi\" 'x'\n", ascii},
      {"ascii-punct dashes and ellipsis", "a\xE2\x80\x93" "b\xE2\x80\x94" "c\xE2\x80\xA6", "a-b--c...\n", ascii},
      {"curly quotes kept by default", "\xE2\x80\x9CHi\xE2\x80\x9D", "\xE2\x80\x9CHi\xE2\x80\x9D\n"},
      {"Greek diaeresis untouched", "\xCE\xAA\xCF\x8A", "\xCE\xAA\xCF\x8A\n"},
      {"paragraph re-flow joins a clear wrap", "The cat sat\non the mat.", "The cat sat on the mat.\n"},
      {"no join after a full stop", "One.\nnext\n\nX", "One.\nnext\n\nX\n"},
      {"no join before a capital", "Get The Beast In Your Inbox!\nBy clicking\n\nX",
       "Get The Beast In Your Inbox!\nBy clicking\n\nX\n"},
      {"no blank line: one paragraph per line", "One.\nnext", "One.\n\nnext\n"},
      {"keep-lines keeps the wrap", "The cat sat\non the mat.", "The cat sat\non the mat.\n", keep},
      {"keep-lines collapses blank runs", "a\n\n\n\nb\nc", "a\n\nb\nc\n", keep},
      {"lines without blank lines become paragraphs", "Alpha\nBeta\nGamma", "Alpha\n\nBeta\n\nGamma\n"},
      {"U+2029 is a paragraph break", "a\xE2\x80\xA9" "b", "a\n\nb\n"},
      {"U+2028 is a line break", "A.\xE2\x80\xA8" "B.\n\nC", "A.\nB.\n\nC\n"},
      {"invalid UTF-8 becomes U+FFFD", "a\xFF" "b", "a\xEF\xBF\xBD" "b\n"},
      {"NUL and controls left to fix", std::string("a\0b", 3), std::string("a\0b\n", 4)},
  };
  for (const Case& c : cases) {
    std::string got = normalize(c.in, c.opt);
    EXPECT_EQ(got, c.out) << c.name;
    EXPECT_EQ(normalize(got, c.opt), got) << "not idempotent: " << c.name;
  }
}

TEST(Norm, SpacesAndControlsAtEveryOffsetOfALongLine) {
  // Clean ASCII is passed over sixteen and eight bytes a step: two spaces or a tab must be
  // found at any offset, also across the end of a step.
  for (std::size_t at = 1; at < 40; ++at) {
    const std::string head(at, 'a'), tail(40, 'b');
    EXPECT_EQ(normalize(head + "  " + tail), head + " " + tail + "\n") << at;
    EXPECT_EQ(normalize(head + "\t" + tail), head + " " + tail + "\n") << at;
    EXPECT_EQ(normalize(head + " " + tail), head + " " + tail + "\n") << at;
  }
}

TEST(Norm, ReportCountsChanges) {
  Report report(true);
  normalize("a\xC2\xA0" "b\xE2\x80\x8B\n", {}, &report);
  EXPECT_EQ(report.counts().at("norm/unicode-space"), 1u);
  EXPECT_EQ(report.counts().at("norm/format-char"), 1u);
  // Each kind of change is explained once a block, with its line.
  ASSERT_EQ(report.changes().size(), 2u);
  EXPECT_EQ(report.changes()[0].kind, "format-char");
  EXPECT_EQ(report.changes()[0].line, 1u);
  EXPECT_EQ(report.changes()[1].kind, "unicode-space");
  EXPECT_EQ(report.changes()[1].line, 1u);
}

// Random strings over an alphabet rich in the characters norm treats specially.
std::string random_text(std::uint32_t& seed, std::size_t n) {
  static const char* kPieces[] = {
      "a", "B", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", ".", ",", "\xC2\xA0", "\xE2\x80\x8B", "\xC2\xAD",
      "\xCC\x81", "e", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xEF\xBB\xBF", "\xE2\x80\x9C", "\xE2\x80\x94",
      "\xE2\x80\xA6", "\xEF\xAC\x81", "\xC2\xA8", "\xE3\x80\x80", "\xE2\x80\x8D", "\xFF", "\xC3", "\x80",
      "\xED\xA0\x80", "\xE1\x84\x80", "\xE1\x85\xA1", "\xCE\x90", "x", "y"};
  std::string s;
  for (std::size_t i = 0; i < n; ++i) {
    seed = seed * 1664525u + 1013904223u;
    s += kPieces[(seed >> 16) % (sizeof kPieces / sizeof *kPieces)];
  }
  return s;
}

TEST(Norm, PropertyIdempotentAndValidOnRandomInput) {
  std::uint32_t seed = 42;
  for (int options = 0; options < 8; ++options) {
    NormOptions opt;
    opt.nfkc = options & 1;
    opt.ascii_punct = options & 2;
    opt.keep_lines = options & 4;
    for (int round = 0; round < 400; ++round) {
      std::string in = random_text(seed, round % 50);
      std::string once = normalize(in, opt);
      ASSERT_TRUE(utf8::valid(once)) << "options " << options;
      ASSERT_EQ(normalize(once, opt), once) << "options " << options << " input bytes " << ::testing::PrintToString(in);
    }
    for (int round = 0; round < 400; ++round) {  // raw random bytes
      std::string in;
      for (int k = 0; k < round % 40; ++k) {
        seed = seed * 1664525u + 1013904223u;
        in.push_back(static_cast<char>(seed >> 24));
      }
      std::string once = normalize(in, opt);
      ASSERT_TRUE(utf8::valid(once));
      ASSERT_EQ(normalize(once, opt), once) << ::testing::PrintToString(in);
    }
  }
}

}  // namespace
}  // namespace winnow
