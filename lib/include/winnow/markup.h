// winnow/markup.h: telling an HTML page (or other markup) from plain text.
//
// Pages reach winnow behind all kinds of preambles: corpora wrap each page in a tag of their
// own (`<text id="URL">`, `<doc>`), crawlers keep the HTTP response header, generators put
// comments, blank lines or an XML declaration first. One rule decides, for every verb, whether
// input is markup: skip the preamble, then look for the start of a page.
//
// Pure, thread-safe; any bytes are accepted, and only the start of the text is looked at.
#pragma once

#include <cstddef>
#include <string_view>

namespace winnow {

// The offset where the markup of TEXT starts, after its preamble: a UTF-8 byte order mark,
// white space, comments (<!-- -->), processing instructions and XML declarations (<? ?>), an
// HTTP response header ("HTTP/1.1 200 OK" up to its blank line), and up to eight wrapper tags:
// start tags of elements that are not HTML's, each followed, after white space, by another
// tag ("<text id=...>\n<!DOCTYPE html>"). Looks at most at the first 64 KiB.
std::size_t markup_start(std::string_view text);

// True when TEXT is markup rather than plain text: after the preamble (markup_start) it starts
// with a document type declaration ("<!DOCTYPE", any), an XML declaration, or the start tag of
// an element of data/extract-html-start-tags.txt ("<html", "<head", "<body", "<div", "<p>",
// ...), in any case. Empty text is not markup.
bool looks_like_html(std::string_view text);

}  // namespace winnow
