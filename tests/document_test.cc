#include "winnow/document.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace winnow
