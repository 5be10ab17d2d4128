#include "winnow/pipeline.h"

#include <optional>

#include "winnow/dedupe.h"

namespace winnow {
namespace {

// Counts the blocks a stage dropped, by reason, for --stats ("removed/REASON").
void count_removed(const Document& doc, Report* report) {
  if (!report) return;
  for (const Block& b : doc.blocks) {
    if (!b.kept()) report->count("removed", b.reason);
  }
}

}  // namespace

std::string clean(std::string_view bytes, const CleanOptions& options, Report* report, Document* doc_out) {
  std::optional<StageTimer> timer(std::in_place, report, "decode");
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
      timer.emplace(report, "extract");
      Document page = extract(input, options.extract, report);
      FixOptions fix_options = options.fix;
      fix_options.markup = false;  // libxml2 has decoded the entities; the blocks are text
      timer.emplace(report, "fix");
      if (options.stages.fix) fix(page, fix_options, report);
      timer.emplace(report, "norm");
      normalize(page, options.norm, report);
      count_removed(page, report);
      input = render(page);
    }
    timer.emplace(report, "split");
    Document doc = split(input, options.norm.keep_lines ? SplitMode::kParagraphs : SplitMode::kAuto);
    FixOptions fix_options = options.fix;
    fix_options.markup = is_markup(input);
    timer.emplace(report, "fix");
    if (options.stages.fix) fix(doc, fix_options, report);
    // Strip and dedupe judge canonical text, the same text they will see when clean's output
    // is cleaned again; judging the raw text instead made clean(clean(x)) differ from
    // clean(x) (found by the fuzzer). Norm is idempotent, so the second pass costs a scan.
    timer.emplace(report, "norm");
    normalize(doc, options.norm, report);
    timer.emplace(report, "strip");
    if (options.stages.strip) strip(doc, options.strip, report);
    timer.emplace(report, "dedupe");
    if (options.stages.dedupe) dedupe_blocks(doc, {}, report);
    timer.emplace(report, "norm");
    normalize(doc, options.norm, report);
    std::string text = render(doc);
    timer.reset();
    count_removed(doc, report);
    if (!looks_like_html(text) || (!html && text == input) || round == kMaxRounds) {
      if (doc_out) *doc_out = std::move(doc);
      return text;
    }
    input = std::move(text);
  }
}

}  // namespace winnow
