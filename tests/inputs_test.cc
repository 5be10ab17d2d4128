// Inputs every verb reads the same way: WARC files as records (one JSON Lines record out for
// each HTML response, one document each for check), zstd like gzip, binary data refused with
// its format named, and -o FILE refusing to run the documents of several FILEs together.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>
#include <vector>

#include "run_tool.h"
#include "warc_builder.h"

namespace winnow::testing {
namespace {

const std::vector<std::string> kVerbs = {"extract", "fix", "norm", "strip", "dedupe", "clean"};

const std::string kPage1 =
    "<html><head><title>Buses</title></head><body><nav>Home | News | Sport</nav><article>"
    "<h1>Council expands bus network</h1><p>The city council voted on Tuesday to expand the bus "
    "network, adding three new routes that will connect the northern suburbs.</p></article></body></html>";
const std::string kPage2 = "<html><body><p>A second page with a few words of text about trams.</p></body></html>";

// warcinfo, response (HTML), request, response (HTML), response (image).
std::string sample_warc() {
  return warc_record("warcinfo", "", "application/warc-fields", "software: test\r\n", "<urn:uuid:0>") +
         warc_response("http://a.example/1", "Content-Type: text/html\r\n", kPage1, "<urn:uuid:1>") +
         warc_record("request", "http://a.example/1", "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n",
                     "<urn:uuid:2>") +
         warc_response("http://a.example/2", "Content-Type: text/html; charset=utf-8\r\n", kPage2, "<urn:uuid:3>") +
         warc_response("http://a.example/i.png", "Content-Type: image/png\r\n", "\x89PNG\r\n\x1A\n", "<urn:uuid:4>");
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

// TEXT (ASCII without quotes or backslashes) as a JSON string.
std::string json_string(const std::string& text) { return "\"" + text + "\""; }

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// A response without a WARC-Record-ID: every verb, and dedupe --corpus, writes its record with
// the same empty "id" (dedupe then knows the document by its URL, as document_id() does).
TEST(Inputs, EveryVerbWritesTheSameIdForARecordWithoutOne) {
  std::string dir = temp_dir();
  write_file(dir + "/n.warc", warc_response("http://a.example/n", "Content-Type: text/html\r\n", kPage1, ""));
  std::vector<std::vector<std::string>> runs;
  for (const std::string& verb : kVerbs) runs.push_back({verb, dir + "/n.warc"});
  runs.push_back({"dedupe", "--corpus", dir + "/n.warc"});
  for (const std::vector<std::string>& run : runs) {
    const std::string verb = run[1] == "--corpus" ? "dedupe --corpus" : run[0];
    ToolResult r = run_tool(run);
    EXPECT_EQ(r.status, 0) << verb << ": " << r.err;
    EXPECT_EQ(r.out.rfind("{\"url\":\"http://a.example/n\",\"crawl_date\":\"2024-05-01T12:00:00Z\",\"id\":\"\",", 0),
              0u)
        << verb << ": " << r.out;
  }
}

TEST(Inputs, EveryVerbReadsWarcAsRecords) {
  std::string dir = temp_dir();
  write_file(dir + "/c.warc", sample_warc());
  for (const std::string& verb : kVerbs) {
    ToolResult r = run_tool({verb, dir + "/c.warc"});
    EXPECT_EQ(r.status, 0) << verb << ": " << r.err;
    std::vector<std::string> out = lines(r.out);
    ASSERT_EQ(out.size(), 2u) << verb << ": " << r.out;
    EXPECT_EQ(out[0].rfind("{\"url\":\"http://a.example/1\",\"crawl_date\":\"2024-05-01T12:00:00Z\","
                           "\"id\":\"<urn:uuid:1>\",\"text\":\"",
                           0),
              0u)
        << verb << ": " << out[0];
    EXPECT_EQ(out[1].rfind("{\"url\":\"http://a.example/2\",", 0), 0u) << verb << ": " << out[1];
    const bool extracts = verb == "extract" || verb == "clean";
    // extract and clean write the article; the others the body they were given, as text.
    EXPECT_EQ(out[0].find("Home | News") == std::string::npos, extracts) << verb << ": " << out[0];
    EXPECT_NE(out[0].find("Council expands bus network"), std::string::npos) << verb << ": " << out[0];
  }
  ToolResult r = run_tool({"extract", dir + "/c.warc"});
  EXPECT_EQ(lines(r.out)[1].rfind("{\"url\":\"http://a.example/2\",\"crawl_date\":\"2024-05-01T12:00:00Z\","
                                  "\"id\":\"<urn:uuid:3>\",\"text\":\"A second page with a few words of text about trams.\\n\"",
                                  0),
            0u)
      << r.out;
  // check: each record is a document of its own, at FILE#N (file and record in JSON).
  r = run_tool({"check", "--format=json", dir + "/c.warc"});
  EXPECT_EQ(r.status, 1) << r.err;
  EXPECT_NE(r.out.find("\"file\":\"" + dir + "/c.warc\",\"record\":2,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("{\"type\":\"summary\",\"documents\":2,"), std::string::npos) << r.out;
  r = run_tool({"check", dir + "/c.warc"});
  EXPECT_NE(r.out.find(dir + "/c.warc#2:1:1: "), std::string::npos) << r.out;
  // dedupe --corpus: each response a document with its record id; a second copy of the file
  // (other places, same ids and texts) is removed.
  write_file(dir + "/d.warc", sample_warc());
  r = run_tool({"dedupe", "--corpus", "--report", dir + "/c.warc", dir + "/d.warc"});
  EXPECT_EQ(r.status, 0) << r.err;
  std::vector<std::string> removed = lines(r.out);  // which copy goes depends on the places
  std::sort(removed.begin(), removed.end());
  EXPECT_EQ(removed, (std::vector<std::string>{"<urn:uuid:1>\t<urn:uuid:1>\t1.000", "<urn:uuid:3>\t<urn:uuid:3>\t1.000"}));
  r = run_tool({"dedupe", "--corpus", dir + "/c.warc", dir + "/d.warc"});
  std::vector<std::string> kept = lines(r.out), one_copy = lines(run_tool({"dedupe", dir + "/c.warc"}).out);
  std::sort(kept.begin(), kept.end());
  std::sort(one_copy.begin(), one_copy.end());
  EXPECT_EQ(kept, one_copy);
  // strip --learn: each response a page of the site of its URL, as the same pages in JSON Lines.
  write_file(dir + "/pages.jsonl", "{\"url\":\"http://a.example/1\",\"text\":" + json_string(kPage1) +
                                       "}\n{\"url\":\"http://a.example/2\",\"text\":" + json_string(kPage2) + "}\n");
  EXPECT_EQ(run_tool({"strip", "--learn", dir + "/w.model", dir + "/c.warc"}).status, 0);
  EXPECT_EQ(run_tool({"strip", "--learn", dir + "/j.model", "--jsonl", dir + "/pages.jsonl"}).status, 0);
  EXPECT_EQ(read_file(dir + "/w.model"), read_file(dir + "/j.model"));
  // -r names a WARC file's output .jsonl for every verb.
  r = run_tool({"norm", "-r", dir + "/c.warc", "-o", dir + "/out"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(read_file(dir + "/out/c.jsonl"), run_tool({"norm", dir + "/c.warc"}).out);
}

TEST(Inputs, EveryVerbReadsZstdAsItReadsPlainFiles) {
  std::string dir = temp_dir();
  write_file(dir + "/a.html", kPage1);
  write_file(dir + "/a.html.zst", zstd_frame(kPage1));
  write_file(dir + "/c.warc", sample_warc());
  write_file(dir + "/c.warc.zst", zstd_frame(sample_warc()));
  for (const std::string& verb : kVerbs) {
    for (const char* name : {"/a.html", "/c.warc"}) {
      ToolResult plain = run_tool({verb, dir + name}), zst = run_tool({verb, dir + name + ".zst"});
      EXPECT_EQ(zst.status, 0) << verb << name << ": " << zst.err;
      EXPECT_EQ(zst.out, plain.out) << verb << name;
    }
  }
  ToolResult r = run_tool({"check", dir + "/a.html.zst"});
  EXPECT_EQ(r.out, replace_all(run_tool({"check", dir + "/a.html"}).out, "a.html:", "a.html.zst:"));
  // Trailing data and truncation are reported as for gzip.
  write_file(dir + "/g.zst", zstd_frame("some  text\n") + "plain tail");
  r = run_tool({"norm", dir + "/g.zst"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "some text\n");
  EXPECT_EQ(r.err, "winnow: " + dir + "/g.zst: decompression OK, trailing garbage ignored\n");
  const std::string frame = zstd_frame(kPage1);
  write_file(dir + "/t.zst", frame.substr(0, frame.size() / 2));
  r = run_tool({"extract", dir + "/t.zst"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("winnow: " + dir + "/t.zst: corrupt zstd data: ", 0), 0u) << r.err;
}

TEST(Inputs, EveryVerbRefusesBinaryData) {
  std::string dir = temp_dir();
  const std::string png("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1F\x15\xC4\x89", 33);
  write_file(dir + "/a.png", png);
  write_file(dir + "/a.png.gz", gzip_member(png));
  write_file(dir + "/b.txt", "Some  text.\n");
  write_file(dir + "/c.xz", std::string("\xFD" "7zXZ\0\0\x04\xE6\xD6\xB4\x46", 12));
  write_file(dir + "/d.bin", "header" + std::string(64, '\0') + "rest");
  std::vector<std::string> verbs = kVerbs;
  verbs.push_back("check");
  for (const std::string& verb : verbs) {
    ToolResult r = run_tool({verb, dir + "/a.png", dir + "/a.png.gz", dir + "/c.xz", dir + "/d.bin", dir + "/b.txt"});
    EXPECT_EQ(r.status, 2) << verb;
    EXPECT_EQ(r.err, "winnow: " + dir + "/a.png: binary data (PNG image), skipped\n" +  //
                         "winnow: " + dir + "/a.png.gz: binary data (PNG image), skipped\n" +  //
                         "winnow: " + dir + "/c.xz: xz-compressed data, skipped (only gzip and zstd are read)\n" +
                         "winnow: " + dir + "/d.bin: binary data (NUL bytes), skipped\n")
        << verb;
    if (verb != "check") {
      EXPECT_EQ(r.out, run_tool({verb, dir + "/b.txt"}).out) << verb;
    }
  }
  // Counted in --stats; -a reads it as text, as grep -a does.
  ToolResult r = run_tool({"norm", "--stats", dir + "/a.png", dir + "/b.txt"});
  EXPECT_NE(r.err.find("winnow: stats: input/binary 1\n"), std::string::npos) << r.err;
  r = run_tool({"fix", "-a", dir + "/d.bin"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "headerrest");
  // One document of a -z stream, and one from standard input.
  r = run_tool({"norm", "-z"}, std::string("one\0", 4) + std::string(40, '\x01') + std::string("\0two\0", 5));
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: (standard input)#2: binary data (control bytes), skipped\n");
  EXPECT_EQ(r.out, std::string("one\n\0two\n\0", 10));
  // dedupe --corpus, which reads documents its own way.
  r = run_tool({"dedupe", "--corpus", dir + "/d.bin", dir + "/b.txt"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: " + dir + "/d.bin: binary data (NUL bytes), skipped\n");
}

TEST(Inputs, OutputFileKeepsDocumentsOfSeveralFilesApart) {
  std::string dir = temp_dir();
  write_file(dir + "/a.txt", "First  document.\n");
  write_file(dir + "/b.txt", "Second document.\n");
  for (const std::string& verb : kVerbs) {
    ToolResult r = run_tool({verb, dir + "/a.txt", dir + "/b.txt", "-o", dir + "/out.txt"});
    EXPECT_EQ(r.status, 2) << verb;
    EXPECT_NE(r.err.find("-o " + dir + "/out.txt would run the documents of several FILEs together"),
              std::string::npos)
        << verb << ": " << r.err;
    EXPECT_FALSE(std::ifstream(dir + "/out.txt").good()) << verb;
  }
  ToolResult r = run_tool({"dedupe", "--corpus", dir + "/a.txt", dir + "/b.txt", "-o", dir + "/out.txt"});
  EXPECT_EQ(r.status, 2);
  // -z and --jsonl keep them apart; so do WARC files, whose records are JSON Lines; standard
  // output concatenates, as cat does.
  r = run_tool({"norm", "-z", dir + "/a.txt", dir + "/b.txt", "-o", dir + "/out.txt"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(read_file(dir + "/out.txt"), std::string("First document.\n\0Second document.\n\0", 35));
  write_file(dir + "/c.warc", sample_warc());
  write_file(dir + "/d.warc.gz", gzip_member(sample_warc()));
  r = run_tool({"extract", dir + "/c.warc", dir + "/d.warc.gz", "-o", dir + "/out.jsonl"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(lines(read_file(dir + "/out.jsonl")).size(), 4u);
  // Standard input among WARC files is another input: refused.
  r = run_tool({"extract", dir + "/c.warc", "-", "-o", dir + "/out2.jsonl"}, "text");
  EXPECT_EQ(r.status, 2);
  r = run_tool({"extract", "--to-jsonl", dir + "/a.txt", dir + "/b.txt", "-o", dir + "/out.jsonl"});
  EXPECT_EQ(r.status, 0) << r.err;
  r = run_tool({"norm", dir + "/a.txt", dir + "/b.txt"});
  EXPECT_EQ(r.out, "First document.\nSecond document.\n");
}

}  // namespace
}  // namespace winnow::testing
