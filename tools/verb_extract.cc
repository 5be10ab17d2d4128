// winnow extract: the article of each HTML page.
#include <algorithm>

#include "declared_charset.h"
#include "runner.h"
#include "settings.h"
#include "verb_options.h"
#include "verbs.h"
#include "winnow/extract.h"
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
           std::string(to_string(b.kind)) + "\t" + std::to_string(b.link_chars) + "\t" + b.markup().dom_path + "\t" +
           text + "\n";
  }
  return out;
}

}  // namespace

int extract_main(int argc, char** argv) {
  static const cli::Verb verb{
      "extract", "[OPTION]... [FILE]...", "Write the article text of each HTML page.",
      "Parses each page with libxml2 (after decoding it to UTF-8) and writes its headline, then the\n"
      "paragraphs, headings, lists, quotes and tables of the article, separated by blank lines,\n"
      "without navigation, share bars, newsletter boxes, comments, related links, ads, captions\n"
      "and footers. A WARC file (recognised by content) gives JSON Lines with url, crawl_date,\n"
      "id, text (the article) and the page's metadata for each HTML response."};
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
  add_record_options(options, io);
  add_document_options(options, io, nullptr);
  std::vector<std::string> files;
  if (!cli::parse(verb, options, argc, argv, files)) return 0;
  check_markdown_links(extract_opts.markdown, extract_opts.markdown_links);
  if (blocks && (io.jsonl || io.records)) throw cli::UsageError("--blocks writes lines of its own, not JSON Lines records");
  return run_documents(io, files,
                       [&](std::string_view input, const Source& source, Report& report) -> Result {
                         std::string decoded;
                         input = with_declared_charset(input, source, decoded, report);
                         if (!blocks && !source.wants_metadata) return extract_verb(input, extract_opts, &report);
                         Document doc;
                         std::string text = extract_verb(input, extract_opts, &report, &doc);
                         if (blocks) return block_lines(doc);
                         return {std::move(text), std::move(doc.meta)};
                       },
                       {});
}

}  // namespace winnow::tools
