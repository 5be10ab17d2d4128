// norm_options.h: the options that choose the canonical form, shared by `norm` and `clean`.
#pragma once

#include <vector>

#include "cli.h"
#include "winnow/norm.h"

namespace winnow::tools {

inline void add_norm_options(std::vector<cli::Option>& options, NormOptions& n) {
  options.push_back(cli::flag("nfkc", "compatibility normalization (NFKC) instead of NFC", n.nfkc, true));
  options.push_back(cli::flag("ascii-punct", "curly quotes, dashes and ellipsis as ASCII", n.ascii_punct, true));
  options.push_back(cli::flag("keep-lines", "keep every line break (no paragraph re-flow)", n.keep_lines, true));
}

}  // namespace winnow::tools
