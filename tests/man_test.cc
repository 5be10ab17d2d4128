// Every verb has a man page with the standard sections, and every option its --help lists
// appears in that page.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "run_tool.h"

namespace winnow::testing {
namespace {

std::vector<std::string> verbs() {
  ToolResult r = run_tool({"help"});
  std::vector<std::string> out;
  std::istringstream lines(r.out);
  bool in_list = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == "verbs:") {
      in_list = true;
      continue;
    }
    if (in_list && line.rfind("  ", 0) == 0) {
      out.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (in_list) {
      break;
    }
  }
  return out;
}

TEST(ManPages, EveryVerbHasAPageWithEveryOption) {
  std::vector<std::string> list = verbs();
  ASSERT_GE(list.size(), 3u);
  std::string main_page = read_file(source_dir() + "/man/winnow.1");
  for (const std::string& verb : list) {
    EXPECT_NE(main_page.find("\n.B " + verb + "\n"), std::string::npos) << "winnow(1) does not mention " << verb;
    if (verb == "help") continue;
    std::string page = read_file(std::string(WINNOW_MAN_DIR) + "/winnow-" + verb + ".1");
    for (const char* section : {".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH \"EXIT STATUS\"",
                                ".SH EXAMPLES", ".SH \"SEE ALSO\""}) {
      EXPECT_NE(page.find(section), std::string::npos) << "winnow-" << verb << ".1 lacks " << section;
    }
    ToolResult help = run_tool({verb, "--help"});
    std::regex option("--([a-z0-9-]+)");
    for (auto it = std::sregex_iterator(help.out.begin(), help.out.end(), option); it != std::sregex_iterator(); ++it) {
      std::string name = (*it)[1];
      std::string roff = "\\-\\-" + std::regex_replace(name, std::regex("-"), "\\-");
      EXPECT_NE(page.find(roff), std::string::npos) << "winnow-" << verb << ".1 does not document --" << name;
    }
  }
}

}  // namespace
}  // namespace winnow::testing
