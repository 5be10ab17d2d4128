#include "winnow/warc.h"

#include <gtest/gtest.h>

#include "run_tool.h"
#include "warc_builder.h"

namespace winnow {
namespace {

using testing::gzip_member;
using testing::gzip_members;
using testing::warc_record;
using testing::warc_response;

std::vector<WarcRecord> read_all(const std::string& bytes, std::size_t max_bytes = 1 << 20) {
  std::string path = testing::temp_dir() + "/in.warc";
  testing::write_file(path, bytes);
  Input in(path);
  WarcReader reader(in, max_bytes);
  std::vector<WarcRecord> out;
  WarcRecord r;
  while (reader.next(r)) out.push_back(r);
  return out;
}

const std::string kPage = "<html><body><p>Hello</p></body></html>";

TEST(Warc, LooksLikeWarc) {
  EXPECT_TRUE(looks_like_warc("WARC/1.0\r\n"));
  EXPECT_TRUE(looks_like_warc("WARC/1.1\r\n"));
  EXPECT_FALSE(looks_like_warc("WARC"));
  EXPECT_FALSE(looks_like_warc("<html>"));
  EXPECT_FALSE(looks_like_warc(""));
}

TEST(Warc, ReadsRecordsAndTheirHeaders) {
  std::string file =
      warc_record("warcinfo", "", "application/warc-fields", "software: test\r\n") +
      warc_record("request", "http://a.example/", "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n") +
      warc_response("http://a.example/", "Content-Type: text/html\r\n", kPage, "<urn:uuid:42>");
  std::vector<WarcRecord> recs = read_all(file);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_EQ(recs[0].type, "warcinfo");
  EXPECT_EQ(recs[1].type, "request");
  const WarcRecord& r = recs[2];
  EXPECT_EQ(r.number, 3u);
  EXPECT_EQ(r.type, "response");
  EXPECT_EQ(r.target_uri, "http://a.example/");
  EXPECT_EQ(r.date, "2024-05-01T12:00:00Z");
  EXPECT_EQ(r.record_id, "<urn:uuid:42>");
  EXPECT_EQ(r.content_type, "application/http; msgtype=response");
  EXPECT_EQ(r.block, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + kPage);
  EXPECT_FALSE(r.oversized);
}

TEST(Warc, MultiMemberGzipReadsLikeThePlainFile) {
  std::vector<std::string> records = {warc_response("http://a/", "Content-Type: text/html\r\n", "one"),
                                      warc_response("http://b/", "Content-Type: text/html\r\n", "two")};
  std::vector<WarcRecord> plain = read_all(records[0] + records[1]);
  std::vector<WarcRecord> gz = read_all(gzip_members(records));
  ASSERT_EQ(gz.size(), 2u);
  for (std::size_t i = 0; i < gz.size(); ++i) {
    EXPECT_EQ(gz[i].target_uri, plain[i].target_uri);
    EXPECT_EQ(gz[i].block, plain[i].block);
  }
}

TEST(Warc, OversizedRecordIsSkippedUnreadAndTheNextOneRead) {
  std::string big(5000, 'x');
  std::vector<WarcRecord> recs =
      read_all(warc_response("http://big/", "", big) + warc_response("http://small/", "", "s"), 1000);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_TRUE(recs[0].oversized);
  EXPECT_TRUE(recs[0].block.empty());
  EXPECT_FALSE(recs[1].oversized);
  EXPECT_EQ(recs[1].target_uri, "http://small/");
}

// A record whose Content-Length is LENGTH, whatever its block holds.
std::string with_length(std::string record, std::size_t length) {
  const std::size_t at = record.find("Content-Length: ") + 16;
  return record.replace(at, record.find("\r\n", at) - at, std::to_string(length));
}

TEST(Warc, WrongContentLengthIsReportedAndReadingResynchronises) {
  const std::string a = warc_response("http://a/", "", "first page"), b = warc_response("http://b/", "", "second");
  const std::string c = warc_response("http://c/", "", "third");
  const std::size_t block = std::string("HTTP/1.1 200 OK\r\n\r\nfirst page").size();
  // Too long: record 1 would swallow record 2. Too short: the rest of its block would be read
  // as record 2. Both for plain files and for one gzip member a record.
  for (std::size_t length : {block + 40, block - 5}) {
    for (bool gz : {false, true}) {
      std::vector<std::string> records = {with_length(a, length), b, c};
      std::vector<WarcRecord> recs = read_all(gz ? gzip_members(records) : records[0] + records[1] + records[2]);
      ASSERT_EQ(recs.size(), 3u) << length << gz;
      EXPECT_EQ(recs[0].framing_error,
                "WARC record 1: Content-Length " + std::to_string(length) +
                    " does not end at the record terminator; skipped to the next record");
      EXPECT_TRUE(recs[0].block.empty());
      EXPECT_EQ(recs[1].target_uri, "http://b/");
      EXPECT_EQ(recs[1].block, "HTTP/1.1 200 OK\r\n\r\nsecond");
      EXPECT_EQ(recs[2].target_uri, "http://c/");
      EXPECT_TRUE(recs[1].framing_error.empty() && recs[2].framing_error.empty());
    }
  }
  // An oversized record, skipped unread, is checked after its block: too short, too long (the
  // next records inside it) and too long past the end of the input all cost only that record.
  for (std::size_t length : {block - 5, block + 40, block + 100000}) {
    for (bool gz : {false, true}) {
      std::vector<std::string> records = {with_length(a, length), b, c};
      std::vector<WarcRecord> recs = read_all(gz ? gzip_members(records) : records[0] + records[1] + records[2], 10);
      ASSERT_EQ(recs.size(), 3u) << length << gz;
      EXPECT_TRUE(recs[0].oversized);
      EXPECT_EQ(recs[0].framing_error,
                "WARC record 1: Content-Length " + std::to_string(length) +
                    " does not end at the record terminator; skipped to the next record");
      EXPECT_EQ(recs[1].target_uri, "http://b/") << length << gz;
      EXPECT_EQ(recs[2].target_uri, "http://c/") << length << gz;
    }
  }
  // A right Content-Length whose block holds what looks like the next record is no error.
  const std::string inner = warc_response("http://inner/", "", "x");
  std::vector<WarcRecord> recs = read_all(warc_response("http://a/", "", "page\r\n\r\n" + inner) + b, 10);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_TRUE(recs[0].oversized && recs[0].framing_error.empty());
  EXPECT_EQ(recs[1].target_uri, "http://b/");
  // On the command line: reported, exit 2, the other records cleaned.
  std::string dir = testing::temp_dir();
  testing::write_file(dir + "/x.warc", with_length(a, block + 40) +
                                          warc_response("http://b/", "Content-Type: text/html\r\n", "<p>Second.</p>"));
  testing::ToolResult t = testing::run_tool({"clean", dir + "/x.warc"});
  EXPECT_EQ(t.status, 2);
  EXPECT_NE(t.err.find("x.warc: WARC record 1: Content-Length"), std::string::npos) << t.err;
  EXPECT_NE(t.out.find("\"url\":\"http://b/\""), std::string::npos) << t.out;
  // The same with record 1 (69 bytes) over --max-bytes, skipped unread, and record 2 (58) not:
  // record 2 is still cleaned.
  t = testing::run_tool({"clean", "--max-bytes", "60", dir + "/x.warc"});
  EXPECT_EQ(t.status, 2);
  EXPECT_NE(t.err.find("x.warc: WARC record 1: Content-Length"), std::string::npos) << t.err;
  EXPECT_NE(t.out.find("\"url\":\"http://b/\""), std::string::npos) << t.out;
}

TEST(Warc, MalformedFramingThrowsNamingTheRecord) {
  std::string good = warc_response("http://a/", "", "body");
  struct Case {
    const char* name;
    std::string bytes, message;
  } cases[] = {
      {"truncated block", good + good.substr(0, good.size() - 10), "truncated WARC record 2 (Content-Length"},
      {"truncated headers", good + "WARC/1.0\r\nWARC-Type: response\r\n",
       "truncated WARC record 2 (end of input in its headers)"},
      {"not a record", good + "HTTP/1.1 200 OK\r\n", "WARC record 2: does not start with 'WARC/'"},
      {"no length", "WARC/1.0\r\nWARC-Type: response\r\n\r\n", "WARC record 1: no Content-Length"},
      {"bad length", "WARC/1.0\r\nContent-Length: 12x\r\n\r\n", "WARC record 1: bad Content-Length '12x'"},
  };
  for (const Case& c : cases) {
    try {
      read_all(c.bytes);
      ADD_FAILURE() << c.name << ": no error";
    } catch (const IoError& e) {
      EXPECT_NE(e.message().find(c.message), std::string::npos) << c.name << ": " << e.message();
    }
  }
  // A gzip member cut short is an error too, not a quiet end.
  std::string gz = gzip_member(good);
  EXPECT_THROW(read_all(gz.substr(0, gz.size() / 2)), IoError);
}

TEST(Warc, HttpResponseHeadersAndBody) {
  std::string error;
  std::optional<HttpResponse> r = parse_http_response(
      "HTTP/1.1 200 OK\r\ncontent-type: Text/HTML; Charset=\"ISO-8859-1\"\r\nX-Other: y\r\n\r\n<p>caf\xE9</p>", 1 << 20,
      &error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->media_type, "text/html");
  EXPECT_EQ(r->charset, "ISO-8859-1");
  EXPECT_EQ(r->body, "<p>caf\xE9</p>");
  // Bare LF line ends, as some crawlers store them; no charset.
  r = parse_http_response("HTTP/1.0 404 Not Found\nContent-Type: text/plain\n\nmissing", 1 << 20, &error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(r->media_type, "text/plain");
  EXPECT_EQ(r->charset, "");
  EXPECT_EQ(r->body, "missing");
}

TEST(Warc, HttpCodingsAreUndone) {
  std::string error;
  std::optional<HttpResponse> r = parse_http_response(
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nHello\r\n7\r\n, world\r\n0\r\nTrailer: "
      "x\r\n\r\n",
      1 << 20, &error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->body, "Hello, world");
  r = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + gzip_member("zipped page"), 1 << 20,
                          &error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->body, "zipped page");
  // Both at once: chunks of a gzip stream.
  std::string gz = gzip_member("both");
  std::string chunked;
  char size[16];
  std::snprintf(size, sizeof size, "%zx\r\n", gz.size());
  chunked = size + gz + "\r\n0\r\n\r\n";
  r = parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked,
                          1 << 20, &error);
  ASSERT_TRUE(r) << error;
  EXPECT_EQ(r->body, "both");
}

TEST(Warc, BadHttpBlocksAreErrorsForTheRecord) {
  struct Case {
    std::string block, error;
  } cases[] = {
      {"GET / HTTP/1.1\r\n\r\n", "not an HTTP response"},
      {"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n", "HTTP headers without an end"},
      {"HTTP/1.1 abc\r\n\r\n", "bad HTTP status line"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc", "bad chunked transfer coding"},
      {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nshort", "bad chunked transfer coding"},
      {"HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\nxx", "unsupported content coding 'br'"},
      {"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\nnot gzip at all", "bad compressed payload"},
  };
  for (const Case& c : cases) {
    std::string error;
    EXPECT_FALSE(parse_http_response(c.block, 1 << 20, &error)) << c.block;
    EXPECT_EQ(error, c.error) << c.block;
  }
}

TEST(Warc, DecompressionBombStopsAtTheCap) {
  std::string bomb = gzip_member(std::string(10 << 20, '\0'));  // 10 MiB from ~10 KB
  std::string error;
  EXPECT_FALSE(parse_http_response("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n" + bomb, 1 << 20, &error));
  EXPECT_EQ(error, "payload exceeds --max-bytes (1048576)");
  EXPECT_FALSE(parse_http_response("HTTP/1.1 200 OK\r\n\r\n" + std::string(100, 'x'), 99, &error));
  EXPECT_EQ(error, "payload exceeds --max-bytes (99)");
}

}  // namespace
}  // namespace winnow
