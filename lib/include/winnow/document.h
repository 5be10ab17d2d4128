// winnow/document.h: the document model every stage reads and writes.
//
// A Document is one article: metadata plus an ordered list of Blocks. A Block is one
// paragraph, heading, list item, caption, quote or preformatted run, with where it came from,
// the features classifiers look at, and a verdict. HTML extraction and plain-text splitting
// both produce this model; fix, strip, dedupe and norm consume it; render() turns it back into
// text. Blocks are never erased by a stage: a stage that removes one sets its verdict to Drop
// with a reason, so --explain and --stats can account for every removal.
//
// Pure functions, thread-safe. Text is UTF-8; split() accepts ill-formed UTF-8 and keeps the
// bytes as they are (decoding and repair are the decode and fix stages' job).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/metadata.h"

namespace winnow {

enum class BlockKind : std::uint8_t {
  kParagraph,
  kHeading,
  kListItem,
  kCaption,
  kQuote,
  kPreformatted,
  kTable,
};
std::string_view to_string(BlockKind kind);

enum class Verdict : std::uint8_t { kKeep, kDrop };

namespace internal {

// An owning pointer that copies what it points to: a member that most objects lack, and that
// copies with them when they have it.
template <typename T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(const Boxed& other) : p_(other.p_ ? std::make_unique<T>(*other.p_) : nullptr) {}
  Boxed& operator=(const Boxed& other) {
    if (this != &other) p_ = other.p_ ? std::make_unique<T>(*other.p_) : nullptr;
    return *this;
  }
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(Boxed&&) noexcept = default;
  ~Boxed() = default;

  const T* get() const { return p_.get(); }
  T& make() {
    if (!p_) p_ = std::make_unique<T>();
    return *p_;
  }

 private:
  std::unique_ptr<T> p_;
};

}  // namespace internal

struct Block {
  std::string text;    // UTF-8; lines inside the block are separated by '\n'
  std::string reason;  // why it was dropped: a short token such as "newsletter" or "duplicate"
  double score = 0;    // the classifier's score behind the verdict, when there is one
  // Source position: 1-based line range in the plain-text input (0 when from HTML); a block
  // from HTML has its DOM path in its markup instead.
  std::uint32_t first_line = 0;
  std::uint32_t last_line = 0;
  // Features filled by the stage that knows them (extract knows links; strip computes the rest).
  std::uint32_t link_chars = 0;  // characters of the block inside <a> elements
  BlockKind kind = BlockKind::kParagraph;
  Verdict verdict = Verdict::kKeep;
  // The structure Markdown output needs (see markdown.h), filled by extract; empty for
  // blocks of plain text. A stage that cuts a block gives every part the block's shape, but
  // not its cells.
  struct Shape {
    std::uint8_t level = 0;  // kHeading: 1..6 for h1..h6
    std::uint8_t depth = 0;  // kListItem: the lists it is in (1: a top-level list); kQuote: the quotes
    // kPreformatted: norm keeps its spaces, tabs and blank lines (it only makes the characters
    // canonical) and resplit does not cut it. Set for Markdown output (a code block).
    bool verbatim = false;
    std::uint32_t number = 0;  // kListItem of an ordered list: its number; 0 for a bullet item
  } shape;
  // A link of the block. A link is anchored by its text, not by an offset that a rewrite would
  // make stale: fix and norm rewrite each link's text as they rewrite the block's, and
  // place_links() finds it again in the final text.
  struct Link {
    std::string text;  // one line, trimmed: the link's text as it stands in the block's text
    std::string url;   // the href, made absolute when the page names its address (see extract.h)
  };
  // What only a block extracted from a page has, held apart so that a block of plain text
  // costs little more than its text (one 40 MB document is 170,000 blocks).
  struct Markup {
    // The DOM path of the element it came from ("title" for the headline extract puts first).
    std::string dom_path;
    // kTable: the cells of each row, empty cells included (the first row is the header row in
    // Markdown). Fix and norm rewrite each cell as they rewrite the text.
    std::vector<std::vector<std::string>> cells;
    // The links of the block, in reading order, recorded by extract only when asked
    // (ExtractOptions::markdown_links).
    std::vector<Link> links;
  };

  bool kept() const { return verdict == Verdict::kKeep; }
  bool has_markup() const { return markup_.get() != nullptr; }
  // The block's markup: an empty one when it has none.
  const Markup& markup() const {
    static const Markup kNone;
    return has_markup() ? *markup_.get() : kNone;
  }
  // The block's markup, made when it has none.
  Markup& edit_markup() { return markup_.make(); }

