// examples/corpus/Makefile, the make-based corpus build, run on the sample corpus.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>

#include "run_tool.h"
#include "winnow/jsonl.h"

namespace winnow::testing {
namespace {

namespace fs = std::filesystem;

// The recipe lines make ran that invoke winnow clean.
std::vector<std::string> clean_commands(const ToolResult& r) {
  std::vector<std::string> out;
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(" clean ") != std::string::npos) out.push_back(line);
  }
  return out;
}

TEST(Examples, CorpusMakefileBuildsAndRebuildsOnlyWhatChanged) {
  std::string dir = temp_dir();
  fs::copy(source_dir() + "/fixtures/corpus", dir + "/in", fs::copy_options::recursive);
  fs::create_directories(dir + "/in/site");
  write_file(dir + "/in/site/page.html", "<p>A page  in a subdirectory</p>\n");
  // A gzipped page is cleaned like the others (winnow reads gzip).
  const std::string page = source_dir() + "/fixtures/extract/nav.in";
  ASSERT_EQ(run_tool({"/bin/sh", "-c", "gzip < \"$0\" > \"$1\"", page, dir + "/in/site/zipped.html.gz"}).status, 0);
  // winnow as a file of the build, so that the test can make it newer.
  fs::create_directories(dir + "/bin");
  fs::copy_file(tool_path(), dir + "/bin/winnow");
  std::vector<std::string> make = {WINNOW_MAKE_PROGRAM,
                                   "--no-print-directory",
                                   "-f",
                                   source_dir() + "/examples/corpus/Makefile",
                                   "-C",
                                   dir,
                                   "WINNOW=" + dir + "/bin/winnow",
                                   "all"};
  ToolResult r = run_tool(make);
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  std::vector<std::string> inputs;
  for (const auto& e : fs::recursive_directory_iterator(dir + "/in")) {
    if (e.is_regular_file()) inputs.push_back(fs::relative(e.path(), dir + "/in").string());
  }
  ASSERT_EQ(inputs.size(), 7u);
  EXPECT_EQ(clean_commands(r).size(), inputs.size());
  // in/a/b.html -> out/a/b.txt, in/a/b.html.gz -> out/a/b.txt
  auto output_of = [&dir](std::string rel) {
    if (fs::path(rel).extension() == ".gz") rel = fs::path(rel).replace_extension().string();
    return dir + "/out/" + fs::path(rel).replace_extension(".txt").string();
  };
  for (const std::string& rel : inputs) {
    EXPECT_EQ(read_file(output_of(rel)), run_tool({"clean", dir + "/in/" + rel}).out) << rel;
  }
  EXPECT_EQ(read_file(dir + "/out/site/zipped.txt"), run_tool({"clean", page}).out);
  EXPECT_NE(read_file(dir + "/out/site/zipped.txt"), "");

  // Inputs older than their outputs, except one: only that one is rebuilt.
  auto now = fs::file_time_type::clock::now();
  fs::last_write_time(dir + "/bin/winnow", now - std::chrono::hours(3));
  for (const std::string& rel : inputs) {
    fs::last_write_time(dir + "/in/" + rel, now - std::chrono::hours(2));
    fs::last_write_time(output_of(rel), now - std::chrono::hours(1));
  }
  fs::last_write_time(dir + "/in/site/page.html", now - std::chrono::minutes(30));
  r = run_tool(make);
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  std::vector<std::string> rebuilt = clean_commands(r);
  ASSERT_EQ(rebuilt.size(), 1u) << r.out;
  EXPECT_NE(rebuilt[0].find("in/site/page.html -o out/site/page.txt"), std::string::npos) << rebuilt[0];
  r = run_tool(make);
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(clean_commands(r).empty()) << r.out;

  // A new winnow, or a new configuration, rebuilds everything.
  for (const std::string& rel : inputs) fs::last_write_time(output_of(rel), now - std::chrono::hours(1));
  fs::last_write_time(dir + "/bin/winnow", now - std::chrono::minutes(10));
  r = run_tool(make);
  EXPECT_EQ(clean_commands(r).size(), inputs.size()) << r.out;
  // (Outputs made older first: file times are only as fine as the kernel's clock tick.)
  for (const std::string& rel : inputs) fs::last_write_time(output_of(rel), now - std::chrono::hours(1));
  write_file(dir + "/.winnow.toml", "[check]\nignore = [\"near-empty\"]\n");
  r = run_tool(make);
  EXPECT_EQ(clean_commands(r).size(), inputs.size()) << r.out;
  r = run_tool(make);
  EXPECT_TRUE(clean_commands(r).empty()) << r.out;

  // `make check` lints the built corpus: what clean wrote has nothing left that clean would
  // fix (near-empty documents are reported but are not clean's to fix), so only a near-empty
  // page may fail it; a damaged output file fails it with exit status 1 from winnow.
  make.back() = "check";
  make.push_back("WINNOW_CHECK_FLAGS=--ignore near-empty");
  r = run_tool(make);
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  write_file(dir + "/out/site/page.txt", "caf\xC3\x83\xC2\xA9  au lait\n");
  r = run_tool(make);
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("out/site/page.txt:1:1: mojibake: "), std::string::npos) << r.out;
}

