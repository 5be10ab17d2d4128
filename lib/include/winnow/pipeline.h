// winnow/pipeline.h: the whole cleaning pipeline for one document, as `winnow clean` runs it.
//
//   bytes --decode--> UTF-8 --(markup: extract | text: split)--> blocks
//         --rewrite: fix, norm--> --selections: strip, dedupe, resplit (to a fixed point)--> render
//         (plain text, or Markdown: CleanOptions::markdown)
//
// Input is markup when looks_like_html() says so (see markup.h: also behind a preamble such
// as a wrapper tag or an HTTP header). The blocks are rewritten once (a block norm changed is
// fixed again), selected by stages that only drop or cut blocks until none does (strip keeps
// the shape of an extracted article: StripOptions::extracted), and rendered once; resplit
// makes the blocks those the rendered text reads back, so clean(clean(x)) == clean(x) follows
// from the stages' own properties. Each stage reads and writes the Document model. Pure,
// deterministic and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "winnow/decode.h"
#include "winnow/document.h"
#include "winnow/extract.h"
#include "winnow/fix.h"
#include "winnow/norm.h"
#include "winnow/report.h"
#include "winnow/strip.h"

namespace winnow {

// Which optional stages run; decode, extract (for HTML) and norm always do.
struct Stages {
  bool fix = true, strip = true, dedupe = true;
};

struct CleanOptions {
  Stages stages;
  DecodeOptions decode;
  ExtractOptions extract;
  FixOptions fix;  // markup is set from the input
  StripOptions strip;
  NormOptions norm;
  // When not empty, only documents whose detected language (see language.h) is one of these
  // BCP 47 primary subtags are kept; any other document comes out empty, and is counted and
  // reported as "clean/language" with the language found ("unknown" when none).
  std::vector<std::string> languages;
  // Write Markdown (render_markdown, see markdown.h) rather than plain text. A page's
  // preformatted blocks are then verbatim (Block::Shape): norm keeps their spaces. Which
  // blocks are kept, the language and the reparse decision come from the plain text, so they
  // are the same either way; text input comes out as it would without Markdown.
  bool markdown = false;
};

// Cleans one document given as raw bytes (any encoding). REPORT, if given, receives what every
// stage changed or removed, one count "removed/REASON" for every dropped block, and the time
// each stage took. DOC, if given, receives the final block model (dropped blocks
// included, with their reasons) and its metadata, completed by finish_metadata() (see
// metadata.h).
std::string clean(std::string_view bytes, const CleanOptions& options = {}, Report* report = nullptr,
                  Document* doc = nullptr);

// clean() of BYTES, which it frees as soon as the blocks hold the text: for one big document
// this spares the memory of the input during the later stages.
std::string clean_owned(std::string&& bytes, const CleanOptions& options = {}, Report* report = nullptr,
                        Document* doc = nullptr);

}  // namespace winnow
