// What a hostile input or an unlucky user could break (issue 12): outputs that are not regular
// files, permissions, stale temporary files, trees that overlap, JSON Lines that must stay line
// for line and valid, gzip trailing data, NUL bombs, control characters in diagnostics, WARC
// framing and duplicate documents that share an id. Each test fails without its fix.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "run_tool.h"
#include "warc_builder.h"
#include "winnow/utf8.h"

namespace winnow::testing {
namespace {

namespace fs = std::filesystem;

std::size_t entries(const std::string& dir) {
  return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

mode_t file_type(const std::string& path) {
  struct stat st;
  return lstat(path.c_str(), &st) == 0 ? st.st_mode & S_IFMT : 0;
}

// ---- -o onto what is not a plain file (item 1), its mode (8), stale temporary files (14)

TEST(Harden, OutputThroughASymlinkReplacesItsTarget) {
  std::string dir = temp_dir();
  write_file(dir + "/target.txt", "old\n");
  fs::create_symlink("target.txt", dir + "/link");
  ToolResult r = run_tool({"norm", "-o", dir + "/link"}, "x  y");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(file_type(dir + "/link"), S_IFLNK);
  EXPECT_EQ(read_file(dir + "/target.txt"), "x y\n");
  // A link to nothing yet: the shell would create its target, and so does -o.
  fs::create_symlink("new.txt", dir + "/dangling");
  r = run_tool({"norm", "-o", dir + "/dangling"}, "z");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(file_type(dir + "/dangling"), S_IFLNK);
  EXPECT_EQ(read_file(dir + "/new.txt"), "z\n");
  EXPECT_EQ(entries(dir), 4u);  // no temporary file left
}

TEST(Harden, OutputOntoAFifoWritesThroughIt) {
  std::string dir = temp_dir();
  std::string fifo = dir + "/fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // A reader opened first (non-blocking, so the test never hangs) makes the writer's open
  // succeed; the output then waits in the pipe.
  int fd = open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(fd, 0);
  ToolResult r = run_tool({"norm", "-o", fifo}, "a  b");
  EXPECT_EQ(r.status, 0) << r.err;
  char buf[64];
  ssize_t n = read(fd, buf, sizeof buf);
  close(fd);
  EXPECT_EQ(std::string(buf, n > 0 ? static_cast<std::size_t>(n) : 0), "a b\n");
  EXPECT_EQ(file_type(fifo), S_IFIFO);
  EXPECT_EQ(entries(dir), 1u);
}

TEST(Harden, OutputOntoADeviceWritesThroughIt) {
  // Through links, so that a build without the fix replaces the links, not the devices.
  std::string dir = temp_dir();
  fs::create_symlink("/dev/null", dir + "/null");
  fs::create_symlink("/dev/full", dir + "/full");
  ToolResult r = run_tool({"norm", "-o", dir + "/null"}, "text");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(file_type("/dev/null"), S_IFCHR);
  EXPECT_EQ(file_type(dir + "/null"), S_IFLNK);
  r = run_tool({"norm", "-o", dir + "/full"}, "text");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("No space left on device"), std::string::npos) << r.err;
  EXPECT_EQ(file_type(dir + "/full"), S_IFLNK);
}

TEST(Harden, OutputKeepsTheModeOfTheFileItReplaces) {
  std::string dir = temp_dir();
  write_file(dir + "/out.txt", "old\n");
  ASSERT_EQ(chmod((dir + "/out.txt").c_str(), 0640), 0);
  ToolResult r = run_tool({"norm", "-o", dir + "/out.txt"}, "new");
  EXPECT_EQ(r.status, 0) << r.err;
  struct stat st;
  ASSERT_EQ(stat((dir + "/out.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(read_file(dir + "/out.txt"), "new\n");
}

TEST(Harden, StaleTemporaryFilesOfDeadProcessesAreRemoved) {
  std::string dir = temp_dir();
  pid_t child = fork();
  if (child == 0) _exit(0);
  ASSERT_GT(child, 0);
  waitpid(child, nullptr, 0);  // a process id that no longer runs (as after SIGKILL)
  const std::string stale = dir + "/.out.txt.winnow-" + std::to_string(child) + "-0";
  const std::string stale2 = dir + "/.a.winnow-b.txt.winnow-" + std::to_string(child) + "-1";
  const std::string live = dir + "/.out.txt.winnow-" + std::to_string(getpid()) + "-3";
  write_file(stale, "half");
  write_file(stale2, "half");
  write_file(live, "busy");
  ToolResult r = run_tool({"norm", "-o", dir + "/out.txt"}, "x");
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_FALSE(fs::exists(stale));
  EXPECT_FALSE(fs::exists(stale2));
  EXPECT_TRUE(fs::exists(live));  // its process still runs
  EXPECT_EQ(read_file(dir + "/out.txt"), "x\n");
}

// ---- -r: trees that overlap (item 6), what the walk reads (13)

TEST(Harden, InputTreeInsideTheOutputTreeIsRefusedBeforeWriting) {
  std::string dir = temp_dir();
  fs::create_directories(dir + "/in/in");
  write_file(dir + "/in/a.txt", "outer\n");
  write_file(dir + "/in/in/a.txt", "inner\n");
  // As `clean -r in -o .`: in/in/a.txt would be written over in/a.txt.
  ToolResult r = run_tool({"clean", "-r", dir + "/in", "-o", dir});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is inside output directory"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir + "/in/a.txt"), "outer\n");
  EXPECT_EQ(entries(dir), 1u);
}

TEST(Harden, AnOutputThatWouldOverwriteAnInputIsRefused) {
  std::string dir = temp_dir();
  fs::create_directories(dir + "/in");
  write_file(dir + "/in/a.html", "<p>page</p>");
  write_file(dir + "/in/a.txt", "text  to keep\n");
  ToolResult r = run_tool({"norm", "-r", dir + "/in/a.html", dir + "/in/a.txt", "-o", dir + "/in"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("would overwrite the input"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir + "/in/a.txt"), "text  to keep\n");
}

TEST(Harden, TreeWalkStaysInsideTheTreeAndReportsWhatItSkips) {
  std::string dir = temp_dir();
  fs::create_directories(dir + "/in");
  fs::create_directories(dir + "/elsewhere");
  write_file(dir + "/secret.txt", "secret\n");
  write_file(dir + "/elsewhere/b.txt", "b\n");
  write_file(dir + "/in/a.txt", "a\n");
  fs::create_symlink("a.txt", dir + "/in/alias.txt");           // inside: read
  fs::create_symlink("../secret.txt", dir + "/in/leak.txt");    // outside: skipped
  fs::create_symlink("../elsewhere", dir + "/in/linked");       // a directory: not followed
  ASSERT_EQ(mkfifo((dir + "/in/pipe").c_str(), 0600), 0);       // not a file: skipped
  ToolResult r = run_tool({"norm", "-r", dir + "/in", "-o", dir + "/out"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(read_file(dir + "/out/a.txt"), "a\n");
  EXPECT_EQ(read_file(dir + "/out/alias.txt"), "a\n");
  EXPECT_FALSE(fs::exists(dir + "/out/leak.txt"));
  EXPECT_FALSE(fs::exists(dir + "/out/linked"));
  EXPECT_EQ(r.err, "winnow: " + dir + "/in/leak.txt: symbolic link out of the tree, skipped\n"
                   "winnow: " + dir + "/in/linked: symbolic link to a directory, not followed\n"
                   "winnow: " + dir + "/in/pipe: not a regular file, skipped\n");
}

// ---- JSON Lines: valid output (item 5), line N is record N (9)

TEST(Harden, JsonLinesOutputIsValidUtf8AndStrictJson) {
  // Invalid UTF-8 (FF) in a field, a lone surrogate escape in a key and a raw CESU-8 surrogate
  // (ED A0 80, three ill-formed bytes) in another field: each becomes U+FFFD, is reported and
  // counted.
  std::string in = "{\"a\": \"x\xFFy\", \"k\\ud800\": 1, \"b\": \"\xED\xA0\x80\", \"text\": \"t\"}\n";
  ToolResult r = run_tool({"norm", "--jsonl", "--stats"}, in);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(utf8::valid(r.out)) << r.out;
  EXPECT_EQ(r.out, "{\"a\": \"x\xEF\xBF\xBDy\", \"k\\ufffd\": 1, \"b\": \"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\", "
                   "\"text\": \"t\\n\"}\n");
  EXPECT_NE(r.err.find("winnow: (standard input):1: 5 invalid UTF-8 sequence(s) or lone surrogate(s)"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("winnow: stats: input/repaired-json 5\n"), std::string::npos) << r.err;
  // A record passed through because it has no text field is repaired too.
  r = run_tool({"norm", "--jsonl"}, "{\"body\": \"\xC0\"}\n");
  EXPECT_EQ(r.out, "{\"body\": \"\xEF\xBF\xBD\"}\n");
}

TEST(Harden, JsonLinesKeepLineForLine) {
  // A byte order mark does not cost the first record; blank lines stay, reported and counted.
  std::string in = "\xEF\xBB\xBF{\"text\": \"a  b\"}\n\n\n{\"text\": \"c\"}\n \n";
  ToolResult r = run_tool({"norm", "--jsonl", "--stats"}, in);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "{\"text\": \"a b\\n\"}\n\n\n{\"text\": \"c\\n\"}\n \n");
  EXPECT_NE(r.err.find("winnow: (standard input):2: 2 blank lines, passed through\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("winnow: (standard input):5: blank line, passed through\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("winnow: stats: input/blank-lines 3\n"), std::string::npos) << r.err;
  // dedupe reads the same records.
  std::string dir = temp_dir();
  r = run_tool({"dedupe", "--jsonl", "--sign", dir + "/a.sig"}, "\xEF\xBB\xBF{\"text\": \"a\"}\n");
  EXPECT_EQ(r.status, 0) << r.err;
}

// ---- gzip trailing data (item 7), NUL bombs (11)

TEST(Harden, PlainDataAfterAGzipMemberIsReportedLikeZcat) {
  std::string dir = temp_dir();
  write_file(dir + "/a.gz", gzip_member("some  text\n") + "plain tail");
  ToolResult r = run_tool({"norm", dir + "/a.gz"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "some text\n");  // what was read is processed, as zcat writes it
  EXPECT_EQ(r.err, "winnow: " + dir + "/a.gz: decompression OK, trailing garbage ignored\n");
  r = run_tool({"dedupe", "--corpus", dir + "/a.gz"});
  EXPECT_EQ(r.status, 2);
  // A WARC file too (one gzip member a record, then junk).
  write_file(dir + "/w.warc.gz", gzip_members({warc_response("http://a/", "Content-Type: text/html\r\n",
                                                             "<p>Page.</p>")}) + "junk");
  r = run_tool({"clean", dir + "/w.warc.gz"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("\"url\":\"http://a/\""), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "winnow: " + dir + "/w.warc.gz: decompression OK, trailing garbage ignored\n");
  // Zero bytes after the last member (tape padding) are ignored, as gzip does.
  write_file(dir + "/b.gz", gzip_member("x\n") + std::string(100, '\0'));
  r = run_tool({"norm", dir + "/b.gz"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "x\n");
}

TEST(Harden, EmptyDocumentsAreCountedNotProcessedOneByOne) {
  // A gzip bomb of NULs is that many empty documents: they pass through as a run, counted.
  std::string dir = temp_dir();
  const std::size_t n = 4u << 20;
  const std::string a(2, '\0');
  write_file(dir + "/nul.gz", gzip_member("a" + a + std::string(n, '\0') + "b"));
  ToolResult r = run_tool({"fix", "-z", "--stats", dir + "/nul.gz"});
  EXPECT_EQ(r.status, 0) << r.err.substr(0, 500);
  EXPECT_EQ(r.out, "a" + a + std::string(n, '\0') + "b" + std::string(1, '\0'));
  EXPECT_NE(r.err.find("winnow: stats: documents_in " + std::to_string(n + 3) + "\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("winnow: stats: input/empty-documents " + std::to_string(n + 1) + "\n"), std::string::npos)
      << r.err;
}

// ---- control characters in diagnostics and explanations (item 10)

TEST(Harden, DiagnosticsEscapeControlCharacters) {
  std::string dir = temp_dir();
  const std::string name = dir + "/a\x1b[2J\nwinnow: forged\x07";
  ToolResult r = run_tool({"norm", name});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: " + dir + "/a\\x1b[2J\\nwinnow: forged\\x07: No such file or directory\n");
  // --explain quotes the text it removed: its escape sequences are shown, not sent.
  std::string page = "A long first paragraph of the article, with enough words to be kept by strip.\n"
                     "\x1b]0;title\x07Share on Facebook \xC2\x9B" "31m\n";
  r = run_tool({"strip", "--explain"}, page);
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("\xC2\x9B"), std::string::npos) << r.err;
  // clean, the verb that promises clean text, sends no terminal escape to standard output.
  r = run_tool({"clean"}, "Text \x1b[31mred\x1b[0m and a bell\x07.\n");
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find('\x07'), std::string::npos) << r.out;
}

// ---- duplicates that share an id (item 3)

TEST(Harden, ExactDuplicatesSharingAnIdKeepOneCopy) {
  std::string dir = temp_dir();
  const std::string rec = "{\"id\": \"u1\", \"text\": \"The same story, crawled twice with the same text.\"}\n";
  const std::string other = "{\"id\": \"u2\", \"text\": \"Another story.\"}\n";
  write_file(dir + "/a.jsonl", rec + other + rec);
  // Which copy stays depends on the rank (date, then hashes of id, text and place), not on order.
  auto one_of_each = [&](const std::string& out) { return out == rec + other || out == other + rec; };
  ToolResult r = run_tool({"dedupe", "--corpus", "--jsonl", dir + "/a.jsonl"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(one_of_each(r.out)) << r.out;
  // In shards: the copy in one shard is kept (the rank decides which), the other removed.
  write_file(dir + "/s1.jsonl", rec);
  write_file(dir + "/s2.jsonl", other + rec);
  for (const char* s : {"s1", "s2"}) {
    ASSERT_EQ(run_tool({"dedupe", "--jsonl", "--sign", dir + "/" + s + ".sig", dir + "/" + s + ".jsonl"}).status, 0);
  }
  // A signature file given twice is the same documents, not copies.
  ASSERT_EQ(run_tool({"dedupe", "--merge", dir + "/i.idx", dir + "/s1.sig", dir + "/s2.sig", dir + "/s1.sig"}).status, 0);
  std::string kept;
  for (const char* s : {"s1", "s2"}) {
    r = run_tool({"dedupe", "--jsonl", "--apply", dir + "/i.idx", dir + "/" + s + ".jsonl"});
    EXPECT_EQ(r.status, 0) << r.err;
    kept += r.out;
  }
  EXPECT_TRUE(one_of_each(kept)) << kept;
  // A shard listed twice would be read twice: refused.
  r = run_tool({"dedupe", "--corpus", "--jsonl", dir + "/s1.jsonl", dir + "/s1.jsonl"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is given more than once"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace winnow::testing
