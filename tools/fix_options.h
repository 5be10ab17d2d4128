// fix_options.h: the options that choose which repairs `fix` makes, shared by `fix` and `clean`.
#pragma once

#include <vector>

#include "cli.h"
#include "winnow/fix.h"

namespace winnow::tools {

inline void add_fix_options(std::vector<cli::Option>& options, FixOptions& f) {
  auto off = [&options](const char* name, bool& target, const char* help) {
    options.push_back(cli::flag(name, help, target, false));
  };
  off("no-mojibake", f.mojibake, "do not repair UTF-8 decoded in a single-byte code page");
  off("no-mixups", f.mixups, "do not repair Cyrillic or Greek text shown as Windows-1252");
  off("no-c1", f.c1, "leave C1 controls (U+0080..U+009F) instead of giving them their Windows-1252 meaning");
  off("no-entities", f.entities, "do not decode HTML entities");
  off("no-tags", f.tags, "do not remove stray inline tags (<b>, <u>, <span ...>, <br>)");
  off("no-escapes", f.escapes, "do not remove terminal escape sequences");
  off("no-controls", f.controls, "do not remove control characters other than tab, newline and CR");
  off("no-surrogates", f.surrogates, "do not join CESU-8 surrogate pairs (every ill-formed byte becomes U+FFFD)");
  options.push_back(cli::flag("compat", "also replace Latin ligatures and full-width ASCII", f.compat, true));
}

}  // namespace winnow::tools
