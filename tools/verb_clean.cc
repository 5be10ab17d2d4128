// winnow clean: the whole pipeline in one process.
#include "norm_options.h"
#include "runner.h"
#include "verbs.h"
#include "winnow/decode.h"
#include "winnow/pipeline.h"

namespace winnow::tools {

int clean_main(int argc, char** argv) {
  static const cli::Verb verb{
      "clean", "[OPTION]... [FILE]...", "Clean each document with every stage of the pipeline.",
      "Decodes the input to UTF-8, keeps only the article of an HTML page (see winnow extract) and\n"
      "writes its canonical text (see winnow norm)."};
  DocumentOptions io;
  CleanOptions clean_opts;
  std::vector<cli::Option> options;
  options.push_back({"from", 0, cli::Arg::kRequired, "ENCODING", "decode the input from ENCODING instead of detecting it",
                     [&](const char* v) {
                       if (!is_known_encoding(v)) throw cli::UsageError(std::string("unknown encoding '") + v + "'");
                       clean_opts.decode.from = v;
                     }});
  add_norm_options(options, clean_opts.norm);
  add_document_options(options, io, "exit 1 and say where if the input is not already clean; print nothing");
  std::vector<std::string> files;
  if (!cli::parse(verb, options, argc, argv, files)) return 0;
  return run_documents(io, files, [&](std::string_view input, const Source&, Report& report) {
    return clean(input, clean_opts, &report);
  }, "not clean");
}

}  // namespace winnow::tools
