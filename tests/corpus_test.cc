// Corpus runs through the real executable: -r trees, WARC input, -j determinism, --stats.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "run_tool.h"
#include "winnow/jsonl.h"
#include "warc_builder.h"

namespace winnow::testing {
namespace {

namespace fs = std::filesystem;

// Every regular file under DIR, relative path -> contents.
std::map<std::string, std::string> tree(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = read_file(e.path().string());
  }
  return out;
}

// Documents that give the stages something to do (spaces, format characters, legacy bytes,
// lines to join) and differ from each other, so that a reordering would show.
std::vector<std::string> documents(int n) {
  std::vector<std::string> docs;
  for (int i = 0; i < n; ++i) {
    std::string d = "Document " + std::to_string(i) + " title\n\n";
    for (int p = 0; p <= i % 7; ++p) {
      d += "Paragraph " + std::to_string(p) + " of " + std::to_string(i) + ":  some\xC2\xA0text, ";
      d += i % 3 ? "zero\xE2\x80\x8Bwidth" : "plain";
      d += std::string(static_cast<std::size_t>(i * 13 % 200), 'w') + "\n\n";
    }
    if (i % 11 == 5) {
      d += "caf\xE9 cr\xE8me fran\xE7" "ais d\xE9j\xE0 vu\n";  // windows-1252 bytes
    }
    docs.push_back(d);
  }
  return docs;
}

// A news page small enough to read here and long enough for extract to find its article.
std::string article_page(const std::string& headline, const std::string& paragraph) {
  return "<html><head><title>" + headline + "</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>" +
         headline + "</h1><p>" + paragraph +
         "</p><p>The council will meet again next month to decide how the new hours are paid for, and "
         "residents can send their views by letter or at the library desk.</p></article></body></html>";
}

const char kParagraphA[] = "Breaking  news\xC2\xA0today: the city council voted on Tuesday to keep the central library open "
                           "until nine in the evening through the winter months.";
const char kParagraphB[] = "At the Caf\xE9 cr\xE8me on the square, readers said the longer hours would help students "
                           "and shift workers who cannot come during the day.";
const char kParagraphC[] = "Chunked replies from the server arrive in pieces, and the reader joins them before the page "
                           "is parsed, so the article comes out whole and in order.";

// What clean makes of article_page(HEADLINE, PARAGRAPH) when PARAGRAPH is already clean text.
std::string article_text(const std::string& headline, const std::string& paragraph) {
  return headline + "\n\n" + paragraph +
         "\n\nThe council will meet again next month to decide how the new hours are paid for, and residents "
         "can send their views by letter or at the library desk.\n";
}

// BODY in HTTP chunked transfer coding, cut into two chunks.
std::string chunked(const std::string& body) {
  std::size_t half = body.size() / 2;
  char a[24], b[24];
  std::snprintf(a, sizeof a, "%zx", half);
  std::snprintf(b, sizeof b, "%zx", body.size() - half);
  return std::string(a) + "\r\n" + body.substr(0, half) + "\r\n" + b + "\r\n" + body.substr(half) + "\r\n0\r\n\r\n";
}

TEST(Corpus, RecursiveMirrorsTheTree) {
  std::string dir = temp_dir();
  fs::create_directories(dir + "/in/a/b");
  fs::create_directories(dir + "/in/.hidden");
  write_file(dir + "/in/top.txt", "top  text\n");
  write_file(dir + "/in/a/page.html", article_page("Library hours", kParagraphC));
  write_file(dir + "/in/a/b/old.htm", "old\xA0page\n");
  write_file(dir + "/in/a/b/zipped.txt.gz", gzip_member("zipped  text\n"));
  write_file(dir + "/in/.hidden/skip.txt", "not read\n");
  write_file(dir + "/in/.in.txt.winnow-1-0", "a temporary file\n");
  write_file(dir + "/extra.html", "extra  file\n");
  ToolResult r = run_tool({"clean", "-r", dir + "/in", dir + "/extra.html", "-o", dir + "/out"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::map<std::string, std::string> expected = {
      {"top.txt", "top text\n"},           {"a/page.txt", article_text("Library hours", kParagraphC)}, {"a/b/old.txt", "old page\n"},
      {"a/b/zipped.txt", "zipped text\n"}, {"extra.txt", "extra file\n"},
  };
  EXPECT_EQ(tree(dir + "/out"), expected);
  // Each output is what cleaning that file alone gives.
  EXPECT_EQ(run_tool({"clean", dir + "/in/a/b/old.htm"}).out, expected["a/b/old.txt"]);
  // --check over trees needs no output directory: the output is clean, the input is not.
  r = run_tool({"clean", "--check", "-r", dir + "/out"});
  EXPECT_EQ(r.status, 0) << r.err;
  r = run_tool({"clean", "--check", "-r", dir + "/in/a"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "winnow: " + dir + "/in/a/b/old.htm:1: not clean\n" +            //
                       "winnow: " + dir + "/in/a/b/zipped.txt.gz:1: not clean\n" +  //
                       "winnow: " + dir + "/in/a/page.html:1: not clean\n");
}

TEST(Corpus, RecursiveFailureCostsOneInput) {
  std::string dir = temp_dir();
  fs::create_directories(dir + "/in");
  write_file(dir + "/in/a.txt", "a\n");
  std::string gz = gzip_member("b text that is long enough to be cut\n");
  write_file(dir + "/in/b.txt.gz", gz.substr(0, gz.size() - 8));  // truncated gzip
  write_file(dir + "/in/c.txt", "c\n");
  write_file(dir + "/in/c.html", "c as html\n");  // the same output as c.txt
  ToolResult r = run_tool({"clean", "-r", dir + "/in", "-o", dir + "/out"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("winnow: " + dir + "/in/b.txt.gz: corrupt gzip data"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("winnow: " + dir + "/in/c.txt: has the same output " + dir + "/out/c.txt as " + dir +
                       "/in/c.html, skipped"),
            std::string::npos)
      << r.err;
  std::map<std::string, std::string> expected = {{"a.txt", "a\n"}, {"c.txt", "c as html\n"}};
  EXPECT_EQ(tree(dir + "/out"), expected);  // no b.txt, no temporary files
}

TEST(Corpus, RecursiveOutputFailureCostsOneInput) {
  std::string dir = temp_dir();
  fs::create_directories(dir + "/in");
  write_file(dir + "/in/a.txt", "a\n");
  write_file(dir + "/in/b.txt", "b\n");
  fs::create_directories(dir + "/out/a.txt/taken");  // a directory where a.txt should go
  ToolResult r = run_tool({"clean", "-r", dir + "/in", "-o", dir + "/out"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("winnow: " + dir + "/out/a.txt: ", 0), 0u) << r.err;
  EXPECT_EQ(read_file(dir + "/out/b.txt"), "b\n");
  std::size_t entries = std::distance(fs::directory_iterator(dir + "/out"), fs::directory_iterator());
  EXPECT_EQ(entries, 2u);  // a.txt (the directory) and b.txt: no temporary file left
}

TEST(Corpus, RecursiveSigintLeavesNoHalfWrittenOutput) {
  std::string dir = temp_dir();
  std::string fifo = dir + "/in.txt";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  pid_t pid = fork();
  if (pid == 0) {
    execl(tool_path().c_str(), "winnow", "clean", "-r", fifo.c_str(), "-o", (dir + "/out").c_str(), nullptr);
    _exit(127);
  }
  FILE* w = fopen(fifo.c_str(), "w");
  ASSERT_NE(w, nullptr);
  fputs("half a document", w);  // the output file is open, the input not finished
  fflush(w);
  // Interrupted once the output's temporary file exists (it is created before reading starts).
  auto temp_exists = [&] { return fs::exists(dir + "/out") && !fs::is_empty(dir + "/out"); };
  for (int i = 0; i < 500 && !temp_exists(); ++i) usleep(10000);
  bool interrupted_while_writing = temp_exists();
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  fclose(w);
  EXPECT_TRUE(interrupted_while_writing);
  EXPECT_TRUE(WIFSIGNALED(status));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir + "/out"), fs::directory_iterator()), 0);
}

TEST(Corpus, RecursiveUsageErrors) {
  std::string dir = temp_dir();
  fs::create_directories(dir + "/in");
  ToolResult r = run_tool({"clean", "-r", dir + "/in"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("-r needs -o DIR"), std::string::npos) << r.err;
  r = run_tool({"clean", "-r", "-o", dir + "/out"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("-r needs a directory or file"), std::string::npos) << r.err;
  write_file(dir + "/file", "");
  r = run_tool({"clean", "-r", dir + "/in", "-o", dir + "/file"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("'" + dir + "/file' is not a directory"), std::string::npos) << r.err;
  r = run_tool({"clean", "-r", dir, "-o", dir + "/in/out"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("is inside input directory"), std::string::npos) << r.err;
  r = run_tool({"clean", "-j", "two"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("--jobs: not a number of threads: 'two'"), std::string::npos) << r.err;
}

std::string warc_file() {
  return warc_record("warcinfo", "", "application/warc-fields", "software: winnow-test\r\n", "<urn:uuid:info>") +
         warc_record("request", "http://news.example/a", "application/http; msgtype=request",
                     "GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n", "<urn:uuid:req>") +
         warc_response("http://news.example/a", "Content-Type: text/html; charset=utf-8\r\n",
                       article_page("Library hours", kParagraphA), "<urn:uuid:a>") +
         warc_record("metadata", "http://news.example/a", "application/warc-fields", "fetchTimeMs: 12\r\n",
                     "<urn:uuid:meta>") +
         // Latin-1 declared by the server: the charset decides (detection alone reads these
         // few bytes as Central European, "cr\u010Dme").
         warc_response("http://news.example/b", "Content-Type: text/html; charset=ISO-8859-1\r\n",
                       article_page("Readers welcome the change", kParagraphB), "<urn:uuid:b>") +
         warc_response("http://news.example/logo.png", "Content-Type: image/png\r\n", "\x89PNG....", "<urn:uuid:png>") +
         warc_record("response", "http://news.example/gone", "application/http; msgtype=response",
                     "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n<p>gone</p>", "<urn:uuid:404>") +
         warc_response("http://news.example/c", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                       chunked(article_page("Pages in pieces", kParagraphC)), "<urn:uuid:c>");
}

// What clean makes of warc_file(): a JSON line for each HTML response, its article as text,
// with the record's URL and crawl date and the page's metadata (its headline, the language).
std::string warc_output() {
  auto line = [](const std::string& id, const std::string& text) {
    std::string escaped;
    for (char c : text) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    return "{\"url\":\"http://news.example/" + id + "\",\"crawl_date\":\"2024-05-01T12:00:00Z\",\"id\":\"<urn:uuid:" +
           id + ">\",\"text\":\"" + escaped + "\",\"title\":\"" + text.substr(0, text.find('\n')) +
           "\",\"language\":\"en\"}\n";
  };
  return line("a", article_text("Library hours",
                                "Breaking news today: the city council voted on Tuesday to keep the central library "
                                "open until nine in the evening through the winter months.")) +
         line("b", article_text("Readers welcome the change",
                                "At the Caf\xC3\xA9 cr\xC3\xA8me on the square, readers said the longer hours would "
                                "help students and shift workers who cannot come during the day.")) +
         line("c", article_text("Pages in pieces", kParagraphC));
}

TEST(Corpus, WarcGivesJsonLinesOfTheHtmlResponses) {
  std::string dir = temp_dir();
  write_file(dir + "/crawl.warc", warc_file());
  ToolResult r = run_tool({"clean", dir + "/crawl.warc", "--stats=" + dir + "/stats.json"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out, warc_output());
  std::string stats = read_file(dir + "/stats.json");
  EXPECT_NE(stats.find("\"documents_in\": 3,"), std::string::npos) << stats;
  EXPECT_NE(stats.find("\"warc\": {\"skipped-metadata\": 1, \"skipped-non-html\": 1, \"skipped-request\": 1, "
                       "\"skipped-status\": 1, \"skipped-warcinfo\": 1}"),
            std::string::npos)
      << stats;
  // The same records gzipped a member each (as Common Crawl stores them), from standard input
  // too: detected by content, not by name.
  std::vector<std::string> members;
  std::string file = warc_file();
  for (std::size_t at = 0; at < file.size();) {
    std::size_t next = file.find("WARC/1.0\r\n", at + 1);
    if (next == std::string::npos) next = file.size();
    members.push_back(file.substr(at, next - at));
    at = next;
  }
  write_file(dir + "/crawl.warc.gz", gzip_members(members));
  r = run_tool({"clean", dir + "/crawl.warc.gz"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, warc_output());
  r = run_tool({"clean"}, read_file(dir + "/crawl.warc.gz"));
  EXPECT_EQ(r.out, warc_output());
  // In a tree, a.warc.gz becomes a.jsonl.
  fs::create_directories(dir + "/in");
  fs::rename(dir + "/crawl.warc.gz", dir + "/in/crawl.warc.gz");
  r = run_tool({"clean", "-r", dir + "/in", "-o", dir + "/out"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(read_file(dir + "/out/crawl.jsonl"), warc_output());
}

TEST(Corpus, WarcDeclaredCharsetIsAHint) {
  std::string dir = temp_dir();
  write_file(
      dir + "/w.warc",
      // Valid UTF-8 wins over a wrong declaration; a BOM wins too.
      warc_response("http://x/utf8", "Content-Type: text/html; charset=ISO-8859-1\r\n", "Caf\xC3\xA9", "<urn:uuid:1>") +
          warc_response("http://x/bom", "Content-Type: text/html; charset=ISO-8859-1\r\n",
                        std::string("\xFF\xFEO\0K\0", 6), "<urn:uuid:2>") +
          // An unknown charset name is ignored: detection decides.
          warc_response("http://x/unknown", "Content-Type: text/html; charset=x-nonsense\r\n", "plain",
                        "<urn:uuid:3>") +
          // A declared KOI8-R decides for bytes that are not UTF-8 ("\u041F\u0440\u0438\u0432\u0435\u0442").
          warc_response("http://x/koi8", "Content-Type: text/html; charset=koi8-r\r\n", "\xF0\xD2\xC9\xD7\xC5\xD4",
                        "<urn:uuid:4>"));
  ToolResult r = run_tool({"clean", "--no-metadata", dir + "/w.warc"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(
      r.out,
      "{\"url\":\"http://x/"
      "utf8\",\"crawl_date\":\"2024-05-01T12:00:00Z\",\"id\":\"<urn:uuid:1>\",\"text\":\"Caf\xC3\xA9\\n\"}\n"
      "{\"url\":\"http://x/bom\",\"crawl_date\":\"2024-05-01T12:00:00Z\",\"id\":\"<urn:uuid:2>\",\"text\":\"OK\\n\"}\n"
      "{\"url\":\"http://x/unknown\",\"crawl_date\":\"2024-05-01T12:00:00Z\",\"id\":\"<urn:uuid:3>\",\"text\":\"plain\\n\"}\n"
      "{\"url\":\"http://x/koi8\",\"crawl_date\":\"2024-05-01T12:00:00Z\",\"id\":\"<urn:uuid:4>\","
      "\"text\":\"\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82\\n\"}\n");
}

TEST(Corpus, WarcTruncatedRecordIsAnErrorNamingTheFile) {
  std::string dir = temp_dir();
  std::string file = warc_file();
  write_file(dir + "/cut.warc", file.substr(0, file.size() - 20));
  ToolResult r = run_tool({"clean", dir + "/cut.warc"});
  EXPECT_EQ(r.status, 2);
  // The last record's block ends 4 bytes before the file does ("\r\n\r\n"): 16 of its bytes are cut.
  std::size_t at = file.rfind("Content-Length: ") + 16;
  std::string length = file.substr(at, file.find('\r', at) - at);
  EXPECT_EQ(r.err, "winnow: " + dir + "/cut.warc: truncated WARC record 8 (Content-Length " + length + ", only " +
                       std::to_string(std::stoul(length) - 16) + " bytes)\n");
  // The records before it were cleaned and written.
  std::string complete = warc_output();
  EXPECT_EQ(r.out, complete.substr(0, complete.rfind("{\"url\"")));
  // With -o, the incomplete output is not committed.
  r = run_tool({"clean", dir + "/cut.warc", "-o", dir + "/out.jsonl"});
  EXPECT_EQ(r.status, 2);
  EXPECT_FALSE(fs::exists(dir + "/out.jsonl"));
}

TEST(Corpus, WarcRecordProblemsCostOneRecord) {
  std::string dir = temp_dir();
  std::string file =
      warc_response("http://x/big", "Content-Type: text/html\r\n", std::string(3000, 'x'), "<urn:uuid:big>") +
      warc_response("http://x/br", "Content-Type: text/html\r\nContent-Encoding: br\r\n", "????", "<urn:uuid:br>") +
      warc_response("http://x/ok", "Content-Type: text/html\r\n", "fine", "<urn:uuid:ok>");
  write_file(dir + "/w.warc", file);
  ToolResult r = run_tool({"clean", "--no-metadata", "--max-bytes", "2K", dir + "/w.warc"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: " + dir + "/w.warc#1: record exceeds --max-bytes (2048), skipped\n" + "winnow: " + dir +
                       "/w.warc#2: unsupported content coding 'br', record skipped\n");
  EXPECT_EQ(
      r.out,
      "{\"url\":\"http://x/ok\",\"crawl_date\":\"2024-05-01T12:00:00Z\",\"id\":\"<urn:uuid:ok>\",\"text\":\"fine\\n\"}\n");
}

TEST(Corpus, CleanRecordsKeepTheSeedsBylinesAndDates) {
  // Seed 002 prints "By James Kitfield 2/12/2016"; seed 004 "By Musa Khan Jalalzai", then
  // "June 23, 2015", below a clock that shows the day the page was saved.
  const std::string corpus = source_dir() + "/fixtures/corpus/";
  for (const auto& [seed, byline, date] :
       {std::tuple<std::string, std::string, std::string>{"002_a986065ff4084d2c.txt", "James Kitfield", "2016-02-12"},
        {"004_681f3b9f914a6327.txt", "Musa Khan Jalalzai", "2015-06-23"}}) {
    std::string record = "{\"id\":1,\"text\":" + json_quote(read_file(corpus + seed)) + "}\n";
    ToolResult r = run_tool({"clean", "--jsonl"}, record);
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("\"byline\": \"" + byline + "\", \"date\": \"" + date + "\""), std::string::npos) << r.out;
    // The byline left the text; --no-metadata gives the same text without the members.
    EXPECT_EQ(r.out.find("By " + byline), std::string::npos);
    ToolResult bare = run_tool({"clean", "--jsonl", "--no-metadata"}, record);
    EXPECT_EQ(bare.out.find("\"byline\""), std::string::npos);
    EXPECT_EQ(bare.out.substr(0, bare.out.size() - 2), r.out.substr(0, bare.out.size() - 2));
  }
}

// -j N writes the same bytes, on stdout and stderr, as -j 1.
void expect_same_for_all_jobs(std::vector<std::string> args, const std::string& input = "",
                              const std::string& out_dir = "") {
  args.insert(args.begin() + 1, "-j");
  args.insert(args.begin() + 2, "1");
  ToolResult one = run_tool(args, input);
  std::map<std::string, std::string> one_tree = out_dir.empty() ? std::map<std::string, std::string>{} : tree(out_dir);
  ASSERT_FALSE(one.out.empty() && one.err.empty() && one_tree.empty());
  for (const char* jobs : {"2", "3", "8"}) {
    if (!out_dir.empty()) fs::remove_all(out_dir);
    args[2] = jobs;
    ToolResult many = run_tool(args, input);
    EXPECT_EQ(many.status, one.status) << "-j " << jobs;
    EXPECT_EQ(many.out, one.out) << "-j " << jobs;
    EXPECT_EQ(many.err, one.err) << "-j " << jobs;
    if (!out_dir.empty()) {
      EXPECT_EQ(tree(out_dir), one_tree) << "-j " << jobs;
    }
  }
}

TEST(Corpus, JobsGiveTheSameBytesAsOneJob) {
  std::string dir = temp_dir();
  std::vector<std::string> docs = documents(300);
  std::string nul, jsonl;
  fs::create_directories(dir + "/tree/sub");
  for (std::size_t i = 0; i < docs.size(); ++i) {
    nul += docs[i] + '\0';
    // Bad records among good ones: their diagnostics must keep their place too.
    jsonl += i % 50 == 7 ? "{broken\n"
                         : "{\"n\":" + std::to_string(i) + ",\"text\":" + "\"" + std::to_string(i) + "  x\\u00a0y\"}\n";
    char name[32];
    std::snprintf(name, sizeof name, "%s/%03zu.html", i % 2 ? "sub" : ".", i);
    if (i < 60) write_file(dir + "/tree/" + name, docs[i]);
  }
  write_file(dir + "/docs.z", nul);
  expect_same_for_all_jobs({"clean", "-z", "--explain", dir + "/docs.z"});
  expect_same_for_all_jobs({"clean", "--jsonl", "--explain"}, jsonl);
  expect_same_for_all_jobs({"clean", "--check", "-z", dir + "/docs.z"});
  std::vector<std::string> files;
  for (int i = 0; i < 40; ++i) {
    files.push_back(dir + "/doc" + std::to_string(i) + ".txt");
    write_file(files.back(), docs[static_cast<std::size_t>(i)]);
  }
  files.insert(files.begin() + 20, dir + "/missing.txt");
  std::vector<std::string> plain = {"clean"};
  plain.insert(plain.end(), files.begin(), files.end());
  expect_same_for_all_jobs(plain);
  expect_same_for_all_jobs({"clean", "-r", dir + "/tree", "-o", dir + "/out"}, "", dir + "/out");
  std::string warc;
  for (std::size_t i = 0; i < 100; ++i) {
    warc += warc_response("http://x/" + std::to_string(i), "Content-Type: text/html\r\n", docs[i],
                          "<urn:uuid:" + std::to_string(i) + ">");
  }
  write_file(dir + "/many.warc", warc);
  expect_same_for_all_jobs({"clean", dir + "/many.warc"});
}

TEST(Corpus, StatsGroupCountsAndTimeTheStages) {
  std::string dir = temp_dir();
  std::string input = std::string(
                          "a\xE2\x80\x8B"
                          "b  c\0",
                          9) +
                      std::string(
                          "caf\xE9 au lait, cr\xE8me br\xFBl\xE9"
                          "e\0",
                          27);
  ToolResult r = run_tool({"clean", "-z", "-j", "2", "--stats=" + dir + "/s.json"}, input);
  EXPECT_EQ(r.status, 0) << r.err;
  std::string s = read_file(dir + "/s.json");
  for (const char* expected :
       {"\"documents_in\": 2,", "\"documents_out\": 2,", "\"bytes_in\": 34,", "\"failed\": 0,", "\"duplicates\": 0,",
        "\"blocks_removed\": {},", "\"changes\": {\"decode\": {\"transcoded\": 1}, \"norm\": {\"format-char\": 1}},",
        "\"seconds\": {\"decode\": ", "\"norm\": ", "\"split\": ", "\"total\": "}) {
    EXPECT_NE(s.find(expected), std::string::npos) << expected << " not in " << s;
  }
  // Without a file, the same counts as text on standard error.
  r = run_tool({"clean", "--stats"}, "x\n");
  EXPECT_NE(r.err.find("winnow: stats: documents_in 1\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("winnow: stats: seconds/decode "), std::string::npos) << r.err;
}

}  // namespace
}  // namespace winnow::testing
