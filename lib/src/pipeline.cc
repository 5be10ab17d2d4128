#include "winnow/pipeline.h"

#include <optional>

namespace winnow {

std::string clean(std::string_view bytes, const CleanOptions& options, Report* report, Document* doc_out) {
  std::optional<StageTimer> timer(std::in_place, report, "decode");
  Decoded decoded = decode(bytes, options.decode);
  if (report) {
    if (decoded.encoding != "UTF-8") report->add("decode", "transcoded", 0, decoded.encoding);
    if (decoded.replaced) report->count("decode", "invalid-bytes", decoded.replaced);
  }
  timer.emplace(report, "split");
  Document doc = split(decoded.text, options.norm.keep_lines ? SplitMode::kParagraphs : SplitMode::kAuto);
  timer.emplace(report, "norm");
  normalize(doc, options.norm, report);
  std::string text = render(doc);
  timer.reset();
  if (report) {
    for (const Block& b : doc.blocks) {
      if (!b.kept()) report->count("removed", b.reason);
    }
  }
  if (doc_out) *doc_out = std::move(doc);
  return text;
}

}  // namespace winnow