 private:
  internal::Boxed<Markup> markup_;
};

struct Document {
  std::string id;  // file path, JSON Lines id/url, or "-" for stdin
  Metadata meta;
  std::vector<Block> blocks;
};

enum class SplitMode : std::uint8_t {
  // Paragraphs separated by blank lines; when the text has no blank line at all, one block per
  // line (joining lines whose break is clearly a hard wrap, see is_wrapped_break).
  kAuto,
  // Always paragraphs separated by blank lines, whatever the text looks like.
  kParagraphs,
};

// Splits plain text into blocks, with their 1-based source line ranges. A line is blank when
// it holds only whitespace (ASCII or Unicode spaces). "\r\n", "\r", U+2028 end a line; U+2029
// (paragraph separator) ends a paragraph.
Document split(std::string_view text, SplitMode mode = SplitMode::kAuto);

// The blocks of split(TEXT, MODE), handed to EMIT one at a time as they are read, for stages
// that stream: memory stays at one block, not a copy of the whole text.
void split_each(std::string_view text, SplitMode mode, const std::function<void(Block&&)>& emit);

// Cuts text into lines at "\n", "\r\n", "\r", U+2028 (LINE SEPARATOR) and U+2029 (PARAGRAPH
// SEPARATOR, which also ends a paragraph): the one definition of a line for split() and norm.
// Most text has only "\n"; the constructor checks that once so next() can use memchr.
struct LineBreak {
  std::size_t pos, len;  // POS is the text's size and LEN 0 when there is no further break
  bool paragraph;        // the break was U+2029
};
class LineCutter {
 public:
  explicit LineCutter(std::string_view text);
  // The first line break at or after FROM.
  LineBreak next(std::size_t from) const;

 private:
  std::string_view text_;
  bool lf_only_;
};

// True when the line break between PREV and NEXT is clearly a hard wrap inside a sentence:
// PREV ends in a letter, digit or comma (no sentence punctuation) and NEXT starts with a lower
// case letter. Both are single lines without their newline; leading/trailing spaces ignored.
bool is_wrapped_break(std::string_view prev, std::string_view next);

// Makes the kept blocks of DOC the blocks that split(render(doc), MODE) reads back, so that
// what a later stage judges is what a second reading of the output would judge: a block
// holding a blank line is cut there, and with SplitMode::kAuto a document whose only kept
// block has several lines becomes one block a line (lines of a hard wrap stay together, as
// split() keeps them); a block of blank lines only is dropped as "empty". A verbatim block
// (Block::Shape) is left whole. Parts keep their block's kind, shape, DOM path and source lines,
// and the links whose text they hold (place_links). Returns the number of blocks changed (0: DOC
// already reads back as it is).
std::size_t resplit(Document& doc, SplitMode mode);

// Where LINKS (a block's, see Block::Markup::links) stand in TEXTS, the block's text cut in order (its
// lines, its cells, the parts a stage cut it into): each link's text is looked for in the text
// where the previous link found ended, after it, else in the texts that follow; a link whose
// text is found nowhere (a rewrite or a cut changed it) is left out, and the links after it are
// still placed. The result is in reading order; BEGIN and END are byte offsets in TEXTS[TEXT].
struct LinkSpan {
  std::size_t text, begin, end;
  const Block::Link* link;
};
std::vector<LinkSpan> place_links(const std::vector<Block::Link>& links, const std::vector<std::string_view>& texts);

// Gives each of PARTS, the parts a stage cut WHOLE into (in order), WHOLE's DOM path and the
// links whose text it holds (place_links).
void give_markup(const Block& whole, std::span<Block> parts);

// The kept blocks, separated by one blank line, with one final newline (nothing for an empty
// document). Block text is written as it is: render does not normalise.
std::string render(const Document& doc);

// render(), a block at a time, for stages that stream: add() each block in order (dropped and
// empty ones write nothing), then finish().
class Renderer {
 public:
  explicit Renderer(std::string& out) : out_(out) {}
  void add(const Block& b) {
    if (!b.kept() || b.text.empty()) return;
    if (!out_.empty()) out_ += "\n\n";
    out_ += b.text;
  }
  void finish() {
    if (!out_.empty()) out_.push_back('\n');
  }

 private:
  std::string& out_;
};

}  // namespace winnow
