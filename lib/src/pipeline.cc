#include "winnow/pipeline.h"

#include "winnow/dedupe.h"

namespace winnow {

std::string clean(std::string_view bytes, const CleanOptions& options, Report* report, Document* doc_out) {
  Decoded decoded = decode(bytes, options.decode);
  if (report) {
    if (decoded.encoding != "UTF-8") report->add("decode", "transcoded", 0, decoded.encoding);
    if (decoded.replaced) report->count("decode", "invalid-bytes", decoded.replaced);
  }
  Document doc = split(decoded.text, options.norm.keep_lines ? SplitMode::kParagraphs : SplitMode::kAuto);
  FixOptions fix_options = options.fix;
  fix_options.markup = is_markup(decoded.text);
  fix(doc, fix_options, report);
  strip(doc, options.strip, report);
  dedupe_blocks(doc, {}, report);
  normalize(doc, options.norm, report);
  std::string text = render(doc);
  if (doc_out) *doc_out = std::move(doc);
  return text;
}

}  // namespace winnow
