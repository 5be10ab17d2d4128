#include <algorithm>
#include "winnow/document.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace winnow {
namespace {

TEST(Split, ParagraphsWithLineRanges) {
  Document d = split("Title\n\nFirst line\nsecond line\n\n\nLast.\n");
  ASSERT_EQ(d.blocks.size(), 3u);
  EXPECT_EQ(d.blocks[0].text, "Title");
  EXPECT_EQ(d.blocks[1].text, "First line\nsecond line");
  EXPECT_EQ(d.blocks[1].first_line, 3u);
  EXPECT_EQ(d.blocks[1].last_line, 4u);
  EXPECT_EQ(d.blocks[2].first_line, 7u);
}

TEST(Split, SingleLinesWhenNoBlankLine) {
  Document d = split("Menu\nHome | News\nThe article starts here and\ncontinues on this line.\n");
  ASSERT_EQ(d.blocks.size(), 3u);
  EXPECT_EQ(d.blocks[0].text, "Menu");
  EXPECT_EQ(d.blocks[1].text, "Home | News");
  EXPECT_EQ(d.blocks[2].text, "The article starts here and\ncontinues on this line.");  // a wrap
}

TEST(Split, ParagraphModeKeepsLinesTogether) {
  Document d = split("a\nB\n", SplitMode::kParagraphs);
  ASSERT_EQ(d.blocks.size(), 1u);
}

TEST(Split, CrlfCrAndUnicodeSeparators) {
  // CRLF, CR, U+2028 LINE SEPARATOR end lines; U+2029 PARAGRAPH SEPARATOR ends a paragraph.
  Document d = split("one\r\ntwo\r\rthree\xE2\x80\xA9" "four");
  ASSERT_EQ(d.blocks.size(), 3u);
  EXPECT_EQ(d.blocks[0].text, "one\ntwo");
  EXPECT_EQ(d.blocks[1].text, "three");
  EXPECT_EQ(d.blocks[2].text, "four");
}

TEST(Split, SeparatorsAtEveryOffsetOfALongLine) {
  // The search for CR, U+2028 and U+2029 goes sixteen and eight bytes a step: each must be
  // found at any offset, also where its three bytes straddle two steps; curly quotes (E2 80 9D)
  // and a lone A8 byte are not separators.
  for (std::size_t at = 0; at < 40; ++at) {
    for (std::string sep : {"\r", "\xE2\x80\xA8", "\xE2\x80\xA9"}) {
      std::string text = std::string(at, 'a') + sep + std::string(40, 'b');
      Document d = split(text, SplitMode::kParagraphs);
      std::size_t lines = 0;
      for (const Block& b : d.blocks) lines += 1 + std::count(b.text.begin(), b.text.end(), '\n');
      EXPECT_EQ(lines, at ? 2u : 1u) << at << " " << sep.size();
    }
    std::string quoted = std::string(at, 'a') + "\xE2\x80\x9D" + std::string(40, 'b');
    EXPECT_EQ(split(quoted, SplitMode::kParagraphs).blocks.at(0).text, quoted) << at;
  }
  EXPECT_EQ(LineCutter("a\xA8" "b").next(0).pos, 3u);
}

TEST(Split, WhitespaceOnlyLinesAreBlank) {
  // NBSP and ideographic space lines separate paragraphs like empty ones.
  Document d = split("a\n\xC2\xA0 \n\xE3\x80\x80\nb");
  ASSERT_EQ(d.blocks.size(), 2u);
}

TEST(WrappedBreak, OnlyClearWraps) {
  EXPECT_TRUE(is_wrapped_break("the quick brown", "fox jumps"));
  EXPECT_TRUE(is_wrapped_break("one, two,", "three"));
  EXPECT_FALSE(is_wrapped_break("A sentence.", "another one"));
  EXPECT_FALSE(is_wrapped_break("Headline", "By Someone"));
  EXPECT_FALSE(is_wrapped_break("- item", "- item"));
  EXPECT_TRUE(is_wrapped_break("\xC3\xA9t\xC3\xA9", "\xC3\xA9t\xC3\xA9"));  // été / été
}

TEST(Render, KeptBlocksOneBlankLineFinalNewline) {
  Document d = split("a\n\nb\n\nc");
  d.blocks[1].verdict = Verdict::kDrop;
  EXPECT_EQ(render(d), "a\n\nc\n");
  EXPECT_EQ(render(Document{}), "");
}

TEST(Resplit, CutsWhatReadsBackAsSeveralBlocks) {
  auto block = [](std::string text, BlockKind kind = BlockKind::kParagraph, std::uint32_t first = 0) {
    Block b;
    b.text = std::move(text);
    b.kind = kind;
    b.first_line = first;
    return b;
  };
  Document d;
  d.blocks.push_back(block("One\n\nTwo", BlockKind::kQuote, 5));
  d.blocks.push_back(block("Gone"));
  d.blocks.back().verdict = Verdict::kDrop;
  EXPECT_EQ(resplit(d, SplitMode::kAuto), 1u);
  ASSERT_EQ(d.blocks.size(), 3u);
  EXPECT_EQ(d.blocks[0].text, "One");
  EXPECT_EQ(d.blocks[0].kind, BlockKind::kQuote);
  EXPECT_EQ(d.blocks[1].first_line, 7u);
  EXPECT_FALSE(d.blocks[2].kept());
  // The only kept block, of several lines: one block a line, wraps kept together.
  Document stanza;
  stanza.blocks.push_back(block("Whose woods these are\nI think I know.\nHis house is in\nthe village though."));
  EXPECT_EQ(resplit(stanza, SplitMode::kAuto), 1u);
  ASSERT_EQ(stanza.blocks.size(), 3u);
  EXPECT_EQ(stanza.blocks[2].text, "His house is in\nthe village though.");
  Document kept_lines;
  kept_lines.blocks.push_back(block("a\nB"));
  EXPECT_EQ(resplit(kept_lines, SplitMode::kParagraphs), 0u);
  EXPECT_EQ(kept_lines.blocks.size(), 1u);
}

// split(render(d)) gives back the kept blocks of d once resplit has run: what a later
// stage judges is what reading the output back gives. Random block models, in both modes.
TEST(Resplit, PropertyRenderThenSplitGivesTheSameBlocks) {
  static const char* const kLines[] = {"Alpha.", "beta gamma", "Delta,", "epsilon", "", "Zeta!", "eta"};
  std::uint32_t seed = 11;
  auto next = [&seed](std::uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  for (int round = 0; round < 3000; ++round) {
    Document d;
    for (std::uint32_t b = 0, blocks = 1 + next(4); b < blocks; ++b) {
      Block block;
      for (std::uint32_t l = 0, lines = 1 + next(4); l < lines; ++l) {
        if (l) block.text += "\n";
        block.text += kLines[next(7)];
      }
      if (block.text.find_first_not_of('\n') == std::string::npos) block.text = "Theta.";
      if (next(5) == 0) block.verdict = Verdict::kDrop;
      d.blocks.push_back(block);
    }
    for (SplitMode mode : {SplitMode::kAuto, SplitMode::kParagraphs}) {
      Document r = d;
      resplit(r, mode);
      std::vector<std::string> kept;
      for (const Block& b : r.blocks) {
        if (b.kept() && !b.text.empty()) kept.push_back(b.text);
      }
      std::vector<std::string> read_back;
      for (const Block& b : split(render(r), mode).blocks) read_back.push_back(b.text);
      ASSERT_EQ(read_back, kept) << ::testing::PrintToString(render(d));
      EXPECT_EQ(resplit(r, mode), 0u);  // a fixed point
    }
  }
}

}  // namespace
}  // namespace winnow
