// winnow fix: repair mojibake and character-level damage.
#include "runner.h"
#include "settings.h"
#include "verb_options.h"
#include "verbs.h"
#include "winnow/decode.h"
#include "winnow/fix.h"
#include "winnow/transforms.h"

namespace winnow::tools {

int fix_main(int argc, char** argv) {
  static const cli::Verb verb{
      "fix", "[OPTION]... [FILE]...", "Repair mojibake and character-level damage in each document.",
      "Decodes the input (byte order mark, UTF-16/32 patterns, UTF-8, <meta charset>, else ICU's\n"
      "detector), then repairs UTF-8 read in a single-byte code page (one or more layers, per\n"
      "span), Cyrillic or Greek shown as Windows-1252, C1 controls, HTML entities, stray inline\n"
      "tags, terminal escapes, control characters and CESU-8 surrogates. Text that is not damaged\n"
      "is written unchanged; in markup (HTML, XML) entities and tags are left alone.\n"
      "A WARC file (recognised by content) gives JSON Lines with url, crawl_date, id and text\n"
      "for each HTML response (its payload, repaired)."};
  DocumentOptions io;
  Settings settings = load_settings(argc, argv);
  FixOptions& fix_opts = settings.clean.fix;
  DecodeOptions& decode_opts = settings.clean.decode;
  std::vector<cli::Option> options;
  add_from_option(options, decode_opts);
  add_fix_options(options, fix_opts);
  add_config_options(options);
  add_document_options(options, io, "exit 1 and say where if the input needs repair; print nothing");
  std::vector<std::string> files;
  if (!cli::parse(verb, options, argc, argv, files)) return 0;
  return run_documents(io, files, [&](std::string_view input, const Source& source, Report& report) {
    if (source.charset.empty()) return fix_verb(input, fix_opts, decode_opts, &report);
    DecodeOptions hinted = decode_opts;
    hinted.declared = source.charset;  // from the HTTP headers of a WARC record
    return fix_verb(input, fix_opts, hinted, &report);
  }, "needs repair");
}

}  // namespace winnow::tools
