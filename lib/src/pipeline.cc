#include "winnow/pipeline.h"

#include "winnow/dedupe.h"

namespace winnow {

std::string clean(std::string_view bytes, const CleanOptions& options, Report* report, Document* doc_out) {
  Decoded decoded = decode(bytes, options.decode);
  if (report) {
    if (decoded.encoding != "UTF-8") report->add("decode", "transcoded", 0, decoded.encoding);
    if (decoded.replaced) report->count("decode", "invalid-bytes", decoded.replaced);
  }
  // An HTML page is first reduced to its article text (extract, fix, norm); then every
  // document, page or not, takes the text path. Ending on the text path is what makes clean
  // idempotent: clean's output is text, and the text path is a fixed point of itself. When
  // the result still looks like HTML (an article about markup that starts with "<p>"), it
  // goes round again; the bound only guards against a cycle no input is known to produce.
  constexpr int kMaxRounds = 8;
  std::string input = std::move(decoded.text);
  for (int round = 1;; ++round) {
    const bool html = looks_like_html(input);
    if (html) {
      Document page = extract(input, options.extract, report);
      FixOptions fix_options = options.fix;
      fix_options.markup = false;  // libxml2 has decoded the entities; the blocks are text
      if (options.stages.fix) fix(page, fix_options, report);
      normalize(page, options.norm, report);
      input = render(page);
    }
    Document doc = split(input, options.norm.keep_lines ? SplitMode::kParagraphs : SplitMode::kAuto);
    FixOptions fix_options = options.fix;
    fix_options.markup = is_markup(input);
    if (options.stages.fix) fix(doc, fix_options, report);
    if (options.stages.strip) strip(doc, options.strip, report);
    if (options.stages.dedupe) dedupe_blocks(doc, {}, report);
    normalize(doc, options.norm, report);
    std::string text = render(doc);
    if (!looks_like_html(text) || (!html && text == input) || round == kMaxRounds) {
      if (doc_out) *doc_out = std::move(doc);
      return text;
    }
    input = std::move(text);
  }
}

}  // namespace winnow
