// winnow/pipeline.h: the whole cleaning pipeline for one document, as `winnow clean` runs it.
//
//   bytes --decode--> UTF-8 --split--> blocks --norm--> text
//
// Later stages (extract for HTML, fix, strip, dedupe) slot in between split and norm; each
// reads and writes the Document model. Pure, deterministic and thread-safe; clean(clean(x))
// == clean(x).
#pragma once

#include <string>
#include <string_view>

#include "winnow/decode.h"
#include "winnow/document.h"
#include "winnow/norm.h"
#include "winnow/report.h"

namespace winnow {

struct CleanOptions {
  DecodeOptions decode;
  NormOptions norm;
};

// Cleans one document given as raw bytes (any encoding). REPORT, if given, receives what every
// stage changed or removed, one count "removed/REASON" for every dropped block, and the time
// each stage took. DOC, if given, receives the final block model (dropped blocks
// included, with their reasons).
std::string clean(std::string_view bytes, const CleanOptions& options = {}, Report* report = nullptr,
                  Document* doc = nullptr);

}  // namespace winnow
