// html_page.h: an HTML page parsed by libxml2 and flattened into what extraction needs.
//
// Internal to the library. parse_page() runs libxml2's HTML parser on UTF-8 text, walks the tree
// once and frees it before returning, so no libxml2 type or pointer outlives the call. What is
// left is a flat list of elements (with their parent, tag, class/id hints and DOM path pieces),
// the text blocks in reading order with the element that owns each, and the raw metadata found
// in <head> and JSON-LD scripts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/document.h"

namespace winnow::html {

enum class Tag : std::uint8_t {
  kOther,
  kA,
  kArticle,
  kAside,
  kBlockquote,
  kBody,
  kDiv,
  kFigcaption,
  kFigure,
  kFooter,
  kForm,
  kHeading,  // h1..h6
  kHeader,
  kList,      // ul, ol, dl
  kListItem,  // li, dt, dd
  kMain,
  kNav,
  kP,
  kPre,
  kSection,
  kTable,
  kCell,        // td, th of a layout table
  kOtherBlock,  // other block-level elements (address, center, details, ...)
};

// One element of the page.
struct Element {
  int parent = -1;  // index into Page::elements, -1 for the root
  Tag tag = Tag::kOther;
  std::uint8_t heading_level = 0;  // 1..6 for h1..h6
  std::uint16_t nth = 1;           // 1-based position among the siblings with the same name
  std::string name;                // lower-case tag name
  int class_weight = 0;            // from the class/id token tables: +25 content, -25 boilerplate
  std::string_view reason;         // boilerplate reason of the class/id tokens, empty if none
  bool article_hint = false;       // itemprop="articleBody" or similar
  // Weighted text length of the blocks in the subtree, and the part of it inside links.
  std::uint32_t text = 0;
  std::uint32_t links = 0;
  std::uint32_t paragraphs = 0;  // blocks of the subtree that read as prose
};

// One run of text between block-level boundaries.
struct TextBlock {
  std::string text;  // whitespace collapsed; '\n' for <br> and table rows
  BlockKind kind = BlockKind::kParagraph;
  int owner = -1;            // the nearest block-level element containing it
  std::uint32_t length = 0;  // weighted length (see weighted_length)
  std::uint32_t link_length = 0;
  std::uint32_t link_chars = 0;  // code points inside <a>
  Block::Shape shape;             // heading level, list depth and number, quote depth
  std::vector<std::vector<std::string>> cells;  // kTable: each row's cells, empty ones included
  std::vector<Block::Link> links;               // when parse_page() was asked to record them
};

struct Page {
  std::vector<Element> elements;  // elements[0] is the document node, even for empty input
  std::vector<TextBlock> blocks;
  std::string title;                                      // <title>
  std::string lang;                                       // <html lang>
  std::string canonical;                                  // <link rel=canonical>
  std::string base;                                       // <base href>, the address of relative links
  std::vector<std::pair<std::string, std::string>> meta;  // <meta name|property, content>
  std::vector<std::string> json_ld;                       // contents of <script type="application/ld+json">
  std::vector<std::pair<std::string, std::string>> times;  // <time itemprop (lower case), datetime>
};

// Parses HTML (UTF-8; ill-formed sequences must have been repaired by the caller) with
// libxml2's recovering HTML parser: no network, no external entities, no error output.
// Anything libxml2 returns is accepted, including an empty tree for non-HTML input.
// With LINKS, each block records its links (Block::Link): an <a href> not inside another,
// whose text is one line of the block (a link broken by <br> or holding a block is left
// out), in a table cell too; its href as given, except that javascript: and fragment-only
// ("#top") hrefs, which lead nowhere outside the page, are left out.
Page parse_page(std::string_view utf8, bool links = false);

// The DOM path of element I, e.g. "html/body/div[2]/article/p[3]".
std::string dom_path(const Page& page, int i);

// Length of TEXT in code points, where ideographs, kana and hangul count three: a CJK
// character carries about as much as a short word, and CJK text has no spaces to count.
std::uint32_t weighted_length(std::string_view text);

}  // namespace winnow::html
