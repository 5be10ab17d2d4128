// The bad-input matrix: every verb, given hostile or broken input, answers with a defined
// result: exit 0 or 2, valid UTF-8 on stdout, a `winnow: ...` message on stderr when it fails,
// never a crash or a hang. New verbs are covered as soon as `winnow help` lists them.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "run_tool.h"
#include "warc_builder.h"

namespace winnow::testing {
namespace {

bool valid_utf8(const std::string& s) {
  // An independent check (not the library's): decode by the Unicode table of well-formed sequences.
  std::size_t i = 0, n = s.size();
  auto in = [&](std::size_t k, unsigned lo, unsigned hi) {
    return k < n && static_cast<unsigned char>(s[k]) >= lo && static_cast<unsigned char>(s[k]) <= hi;
  };
  while (i < n) {
    unsigned char b = s[i];
    if (b < 0x80) i += 1;
    else if (b >= 0xC2 && b <= 0xDF && in(i + 1, 0x80, 0xBF)) i += 2;
    else if (b == 0xE0 && in(i + 1, 0xA0, 0xBF) && in(i + 2, 0x80, 0xBF)) i += 3;
    else if (((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) && in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF)) i += 3;
    else if (b == 0xED && in(i + 1, 0x80, 0x9F) && in(i + 2, 0x80, 0xBF)) i += 3;
    else if (b == 0xF0 && in(i + 1, 0x90, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF)) i += 4;
    else if (b >= 0xF1 && b <= 0xF3 && in(i + 1, 0x80, 0xBF) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF)) i += 4;
    else if (b == 0xF4 && in(i + 1, 0x80, 0x8F) && in(i + 2, 0x80, 0xBF) && in(i + 3, 0x80, 0xBF)) i += 4;
    else return false;
  }
  return true;
}

std::vector<std::string> document_verbs() {
  ToolResult r = run_tool({"help"});
  std::vector<std::string> verbs;
  std::istringstream lines(r.out.substr(r.out.find("verbs:\n") + 7));
  for (std::string line; std::getline(lines, line) && line.rfind("  ", 0) == 0;) {
    std::string verb = line.substr(2, line.find(' ', 2) - 2);
    if (verb != "help" && verb != "check") verbs.push_back(verb);
  }
  return verbs;
}

struct BadInput {
  const char* name;
  std::string bytes;
};

std::vector<BadInput> bad_inputs() {
  std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1F\x15\xC4\x89", 33);
  std::string elf = read_file("/proc/self/exe").substr(0, 200000);
  std::string html_deep;
  for (int i = 0; i < 100000; ++i) html_deep += "<div>";
  html_deep += "text";
  return {
      {"empty", ""},
      {"only whitespace", " \t\n\r\n  \n"},
      {"only NULs", std::string(4096, '\0')},
      {"PNG header", png},
      {"ELF binary", elf},
      {"invalid UTF-8 at start", "\xFF" "abc\n"},
      {"invalid UTF-8 in the middle", "ab\x80" "cd\n"},
      {"truncated sequence at end", "abc\xE2\x80"},
      {"overlong encodings", "\xC0\xAF\xE0\x80\xAF\xF0\x80\x80\xAF\n"},
      {"lone surrogates (CESU-8)", "\xED\xA0\x80\xED\xB0\x80 x\n"},
      {"code points above U+10FFFF", "\xF4\x90\x80\x80\xF7\xBF\xBF\xBF\n"},
      {"control characters", "a\x01\x02\x1B[31mred\x1B[0m\x7F\n"},
      {"giant line", std::string(8 << 20, 'x')},
      {"many blank lines", std::string(1 << 20, '\n')},
      {"deeply nested HTML", html_deep},
      {"entity declarations", "<!DOCTYPE x [<!ENTITY a \"&b;&b;\"><!ENTITY b \"&a;&a;\"><!ENTITY ext SYSTEM \"file:///etc/passwd\">]>"
                              "<html><body><p>&a; &ext; text</p></body></html>"},
      {"unclosed HTML", "<html><body><p>one<p>two<table><tr><td>three"},
  };
}

TEST(BadInput, EveryVerbGivesADefinedAnswer) {
  std::vector<std::string> verbs = document_verbs();
  ASSERT_FALSE(verbs.empty());
  for (const std::string& verb : verbs) {
    for (const BadInput& input : bad_inputs()) {
      ToolResult r = run_tool({verb}, input.bytes);
      EXPECT_TRUE(r.status == 0 || r.status == 2) << verb << " on " << input.name << ": status " << r.status << "\n" << r.err.substr(0, 500);
      EXPECT_TRUE(valid_utf8(r.out)) << verb << " on " << input.name << " wrote invalid UTF-8";
      if (r.status == 2) {
        EXPECT_EQ(r.err.rfind("winnow: ", 0), 0u) << verb << " on " << input.name << ": " << r.err;
      }
    }
  }
}

TEST(BadInput, HugeSingleLineIsSkippedWithBoundedReading) {
  // 256 MiB on one line through a pipe, with a 1 MiB limit: reported and skipped, exit 2.
  std::string line(256u << 20, 'a');
  ToolResult r = run_tool({"norm", "--max-bytes", "1M"}, line);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: (standard input): document exceeds --max-bytes (1048576), skipped\n");
  EXPECT_TRUE(r.out.empty());
}

TEST(BadInput, TruncateCutsOversizedDocumentsAndGoesOn) {
  ToolResult r = run_tool({"norm", "--max-bytes", "4", "--truncate"}, "0123456789");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "winnow: (standard input): document exceeds --max-bytes (4), truncated\n");
  EXPECT_EQ(r.out, "0123\n");
  // "ab" e-acute e-acute cut at 5 bytes splits the second e-acute (C3 A9): cut before it.
  r = run_tool({"norm", "--max-bytes", "5", "--truncate"}, "ab\xC3\xA9\xC3\xA9");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "ab\xC3\xA9\n");
  // A four-byte character (U+1F600, F0 9F 98 80) cut after each of its first three bytes.
  for (const char* limit : {"3", "4", "5"}) {
    r = run_tool({"norm", "--max-bytes", limit, "--truncate"}, "ab\xF0\x9F\x98\x80");
    EXPECT_EQ(r.out, "ab\n") << limit;
  }
  r = run_tool({"norm", "--max-bytes", "6", "--truncate"}, "ab\xF0\x9F\x98\x80");
  EXPECT_EQ(r.out, "ab\xF0\x9F\x98\x80\n");
}

