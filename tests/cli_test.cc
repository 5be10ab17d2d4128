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
  for (const char* verb : {"norm", "clean", "extract", "fix", "strip", "dedupe"}) {
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
  EXPECT_EQ(r.status, 2);  // bad records are reported, never silently dropped: line N stays record N
  EXPECT_EQ(r.out,
            "{\"id\":1, \"text\":\"a b\\n\", \"meta\": {\"k\": [1, 2.50]}}\n"
            "{\"winnow_error\":\"invalid JSON: syntax error\"}\n"
            "{\"id\":3,\"body\":\"x\"}\n"
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

const char kStripPage[] =
    "Example News\n\nHome\nWorld\nSport\n\n"
    "The governor of the province said on Thursday that the talks would go on for as long as they were "
    "needed, and that he expected an answer from the capital before the end of the month.\n\n"
    "Officials in the region have been trying for years to bring the two sides to the table, but every "
    "round of talks so far has ended without an agreement that either of them could accept.\n\n"
    "Share this article\nFacebook\n\nExample News Ltd, registered in Nowhere\n";

TEST(Cli, StripExplainsEveryRemoval) {
  ToolResult r = run_tool({"strip", "--explain"}, kStripPage);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.find("Facebook"), std::string::npos);
  EXPECT_NE(r.out.find("The governor"), std::string::npos);
  EXPECT_NE(r.err.find("(standard input):3: strip: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("strip: share (0.10): Share this article Facebook"), std::string::npos) << r.err;
  ToolResult check = run_tool({"strip", "--check"}, kStripPage);
  EXPECT_EQ(check.status, 1);
  ToolResult bad = run_tool({"strip", "--keep-threshold", "2"}, kStripPage);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("--keep-threshold"), std::string::npos);
}

TEST(Cli, StripLearnsModelsMergesThemAndUsesThem) {
  std::string dir = temp_dir();
  fs::create_directories(dir + "/site");
  const std::string footer = "Example News Ltd, registered in Nowhere\n";
  for (int i = 0; i < 4; ++i) {
    write_file(dir + "/site/" + std::to_string(i) + ".txt",
               "Story " + std::to_string(i) + "\n\nIt was a day like any other in the town, said the mayor, "
               "and nobody expected what would happen next.\n\n" + footer);
  }
  // Two shards learned apart and merged equal one model learned at once.
  ToolResult a = run_tool({"strip", "--learn", dir + "/a.model", dir + "/site/0.txt", dir + "/site/1.txt"});
  ToolResult b = run_tool({"strip", "--learn", dir + "/b.model", dir + "/site/2.txt", dir + "/site/3.txt"});
  ToolResult all = run_tool({"strip", "--learn", dir + "/all.model", dir + "/site/0.txt", dir + "/site/1.txt",
                             dir + "/site/2.txt", dir + "/site/3.txt"});
  ASSERT_EQ(a.status + b.status + all.status, 0) << a.err << b.err << all.err;
  EXPECT_TRUE(a.out.empty());
  ToolResult merged = run_tool({"strip", "--merge-models", dir + "/a.model", dir + "/b.model", "-o", dir + "/m.model"});
  ASSERT_EQ(merged.status, 0) << merged.err;
  EXPECT_EQ(read_file(dir + "/m.model"), read_file(dir + "/all.model"));
  EXPECT_EQ(read_file(dir + "/all.model").rfind("winnow-site-model 1\nS " + dir + "/site 4\n", 0), 0u);
  // The footer goes on the site's pages only.
  std::string page = "New story\n\nThe council met on Monday to decide on the new bridge, which will take two years "
                     "to build and cost more than planned.\n\n" + footer;
  write_file(dir + "/site/new.txt", page);
  ToolResult used = run_tool({"strip", "--model", dir + "/all.model", "--explain", dir + "/site/new.txt"});
  EXPECT_EQ(used.status, 0) << used.err;
  EXPECT_EQ(used.out.find("Example News Ltd"), std::string::npos) << used.out;
  EXPECT_NE(used.err.find("strip: site"), std::string::npos) << used.err;
  ToolResult other = run_tool({"strip", "--model", dir + "/all.model", "--site", "elsewhere", "--explain"}, page);
  EXPECT_EQ(other.status, 0) << other.err;
  EXPECT_EQ(other.err.find("strip: site"), std::string::npos) << other.err;
  // JSON Lines: the site comes from the url field.
  ToolResult jsonl = run_tool({"strip", "--learn", dir + "/j.model", "--jsonl"},
                              "{\"url\": \"https://www.example.com/a\", \"text\": \"x\"}\n");
  EXPECT_EQ(jsonl.status, 0) << jsonl.err;
  EXPECT_NE(read_file(dir + "/j.model").find("S example.com 1\n"), std::string::npos);
  // Bad models and modes.
  write_file(dir + "/bad.model", "not a model\n");
  ToolResult bad = run_tool({"strip", "--model", dir + "/bad.model"}, page);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("bad.model"), std::string::npos) << bad.err;
  EXPECT_EQ(run_tool({"strip", "--learn", dir + "/x", "--model", dir + "/all.model"}).status, 2);
  EXPECT_EQ(run_tool({"strip", "--merge-models"}).status, 2);
}

TEST(CliFix, RepairsStdinAndDashAlike) {
  std::string damaged = "caf\xC3\x83\xC2\xA9 &amp; cr\xC3\x83\xC2\xA8me\n";
  ToolResult a = run_tool({"fix"}, damaged);
  ToolResult b = run_tool({"fix", "-"}, damaged);
  EXPECT_EQ(a.status, 0);
  EXPECT_EQ(a.out, "caf\xC3\xA9 & cr\xC3\xA8me\n");
  EXPECT_EQ(b.out, a.out);
  EXPECT_TRUE(a.err.empty());
}

TEST(CliFix, CleanInputComesBackByteForByte) {
  std::string clean = "no  trailing newline, double  spaces, caf\xC3\xA9";
  ToolResult r = run_tool({"fix"}, clean);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, clean);
}

