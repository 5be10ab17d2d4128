#include "winnow/transforms.h"

#include <utility>

#include "winnow/dedupe.h"
#include "winnow/markdown.h"
#include "winnow/markup.h"
#include "winnow/utf8.h"

namespace winnow {
namespace {

Decoded decoded(std::string_view bytes, const DecodeOptions& options, Report* report) {
  Decoded d = decode(bytes, options);
  if (report) report_decoding(d, *report);
  return d;
}

}  // namespace

std::string extract_verb(std::string_view bytes, const ExtractOptions& options, Report* report, Document* doc) {
  Document page = extract(decoded(bytes, {}, report).text, options, report);
  std::string text = options.markdown ? render_markdown(page) : render(page);
  if (doc) {
    finish_metadata(page, options.markdown ? render(page) : text);  // the language of the text, not of its markup
    *doc = std::move(page);
  }
  return text;
}

std::string fix_verb(std::string_view bytes, const FixOptions& options, const DecodeOptions& decode, Report* report) {
  FixOptions o = options;
  if (decode.from.empty() && utf8::valid_cesu8(bytes)) {
    o.markup = looks_like_html(bytes);
    return fix(bytes, o, report);
  }
  Decoded d = decoded(bytes, decode, report);
  o.markup = looks_like_html(d.text);
  return fix(d.text, o, report);
}

std::string strip_verb(std::string_view bytes, bool text_is_utf8, const StripOptions& options, Report* report,
                       Document* doc) {
  if (text_is_utf8) return strip(bytes, options, report, doc);
  return strip(decoded(bytes, {}, report).text, options, report, doc);
}

std::string dedupe_verb(std::string_view bytes, Report* report, Document* doc) {
  Decoded d = decoded(bytes, {}, report);
  Document blocks = split(d.text);
  dedupe_blocks(blocks, {}, report);
  bool dropped = false;
  for (const Block& b : blocks.blocks) dropped = dropped || !b.kept();
  // Text without repeats passes through as it is, so that --check only reports repeats.
  std::string text = dropped ? render(blocks) : std::move(d.text);
  if (doc) *doc = std::move(blocks);
  return text;
}

std::string norm_verb(std::string_view bytes, const NormOptions& options, Report* report) {
  Decoded d;
  std::string_view text = decode_view(bytes, {}, d);  // no copy of a big document
  if (report) report_decoding(d, *report);
  return normalize(text, options, report);
}

}  // namespace winnow
