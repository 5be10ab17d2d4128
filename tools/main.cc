// The winnow executable: `winnow VERB [OPTION]... [FILE]...`, or `winnow-VERB ...` through
// the installed links (the verb is then taken from argv[0]).
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "cli.h"
#include "verbs.h"
#include "winnow/atomic_file.h"
#include "winnow/io_error.h"
#include "winnow/version.h"

namespace {

const winnow::tools::VerbEntry* find_verb(std::string_view name) {
  for (const auto& v : winnow::tools::kVerbs) {
    if (name == v.name) return &v;
  }
  return nullptr;
}

}  // namespace

namespace winnow::tools {

int run_verb(const VerbEntry& verb, int argc, char** argv) {
  try {
    int status = verb.main(argc, argv);
    // --help and --version go to stdout: a failed write there is an error too.
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
      cli::error("standard output: write error");
      return 2;
    }
    return status;
  } catch (const cli::UsageError& e) {
    cli::error(std::string(verb.name) + ": " + e.what() + " (see 'winnow " + verb.name + " --help')");
    return 2;
  } catch (const IoError& e) {  // setup: the configuration file
    cli::error(e.what());
    return 2;
  }
}

}  // namespace winnow::tools

int main(int argc, char** argv) {
  using namespace winnow::tools;
  winnow::install_cleanup_handlers();
  std::string_view self = argv[0];
  if (std::size_t slash = self.rfind('/'); slash != std::string_view::npos) self.remove_prefix(slash + 1);
  if (self.substr(0, 7) == "winnow-") {
    const VerbEntry* verb = find_verb(self.substr(7));
    if (!verb) {
      winnow::cli::error("unknown verb '" + std::string(self.substr(7)) + "' (see 'winnow help')");
      return 2;
    }
    return run_verb(*verb, argc, argv);
  }
  if (argc < 2) {
    winnow::cli::error("missing verb (see 'winnow help')");
    return 2;
  }
  std::string_view first = argv[1];
  if (first == "--help" || first == "-h") return help_main(1, argv);
  if (first == "--version" || first == "-V") {
    std::printf("winnow %.*s\n", static_cast<int>(winnow::version().size()), winnow::version().data());
    return std::fflush(stdout) == 0 && !std::ferror(stdout) ? 0 : 2;
  }
  const VerbEntry* verb = find_verb(first);
  if (!verb) {
    winnow::cli::error("unknown verb '" + std::string(first) + "' (see 'winnow help')");
    return 2;
  }
  return run_verb(*verb, argc - 1, argv + 1);
}
