// winnow/strip.h: removing web boilerplate from text a scraper already dumped.
//
// strip() finds the article in a Document made of plain-text blocks (menus, banners,
// breadcrumbs, share bars, newsletter boxes, related lists, comment prompts and footers
// around and inside it) and drops every block that is not part of it, with a reason and a
// score. It works line by line: a paragraph block whose lines are independent (a newsletter
// box, a menu) is classified per line, and a block whose lines get different verdicts is cut
// into runs of kept and dropped lines. Lines joined by a hard wrap (is_wrapped_break) are
// classified together.
//
// How a line is judged (the rule tables are data/boilerplate-*.txt, data/stopwords-*.txt and
// data/dates.txt):
//   1. Features: length in words and characters, sentence punctuation at the end, share of
//      stopwords of the document's language, capitalisation, dates and times, URLs, e-mail
//      addresses and handles, separators (| » › • · tab), the script against the document's,
//      and the share of its words covered by boilerplate phrases (one Aho-Corasick pass).
//   2. A content score in [0, 1]: near 0 for junk (phrases, links, time stamps, bylines,
//      breadcrumbs, captions cut off with "..."), near 1 for long lines of running prose.
//   3. Units: rows of a table of figures (three or more lines of numbers beside names) are
//      weak text, not time stamps; a paragraph cut off with "..." is weak text; feeds (comment
//      threads, teaser lists: items opened by time stamps, comment prompts or "NAME says:",
//      four or more with text, at most six lines apart) are weak lines, but for an item much
//      heavier than the typical one (the article, when it opens a feed). Lists of three or
//      more items opened by bullets or numbers, calendar rows (a date, then names) under the
//      article's text and embedded posts (text, then "— Name (@handle) Date") count for the
//      article (a little above the threshold, or at it), so that they do not end it; so do
//      ranked lists, whose entries open with a line of nothing but a number counting up or
//      down by one ("10", a name, its text; "9", ...), which are then not time stamps, and
//      slide shows, whose captions open with a counter "1 of 6", "2 of 6", ...
//   4. Smoothing: the article is the run of lines with the largest total (score - threshold)
//      weighted by length (at least 70 characters a line), or, when that run starts after
//      the start of a feed (a long comment) and a run before the feed has at least 3 % of its
//      total, the best run before the feed; when a later copy of the page title (the first
//      line) is followed within seven lines by a run at least a quarter that large (a tenth
//      when the copy holds 80 % of the title's words and the run opens with a sentence of 12
//      words or more: a short post beside a long profile box), that run
//      is the article (the first copy holding half the title's words, else the one holding the
//      most: a copy of the site name, "Site" of "Headline | Site", is passed over for the
//      headline's copy under it). A comment prompt, a copyright line or a feed ends it once two good lines have
//      passed (a prompt before anything of weight starts it instead; a prompt that is a
//      sentence, "Comments welcome!", or a copyright line, a photo credit, with five times
//      more of the run after it than before it does not end it). A paragraph cut off with "..." right under it is its last (a paywall). Lines
//      before and after it are lead and tail junk (feed, for the items of a feed). Inside it
//      short lines are kept (subheadings, one-line quotes) unless they are junk, sit in a run
//      of three or more short lines without sentence punctuation that are not table rows or
//      items opened by a bullet or a number (a related-links list), or are partly covered by
//      boilerplate phrases next to a line of the same kind; a line of twelve words or more
//      that names an address is text; a paragraph cut off with "..." is a caption.
//   5. The headline is kept: the copy of the title above the article; without one, the
//      heading-like lines just before the article (at most three: headline, kicker,
//      standfirst, across a byline and a time stamp), or else the first line of the document.
//      Of lines that occur more than once, one copy is kept (the headline or the first inside
//      the article) and the others are dropped as "repeated".
//   Steps 2 to 5 run at most four times, over the lines still kept; each run is linear in the
//   number of lines, and so is strip (StripOptions::work counts the line visits).
//
// Phrase-level boilerplate is a line covered by boilerplate phrases (step 2: alone, or partly,
// next to a line of the same kind), or a line of nothing but web and e-mail addresses; it is
// judged from the line and its two neighbours only, whatever the document. A text in which no
// line is phrase-level boilerplate is taken as an article already and kept whole: every page
// dump carries some (a menu, a share bar, a copyright line), and an article must not be cut
// again. Last, phrase-level lines are dropped from the lines kept until none is left (only the
// neighbours of what went are judged again), so the output holds none.
//
// Pure, deterministic, locale-independent and thread-safe (the tables are built once, on
// first use, behind a static). Idempotent by construction: the output holds no phrase-level
// boilerplate, so it is kept whole when stripped again. Ill-formed UTF-8 is classified as it
// is (each bad byte counts as a symbol) and passed through unchanged.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/document.h"
#include "winnow/report.h"
#include "winnow/site_model.h"