// examples/parallel/corpus.sh, with GNU parallel when it is installed (Debian's package
// parallel; moreutils has another program of that name).
TEST(Examples, GnuParallelRecipeCleansAndDedupesAsTheCommandLine) {
  ToolResult version = run_tool({"/usr/bin/env", "parallel", "--version"});
  if (version.status != 0 || version.out.rfind("GNU parallel", 0) != 0) {
    GTEST_SKIP() << "GNU parallel is not installed (Debian package parallel)";
  }
  std::string dir = temp_dir();
  fs::create_directories(dir + "/in");
  // Three shards of the fixtures, with copies inside and across shards; the third gzipped.
  std::vector<std::string> docs;
  for (const auto& e : fs::recursive_directory_iterator(source_dir() + "/fixtures")) {
    std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".in" || ext == ".txt")) docs.push_back(e.path().string());
  }
  std::sort(docs.begin(), docs.end());
  for (std::size_t n = 0; n < 3; ++n) {
    std::string shard;
    for (std::size_t i = n; i < docs.size(); i += 3) {
      shard += "{\"id\":" + json_quote(docs[i]) + ",\"text\":" + json_quote(read_file(docs[i])) + "}\n";
      if (i < 6) shard += "{\"id\":" + json_quote(docs[i] + "#copy") + ",\"text\":" + json_quote(read_file(docs[i])) + "}\n";
    }
    write_file(dir + "/in/s" + std::to_string(n) + ".jsonl", shard);
  }
  ASSERT_EQ(run_tool({"/usr/bin/env", "gzip", dir + "/in/s2.jsonl"}).status, 0);
  const std::string out = dir + "/out dir";  // names with spaces are quoted
  ToolResult r = run_tool({"/usr/bin/env", "WINNOW=" + tool_path(), "bash", source_dir() + "/examples/parallel/corpus.sh",
                           "-j", "2", "--dedupe", dir + "/in", out, "--", "--no-title"});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  const std::vector<std::string> names = {"s0.jsonl", "s1.jsonl", "s2.jsonl"};
  const std::vector<std::string> inputs = {dir + "/in/s0.jsonl", dir + "/in/s1.jsonl", dir + "/in/s2.jsonl.gz"};
  std::vector<std::string> cleaned;
  for (std::size_t n = 0; n < 3; ++n) {
    EXPECT_EQ(read_file(out + "/" + names[n]), run_tool({"clean", "--no-title", "--jsonl", inputs[n]}).out) << names[n];
    cleaned.push_back(out + "/" + names[n]);
  }
  // The dedupe of the cleaned shards is --corpus over them, in one process.
  std::vector<std::string> corpus = {"dedupe", "--corpus", "--jsonl"};
  corpus.insert(corpus.end(), cleaned.begin(), cleaned.end());
  std::string kept;
  for (const std::string& n : names) kept += read_file(out + "/dedupe/" + n);
  EXPECT_EQ(kept, run_tool(corpus).out);
  corpus.insert(corpus.begin() + 3, "--report");
  std::string removed = run_tool(corpus).out;
  std::vector<std::string> lines;
  std::istringstream in(removed);
  for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  std::sort(lines.begin(), lines.end());
  std::string sorted;
  for (const std::string& l : lines) sorted += l;
  EXPECT_GE(lines.size(), 2u);
  EXPECT_EQ(read_file(out + "/dedupe/removed.tsv"), sorted);
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(out + "/dedupe")) files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"corpus.idx", "removed.tsv", "s0.jsonl", "s0.sig", "s1.jsonl", "s1.sig",
                                             "s2.jsonl", "s2.sig"}));
  // A shard that cannot be read fails the run.
  fs::remove(dir + "/in/s1.jsonl");
  fs::create_directories(dir + "/in/s1.jsonl");
  r = run_tool({"/usr/bin/env", "WINNOW=" + tool_path(), "bash", source_dir() + "/examples/parallel/corpus.sh",
                dir + "/in", dir + "/out2"});
  EXPECT_NE(r.status, 0);
}

}  // namespace
}  // namespace winnow::testing
