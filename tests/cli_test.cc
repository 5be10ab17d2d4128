// Command-line contract of the winnow executable (GUIDE.md section 4).
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "run_tool.h"

namespace winnow::testing {
namespace {

namespace fs = std::filesystem;

TEST(Cli, StdinAndDashAreTheSame) {
  ToolResult a = run_tool({"norm"}, "a  b\n");
  ToolResult b = run_tool({"norm", "-"}, "a  b\n");
  EXPECT_EQ(a.status, 0);
  EXPECT_EQ(a.out, "a b\n");
  EXPECT_EQ(b.out, a.out);
}

TEST(Cli, HelpAndVersionOnStdoutExitZero) {
  for (const char* verb : {"norm", "clean"}) {
    ToolResult r = run_tool({verb, "--help"});
    EXPECT_EQ(r.status, 0);
    EXPECT_NE(r.out.find("usage: winnow "), std::string::npos);
    EXPECT_TRUE(r.err.empty());
  }
  ToolResult v = run_tool({"--version"});
  EXPECT_EQ(v.status, 0);
  EXPECT_EQ(v.out.rfind("winnow ", 0), 0u);
  ToolResult h = run_tool({"help"});
  EXPECT_EQ(h.status, 0);
  EXPECT_NE(h.out.find("norm"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwoWithOneLineHint) {
  ToolResult r = run_tool({"frobnicate"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: unknown verb 'frobnicate' (see 'winnow help')\n");
  r = run_tool({"norm", "--no-such-option"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: norm: unknown option '--no-such-option' (see 'winnow norm --help')\n");
  r = run_tool({"norm", "-o"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("needs an argument"), std::string::npos);
  r = run_tool({});
  EXPECT_EQ(r.status, 2);
}

TEST(Cli, MissingFileIsNamedAndOthersStillProcessed) {
  std::string dir = temp_dir();
  write_file(dir + "/ok.txt", "fine\n");
  ToolResult r = run_tool({"norm", dir + "/missing.txt", dir + "/ok.txt"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: " + dir + "/missing.txt: No such file or directory\n");
  EXPECT_EQ(r.out, "fine\n");
}

TEST(Cli, WriteErrorExitsTwo) {
  ToolResult r = run_tool({"norm"}, "some text\n", "/dev/full");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos);
  r = run_tool({"norm", "--help"}, "", "/dev/full");
  EXPECT_EQ(r.status, 2);
}

TEST(Cli, OutputFileIsAtomic) {
  std::string dir = temp_dir();
  ToolResult r = run_tool({"norm", "-o", dir + "/out.txt"}, "x  y");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(read_file(dir + "/out.txt"), "x y\n");
  // A failing run leaves the old target untouched and no temporary file behind.
  r = run_tool({"norm", "-o", dir + "/out.txt", dir + "/missing"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(read_file(dir + "/out.txt"), "x y\n");
  std::size_t entries = std::distance(fs::directory_iterator(dir), fs::directory_iterator());
  EXPECT_EQ(entries, 1u);
  // An unwritable directory is an error naming the file.
  r = run_tool({"norm", "-o", "/nonexistent-dir/out.txt"}, "x");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("/nonexistent-dir/out.txt"), std::string::npos);
}

TEST(Cli, SigintLeavesNoHalfWrittenOutput) {
  std::string dir = temp_dir();
  std::string fifo = dir + "/in";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  pid_t pid = fork();
  if (pid == 0) {
    execl(tool_path().c_str(), "winnow", "norm", "-z", "-o", (dir + "/out.txt").c_str(), fifo.c_str(), nullptr);
    _exit(127);
  }
  FILE* w = fopen(fifo.c_str(), "w");
  ASSERT_NE(w, nullptr);
  std::string chunk(1 << 20, 'a');
  chunk.push_back('\0');
  fwrite(chunk.data(), 1, chunk.size(), w);  // one document written, then the run is interrupted
  fflush(w);
  usleep(200000);
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  fclose(w);
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);  // only the fifo
}

TEST(Cli, NullSeparatedDocuments) {
  ToolResult r = run_tool({"norm", "-z"}, std::string("a  b\0c\n\n\nd\0", 12));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, std::string("a b\n\0c\n\nd\n\0", 12));
}

TEST(Cli, JsonLinesPassThroughOtherFields) {
  std::string in =
      "{\"id\":1, \"text\":\"a  b\", \"meta\": {\"k\": [1, 2.50]}}\n"
      "not json\n"
      "{\"id\":3,\"body\":\"x\"}\n"
      "{\"id\":4,\"text\":\"c\\u00a0d\"}\n";
  ToolResult r = run_tool({"norm", "--jsonl"}, in);
  EXPECT_EQ(r.status, 2);  // bad records are reported and skipped, never silently dropped
  EXPECT_EQ(r.out,
            "{\"id\":1, \"text\":\"a b\\n\", \"meta\": {\"k\": [1, 2.50]}}\n"
            "{\"id\":4,\"text\":\"c d\\n\"}\n");
  EXPECT_NE(r.err.find("(standard input):2: invalid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(standard input):3: no field 'text'"), std::string::npos) << r.err;
  ToolResult f = run_tool({"norm", "--jsonl", "--field", "body"}, "{\"body\":\"x\"}\n");
  EXPECT_EQ(f.out, "{\"body\":\"x\\n\"}\n");
}

TEST(Cli, CheckExitsOneAndSaysWhere) {
  ToolResult r = run_tool({"norm", "--check"}, "ok line\n\nbad  line\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(r.err, "winnow: (standard input):3: not in canonical form\n");
  r = run_tool({"norm", "--check"}, "ok line\n");
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(r.err.empty());
}

TEST(Cli, VerbLinksDispatchOnArgv0) {
  std::string link = fs::path(tool_path()).parent_path() / "winnow-norm";
  ToolResult r = run_tool({link}, "x\xC2\xA0y");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "x y\n");
}

TEST(Cli, GzipInputAndLegacyEncoding) {
  ToolResult r = run_tool({"norm"}, "caf\xE9 cr\xE8me br\xFBl\xE9" "e, d\xE9j\xE0 vu, fran\xE7" "ais\n");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("caf\xC3\xA9"), std::string::npos) << r.out;
}

TEST(Cli, StatsAndExplain) {
  std::string dir = temp_dir();
  ToolResult r = run_tool({"norm", "--stats=" + dir + "/s.json", "--explain"}, "a\xE2\x80\x8B" "b\n");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "(standard input):1: norm: format-char: ab\n");
  std::string stats = read_file(dir + "/s.json");
  EXPECT_NE(stats.find("\"documents_in\": 1"), std::string::npos) << stats;
  EXPECT_NE(stats.find("\"norm\": {\"format-char\": 1}"), std::string::npos) << stats;
}

TEST(Cli, OversizedDocumentIsReportedAndSkipped) {
  ToolResult r = run_tool({"norm", "--max-bytes", "4"}, "0123456789");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: (standard input): document exceeds --max-bytes (4), skipped\n");
  EXPECT_TRUE(r.out.empty());
}

}  // namespace
}  // namespace winnow::testing
