// settings.h: one set of settings for every verb.
//
// Settings come from `.winnow.toml` (the nearest one found upward from the current directory,
// or the file --config names; none with --no-config), then from the command line, which wins.
// Every verb reads the same file and the same tables, so `check` judges text by the settings
// `clean` wrote it with, and `norm` or `fix` run alone agree with both:
//   [decode]  from = "windows-1251"
//   [fix]     mojibake, mixups, c1, entities, tags, escapes, controls, surrogates, compat = bool
//   [norm]    nfkc, ascii-punct, keep-lines = bool
//   [strip]   keep-threshold = 0.55
//   [clean]   fix, strip, dedupe, title = bool (the stages clean runs; title also for extract)
//   [check]   select, ignore = [categories], min-words = 20
// An unknown table or key, or a value of the wrong type, is an error naming FILE:LINE, so a
// typo never silently changes what a run does.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "cli.h"
#include "winnow/pipeline.h"

namespace winnow::tools {

struct Settings {
  CleanOptions clean;
  std::vector<std::string> check_select, check_ignore;  // validated by `check`
  std::size_t check_min_words = 20;
};

// The settings of ARGV's --config FILE, else of the nearest .winnow.toml (defaults with
// --no-config or when there is none). Throws IoError ("FILE:LINE", message) for a bad file and
// cli::UsageError for --config without a FILE.
Settings load_settings(int argc, char** argv);

// --config FILE and --no-config, which load_settings has read before the command line is
// parsed (their callbacks only accept them).
void add_config_options(std::vector<cli::Option>& options);

}  // namespace winnow::tools
