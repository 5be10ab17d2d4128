// winnow/warc.h: reading web archives (WARC 1.0/1.1), as crawlers and Common Crawl store them.
//
// A WarcReader cuts an Input into WARC records. It streams: the Input decompresses gzip
// (including the one-member-per-record files of Common Crawl, which are concatenated gzip
// members), and a record block is stored only when it fits within max_bytes; a larger one is
// marked oversized and skipped without being stored, so memory stays bounded whatever the
// file holds. parse_http_response() then takes an HTTP response block apart into the payload
// and the few headers cleaning needs (media type, declared charset), undoing chunked transfer
// coding and gzip/deflate content coding under the same size cap.
//
// A record block must be followed by the record terminator (CRLF CRLF; the last record of a
// file may end without it). When it is not, the Content-Length is wrong (too long, it would
// swallow the next record; too short, the rest of the block would be read as the next one):
// the record is returned with framing_error set and no block, and reading goes on at the next
// line that starts with "WARC/" (in Common Crawl's files, the start of the next gzip member).
// For an oversized record, whose block is skipped unread, this is checked after the block; the
// skipped bytes from the first record terminator followed by "WARC/" in it on (up to max_bytes
// of them, or 1 MiB when that is more) are kept meanwhile, so that a Content-Length too long, even past the end of the
// input, costs only its own record: reading resumes there.
// Other malformed framing (a truncated record, a record that does not start with "WARC/", a
// missing Content-Length) makes the rest of the file unreadable and throws IoError naming the
// file and the record number. A malformed HTTP block spoils one record only: it is returned as an
// error message for the caller to report. Not thread-safe (one reader per Input).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "winnow/input.h"

namespace winnow {

// True when HEAD, the first bytes of a (decompressed) input, starts a WARC file.
bool looks_like_warc(std::string_view head);

struct WarcRecord {
  std::uint64_t number = 0;  // 1-based position of the record in the file
  std::string type;          // WARC-Type: "response", "request", "metadata", "warcinfo", ...
  std::string target_uri;    // WARC-Target-URI
  std::string date;          // WARC-Date
  std::string record_id;     // WARC-Record-ID, e.g. "<urn:uuid:...>"
  std::string content_type;  // Content-Type of the block, e.g. "application/http; msgtype=response"
  std::uint64_t content_length = 0;
  std::string block;       // the record block; empty when oversized
  bool oversized = false;  // content_length > max_bytes: the block was skipped unread
  std::string framing_error;  // set when the record's Content-Length was wrong: the block is lost
};

class WarcReader {
 public:
  // Reads records from IN, storing blocks of at most MAX_BYTES. IN must outlive the reader.
  WarcReader(Input& in, std::size_t max_bytes) : in_(in), max_bytes_(max_bytes) {}

  // Reads the next record into RECORD. Returns false at the end of the input. Throws IoError
  // on a read error or malformed or truncated framing.
  bool next(WarcRecord& record);

 private:
  static bool ends_record(std::string_view ahead, std::uint64_t at);
  void read_block(WarcRecord& r, const std::string& where);
  void skip_oversized(WarcRecord& r, const std::string& where);
  std::uint64_t skip_block(std::uint64_t length, std::string& next_record);
  void resynchronise(WarcRecord& r, const std::string& where, std::uint64_t available);

  Input& in_;
  std::size_t max_bytes_;
  std::uint64_t records_ = 0;
  std::string pending_;  // the first line of the next record, found by resynchronise()
};

// What cleaning needs of an HTTP response.
struct HttpResponse {
  int status = 0;          // e.g. 200
  std::string media_type;  // Content-Type without parameters, lower case: "text/html"
  std::string charset;     // Content-Type's charset parameter as declared, or empty
  std::string body;        // the payload, transfer and content codings removed
};

// Parses BLOCK, an HTTP/1.x response as a WARC response record holds it. Returns nullopt and
// sets *error ("not an HTTP response", "bad chunked transfer coding", "payload exceeds
// --max-bytes (N)", "unsupported content coding 'br'", ...) when it cannot deliver the body.
// The decoded body is capped at MAX_BYTES (a decompression bomb ends as that error).
std::optional<HttpResponse> parse_http_response(std::string_view block, std::size_t max_bytes, std::string* error);

}  // namespace winnow
