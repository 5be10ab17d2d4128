// winnow clean: the whole pipeline in one process.
#include <string>

#include "runner.h"
#include "settings.h"
#include "verb_options.h"
#include "verbs.h"
#include "winnow/pipeline.h"

namespace winnow::tools {

int clean_main(int argc, char** argv) {
  static const cli::Verb verb{
      "clean", "[OPTION]... [FILE]...", "Clean each document with every stage of the pipeline.",
      "Decodes the input to UTF-8, keeps only the article of an HTML page (see winnow extract),\n"
      "repairs mojibake and character damage (see winnow fix), removes web boilerplate (see winnow\n"
      "strip), drops repeated headlines and paragraphs (see winnow dedupe) and writes the canonical\n"
      "text of the article (see winnow norm). WARC files (recognised by content) give JSON Lines\n"
      "with url, crawl_date, id and text for each HTML response."};
  DocumentOptions io;
  Settings settings = load_settings(argc, argv);
  CleanOptions& clean_opts = settings.clean;
  std::vector<cli::Option> options;
  add_clean_options(options, clean_opts);
  add_config_options(options);
  add_record_options(options, io);
  add_document_options(options, io, "exit 1 and say where if the input is not already clean; print nothing");
  std::vector<std::string> files;
  if (!cli::parse(verb, options, argc, argv, files)) return 0;
  check_markdown_links(clean_opts.markdown, clean_opts.extract.markdown_links);
  return run_documents(
      io, files,
      [&](std::string_view input, const Source& source, Report& report) -> Result {
        CleanOptions hinted;
        if (!source.charset.empty()) {
          hinted = clean_opts;
          hinted.decode.declared = source.charset;  // from the HTTP headers of a WARC record
        }
        const CleanOptions& o = source.charset.empty() ? clean_opts : hinted;
        Document doc;
        Document* wanted = source.wants_metadata ? &doc : nullptr;
        std::string text = source.buffer ? clean_owned(std::move(*source.buffer), o, &report, wanted)
                                         : clean(input, o, &report, wanted);
        if (!wanted) return text;
        return {std::move(text), std::move(doc.meta)};
      },
      "not clean");
}

}  // namespace winnow::tools
