// verb_options.h: the options of one verb that choose what its stages do (not how documents
// are read and written: that is runner.h's add_document_options). The command line and the
// Python module (python/src/module.cc, which takes them as keyword arguments) share them.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli.h"
#include "fix_options.h"
#include "norm_options.h"
#include "winnow/decode.h"
#include "winnow/extract.h"
#include "winnow/language.h"
#include "winnow/pipeline.h"
#include "winnow/strip.h"

namespace winnow::tools {

// --from, for the verbs that can be told the input's encoding.
inline void add_from_option(std::vector<cli::Option>& options, DecodeOptions& d) {
  options.push_back({"from", 0, cli::Arg::kRequired, "ENCODING",
                     "decode the input from ENCODING instead of detecting it", [&d](const char* v) {
                       if (!is_known_encoding(v)) throw cli::UsageError(std::string("unknown encoding '") + v + "'");
                       d.from = v;
                     }});
}

// What the metadata of a verb that finds it (clean, extract) does to a JSON Lines record.
struct MetadataOptions {
  bool add = true;       // --no-metadata: add no members
  bool replace = false;  // --replace-metadata: replace members the record has
};

// --no-metadata, --replace-metadata.
inline void add_metadata_options(std::vector<cli::Option>& options, MetadataOptions& m) {
  options.push_back(cli::flag("no-metadata", "add no metadata members to JSON Lines records", m.add, false));
  options.push_back(
      cli::flag("replace-metadata", "let metadata replace members a JSON Lines record already has", m.replace, true));
}

// The primary subtags of a comma-separated LIST ("en,de-AT" -> en, de). Throws UsageError for
// an entry that is not a language tag.
inline std::vector<std::string> language_list(std::string_view list) {
  std::vector<std::string> out;
  for (std::size_t start = 0; start <= list.size();) {
    std::size_t comma = std::min(list.find(',', start), list.size());
    std::string_view item = list.substr(start, comma - start);
    std::string code = primary_language(item);
    if (code.empty()) throw cli::UsageError("--lang: not a language code: '" + std::string(item) + "'");
    out.push_back(code);
    start = comma + 1;
  }
  return out;
}

// --markdown-links, for the verbs that write Markdown (E: their extract options).
inline void add_markdown_links_option(std::vector<cli::Option>& options, ExtractOptions& e) {
  options.push_back(cli::flag("markdown-links",
                              "with --markdown: write the links of a page as [text](url), relative URLs made absolute "
                              "against the page's own",
                              e.markdown_links, true));
}

// Throws UsageError when links are asked for (LINKS) without Markdown (MARKDOWN).
inline void check_markdown_links(bool markdown, bool links) {
  if (links && !markdown) throw cli::UsageError("--markdown-links needs --markdown: plain text has no links");
}

// clean: --from, the stage switches, --lang, --markdown, --markdown-links, then fix's and
// norm's options.
inline void add_clean_options(std::vector<cli::Option>& options, CleanOptions& c) {
  using cli::Arg;
  add_from_option(options, c.decode);
  options.push_back(cli::flag("no-fix", "skip the fix stage", c.stages.fix, false));
  options.push_back(
      cli::flag("no-strip", "skip the strip stage (for pages: keep what extract keeps)", c.stages.strip, false));
  options.push_back(
      cli::flag("no-title", "for pages: do not write the headline before the article", c.extract.title, false));
  options.push_back(cli::flag("no-dedupe", "skip the dedupe stage", c.stages.dedupe, false));
  options.push_back({"lang", 0, Arg::kRequired, "LIST",
                     "keep only documents in these languages (comma-separated BCP 47 codes: en,de); others come out "
                     "empty and are reported",
                     [&c](const char* v) { c.languages = language_list(v); }});
  options.push_back(cli::flag("markdown",
                              "write Markdown: headings by level, lists, quotes, code blocks, tables (plain text input "
                              "is written as it is)",
                              c.markdown, true));
  add_markdown_links_option(options, c.extract);
  add_fix_options(options, c.fix);
  add_norm_options(options, c.norm);
}

// extract: --no-title, --markdown, --markdown-links.
inline void add_extract_options(std::vector<cli::Option>& options, ExtractOptions& e) {
  options.push_back(cli::flag("no-title", "do not write the headline before the article", e.title, false));
  options.push_back(
      cli::flag("markdown", "write Markdown: headings by level, lists, quotes, code blocks, tables", e.markdown, true));
  add_markdown_links_option(options, e);
}

// strip: --keep-threshold (the site-model options stay with the verb: they name files).
inline void add_strip_options(std::vector<cli::Option>& options, StripOptions& s) {
  options.push_back({"keep-threshold", 0, cli::Arg::kRequired, "T",
                     "content score (0 to 1) a line needs to count for the article; higher keeps less (default 0.55)",
                     [&s](const char* v) {
                       char* end = nullptr;
                       double t = std::strtod(v, &end);
                       if (end == v || *end || !(t >= 0 && t <= 1)) {
                         throw cli::UsageError(std::string("--keep-threshold: not a number from 0 to 1: '") + v + "'");
                       }
                       s.keep_threshold = t;
                     }});
}

}  // namespace winnow::tools
