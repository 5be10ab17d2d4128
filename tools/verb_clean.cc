// winnow clean: the whole pipeline in one process.
#include <cctype>
#include <string>

#include "norm_options.h"
#include "runner.h"
#include "verbs.h"
#include "winnow/decode.h"
#include "winnow/pipeline.h"
#include "winnow/utf8.h"

namespace winnow::tools {
namespace {

bool has_bom(std::string_view bytes) {
  for (std::string_view bom : {std::string_view("\xEF\xBB\xBF"), std::string_view("\xFE\xFF"),
                               std::string_view("\xFF\xFE"), std::string_view("\0\0\xFE\xFF", 4)}) {
    if (bytes.substr(0, bom.size()) == bom) return true;
  }
  return false;
}

// The encoding a declared charset means: browsers read latin1 and ASCII labels as windows-1252
// (WHATWG Encoding Standard), and so do web pages written for them.
std::string declared_encoding(std::string_view charset) {
  std::string name(charset);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name == "iso-8859-1" || name == "latin1" || name == "us-ascii" || name == "ascii") return "windows-1252";
  return std::string(charset);
}

}  // namespace

int clean_main(int argc, char** argv) {
  static const cli::Verb verb{
      "clean", "[OPTION]... [FILE]...", "Clean each document with every stage of the pipeline.",
      "Decodes the input to UTF-8 and writes its canonical text (see winnow norm). WARC files\n"
      "(recognised by content) give JSON Lines with url, date, id and text for each HTML response."};
  DocumentOptions io;
  CleanOptions clean_opts;
  std::vector<cli::Option> options;
  options.push_back({"from", 0, cli::Arg::kRequired, "ENCODING",
                     "decode the input from ENCODING instead of detecting it", [&](const char* v) {
                       if (!is_known_encoding(v)) throw cli::UsageError(std::string("unknown encoding '") + v + "'");
                       clean_opts.decode.from = v;
                     }});
  add_norm_options(options, clean_opts.norm);
  add_document_options(options, io, "exit 1 and say where if the input is not already clean; print nothing");
  std::vector<std::string> files;
  if (!cli::parse(verb, options, argc, argv, files)) return 0;
  io.warc = true;
  return run_documents(
      io, files,
      [&](std::string_view input, const Source& source, Report& report) {
        if (source.charset.empty() || !clean_opts.decode.from.empty()) return clean(input, clean_opts, &report);
        // A declared charset is a hint: servers often get it wrong, so valid UTF-8 and a byte
        // order mark are stronger evidence. It decides only for other bytes, and only when ICU
        // knows the name; otherwise detection decides, as for any document.
        CleanOptions hinted = clean_opts;
        std::string declared = declared_encoding(source.charset);
        if (!utf8::valid(input) && !has_bom(input) && is_known_encoding(declared)) hinted.decode.from = declared;
        return clean(input, hinted, &report);
      },
      "not clean");
}

}  // namespace winnow::tools
