// norm_options.h: the options that choose the canonical form, shared by `norm` and `clean`.
#pragma once

#include <vector>

#include "cli.h"
#include "winnow/norm.h"

namespace winnow::tools {

inline void add_norm_options(std::vector<cli::Option>& options, NormOptions& n) {
  using cli::Arg;
  options.push_back({"nfkc", 0, Arg::kNone, nullptr, "compatibility normalization (NFKC) instead of NFC",
                     [&n](const char*) { n.nfkc = true; }});
  options.push_back({"ascii-punct", 0, Arg::kNone, nullptr, "curly quotes, dashes and ellipsis as ASCII",
                     [&n](const char*) { n.ascii_punct = true; }});
  options.push_back({"keep-lines", 0, Arg::kNone, nullptr, "keep every line break (no paragraph re-flow)",
                     [&n](const char*) { n.keep_lines = true; }});
}

}  // namespace winnow::tools
