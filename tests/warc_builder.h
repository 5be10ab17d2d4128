// warc_builder.h: small WARC files (and gzip members, zstd frames) for tests, built here rather
// than checked in, so that each test shows the bytes it reads.
#pragma once

#include <zlib.h>
#include <zstd.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace winnow::testing {

// One WARC/1.0 record with the given headers and BLOCK, followed by the CRLF CRLF separator.
inline std::string warc_record(const std::string& type, const std::string& uri, const std::string& content_type,
                               const std::string& block, const std::string& id = "<urn:uuid:0001>",
                               const std::string& date = "2024-05-01T12:00:00Z") {
  std::string r = "WARC/1.0\r\nWARC-Type: " + type + "\r\n";
  if (!uri.empty()) r += "WARC-Target-URI: " + uri + "\r\n";
  r += "WARC-Date: " + date + "\r\nWARC-Record-ID: " + id + "\r\nContent-Type: " + content_type +
       "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
  return r;
}

// A WARC response record holding an HTTP response with HEADERS (CRLF-terminated lines) and BODY.
inline std::string warc_response(const std::string& uri, const std::string& headers, const std::string& body,
                                 const std::string& id = "<urn:uuid:0001>") {
  return warc_record("response", uri, "application/http; msgtype=response",
                     "HTTP/1.1 200 OK\r\n" + headers + "\r\n" + body, id);
}

// BYTES as one gzip member.
inline std::string gzip_member(const std::string& bytes) {
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&z, bytes.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate");
  return out;
}

// BYTES as one zstd frame.
inline std::string zstd_frame(const std::string& bytes) {
  std::string out(ZSTD_compressBound(bytes.size()), '\0');
  std::size_t n = ZSTD_compress(out.data(), out.size(), bytes.data(), bytes.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error("ZSTD_compress");
  out.resize(n);
  return out;
}

// RECORDS gzipped one member each and concatenated, as Common Crawl stores WARC files.
inline std::string gzip_members(const std::vector<std::string>& records) {
  std::string out;
  for (const std::string& r : records) out += gzip_member(r);
  return out;
}

}  // namespace winnow::testing
