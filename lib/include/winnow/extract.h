// winnow/extract.h: the article of an HTML page, as a Document.
//
// extract() parses one page with libxml2's recovering HTML parser and keeps the article: the
// headline, then the paragraphs, headings, lists, quotes, preformatted runs and data tables of
// the article body in reading order. Navigation, headers and footers, share/follow bars,
// newsletter boxes, comment sections, related-article lists, ads, author bios, tag lists,
// cookie notices, captions and byline chrome are not erased but dropped: every block of the
// page is in the result, the ones outside the article with verdict kDrop and a reason
// ("outside", "nav", "comments", "link-dense", ...), so that --explain can account for them.
//
// How the article is found: the element whose paragraphs score best (text length, commas, class
// and id words from data/extract-*-tokens.txt matched as whole words, <article> and
// itemprop="articleBody" hints, less the share of link text; a candidate without a sentence
// yields to the best one with some), widened to its ancestors while what they add is mostly
// prose (never beyond an <article> or itemprop="articleBody" element), with the sibling
// elements that score close to it and an earlier <article> close by that holds prose and no
// heading of its own (an article split around a box). <nav>, <aside> and <footer> never hold it
// unless they hold most of the page's prose, nor do listings of three or more teaser cards (a
// linked title with a little text each), nor what follows a comment-section heading that comes
// after prose in the same wrapper. Class names that are states or taxonomy terms
// (data/extract-state-words.txt: "no-sidebar", "tag-news") and the classes of <html> and <body>
// name no chrome; a content word never cancels "comments".
//
// Inside the article, these are dropped: elements whose class or id names chrome (unless the
// element holds most of the article; when together they would remove two thirds of it, the
// prose among them comes back), <header> (but not a lead paragraph in an <article>'s header),
// <figure> and captions, link-dense blocks that are not sentences, short chrome phrases and
// counters (data/extract-boilerplate-phrases.txt), short blocks not surrounded by article text
// (unless nothing else would be left), a comment-section heading after article text and all
// that follows it (data/extract-comment-headings.txt), end matter after the last paragraph
// (data/extract-tail-phrases.txt), a newsletter prompt wherever it sits, a related-content box
// with its label (data/extract-related-labels.txt: "Also on ...:"), and the second copy of an
// article a page carries twice. A list between article text whose items carry text of their own
// besides their links, and three or more numbered lines in a row, are kept as lists; a
// quotation (an embedded post with its attribution line) with text of its own is kept whole;
// short lines under a section heading at the start of the article, and up to three short plain
// lines closing it, stay. Soft hyphens are removed, a dateline span stays in its sentence,
// hover cards (an inline element of headline links inside a sentence) are skipped.
//
// When the page's JSON-LD articleBody holds more than twice the text found, it is used instead
// (parsed as HTML when it holds markup). Lengths count CJK characters three times, so pages
// without spaces are judged like others; the headline is the page's h1 that is most of its
// <title>, else an h2 or h3 of the article that is, else the article's first h1, else the
// JSON-LD or Open Graph headline, else <title>.
//
// Pure and thread-safe: no globals are written, no network or file is touched (libxml2 runs
// with HTML_PARSE_NONET and loads no external entity), the parsed tree is freed before the
// call returns. Any input is accepted: broken markup is recovered the way libxml2 recovers it,
// text that is not HTML gives whatever text libxml2 finds in it, empty input an empty Document.
#pragma once

#include <string_view>

#include "winnow/document.h"
#include "winnow/report.h"

namespace winnow {

struct ExtractOptions {
  // Put the headline first, as a kHeading block with the DOM path "title" (Block::Markup). When false, the
  // headline is still found (and its copy in the body dropped) but not output.
  bool title = true;
  // extract_verb (transforms.h) writes Markdown (render_markdown, see markdown.h) rather than
  // plain text. extract() itself fills the structure Markdown needs either way.
  bool markdown = false;
  // Record each block's links (Block::Markup::links, see html_page: their text and href), which
  // render_markdown() writes as Markdown links; a relative href is resolved against the page's
  // <base href>, else the URL the page names as its own (metadata url), when there is one. Off,
  // no href is kept. Meant with markdown.
  bool markdown_links = false;
};

// Extracts the article of HTML, which must be UTF-8 (run decode() first: a <meta charset> in
// the page is ignored); ill-formed UTF-8 sequences are replaced by U+FFFD before parsing.
// Metadata (title, byline, date, url, lang) comes from <meta> tags, JSON-LD and the page.
// REPORT, if given, counts every dropped block as extract/REASON (with its text when details
// are kept).
Document extract(std::string_view html, const ExtractOptions& options = {}, Report* report = nullptr);

}  // namespace winnow
