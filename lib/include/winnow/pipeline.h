// winnow/pipeline.h: the whole cleaning pipeline for one document, as `winnow clean` runs it.
//
//   bytes --decode--> UTF-8 --split (plain text) or extract (HTML)--> blocks --norm--> text
//
// Input is HTML when looks_like_html() says so (see extract.h). Later stages (fix, strip,
// dedupe) slot in between split/extract and norm; each reads and writes the Document model.
// Pure, deterministic and thread-safe; clean(clean(x)) == clean(x).
#pragma once

#include <string>
#include <string_view>

#include "winnow/decode.h"
#include "winnow/document.h"
#include "winnow/extract.h"
#include "winnow/norm.h"
#include "winnow/report.h"

namespace winnow {

struct CleanOptions {
  DecodeOptions decode;
  ExtractOptions extract;
  NormOptions norm;
};

// Cleans one document given as raw bytes (any encoding). REPORT, if given, receives what every
// stage changed or removed. DOC, if given, receives the final block model (dropped blocks
// included, with their reasons).
std::string clean(std::string_view bytes, const CleanOptions& options = {}, Report* report = nullptr,
                  Document* doc = nullptr);

}  // namespace winnow
