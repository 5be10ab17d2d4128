// Every command in a man page's EXAMPLES section runs, in a scratch directory holding the
// files the examples name, with the built winnow first on PATH. Examples that run a check
// may exit 1 (findings); every other example must exit 0.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <sstream>

#include "run_tool.h"

namespace winnow::testing {
namespace {

namespace fs = std::filesystem;

void gzip_file(const std::string& path, const std::string& bytes) {
  gzFile gz = gzopen(path.c_str(), "wb");
  gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size()));
  gzclose(gz);
}

// The files the examples name, made from the fixtures.
std::string scratch() {
  std::string dir = temp_dir();
  std::string corpus = source_dir() + "/fixtures/corpus";
  std::vector<fs::path> seeds;
  for (const auto& e : fs::directory_iterator(corpus)) {
    if (e.path().extension() == ".txt") seeds.push_back(e.path());
  }
  std::sort(seeds.begin(), seeds.end());
  std::string article = read_file(seeds.at(0).string());
  write_file(dir + "/article.txt", article);
  write_file(dir + "/page.txt", read_file(seeds.at(1).string()));
  write_file(dir + "/page.html", "<html><head><title>Headline</title></head><body><article><h1>Headline</h1><p>" +
                                     article.substr(0, 2000) + "</p></article></body></html>");
  write_file(dir + "/scraped.txt", "Caf\xC3\x83\xC2\xA9 &amp; cr\xC3\x83\xC2\xA8me br\xC3\x83\xC2\xBBl\xC3\x83\xC2\xA9" "e\n");
  write_file(dir + "/old-archive.txt", "\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0!\n");  // windows-1251
  std::string jsonl;
  for (std::size_t i = 0; i < seeds.size(); ++i) {
    std::string text = read_file(seeds[i].string());
    std::string escaped;
    for (char c : text) {
      if (c == '"' || c == '\\') escaped += '\\';
      if (static_cast<unsigned char>(c) < 0x20) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        escaped += buf;
        continue;
      }
      escaped += c;
    }
    jsonl += "{\"id\": \"doc" + std::to_string(i) + "\", \"url\": \"https://example.com/" + std::to_string(i) +
             "\", \"text\": \"" + escaped + "\"}\n";
  }
  write_file(dir + "/corpus.jsonl", jsonl);
  // A one-record crawl, as Common Crawl stores it (a gzip member per record).
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
                     read_file(dir + "/page.html");
  std::string warc = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/page\r\n"
                     "WARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
                     "Content-Type: application/http; msgtype=response\r\nContent-Length: " +
                     std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
  gzip_file(dir + "/CC-MAIN-00000.warc.gz", warc);
  write_file(dir + "/shard1.jsonl", jsonl.substr(0, jsonl.find('\n', jsonl.size() / 2) + 1));
  write_file(dir + "/shard2.jsonl", jsonl.substr(jsonl.find('\n', jsonl.size() / 2) + 1));
  gzip_file(dir + "/corpus.jsonl.gz", jsonl);
  fs::create_directories(dir + "/out");
  fs::create_directories(dir + "/in");
  fs::create_directories(dir + "/corpus");
  fs::create_directories(dir + "/pages");
  for (const fs::path& p : seeds) {
    fs::copy_file(p, dir + "/corpus/" + p.filename().string());
    fs::copy_file(p, dir + "/pages/" + p.filename().string());
    write_file(dir + "/out/" + p.filename().string(), read_file(p.string()));
    write_file(dir + "/in/" + p.stem().string() + ".html", "<html><body><p>" + read_file(p.string()) + "</p></body></html>");
  }
  return dir;
}

TEST(ManExamples, EveryExampleRuns) {
  std::vector<std::string> pages = {source_dir() + "/man/winnow.1"};
  for (const auto& e : fs::directory_iterator(WINNOW_MAN_DIR)) {
    if (e.path().extension() == ".1") pages.push_back(e.path().string());
  }
  std::string bin = fs::path(tool_path()).parent_path().string();
  std::size_t ran = 0;
  for (const std::string& page : pages) {
    // A page's examples run in order in one directory: later ones may use earlier results.
    std::string dir = scratch();
    for (const std::string& cmd : man_examples(read_file(page))) {
      std::string script = "cd '" + dir + "' && PATH='" + bin + "':\"$PATH\" && " + cmd;
      ToolResult r = run_tool({"/bin/sh", "-c", script});
      bool check = cmd.find("check") != std::string::npos;
      EXPECT_TRUE(r.status == 0 || (check && r.status == 1))
          << fs::path(page).filename() << ": `" << cmd << "` exited " << r.status << "\n" << r.err.substr(0, 400);
      ++ran;
    }
    fs::remove_all(dir);
  }
  EXPECT_GE(ran, pages.size());  // every page has at least one example
}

}  // namespace
}  // namespace winnow::testing
