#include "winnow/pipeline.h"

namespace winnow {

std::string clean(std::string_view bytes, const CleanOptions& options, Report* report, Document* doc_out) {
  Decoded decoded = decode(bytes, options.decode);
  if (report) {
    if (decoded.encoding != "UTF-8") report->add("decode", "transcoded", 0, decoded.encoding);
    if (decoded.replaced) report->count("decode", "invalid-bytes", decoded.replaced);
  }
  // An HTML page is reduced to its article; plain text is split into paragraphs.
  Document doc = looks_like_html(decoded.text)
                     ? extract(decoded.text, options.extract, report)
                     : split(decoded.text, options.norm.keep_lines ? SplitMode::kParagraphs : SplitMode::kAuto);
  normalize(doc, options.norm, report);
  std::string text = render(doc);
  if (doc_out) *doc_out = std::move(doc);
  return text;
}

}  // namespace winnow
