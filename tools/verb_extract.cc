// winnow extract: the article of each HTML page.
#include <algorithm>

#include "declared_charset.h"
#include "runner.h"
#include "settings.h"
#include "verb_options.h"
#include "verbs.h"
#include "winnow/extract.h"
#include "winnow/jsonl.h"
#include "winnow/pipeline.h"
#include "winnow/transforms.h"

namespace winnow::tools {
namespace {

// --blocks: one line a block, tab-separated: verdict, reason ("-" when kept), kind, characters
// inside links, DOM path, text (its line breaks and tabs as spaces).
std::string block_lines(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) {
    std::string text = b.text;
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '\n' || c == '\t'; }, ' ');
    out += std::string(b.kept() ? "keep" : "drop") + "\t" + (b.kept() ? "-" : b.reason) + "\t" +
           std::string(to_string(b.kind)) + "\t" + std::to_string(b.link_chars) + "\t" + b.dom_path + "\t" + text +
           "\n";
  }
  return out;
}

std::string json_document(Document& doc, const std::string& text) {
  finish_metadata(doc, text);
  const Metadata& m = doc.meta;
  return "{\"title\":" + json_quote(m.title) + ",\"byline\":" + json_quote(m.byline) +
         ",\"date\":" + json_quote(m.date) + ",\"url\":" + json_quote(m.url) + ",\"lang\":" + json_quote(m.lang) +
         ",\"language\":" + json_quote(m.language) + ",\"text\":" + json_quote(text) + "}\n";
}

}  // namespace

int extract_main(int argc, char** argv) {
  static const cli::Verb verb{
      "extract", "[OPTION]... [FILE]...", "Write the article text of each HTML page.",
      "Parses each page with libxml2 (after decoding it to UTF-8) and writes its headline, then the\n"
      "paragraphs, headings, lists, quotes and tables of the article, separated by blank lines,\n"
      "without navigation, share bars, newsletter boxes, comments, related links, ads, captions\n"
      "and footers. A WARC file (recognised by content) gives JSON Lines with url, date, id and\n"
      "text (the article) for each HTML response."};
  DocumentOptions io;
  Settings settings = load_settings(argc, argv);
  ExtractOptions& extract_opts = settings.clean.extract;
  bool blocks = false;
  std::vector<cli::Option> options;
  add_extract_options(options, extract_opts);
  options.push_back({"blocks", 0, cli::Arg::kNone, nullptr,
                     "write the block model instead: verdict, reason, kind, link chars, DOM path, text",
                     [&](const char*) { blocks = true; }});
  add_config_options(options);
  add_document_options(options, io, nullptr);
  // --json keeps its meaning for diagnostics and also makes each document a JSON object
  // (except with --jsonl, where the article text goes into the record's text field).
  for (cli::Option& o : options) {
    if (std::string_view(o.long_name) != "json") continue;
    o.help = "each document as a JSON line {title, byline, date, url, lang, language, text}; diagnostics as JSON Lines";
  }
  std::vector<std::string> files;
  if (!cli::parse(verb, options, argc, argv, files)) return 0;
  if (blocks && io.json) throw cli::UsageError("--blocks and --json cannot be combined");
  io.lines_out = io.json;
  return run_documents(io, files,
                       [&](std::string_view input, const Source& source, Report& report) {
                         Document doc;
                         std::string decoded;
                         input = with_declared_charset(input, source, decoded, report);
                         std::string text = extract_verb(input, extract_opts, &report, &doc);
                         if (blocks) return block_lines(doc);
                         // A WARC record is written as a JSON Lines record already.
                         if (io.json && !io.jsonl && !source.warc) return json_document(doc, text);
                         return text;
                       },
                       {});
}

}  // namespace winnow::tools
