// winnow/markdown.h: a document written as Markdown, with the structure extract found.
//
// render_markdown() writes the kept blocks of a Document as CommonMark with GitHub's tables,
// from the blocks' kind and shape (see Block::Shape in document.h):
//   - headings as "#".."######" by level (the headline is level 1), on one line;
//   - list items as "- " (bullet) or "N. " (numbered) items, indented under the item they are
//     nested in; items that follow each other form one list (no blank line between them);
//   - quotes as "> " lines, one ">" a level; quotes that follow each other are one quote;
//   - preformatted text as a fenced code block, written as it is (the fence is longer than any
//     run of backticks in it);
//   - tables as GitHub tables: the first row is the header row, one row a line, "|" in a cell
//     written "\|", rows padded with empty cells to the widest row (from Block::Markup::cells, or from
//     the text's lines cut at " | " when a stage cut the table and its cells are gone);
//   - everything else (paragraphs, captions) as paragraphs, one block a paragraph.
// Blocks are separated by one blank line, and the document ends in one newline (nothing for
// an empty document), as render() does.
//
// Escaping: text that Markdown would read as syntax gets a backslash, so that the document
// renders as its text: every "\", "`", "*", "~", a "_" at the edge of a word, "<" before a tag,
// "&" before an entity, "]" before "(" or ":", and at the start of a line "#", ">", "-", "+",
// "=" and the "." or ")" after a number ("1\. "); a "#" that ends a heading.
//
// A block without a DOM path (plain-text input, see split()) is written as it is, without
// escapes: text has no structure beyond paragraphs, and text that is Markdown already (such as
// this function's own output, read back) must not gain a layer of escapes each time it passes.
//
// Links: a block's links (Block::Markup::links, recorded by extract only with
// ExtractOptions::markdown_links) are written "[text](url)" where place_links() finds their
// text in the block's final text, in a line, a heading or a table cell; a link whose text a
// stage changed or cut off is written as plain text. "[" and "]" in a link's text are escaped;
// in its URL, spaces, control characters, "(", ")", "<", ">", "`", "\" and (in a table) "|"
// are percent-encoded, an "&" that starts an entity reference escaped. A code block's links
// are not written. Blocks carry links only when asked for, so Markdown without them is unchanged.
//
// Pure and thread-safe. Ill-formed UTF-8 is written as it is (fix and norm repair it before).
#pragma once

#include <string>

#include "winnow/document.h"

namespace winnow {

std::string render_markdown(const Document& doc);

}  // namespace winnow
