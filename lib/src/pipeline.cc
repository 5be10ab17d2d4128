#include "winnow/pipeline.h"

namespace winnow {

std::string clean(std::string_view bytes, const CleanOptions& options, Report* report, Document* doc_out) {
  Decoded decoded = decode(bytes, options.decode);
  if (report) {
    if (decoded.encoding != "UTF-8") report->add("decode", "transcoded", 0, decoded.encoding);
    if (decoded.replaced) report->count("decode", "invalid-bytes", decoded.replaced);
  }
  // An HTML page is reduced to its article; plain text is split into paragraphs. When the
  // result itself looks like HTML (an article about markup that starts with "<p>", or text
  // that norm turned into "<p>"), it goes round again until it is a fixed point, so that
  // clean(clean(x)) == clean(x). Each round strips markup; the bound only guards against a
  // cycle no input is known to produce.
  constexpr int kMaxRounds = 8;
  std::string input = std::move(decoded.text);
  for (int round = 1;; ++round) {
    Document doc = looks_like_html(input)
                       ? extract(input, options.extract, report)
                       : split(input, options.norm.keep_lines ? SplitMode::kParagraphs : SplitMode::kAuto);
    normalize(doc, options.norm, report);
    std::string text = render(doc);
    if (!looks_like_html(text) || text == input || round == kMaxRounds) {
      if (doc_out) *doc_out = std::move(doc);
      return text;
    }
    input = std::move(text);
  }
}

}  // namespace winnow
