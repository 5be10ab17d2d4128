// winnow/metadata.h: what a reader needs to know about an article besides its text.
//
// One Metadata record per document, filled by every stage that finds something: extract reads
// a page's <meta> tags (OpenGraph, article:*, Dublin Core, twitter), JSON-LD, microdata, <time>
// and the URL's date path; strip (and extract) recognise a byline line ("By James Kitfield")
// and a dateline or time stamp ("June 23, 2015") and drop them from the text as "byline" and
// "date" blocks. finish_metadata() completes the record from the document's dropped blocks
// where the page gave nothing better, so such lines move into the record instead of vanishing,
// normalises the date to ISO 8601 and detects the language of the text.
//
// Pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "winnow/jsonl.h"

namespace winnow {

struct Document;

struct Metadata {
  std::string url;          // the canonical URL the page names
  std::string site;         // the site's name
  std::string title;        // the headline
  std::string byline;       // the author or authors, as written ("Jane Roe, John Doe")
  std::string date;         // published: ISO 8601 once finish_metadata() has run
  std::string modified;     // last modified, where the page gives it: ISO 8601 likewise
  std::string description;  // the page's summary of the article
  std::string lang;         // the language the page declares (<html lang>), as declared
  std::string language;     // the language detected from the text (BCP 47 primary subtag)
};

// Completes DOC's metadata for output, TEXT being the document's output:
// - when it has no byline, the first dropped block with reason "byline" that opens with an
//   author word (data/boilerplate-byline.txt: "By", "Von", "Por"; not a photo credit) gives
//   it, without that word and without a date that ends the line;
// - when it has no date that reads as one, the date of a dropped byline line, else of the
//   dropped "date" or short block nearest before the article's first kept block (within a few
//   blocks; the dateline under a headline), gives it;
// - dates become ISO 8601 (empty when they cannot be read, see date.h);
// - the language is detected from TEXT (see language.h), unless a stage has set it already
//   (clean --lang detects it to filter).
void finish_metadata(Document& doc, std::string_view text);

// The fields of M as (name, value), in a fixed order: title, byline, date, modified, url,
// site, description, lang, language. These are the names of the metadata members of a JSON
// Lines record (see winnow-clean(1)), which holds the fields that are not empty.
std::vector<std::pair<std::string_view, std::string>> metadata_fields(const Metadata& m);

// What `--jsonl` writes for RECORD: its member FIELD set to TEXT and, when META is given, the
// non-empty metadata_fields() added as members, which replace members RECORD already has only
// when REPLACE is true (a record's own url or title is kept). *REPAIRED grows as for
// JsonRecord::with_strings().
std::string record_with_metadata(const JsonRecord& record, std::string_view field, std::string_view text,
                                 const Metadata* meta, bool replace, std::size_t* repaired = nullptr);

}  // namespace winnow
