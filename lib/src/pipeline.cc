#include "winnow/pipeline.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "winnow/dedupe.h"
#include "winnow/language.h"
#include "winnow/markdown.h"
#include "winnow/markup.h"

namespace winnow {
namespace {

// Counts the blocks the selections dropped, by reason, for --stats ("removed/REASON").
void count_removed(const Document& doc, Report* report) {
  if (!report) return;
  for (const Block& b : doc.blocks) {
    if (!b.kept()) report->count("removed", b.reason);
  }
}

// The rewrite: fix, then norm, as one operation on each block, in place. Norm's composition
// can form a sequence fix repairs (NFC turns "A" + U+0303 into "\u00C3", the lead of much
// mojibake; a removed format character can join the two halves of one), so a block norm
// changed goes round again, and only such blocks do: clean text costs one fix scan and one
// norm scan, and no copy. A round that fix leaves alone leaves norm nothing to do, so every
// block settles; one still changing after kMaxRounds (no input is known to need more than
// two) is counted as "clean/rewrite-limit" and reported with its line.
void rewrite(Document& doc, const CleanOptions& options, Report* report, std::optional<StageTimer>& timer) {
  FixOptions fix_options = options.fix;
  fix_options.markup = false;  // markup was parsed: the blocks are text
  constexpr int kMaxRounds = 4;
  std::vector<std::size_t> pending, next;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    if (doc.blocks[i].kept()) pending.push_back(i);
  }
  for (int round = 0; !pending.empty(); ++round) {
    if (round == kMaxRounds) {
      if (report) report->add("clean", "rewrite-limit", doc.blocks[pending[0]].first_line);
      return;
    }
    timer.emplace(report, "fix");
    if (options.stages.fix) {
      for (std::size_t i : pending) fix(doc.blocks[i], fix_options, report);
    }
    timer.emplace(report, "norm");
    next.clear();
    for (std::size_t i : pending) {
      Block& b = doc.blocks[i];
      if (b.kept() && normalize(b, options.norm, report) && options.stages.fix && b.kept()) next.push_back(i);
    }
    pending.swap(next);
  }
}

// Cuts the blocks the way the rendered text will read back (see resplit), counting it as
// "norm/paragraph-split" and explaining it with the block's first line.
void reshape(Document& doc, SplitMode mode, Report* report) {
  std::size_t before = doc.blocks.size();
  std::size_t cut = resplit(doc, mode);
  if (!cut || !report) return;
  report->add_many("norm", "paragraph-split", cut, doc.blocks.empty() ? 0 : doc.blocks.front().first_line,
                   report->keep_details() ? std::to_string(before) + " blocks read back as " +
                                                std::to_string(doc.blocks.size())
                                          : std::string());
}

// Blocks and kept blocks: a selection round that changes neither has reached the fixed point.
std::pair<std::size_t, std::size_t> shape(const Document& doc) {
  std::size_t kept = 0;
  for (const Block& b : doc.blocks) kept += b.kept();
  return {doc.blocks.size(), kept};
}

// The selections: strip and dedupe only drop blocks (or cut one into kept and dropped runs),
// and resplit only cuts blocks the way the rendered text will read back, so they go round
// until a round changes nothing. Every round drops or cuts at least one block, and a document
// has finitely many lines, so this ends without a cap. Strip is idempotent on the blocks it
// keeps (a test says so), so a round after which dedupe and resplit changed nothing is the
// last: strip would keep what it kept. It takes two rounds only when dedupe drops a block
// strip had judged by its neighbours.
void select(Document& doc, bool extracted, const CleanOptions& options, SplitMode mode, Report* report,
            std::optional<StageTimer>& timer) {
  StripOptions strip_options = options.strip;
  strip_options.extracted = extracted;
  for (;;) {
    timer.emplace(report, "strip");
    if (options.stages.strip) strip(doc, strip_options, report);
    auto before = shape(doc);
    timer.emplace(report, "dedupe");
    if (options.stages.dedupe) dedupe_blocks(doc, {}, report);
    timer.emplace(report, "norm");
    reshape(doc, mode, report);
    if (shape(doc) == before) return;
  }
}

// Whether TEXT, whose language DOC's metadata gets, is in one of LANGUAGES; when not, says so
// in REPORT.
bool in_languages(Document& doc, std::string_view text, const std::vector<std::string>& languages, Report* report) {
  const std::string& code = doc.meta.language = detect_language(text).code;
  if (std::find(languages.begin(), languages.end(), code) != languages.end()) return true;
  if (report) report->add("clean", "language", 0, code.empty() ? "unknown" : code);
  return false;
}

// clean() of BYTES; OWNER, when given, is the buffer BYTES views, freed once it is not needed.
std::string clean_bytes(std::string_view bytes, std::string* owner, const CleanOptions& options, Report* report,
                        Document* doc_out) {
  std::optional<StageTimer> timer(std::in_place, report, "decode");
  // Plain UTF-8 is read where it is; anything else is decoded into a copy.
  Decoded decoded;
  std::string_view input = decode_view(bytes, options.decode, decoded);
  if (report) report_decoding(decoded, *report);
  const SplitMode mode = options.norm.keep_lines ? SplitMode::kParagraphs : SplitMode::kAuto;
  std::string reparsed;  // the output of a round whose text still looked like markup
  // Markup is parsed and its article extracted; text is split into blocks. Either way the
  // blocks are rewritten once, selected to a fixed point and rendered once. Clean's output
  // is text, so its output must never look like markup: when the text of a page starts with
  // a tag (an article about HTML), or text came out reading as markup, it is parsed again;
  // each round of markup removes markup, so this ends, and it is counted ("clean/reparsed").
  for (;;) {
    const bool html = looks_like_html(input);
    Document doc;
    timer.emplace(report, html ? "extract" : "split");
    doc = html ? extract(input, options.extract, report) : split(input, mode);
    // The blocks hold their own text: the input and a decoded copy are not needed past here.
    const std::size_t input_size = input.size();
    if (input.data() == decoded.text.data()) std::string().swap(decoded.text);
    if (owner) std::string().swap(*owner);
    for (Block& b : doc.blocks) b.shape.verbatim = options.markdown && b.kind == BlockKind::kPreformatted;
    rewrite(doc, options, report, timer);
    timer.emplace(report, "norm");
    reshape(doc, mode, report);
    select(doc, html, options, mode, report, timer);
    timer.emplace(report, "render");
    std::string text = render(doc);
    timer.reset();
    // A text round whose output reads as markup (its blank lines made a preamble of an
    // "HTTP/" line) is read again as markup; after that every round is markup, and goes on
    // only while it shortens the text.
    if (!looks_like_html(text) || (html && text.size() >= input_size)) {
      if (!options.languages.empty() && !in_languages(doc, text, options.languages, report)) return {};
      count_removed(doc, report);
      if (doc_out) finish_metadata(doc, text);
      if (options.markdown) text = render_markdown(doc);
      if (doc_out) *doc_out = std::move(doc);
      return text;
    }
    if (report) report->add("clean", "reparsed");
    reparsed = std::move(text);
    input = reparsed;
  }
}

}  // namespace

std::string clean(std::string_view bytes, const CleanOptions& options, Report* report, Document* doc) {
  return clean_bytes(bytes, nullptr, options, report, doc);
}

std::string clean_owned(std::string&& bytes, const CleanOptions& options, Report* report, Document* doc) {
  std::string owned = std::move(bytes);
  return clean_bytes(owned, &owned, options, report, doc);
}

}  // namespace winnow