namespace winnow {

struct StripOptions {
  // The content score a line needs to count for the article (0..1). Higher keeps less:
  // precision up, recall down. Lines inside the article are kept down to threshold - 0.35.
  double keep_threshold = 0.55;
  // Lines learned per site with `winnow strip --learn`; null for none. Lines of the document
  // that the model marks as boilerplate for SITE are dropped with reason "site".
  const SiteModel* model = nullptr;
  std::string site;  // empty: the document's meta.site
  // The blocks are an article extract() already chose: its shape is kept (no lead, tail,
  // short, list or feed cuts, no repeated-line drops); only phrase-level boilerplate (see
  // above) and lines of the site model are dropped.
  bool extracted = false;
  // When set, strip() adds to it the number of line visits it made, a count proportional to
  // its time (linear in the number of lines); for tests and benchmarks.
  std::uint64_t* work = nullptr;
};

// Drops the boilerplate blocks of DOC (verdict Drop, a reason such as "navigation", "share",
// "subscribe", "lead" or "tail", and the score), cutting mixed blocks into runs of kept and
// dropped lines. Blocks already dropped are left as they are. REPORT, if given, records each
// dropped run under stage "strip" with its first source line, an excerpt and its score.
void strip(Document& doc, const StripOptions& options = {}, Report* report = nullptr);

// The article of TEXT: split (SplitMode::kParagraphs), strip, render; TEXT itself, unchanged,
// when nothing is dropped. DOC, if given, receives the block model.
std::string strip(std::string_view text, const StripOptions& options = {}, Report* report = nullptr,
                  Document* doc = nullptr);

// ---- The classifier's parts, exposed for tests and for `--learn`. ----

struct LineFeatures {
  std::uint32_t words = 0;        // tokens: runs of letters/digits; each Han or kana one token
  std::uint32_t chars = 0;        // code points other than spaces
  std::uint32_t weight = 0;       // chars, with Han and kana counted three times (word-sized)
  std::uint32_t stopwords = 0;    // tokens in the stopword list of the language asked for
  std::uint32_t cased = 0;        // tokens that start with a cased letter ...
  std::uint32_t capitalised = 0;  // ... and those of them that start upper case
  std::uint32_t digits = 0;       // tokens that are all digits
  std::uint32_t separators = 0;   // | » › • · tab, and " / " or " > " between words
  double phrase_cover = 0;        // share of the tokens inside boilerplate phrases
  std::string_view phrase_kind;   // the table most of them come from ("share", ...)
  bool label = false;             // opens with a phrase anchored at the start ("Tags:", ...)
  bool sentence_end = false;      // ends with . ! ? … 。 ！ ？ ؟ (closing quotes skipped)
  bool cut_off = false;           // ends with "..." or "…": a truncated teaser or caption
  bool link = false;              // a URL, a bare domain, an e-mail address or an @handle
  bool link_only = false;         // nothing but such addresses, separated by white space
  bool copyright = false;         // contains ©
  bool date = false;              // numbers and date/time words (70 % of a short line), a number
  bool byline = false;            // short, opens with a byline or credit word ("By", "Photo")
  std::uint8_t script = 0;        // dominant script (ICU UScriptCode, 0 when no letters)
};

// The features of one LINE for a document in language LANG (a stopword table: en fr de es pt
// it ru ar fa zh ja id nl; empty: stopwords are not counted). strip() takes as the document's
// language the table with the most stopword tokens in the lines it keeps (at least 3).
LineFeatures line_features(std::string_view line, std::string_view lang);

// The content score of a line in [0, 1] and, when it is junk on its own, the reason (else
// empty). DOC_SCRIPT is the document's dominant script; LANG_KNOWN whether the language was
// detected (stopword shares mean nothing otherwise).
double content_score(const LineFeatures& f, std::uint8_t doc_script, bool lang_known, std::string_view* reason);

// The article span by the smoothing rule: the half-open range [first, last) of SCORES with the
// largest SUM of (score - threshold) * max(weight, 70); {0, 0, 0} when no range has a positive sum.
struct Span {
  std::size_t first = 0, last = 0;
  double sum = 0;
};
Span article_span(const std::vector<double>& scores, const std::vector<std::uint32_t>& weights, double threshold);

// The key under which site learning counts LINE: a 64-bit FNV-1a hash of its case-folded
// words (punctuation and spacing ignored); 0 for a line without letters or digits.
std::uint64_t line_key(std::string_view line);

// The distinct keys of the lines of DOC's kept blocks (0 excluded), sorted: one page's
// contribution to a site model.
std::vector<std::uint64_t> page_keys(const Document& doc);

}  // namespace winnow
