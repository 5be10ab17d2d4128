// winnow norm: canonical text.
#include "norm_options.h"
#include "declared_charset.h"
#include "runner.h"
#include "settings.h"
#include "verbs.h"
#include "winnow/decode.h"
#include "winnow/norm.h"
#include "winnow/transforms.h"

namespace winnow::tools {

int norm_main(int argc, char** argv) {
  static const cli::Verb verb{
      "norm", "[OPTION]... [FILE]...", "Write the canonical form of each document.",
      "Unicode NFC, every Unicode space as U+0020, meaningless format characters removed, spaces\n"
      "collapsed, lines trimmed, LF line ends, paragraphs separated by one blank line, hard-wrapped\n"
      "lines re-joined, one final newline. Input in another encoding than UTF-8 is decoded first.\n"
      "A WARC file (recognised by content) gives JSON Lines with url, crawl_date, id and text\n"
      "for each HTML response (its payload, canonical)."};
  DocumentOptions io;
  Settings settings = load_settings(argc, argv);
  NormOptions& norm = settings.clean.norm;
  std::vector<cli::Option> options;
  add_norm_options(options, norm);
  add_config_options(options);
  add_document_options(options, io, "exit 1 and say where if the input is not already canonical; print nothing");
  std::vector<std::string> files;
  if (!cli::parse(verb, options, argc, argv, files)) return 0;
  return run_documents(io, files, [&](std::string_view input, const Source& source, Report& report) {
    std::string decoded;
    return norm_verb(with_declared_charset(input, source, decoded, report), norm, &report);
  }, "not in canonical form");
}

}  // namespace winnow::tools
