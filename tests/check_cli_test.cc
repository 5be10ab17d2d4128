// `winnow check`: formats, exit codes, selection, configuration, and its agreement with clean.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>

#include "run_tool.h"

namespace winnow::testing {
namespace {

namespace fs = std::filesystem;

const char kDirty[] =
    "Get The Beast In Your Inbox!\n\n"
    "The council voted on Tuesday to keep the library open until nine in the evening, caf\xC3\x83\xC2\xA9 included,\n"
    "after months of debate about staffing and the cost of heating the old building.\n\n"
    "Officials said the new hours would start in March and that the  budget would be found.\n";

std::string dirty_dir() {
  std::string dir = temp_dir();
  fs::create_directories(dir + "/corpus/sub");
  write_file(dir + "/corpus/a.txt", kDirty);
  write_file(dir + "/corpus/sub/b.txt", std::string(kDirty) + "\nLeave a reply:\n");
  return dir;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TEST(CheckCli, TextFindingsSortedWithSummaryAndExitOne) {
  std::string dir = dirty_dir();
  ToolResult r = run_tool({"check", "--no-config", dir + "/corpus"});
  EXPECT_EQ(r.status, 1) << r.err;
  std::vector<std::string> out = lines(r.out);
  ASSERT_GE(out.size(), 4u) << r.out;
  std::regex finding("^" + dir + "/corpus/(a|sub/b)\\.txt:[0-9]+:[0-9]+: [a-z-]+: .+$");
  for (std::size_t i = 0; i + 1 < out.size(); ++i) EXPECT_TRUE(std::regex_match(out[i], finding)) << out[i];
  EXPECT_NE(r.out.find("a.txt:3:1: mojibake: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("a.txt:1:1: boilerplate: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sub/b.txt:8:1: boilerplate: "), std::string::npos) << r.out;
  EXPECT_EQ(out.back().rfind("winnow: ", 0), 0u);
  EXPECT_NE(out.back().find(" in 2 of 2 documents"), std::string::npos) << out.back();
  // Stable: the same bytes again, and with four threads.
  EXPECT_EQ(run_tool({"check", "--no-config", dir + "/corpus"}).out, r.out);
  EXPECT_EQ(run_tool({"check", "--no-config", "-j", "4", dir + "/corpus"}).out, r.out);
}

TEST(CheckCli, CleanOutputHasNoFindings) {
  // check agrees with clean: whatever clean writes, check finds nothing clean would fix.
  std::string dir = dirty_dir();
  fs::create_directories(dir + "/in");
  std::size_t n = 0;
  for (const auto& e : fs::recursive_directory_iterator(source_dir() + "/fixtures")) {
    if (!e.is_regular_file() || e.path().extension() == ".out" || e.path().extension() == ".args") continue;
    fs::copy_file(e.path(), dir + "/in/" + std::to_string(n++) + e.path().extension().string());
  }
  ToolResult cleaned = run_tool({"clean", "-q", "-r", dir + "/in", "-o", dir + "/out"});
  ASSERT_NE(cleaned.status, 1);
  ToolResult r = run_tool({"check", "--no-config", "--ignore", "near-empty", dir + "/out"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_GT(n, 40u);
}

TEST(CheckCli, JsonGithubAndJunitFormats) {
  std::string dir = dirty_dir();
  ToolResult json = run_tool({"check", "--no-config", "--format=json", dir + "/corpus/a.txt"});
  EXPECT_EQ(json.status, 1);
  for (const std::string& l : lines(json.out)) {
    EXPECT_TRUE(std::regex_match(l, std::regex("^\\{\"type\":\"(finding|summary)\",.*\\}$"))) << l;
  }
  EXPECT_NE(json.out.find("\"category\":\"mojibake\""), std::string::npos);
  EXPECT_EQ(lines(json.out).back().rfind("{\"type\":\"summary\",\"documents\":1,\"failing\":1,", 0), 0u);

  ToolResult gh = run_tool({"check", "--no-config", "--format=github", dir + "/corpus/a.txt"});
  EXPECT_EQ(gh.status, 1);
  // The workflow-command syntax: ::error file=F,line=L,col=C,title=T::MESSAGE, with ':' and
  // ',' escaped in properties and '%', CR and LF everywhere.
  std::regex annotation("^::error file=[^,:]+,line=[0-9]+,col=[0-9]+,title=winnow [a-z-]+::[^\r\n]+$");
  for (const std::string& l : lines(gh.out)) EXPECT_TRUE(std::regex_match(l, annotation)) << l;
  EXPECT_NE(gh.err.find("winnow: "), std::string::npos);  // the summary goes to stderr

  ToolResult junit = run_tool({"check", "--no-config", "--format=junit", "-o", dir + "/report.xml", dir + "/corpus"});
  EXPECT_EQ(junit.status, 1);
  EXPECT_TRUE(junit.out.empty());
  std::string xml = read_file(dir + "/report.xml");
  // Well-formed XML, in the shape CI systems read: testsuites > testsuite > testcase > failure.
  ToolResult lint = run_tool({"/usr/bin/xmllint", "--noout", dir + "/report.xml"});
  EXPECT_EQ(lint.status, 0) << lint.err;
  EXPECT_NE(xml.find("<testsuites name=\"winnow check\" tests=\"2\" failures=\"2\" errors=\"0\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<testsuite name=\"winnow check\" tests=\"2\" failures=\"2\""), std::string::npos);
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = xml.find(needle); at != std::string::npos; at = xml.find(needle, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<testcase "), 2u);
  EXPECT_EQ(count("<failure type=\""), 2u);
}

TEST(CheckCli, SelectIgnoreAndConfigFile) {
  std::string dir = dirty_dir();
  ToolResult only = run_tool({"check", "--no-config", "--select", "mojibake", dir + "/corpus/a.txt"});
  EXPECT_EQ(only.status, 1);
  for (const std::string& l : lines(only.out)) {
    if (l.rfind("winnow: ", 0) != 0) {
      EXPECT_NE(l.find(": mojibake: "), std::string::npos) << l;
    }
  }
  ToolResult none = run_tool({"check", "--no-config", "--select", "duplicate-document", dir + "/corpus/a.txt"});
  EXPECT_EQ(none.status, 0);
  EXPECT_EQ(run_tool({"check", "--no-config", "--select", "nonsense"}).status, 2);

  // A .winnow.toml found upward from the current directory chooses the checks.
  fs::create_directories(dir + "/corpus/sub/deeper");
  write_file(dir + "/.winnow.toml", "[check]\nignore = [\"boilerplate\", \"noncanonical\", \"markup\"]\nmin-words = 5\n");
  ToolResult r = run_tool({"/bin/sh", "-c", "cd '" + dir + "/corpus/sub/deeper' && '" + tool_path() + "' check ../b.txt"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_EQ(r.out.find(": boilerplate: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(": mojibake: "), std::string::npos) << r.out;
  // An unknown key is an error naming the file and line.
  write_file(dir + "/bad.toml", "[check]\nselekt = [\"x\"]\n");
  ToolResult bad = run_tool({"check", "--config", dir + "/bad.toml", dir + "/corpus/a.txt"});
  EXPECT_EQ(bad.status, 2);
  EXPECT_EQ(bad.err, "winnow: " + dir + "/bad.toml:2: unknown key 'check.selekt'\n");
}

// Every verb reads the same .winnow.toml: with any [norm] or [fix] setting, what clean writes
// passes check (make check right after make), and the settings reach norm run alone too.
TEST(CheckCli, CleanOutputPassesCheckWithAnySetting) {
  const std::string seed = read_file(source_dir() + "/fixtures/clean/seed-001.in");
  for (const char* toml : {"[norm]\nnfkc = true\n", "[norm]\nascii-punct = true\n", "[norm]\nkeep-lines = true\n",
                           "[fix]\nentities = false\n[clean]\ntitle = false\n",
                           "[norm]\nascii-punct = true\nnfkc = true\n[clean]\nstrip = false\n"}) {
    std::string dir = temp_dir();
    write_file(dir + "/.winnow.toml", toml);
    write_file(dir + "/in.txt", seed + "\n\xE2\x80\x9CQuoted\xE2\x80\x9D \xEF\xAC\x81ne \xE2\x80\x94 text&amp;\n");
    auto in_dir = [&](const std::string& command) {
      return run_tool({"/bin/sh", "-c", "cd '" + dir + "' && '" + tool_path() + "' " + command});
    };
    ToolResult cleaned = in_dir("clean in.txt -o out.txt");
    ASSERT_EQ(cleaned.status, 0) << toml << cleaned.err;
    ToolResult checked = in_dir("check --ignore near-empty out.txt");
    EXPECT_EQ(checked.status, 0) << toml << checked.out;
    // The file is what makes the difference: text cleaned without it has curly quotes and a
    // ligature, which check (and norm --check) with these settings would change.
    if (std::string(toml).find("[norm]") == 0 && std::string(toml).find("keep-lines") == std::string::npos) {
      ASSERT_EQ(in_dir("clean --no-config in.txt -o plain.txt").status, 0);
      EXPECT_EQ(in_dir("check --ignore near-empty plain.txt").status, 1) << toml;
      EXPECT_EQ(in_dir("norm --check plain.txt").status, 1) << toml;
      EXPECT_EQ(in_dir("norm --check out.txt").status, 0) << toml;
    }
  }
}

TEST(CheckCli, ConfigIsToml) {
  std::string dir = temp_dir();
  write_file(dir + "/a.txt", "A short text that is clean and canonical already, with enough words to count.\n");
  // A multi-line array is valid TOML.
  write_file(dir + "/multi.toml", "[check]\nignore = [\n  \"near-empty\",\n  \"boilerplate\",\n]\n");
  EXPECT_EQ(run_tool({"check", "--config", dir + "/multi.toml", dir + "/a.txt"}).status, 0);
  // Every verb reads the file, and a bad value is an error naming the line.
  write_file(dir + "/bad.toml", "[norm]\nnfkc = \"yes\"\n");
  for (const char* verb : {"clean", "norm", "fix", "strip", "extract", "dedupe", "check"}) {
    ToolResult r = run_tool({verb, "--config", dir + "/bad.toml", dir + "/a.txt"});
    EXPECT_EQ(r.status, 2) << verb;
    EXPECT_EQ(r.err, "winnow: " + dir + "/bad.toml:2: 'norm.nfkc' must be true or false\n") << verb;
  }
}

TEST(CheckCli, CorpusDuplicatesAndTrouble) {
  std::string dir = dirty_dir();
  std::string article;
  for (int i = 0; i < 8; ++i) {
    article += "Paragraph " + std::to_string(i) + " of a wire story about the harbour, the ships that use it and the "
               "plans of the port authority to dredge the channel before the winter storms arrive.\n\n";
  }
  write_file(dir + "/w1.txt", article);
  write_file(dir + "/w2.txt", article);
  ToolResult r = run_tool({"check", "--no-config", "--corpus", "--select", "duplicate-document", dir + "/w1.txt", dir + "/w2.txt"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find(": duplicate-document: duplicate of "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 finding in 1 of 2 documents"), std::string::npos) << r.out;
  // A missing file is trouble (2), even with findings elsewhere.
  EXPECT_EQ(run_tool({"check", "--no-config", dir + "/missing.txt", dir + "/corpus/a.txt"}).status, 2);
  // Clean input exits 0 and says so.
  ToolResult ok = run_tool({"check", "--no-config", "--ignore", "near-empty"}, "A short clean line.\n");
  EXPECT_EQ(ok.status, 0);
  EXPECT_EQ(ok.out, "winnow: 0 findings in 0 of 1 document\n");
}

}  // namespace
}  // namespace winnow::testing