TEST(BadInput, TruncateCountsInStatsAndKeepsOtherDocuments) {
  std::string dir = temp_dir();
  ToolResult r = run_tool({"norm", "-z", "--max-bytes", "4", "--truncate", "--stats=" + dir + "/s.json"},
                          std::string("0123456789\0ab\0", 14));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "winnow: (standard input)#1: document exceeds --max-bytes (4), truncated\n");
  EXPECT_EQ(r.out, std::string("0123\n\0ab\n\0", 10));
  std::string stats = read_file(dir + "/s.json");
  EXPECT_NE(stats.find("\"truncated\": 1"), std::string::npos) << stats;
  EXPECT_NE(stats.find("\"failed\": 0"), std::string::npos) << stats;
  r = run_tool({"norm", "-q", "--max-bytes", "4", "--truncate"}, "0123456789");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.err, "");
}

TEST(BadInput, TruncateStillSkipsJsonLines) {
  // A JSON Lines record cut short is no longer JSON: an error record takes its line, the next
  // one is processed.
  ToolResult r = run_tool({"norm", "--jsonl", "--max-bytes", "20", "--truncate"},
                          "{\"text\": \"a long text that does not fit\"}\n{\"text\": \"b\"}\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: (standard input):1: document exceeds --max-bytes (20), replaced by an error record\n");
  EXPECT_EQ(r.out, "{\"winnow_error\":\"document exceeds --max-bytes (20)\"}\n{\"text\": \"b\\n\"}\n");
}

TEST(BadInput, DeepNestingStopsTheParserAtDepth256) {
  // libxml2 stops building the tree at depth 256 (no HTML_PARSE_HUGE): text nested deeper and
  // everything after it in the page do not reach the output; what came before does.
  const std::string s = " met on Tuesday to discuss the budget, and its members agreed that the new plan would be "
                        "published before the end of the month.";
  auto page = [&](int depth) {
    std::string html = "<html><body><p>The council" + s + "</p>";
    for (int i = 0; i < depth; ++i) html += "<div>";
    html += "<p>The committee" + s + "</p>";
    for (int i = 0; i < depth; ++i) html += "</div>";
    return html + "<p>The board" + s + "</p></body></html>";
  };
  ToolResult r = run_tool({"extract"}, page(250));
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "The committee" + s + "\n");
  for (int depth : {260, 100000}) {
    r = run_tool({"extract"}, page(depth));
    EXPECT_EQ(r.status, 0) << depth;
    EXPECT_EQ(r.out, "The council" + s + "\n") << depth;
  }
}

TEST(BadInput, TruncatedGzipNamesTheFile) {
  std::string dir = temp_dir();
  std::string gz = gzip_member(std::string(100000, 'x') + "\n");
  write_file(dir + "/cut.txt.gz", gz.substr(0, gz.size() / 2));
  for (const std::string& verb : document_verbs()) {
    ToolResult r = run_tool({verb, dir + "/cut.txt.gz"});
    EXPECT_EQ(r.status, 2) << verb;
    EXPECT_EQ(r.err.rfind("winnow: " + dir + "/cut.txt.gz: ", 0), 0u) << verb << ": " << r.err;
  }
}

