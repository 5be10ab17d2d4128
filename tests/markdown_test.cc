// render_markdown(): each kind of block and its shape, escaping, links, and text input written as it is.
#include "winnow/markdown.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "winnow/extract.h"
#include "winnow/fix.h"
#include "winnow/norm.h"
#include "winnow/pipeline.h"

namespace winnow {
namespace {

// A block of a page (it has a DOM path).
Block html_block(std::string text, BlockKind kind = BlockKind::kParagraph) {
  Block b;
  b.text = std::move(text);
  b.kind = kind;
  b.edit_markup().dom_path = "html/body/article/p";
  return b;
}

Block list_item(std::string text, std::uint8_t depth, std::uint32_t number = 0) {
  Block b = html_block(std::move(text), BlockKind::kListItem);
  b.shape.depth = depth;
  b.shape.number = number;
  return b;
}

std::string markdown(std::vector<Block> blocks) {
  Document d;
  d.blocks = std::move(blocks);
  return render_markdown(d);
}

TEST(Markdown, HeadingsByLevel) {
  for (std::uint8_t level = 1; level <= 6; ++level) {
    Block h = html_block("Title", BlockKind::kHeading);
    h.shape.level = level;
    EXPECT_EQ(markdown({h}), std::string(level, '#') + " Title\n");
  }
  Block h = html_block("Two\nlines", BlockKind::kHeading);
  h.shape.level = 2;
  EXPECT_EQ(markdown({h}), "## Two lines\n");
  h.text = "Issue #";  // a final '#' would close the heading
  EXPECT_EQ(markdown({h}), "## Issue \\#\n");
}

TEST(Markdown, NestedAndNumberedListsAreOneList) {
  EXPECT_EQ(markdown({html_block("Intro."), list_item("one", 1), list_item("two", 1), list_item("first", 2, 1),
                      list_item("second", 2, 2), list_item("deeper", 3), list_item("three", 1),
                      html_block("After.")}),
            "Intro.\n\n- one\n- two\n  1. first\n  2. second\n     - deeper\n- three\n\nAfter.\n");
  // Under "10. " the nested item is indented by four.
  EXPECT_EQ(markdown({list_item("ten", 1, 10), list_item("in", 2), list_item("two\nlines", 2)}),
            "10. ten\n    - in\n    - two\n      lines\n");
}

TEST(Markdown, QuotesCodeAndTables) {
  Block q1 = html_block("Said.", BlockKind::kQuote), q2 = html_block("Inner.", BlockKind::kQuote);
  q1.shape.depth = 1;
  q2.shape.depth = 2;
  EXPECT_EQ(markdown({q1, q2}), "> Said.\n>\n> > Inner.\n");
  EXPECT_EQ(markdown({html_block("x = 1\n\n  y = *2*", BlockKind::kPreformatted)}), "```\nx = 1\n\n  y = *2*\n```\n");
  EXPECT_EQ(markdown({html_block("a\n```\nb", BlockKind::kPreformatted)}), "````\na\n```\nb\n````\n");
  Block t = html_block("Name | Value\na|b | c\\d", BlockKind::kTable);
  t.edit_markup().cells = {{"Name", "Value"}, {"a|b", "c\\d"}, {"short"}, {"", "x"}};
  EXPECT_EQ(markdown({t}), "| Name | Value |\n| --- | --- |\n| a\\|b | c\\\\d |\n| short | |\n| | x |\n");
  t.edit_markup().cells.clear();  // a stage cut the table: its rows are read from the text
  EXPECT_EQ(markdown({t}), "| Name | Value |\n| --- | --- |\n| a\\|b | c\\\\d |\n");
}

TEST(Markdown, TextThatReadsAsSyntaxIsEscaped) {
  EXPECT_EQ(markdown({html_block("# a\n- b\n+ c\n> d\n= e\n12. f\n3) g\n2024 was")}),
            "\\# a\n\\- b\n\\+ c\n\\> d\n\\= e\n12\\. f\n3\\) g\n2024 was\n");
  EXPECT_EQ(markdown({html_block("a\\b *c* `d` ~e <i> <3 &amp; & [f](g) [h] snake_case _x_")}),
            "a\\\\b \\*c\\* \\`d\\` \\~e \\<i> <3 \\&amp; & [f\\](g) [h] snake_case \\_x\\_\n");
}

Block with_links(Block b, std::vector<Block::Link> links) {
  b.edit_markup().links = std::move(links);
  return b;
}

TEST(Markdown, LinksAreWrittenWithTheirTextAndUrlEscaped) {
  // "]" in the text, spaces, parentheses, "<", "`", "\" and an entity in the URL.
  EXPECT_EQ(markdown({with_links(html_block("See the [draft] notes and the plan."),
                                 {{"the [draft] notes", "https://x.org/a b/(v2)"}, {"the plan", "p<1>`\\&amp;q=1&r"}})}),
            "See [the \\[draft\\] notes](https://x.org/a%20b/%28v2%29) and [the plan](p%3C1%3E%60%5C\\&amp;q=1&r).\n");
  // Found in order, after the link before; one not found (or found only before) is plain text.
  EXPECT_EQ(markdown({with_links(html_block("here, then here\nand # there"),
                                 {{"then", "/a"}, {"here", "/b"}, {"gone", "/c"}, {"then", "/d"}, {"# there", "/e"}})}),
            "here, [then](/a) [here](/b)\nand [# there](/e)\n");
  // At the start of a line the marker is still escaped; in a heading, a list item and a cell.
  EXPECT_EQ(markdown({with_links(html_block("- a"), {{"- a", "/a"}})}), "[\\- a](/a)\n");
  Block h = with_links(html_block("Title\nnext", BlockKind::kHeading), {{"Title next", "/t"}});
  h.shape.level = 2;
  EXPECT_EQ(markdown({h}), "## [Title next](/t)\n");
  EXPECT_EQ(markdown({with_links(list_item("an item", 1), {{"item", "/i"}})}), "- an [item](/i)\n");
  Block t = with_links(html_block("A | B\nx | y", BlockKind::kTable), {{"B", "/b|c"}, {"y", "/y"}});
  t.edit_markup().cells = {{"A", "B"}, {"x", "y"}};
  EXPECT_EQ(markdown({t}), "| A | [B](/b%7Cc) |\n| --- | --- |\n| x | [y](/y) |\n");
  // Code blocks keep their text.
  EXPECT_EQ(markdown({with_links(html_block("x = 1", BlockKind::kPreformatted), {{"x", "/x"}})}), "```\nx = 1\n```\n");
}

TEST(Markdown, ExtractRecordsLinksOnlyWhenAsked) {
  const std::string page =
      "<html><body><article><p>Read <a href=' /a '>the\n  first</a> and <a href='javascript:go()'>no</a>, "
      "<a href='#top'>top</a>, <a href='b'>one<br>two</a>, <a href='mailto:m@x.org'> mail </a>.</p>"
      "<table><tr><th><a href='/h'>Head</a></th></tr><tr><td><b><a href='/c'>cell</a></b></td></tr></table>"
      "</article></body></html>";
  ExtractOptions o{false};
  for (const Block& b : extract(page, o).blocks) EXPECT_TRUE(b.markup().links.empty()) << b.text;
  o.markdown_links = true;
  Document d = extract(page, o);
  ASSERT_EQ(d.blocks.size(), 2u);
  ASSERT_EQ(d.blocks[0].markup().links.size(), 2u);
  EXPECT_EQ(d.blocks[0].markup().links[0].text, "the first");
  EXPECT_EQ(d.blocks[0].markup().links[0].url, "/a");
  EXPECT_EQ(d.blocks[0].markup().links[1].text, "mail");
  EXPECT_EQ(d.blocks[0].markup().links[1].url, "mailto:m@x.org");
  ASSERT_EQ(d.blocks[1].markup().links.size(), 2u);
  EXPECT_EQ(d.blocks[1].markup().links[1].text, "cell");
}

TEST(Markdown, CutsKeepTheLinksOfTheirText) {
  Document d;
  d.blocks = {with_links(html_block("one link\n\nother link"), {{"link", "/1"}, {"other", "/2"}, {"link", "/3"}})};
  resplit(d, SplitMode::kAuto);
  ASSERT_EQ(d.blocks.size(), 2u);
  ASSERT_EQ(d.blocks[0].markup().links.size(), 1u);
  EXPECT_EQ(d.blocks[0].markup().links[0].url, "/1");
  ASSERT_EQ(d.blocks[1].markup().links.size(), 2u);
  EXPECT_EQ(d.blocks[1].markup().links[1].url, "/3");
}

TEST(Markdown, PlainTextIsWrittenAsItIs) {
  // Blocks without a DOM path come from text: Markdown read back gains no escapes.
  Document d = split("# Title\n\n- item\n  - nested\n\n| a \\| b |\n");
  EXPECT_EQ(render_markdown(d), render(d));
  EXPECT_EQ(render_markdown(Document()), "");
}

TEST(Markdown, ExtractFillsTheShape) {
  Document d = extract(
      "<html><body><article><h3>Heading three</h3><ol start=4><li>four<ul><li>inner</li></ul></li><li>five</li></ol>"
      "<blockquote><blockquote><p>deep</p></blockquote></blockquote>"
      "<table><tr><th>A</th><th>B</th></tr><tr><td colspan=2>wide</td></tr><tr><td></td><td>b</td></tr></table>"
      "</article></body></html>",
      ExtractOptions{false});
  auto find = [&](std::string_view text) -> const Block& {
    for (const Block& b : d.blocks) {
      if (b.text == text) return b;
    }
    ADD_FAILURE() << text;
    return d.blocks.front();
  };
  EXPECT_EQ(find("Heading three").shape.level, 3);
  EXPECT_EQ(find("four").shape.number, 4u);
  EXPECT_EQ(find("four").shape.depth, 1);
  EXPECT_EQ(find("inner").shape.number, 0u);
  EXPECT_EQ(find("inner").shape.depth, 2);
  EXPECT_EQ(find("five").shape.number, 5u);
  EXPECT_EQ(find("deep").shape.depth, 2);
  const Block& t = find("A | B\nwide\nb");
  EXPECT_EQ(t.markup().cells, (std::vector<std::vector<std::string>>{{"A", "B"}, {"wide", ""}, {"", "b"}}));
}

TEST(Markdown, FixAndNormKeepTheStructure) {
  Block code = html_block("  x\t=  1   \n\n\n  y\xC2\xA0=\xC2\xA0" "e\xCC\x81\n\n", BlockKind::kPreformatted);
  code.shape.verbatim = true;
  Block table = html_block("Caf\xC3\x83\xC2\xA9 | a  b", BlockKind::kTable);
  table.edit_markup().cells = {{"Caf\xC3\x83\xC2\xA9", "a  b|c"}};
  table.edit_markup().links = {{"Caf\xC3\x83\xC2\xA9", "/c"}, {"a  b", "/ab"}};
  Document d;
  d.blocks = {code, table};
  fix(d);
  normalize(d);
  // Code keeps its spaces, tabs and blank lines; only trailing spaces go and "e" + U+0301 composes.
  EXPECT_EQ(d.blocks[0].text, "  x\t=  1\n\n\n  y\xC2\xA0=\xC2\xA0\xC3\xA9");
  EXPECT_EQ(d.blocks[1].markup().cells, (std::vector<std::vector<std::string>>{{"Caf\xC3\xA9", "a b|c"}}));
  EXPECT_EQ(d.blocks[1].markup().links[0].text, "Caf\xC3\xA9");  // rewritten as the text is
  EXPECT_EQ(d.blocks[1].markup().links[1].text, "a b");
  normalize(d);
  EXPECT_EQ(d.blocks[0].text, "  x\t=  1\n\n\n  y\xC2\xA0=\xC2\xA0\xC3\xA9");  // idempotent
}

TEST(Markdown, CleanWritesTextInputAsWithoutMarkdown) {
  CleanOptions md;
  md.markdown = true;
  for (const std::string& in : {std::string("# Not a heading\n\n- not a list\n\nC:\\dir \\* x\n"),
                                std::string("Home | News\n\nA sentence that is the article, long enough to stay.\n")}) {
    std::string once = clean(in, md);
    EXPECT_EQ(once, clean(in)) << in;
    EXPECT_EQ(clean(once, md), once) << in;
  }
}

}  // namespace
}  // namespace winnow
