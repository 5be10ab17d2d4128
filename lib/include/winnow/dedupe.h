// winnow/dedupe.h: repeated headlines, deks and paragraphs inside one document.
//
// Scrapers often emit the headline and the dek twice (title, dek, title, dek), repeat a
// paragraph, or add a site name to a second copy of the title. dedupe_blocks() keeps the first
// occurrence and drops the later copies with reason "duplicate" (same comparison text) or
// "near-duplicate" (a copy with a site suffix such as " - Site Name" or " | Site", or a
// truncated copy), recording each in the report under stage "dedupe".
//
// Comparison text: NFKC with case folding, punctuation, symbols and whitespace only separating
// words (see corpus dedupe in dedupe_corpus.h, which uses the same form). Which repeats count is
// decided by length and position, so that legitimate short repeats survive:
//   - a block of at least long_words words is dropped wherever its earlier copy is;
//   - a shorter block (at least head_words words) is dropped only near the top: its earlier
//     copy is in the head (one of the first head_blocks kept blocks, all single lines of
//     fewer than 30 words: the head ends at the first block of body text), and it is itself
//     one of the first head_window kept blocks. That is where repeated headlines and deks
//     are; a refrain in a poem (after a stanza) or "Yes." in an interview (under head_words,
//     below the head) is kept;
//   - a truncated copy (its words are the first words of an earlier block, the last one
//     possibly cut) must obey the same rules and have at least head_words + 1 words; the
//     earlier, longer block is the one kept. A short teaser followed by the full paragraph is
//     left alone: the first occurrence is kept, never a later one.
// Positions count only blocks this stage keeps, which makes the stage idempotent: running it
// on its own output changes nothing.
//
// Pure, deterministic and thread-safe. Blocks already dropped by an earlier stage are ignored.
// Ill-formed UTF-8 compares as a word separator and is never changed (blocks are dropped or
// kept, their text is not edited).
#pragma once

#include <cstddef>

#include "winnow/document.h"
#include "winnow/report.h"

namespace winnow {

struct BlockDedupeOptions {
  std::size_t long_words = 25;  // repeats this long are dropped anywhere in the document
  std::size_t head_words = 3;   // shorter repeats need at least this many words ...
  std::size_t head_blocks = 3;  // ... an original in the head, among the first head_blocks ...
  std::size_t head_window = 6;  // ... and to be among the first head_window kept blocks
};

// Drops the later copies of repeated blocks of DOC as described above. REPORT, if given,
// counts each drop as dedupe/duplicate or dedupe/near-duplicate with the block's first line.
void dedupe_blocks(Document& doc, const BlockDedupeOptions& options = {}, Report* report = nullptr);

}  // namespace winnow
