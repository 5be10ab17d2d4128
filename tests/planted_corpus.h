// planted_corpus.h: a dedupe test corpus built from real articles (tests/data/dedupe): the
// originals, planted exact copies (reformatted: other spaces and line ends; and verbatim) and
// near copies (edited: every 100th word replaced; truncated: the last 15% of the words cut;
// re-headlined: a new headline and byline on top; boilerplate: share links, a copyright notice
// and a newsletter pitch added), and the other articles, several of them on the same story.
// bench/dedupe-quality.py builds the same kinds of copies from all the dev articles.
#pragma once

#include <string>
#include <vector>

namespace winnow::testing {

struct PlantedDocument {
  std::string id, date, text;
  int family;        // index of the original article it derives from
  std::string kind;  // "original", "exact", "edited", "truncated", "reheadlined", "boilerplate"
};

// The originals from tests/data/dedupe/articles.jsonl, each followed by its copies. Copies
// are dated after their original, so that the original is the one dedupe keeps.
std::vector<PlantedDocument> planted_corpus();

// DOC as one JSON Lines record with fields id, date and text (no newline).
std::string to_jsonl(const PlantedDocument& doc);

}  // namespace winnow::testing
