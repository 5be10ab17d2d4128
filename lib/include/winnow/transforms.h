// winnow/transforms.h: what each verb does to one document (its transform), exactly as
// `winnow VERB` does it.
//
// The command line and the Python module both call these, so a document cleaned from Python
// is byte for byte what `winnow VERB FILE` writes. Each takes the document's raw bytes (any
// encoding, decoded to UTF-8 first where the verb decodes), adds what it did to REPORT when
// one is given (decoding under stage "decode", as report_decoding does), and returns the text
// the verb writes. DOC, where there is one, receives the block model (dropped blocks
// included, with their reasons). `clean` is clean() in pipeline.h.
//
// Pure, deterministic and thread-safe, like the stages they call. Never fail on bad input;
// std::invalid_argument only for a forced encoding ICU does not know (DecodeOptions::from).
#pragma once

#include <string>
#include <string_view>

#include "winnow/decode.h"
#include "winnow/document.h"
#include "winnow/extract.h"
#include "winnow/fix.h"
#include "winnow/norm.h"
#include "winnow/report.h"
#include "winnow/strip.h"

namespace winnow {

// `winnow extract`: decode, extract, render (render_markdown with ExtractOptions::markdown);
// DOC's metadata is completed by finish_metadata().
std::string extract_verb(std::string_view bytes, const ExtractOptions& options = {}, Report* report = nullptr,
                         Document* doc = nullptr);

// `winnow fix`: UTF-8 (also with CESU-8 surrogates, which are fix's to repair) goes to fix as
// it is unless an encoding is forced; other bytes are decoded first. Entities and tags are
// left alone in markup (looks_like_html), whatever OPTIONS says about them.
std::string fix_verb(std::string_view bytes, const FixOptions& options = {}, const DecodeOptions& decode = {},
                     Report* report = nullptr);

// `winnow strip`: decode (unless TEXT_IS_UTF8: a JSON Lines field, which is UTF-8 already),
// then strip(); the text comes back unchanged when nothing is dropped.
std::string strip_verb(std::string_view bytes, bool text_is_utf8, const StripOptions& options = {},
                       Report* report = nullptr, Document* doc = nullptr);

// `winnow dedupe` without a corpus mode: decode, split, dedupe_blocks(); the decoded text
// comes back unchanged when no block is repeated.
std::string dedupe_verb(std::string_view bytes, Report* report = nullptr, Document* doc = nullptr);

// `winnow norm`: decode, normalize().
std::string norm_verb(std::string_view bytes, const NormOptions& options = {}, Report* report = nullptr);

}  // namespace winnow
