// winnow help [VERB]: the list of verbs, or VERB's --help.
#include <cstdio>
#include <string>
#include <string_view>

#include "cli.h"
#include "verbs.h"

namespace winnow::tools {

int help_main(int argc, char** argv) {
  if (argc >= 2 && argv[1][0] != '-') {
    std::string_view name = argv[1];
    for (const auto& v : kVerbs) {
      if (name == v.name) {
        char help[] = "--help";
        char* args[] = {argv[1], help, nullptr};
        return run_verb(v, 2, args);
      }
    }
    cli::error("unknown verb '" + std::string(name) + "' (see 'winnow help')");
    return 2;
  }
  std::string out =
      "usage: winnow VERB [OPTION]... [FILE]...\n"
      "Turn scraped web news into clean, canonical text. Each verb is a filter: it reads the\n"
      "FILEs (standard input when there are none or for '-') and writes standard output.\n\n"
      "verbs:\n";
  for (const auto& v : kVerbs) {
    std::string name = v.name;
    name.resize(10, ' ');
    out += "  " + name + v.summary + "\n";
  }
  out += "\n'winnow VERB --help' shows a verb's options; 'man winnow-VERB' its manual.\n";
  std::fputs(out.c_str(), stdout);
  return 0;
}

}  // namespace winnow::tools
