// winnow/norm.h: canonical text.
//
// The canonical form of a text is: Unicode NFC (or NFKC); every Unicode space character
// (NBSP, U+2000..U+200A, U+3000, tab, ...) written as U+0020; format characters that carry
// no meaning removed (soft hyphen, zero-width space, word joiner, BOM, bidi controls), while
// ZWJ/ZWNJ, prepended concatenation marks and emoji tag characters are kept; runs of spaces
// collapsed; lines trimmed; line ends LF (CRLF, CR, U+2028 become LF, U+2029 a paragraph
// break); paragraphs separated by exactly one blank line; hard-wrapped lines inside a
// paragraph re-joined where the break is clearly a wrap (is_wrapped_break in document.h);
// exactly one final newline (none for an empty text).
//
// Deterministic, locale-independent, thread-safe and idempotent: normalize(normalize(x)) ==
// normalize(x) for every input, including ill-formed UTF-8, whose maximal ill-formed
// subsequences become U+FFFD. Control characters other than tab are left to `fix`.
#pragma once

#include <string>
#include <string_view>

#include "winnow/document.h"
#include "winnow/report.h"

namespace winnow {

struct NormOptions {
  bool nfkc = false;         // compatibility composition (ligatures, full-width forms, ...)
  bool ascii_punct = false;  // curly quotes, dashes, ellipsis -> ASCII (data/ascii-punct.txt)
  bool keep_lines = false;   // no paragraph re-flow: keep every line break, collapse blank runs
};

// The canonical form of TEXT. REPORT, if given, counts what was changed under stage "norm".
std::string normalize(std::string_view text, const NormOptions& options = {}, Report* report = nullptr);

// Normalises the text of every kept block of DOC in place; blocks left empty are dropped with
// reason "empty". The block structure is DOC's own: nothing is split or merged across blocks.
// A verbatim block (Block::Shape::verbatim, a code block) keeps its spaces, tabs and inner blank
// lines: each line is only composed (and ill-formed UTF-8 replaced), with trailing spaces
// removed. A table's cells (Block::Markup::cells) are normalised each as one line, without being
// reported again.
void normalize(Document& doc, const NormOptions& options = {}, Report* report = nullptr);

// normalize() of one kept block of a document, in place; returns whether its text changed.
bool normalize(Block& block, const NormOptions& options = {}, Report* report = nullptr);

}  // namespace winnow
