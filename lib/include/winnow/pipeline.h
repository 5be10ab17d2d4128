// winnow/pipeline.h: the whole cleaning pipeline for one document, as `winnow clean` runs it.
//
//   bytes --decode--> UTF-8 --split--> blocks --fix--> --strip--> --dedupe--> --norm--> text
//
// Extract (for HTML) slots in before split; each
// reads and writes the Document model. Pure, deterministic and thread-safe; clean(clean(x))
// == clean(x).
#pragma once

#include <string>
#include <string_view>

#include "winnow/decode.h"
#include "winnow/document.h"
#include "winnow/fix.h"
#include "winnow/norm.h"
#include "winnow/report.h"
#include "winnow/strip.h"

namespace winnow {

struct CleanOptions {
  DecodeOptions decode;
  FixOptions fix;  // markup is set from the input
  StripOptions strip;
  NormOptions norm;
};

// Cleans one document given as raw bytes (any encoding). REPORT, if given, receives what every
// stage changed or removed. DOC, if given, receives the final block model (dropped blocks
// included, with their reasons).
std::string clean(std::string_view bytes, const CleanOptions& options = {}, Report* report = nullptr,
                  Document* doc = nullptr);

}  // namespace winnow
