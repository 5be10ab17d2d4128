#include "winnow/pipeline.h"

#include <cstdint>
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

// FNV-1a over the kept blocks' text: enough to tell whether a round changed anything.
std::uint64_t digest(const Document& doc) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const Block& b : doc.blocks) {
    if (!b.kept()) continue;
    for (char c : b.text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    h = (h ^ 0xFF) * 1099511628211ULL;  // a byte no UTF-8 text holds, between blocks
  }
  return h;
}

// Fix, then norm, until neither changes anything: norm's composition can make a sequence fix
// repairs (NFC turns "A" + U+0303 into "\u00C3", the lead of much mojibake), and a clean that
// stopped after one round would change its own output (found by the fuzzer). One extra round
// over clean text costs the two fast paths.
void repair(Document& doc, const CleanOptions& options, const FixOptions& fix_options, Report* report,
            std::optional<StageTimer>& timer) {
  constexpr int kMaxRepairRounds = 4;
  for (int round = 0; round < kMaxRepairRounds; ++round) {
    std::uint64_t before = round ? digest(doc) : 0;
    timer.emplace(report, "fix");
    if (options.stages.fix) fix(doc, fix_options, report);
    timer.emplace(report, "norm");
    normalize(doc, options.norm, report);
    if (!options.stages.fix || (round && digest(doc) == before)) return;
  }
}

}  // namespace

std::string clean(std::string_view bytes, const CleanOptions& options, Report* report, Document* doc_out) {
  std::optional<StageTimer> timer(std::in_place, report, "decode");
  Decoded decoded = decode(bytes, options.decode);
  if (report) report_decoding(decoded, *report);
  // An HTML page is first reduced to its article text (extract, fix, norm); then every
  // document, page or not, takes the text path. Ending on the text path is what makes clean
  // idempotent: clean's output is text, and the text path is a fixed point of itself. When
  // the result still looks like HTML (an article about markup that starts with "<p>"), it is
  // extracted again; the bound only guards against a cycle no input is known to produce.
  constexpr int kMaxRounds = 8;
  std::string input = std::move(decoded.text);
  for (int round = 1;; ++round) {
    const bool html = looks_like_html(input);
    if (html) {
      timer.emplace(report, "extract");
      Document page = extract(input, options.extract, report);
      FixOptions fix_options = options.fix;
      fix_options.markup = false;  // libxml2 has decoded the entities; the blocks are text
      repair(page, options, fix_options, report, timer);
      count_removed(page, report);
      input = render(page);
    }
    timer.emplace(report, "split");
    Document doc = split(input, options.norm.keep_lines ? SplitMode::kParagraphs : SplitMode::kAuto);
    FixOptions fix_options = options.fix;
    fix_options.markup = is_markup(input);
    // Strip and dedupe judge repaired, canonical text: the text they will see when clean's
    // output is cleaned again (judging the raw text made clean(clean(x)) differ from clean(x)).
    repair(doc, options, fix_options, report, timer);
    timer.emplace(report, "strip");
    if (options.stages.strip) strip(doc, options.strip, report);
    timer.emplace(report, "dedupe");
    if (options.stages.dedupe) dedupe_blocks(doc, {}, report);
    timer.emplace(report, "norm");
    normalize(doc, options.norm, report);
    std::string text = render(doc);
    timer.reset();
    count_removed(doc, report);
    // The output must be a fixed point: clean(clean(x)) == clean(x). Each stage is idempotent
    // on its own, but their composition need not be (strip judges a line by neighbours that
    // dedupe may drop; fix treats markup differently once strip has removed a doctype line; a
    // paragraph of several lines is read back line by line), and the fuzzer keeps finding
    // such inputs. So the text goes round until a round changes nothing; for most documents
    // that is one extra round, which costs about as much as the first.
    if ((text == input && !looks_like_html(text)) || round == kMaxRounds) {
      if (doc_out) *doc_out = std::move(doc);
      return text;
    }
    input = std::move(text);
  }
}

}  // namespace winnow