TEST(BadInput, JsonLinesInvalidJsonCostsItsLineOnly) {
  ToolResult r = run_tool({"norm", "--jsonl"}, "{\"text\": \"a\"}\n{\"text\": \n[1, 2]\nnot json\n{\"text\": \"b\"}\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out,
            "{\"text\": \"a\\n\"}\n{\"winnow_error\":\"invalid JSON: incomplete JSON\"}\n"
            "{\"winnow_error\":\"not a JSON object\"}\n{\"winnow_error\":\"invalid JSON: syntax error\"}\n"
            "{\"text\": \"b\\n\"}\n");
  for (const char* line : {":2: ", ":3: ", ":4: "}) {
    EXPECT_NE(r.err.find("winnow: (standard input)" + std::string(line)), std::string::npos) << line << "\n" << r.err;
  }
}

TEST(BadInput, DanglingSymlinkInTreeIsAFailedInput) {
  // An entry listed but not readable (here a symbolic link to nothing) is reported; the other
  // inputs are still processed.
  std::string dir = temp_dir();
  std::filesystem::create_directories(dir + "/in");
  write_file(dir + "/in/a.txt", "a\n");
  std::filesystem::create_symlink(dir + "/gone.txt", dir + "/in/b.txt");
  write_file(dir + "/in/c.txt", "c\n");
  ToolResult r = run_tool({"norm", "-r", dir + "/in", "-o", dir + "/out"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: " + dir + "/in/b.txt: symbolic link to nothing, skipped\n");
  EXPECT_EQ(read_file(dir + "/out/a.txt"), "a\n");
  EXPECT_EQ(read_file(dir + "/out/c.txt"), "c\n");
  EXPECT_FALSE(std::filesystem::exists(dir + "/out/b.txt"));
}

TEST(BadInput, CleanIsIdempotentWhenNormTurnsNoBreakSpacesIntoSpaces) {
  // Found by fuzz_decode_norm (fixtures/clean/fuzz-nbsp-slash-separator.in): IBM866 bytes whose
  // 0xFF are no-break spaces around a slash. strip judged "Me\u00A0/\u00A0keis" content and
  // norm then made it "Me / keis", which a second clean dropped as navigation.
  const std::string bytes = read_file(source_dir() + "/fixtures/clean/fuzz-nbsp-slash-separator.in");
  ToolResult once = run_tool({"clean"}, bytes);
  ASSERT_EQ(once.status, 0) << once.err;
  EXPECT_EQ(run_tool({"clean"}, once.out).out, once.out);
  // The same menu line with no-break spaces (C2 A0) and with spaces, on a page: both go.
  const std::string page =
      "\n\nThe governor of the province said on Thursday that the talks would go on for as long as they were "
      "needed, and that he expected an answer from the capital before the end of the month.\n\nSubscribe to our "
      "newsletter\n";
  ToolResult nbsp = run_tool({"strip"}, "Home\xC2\xA0/\xC2\xA0World\xC2\xA0/\xC2\xA0Sport" + page);
  EXPECT_EQ(nbsp.out, run_tool({"strip"}, "Home / World / Sport" + page).out);
  EXPECT_EQ(nbsp.out.find("Sport"), std::string::npos) << nbsp.out;
}

TEST(BadInput, UnreadableFileAndDirectory) {
  std::string dir = temp_dir();
  write_file(dir + "/secret.txt", "x");
  chmod((dir + "/secret.txt").c_str(), 0);
  ToolResult r = run_tool({"norm", dir + "/secret.txt"});
  if (geteuid() != 0) {  // root reads anything
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "winnow: " + dir + "/secret.txt: Permission denied\n");
  }
  r = run_tool({"norm", dir});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("winnow: " + dir + ": "), std::string::npos) << r.err;
}

TEST(BadInput, OutputDirectoryWithoutWritePermission) {
  if (geteuid() == 0) GTEST_SKIP() << "root may write anywhere";
  std::string dir = temp_dir();
  chmod(dir.c_str(), 0555);
  ToolResult r = run_tool({"norm", "-o", dir + "/out.txt"}, "x");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: " + dir + "/out.txt: Permission denied\n");
}

TEST(BadInput, JsonLinesDuplicateKeysAndHugeStrings) {
  std::string huge = "{\"text\": \"" + std::string(4 << 20, 'y') + "\"}\n";
  ToolResult r = run_tool({"norm", "--jsonl"}, "{\"text\":\"a\",\"text\":\"b  c\"}\n" + huge + "{\"text\": \"\\ud800 lone\"}\n");
  EXPECT_EQ(r.status, 0) << r.err;
  std::istringstream lines(r.out);
  std::string first;
  std::getline(lines, first);
  EXPECT_EQ(first, "{\"text\":\"a\",\"text\":\"b c\\n\"}");
  EXPECT_TRUE(valid_utf8(r.out));
}

}  // namespace
}  // namespace winnow::testing