TEST(CliFix, CheckExitsOneAndNamesTheLine) {
  ToolResult r = run_tool({"fix", "--check"}, "fine\nthe caf\xC3\x83\xC2\xA9\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.out.empty());
  EXPECT_EQ(r.err, "winnow: (standard input):2: needs repair\n");
  r = run_tool({"fix", "--check"}, "fine\n");
  EXPECT_EQ(r.status, 0);
}

TEST(CliFix, ExplainAndStatsNameKindLineAndSteps) {
  std::string dir = temp_dir();
  ToolResult r = run_tool({"fix", "--explain", "--stats=" + dir + "/s.json"},
                          "ok\ndon\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2t &amp;quot;x&amp;quot;\n");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "ok\ndon\xE2\x80\x99t \"x\"\n");
  EXPECT_NE(r.err.find("(standard input):2: fix: mojibake: '\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2' -> '\xE2\x80\x99': "
                       "utf-8 read as windows-1252, 1 layer\n"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("(standard input):2: fix: entity: '&amp;quot;' -> '\"'"), std::string::npos) << r.err;
  std::string stats = read_file(dir + "/s.json");
  EXPECT_NE(stats.find("\"fix\": {\"entity\": 2, \"mojibake\": 1}"), std::string::npos) << stats;
  ToolResult j = run_tool({"fix", "--explain", "--json"}, "caf\xC3\x83\xC2\xA9\n");
  EXPECT_NE(j.err.find("\"type\":\"change\""), std::string::npos) << j.err;
  EXPECT_NE(j.err.find("\"kind\":\"mojibake\""), std::string::npos) << j.err;
}

// One JSON schema for every diagnostic (diagnostic_json.h): type, file, record (a document of
// several in its file), line and column where known, then the kind's own members.
TEST(CliJson, EveryDiagnosticHasTheOneSchema) {
  ToolResult r = run_tool({"norm", "--jsonl", "--json"}, "{\"text\": \"a\"}\nnot json\n");
  EXPECT_EQ(r.err,
            "{\"type\":\"error\",\"file\":\"(standard input)\",\"record\":2,\"message\":\"invalid JSON: syntax "
            "error, replaced by an error record\"}\n");
  r = run_tool({"fix", "-z", "--explain", "--json"}, std::string("ok\n\0caf\xC3\x83\xC2\xA9\n", 12));
  EXPECT_EQ(r.err.rfind("{\"type\":\"change\",\"file\":\"(standard input)\",\"record\":2,\"line\":1,\"stage\":\"fix\","
                        "\"kind\":\"mojibake\",\"detail\":",
                        0),
            0u)
      << r.err;
  r = run_tool({"norm", "--json", "/no/such/file"});
  EXPECT_EQ(r.err, "{\"type\":\"error\",\"file\":\"/no/such/file\",\"message\":\"No such file or directory\"}\n");
  // check's findings: the same members, the line of the finding inside the record's text.
  r = run_tool({"check", "--jsonl", "--format=json", "--select", "noncanonical"}, "{\"text\": \"a  b\"}\n");
  EXPECT_EQ(r.out.substr(0, r.out.find('\n') + 1),
            "{\"type\":\"finding\",\"file\":\"(standard input)\",\"record\":1,\"line\":1,\"column\":1,\"category\":"
            "\"noncanonical\",\"message\":\"not in canonical form (winnow norm)\"}\n");
}

TEST(CliFix, SwitchesFromAndMarkup) {
  EXPECT_EQ(run_tool({"fix", "--no-entities", "--no-tags"}, "<b>&amp;</b>\n").out, "<b>&amp;</b>\n");
  EXPECT_EQ(run_tool({"fix", "--compat"}, "\xEF\xAC\x81ne\n").out, "fine\n");
  // Forced Windows-1251: the bytes of "Привет".
  EXPECT_EQ(run_tool({"fix", "--from", "windows-1251"}, "\xCF\xF0\xE8\xE2\xE5\xF2").out,
            "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82");
  ToolResult bad = run_tool({"fix", "--from", "no-such-encoding"}, "x");
  EXPECT_EQ(bad.status, 2);
  // Markup keeps its entities and tags; its mojibake is still repaired.
  std::string html = "<!DOCTYPE html><p>caf\xC3\x83\xC2\xA9 &amp; <b>x</b></p>\n";
  EXPECT_EQ(run_tool({"fix"}, html).out, "<!DOCTYPE html><p>caf\xC3\xA9 &amp; <b>x</b></p>\n");
}

TEST(CliFix, CesuSurrogatesReachFixUndecoded) {
  std::string cesu = "a\xED\xA0\xBD\xED\xB8\x80" "b\n";  // U+1F600 as a CESU-8 pair
  EXPECT_EQ(run_tool({"fix"}, cesu).out, "a\xF0\x9F\x98\x80" "b\n");
  EXPECT_EQ(run_tool({"fix", "--no-surrogates"}, cesu).out,
            "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b\n");
}

TEST(CliFix, WriteErrorAndMissingFileExitTwo) {
  EXPECT_EQ(run_tool({"fix"}, "text\n", "/dev/full").status, 2);
  std::string dir = temp_dir();
  ToolResult r = run_tool({"fix", dir + "/missing.txt"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find(dir + "/missing.txt"), std::string::npos);
}

TEST(CliClean, RunsTheFixStage) {
  ToolResult r = run_tool({"clean"}, "caf\xC3\x83\xC2\xA9  &amp; <u>x</u>\n");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "caf\xC3\xA9 & x\n");
  EXPECT_EQ(run_tool({"clean", "--no-entities"}, "a &amp; b\n").out, "a &amp; b\n");
}

}  // namespace
}  // namespace winnow::testing
