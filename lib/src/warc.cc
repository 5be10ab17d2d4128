#include "winnow/warc.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>

namespace winnow {
namespace {

constexpr std::string_view kTerminator = "\r\n\r\n";
// The record terminator and the start of the next record.
constexpr std::string_view kNextRecord = "\r\n\r\nWARC/";

// Longest WARC header line kept; real ones are a few hundred bytes (long URIs included).
constexpr std::size_t kMaxHeaderLine = 64 * 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Splits "Name: value" into its trimmed parts; false when there is no colon.
bool split_header(std::string_view line, std::string_view& name, std::string_view& value) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  name = trim(line.substr(0, colon));
  value = trim(line.substr(colon + 1));
  return true;
}

std::optional<std::uint64_t> parse_decimal(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return n;
}

std::optional<std::uint64_t> parse_hex(std::string_view s) {
  if (s.empty() || s.size() > 15) return std::nullopt;
  std::uint64_t n = 0;
  for (char c : s) {
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return std::nullopt;
    n = n * 16 + static_cast<std::uint64_t>(d);
  }
  return n;
}

// Undoes chunked transfer coding (RFC 9112 section 7.1); trailers are ignored.
std::optional<std::string> dechunk(std::string_view in, std::size_t max_bytes, std::string* error) {
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    std::size_t eol = in.find('\n', pos);
    if (eol == std::string_view::npos) break;
    std::string_view size_line = in.substr(pos, eol - pos);
    size_line = trim(size_line.substr(0, size_line.find(';')));
    std::optional<std::uint64_t> parsed = parse_hex(size_line);
    if (!parsed) break;
    std::uint64_t size = *parsed;
    pos = eol + 1;
    if (size == 0) return out;
    if (size > in.size() - pos) break;
    if (out.size() + size > max_bytes) {
      *error = "payload exceeds --max-bytes (" + std::to_string(max_bytes) + ")";
      return std::nullopt;
    }
    out.append(in.substr(pos, size));
    pos += size;
    if (in.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (in.substr(pos, 1) == "\n") {
      pos += 1;
    } else {
      break;
    }
  }
  *error = "bad chunked transfer coding";
  return std::nullopt;
}

// Inflates a gzip or zlib stream (WINDOW_BITS 15 + 32), or raw deflate (-15).
std::optional<std::string> inflate_body(std::string_view in, int window_bits, std::size_t max_bytes,
                                        std::string* error) {
  z_stream z{};
  if (inflateInit2(&z, window_bits) != Z_OK) {
    *error = "cannot initialise zlib";
    return std::nullopt;
  }
  std::string out;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  char buf[64 * 1024];
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    std::size_t got = sizeof buf - z.avail_out;
    if (out.size() + got > max_bytes) {
      inflateEnd(&z);
      *error = "payload exceeds --max-bytes (" + std::to_string(max_bytes) + ")";
      return std::nullopt;
    }
    out.append(buf, got);
    if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // truncated stream: keep what decoded
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
    *error = "bad compressed payload";
    return std::nullopt;
  }
  return out;
}

}  // namespace

bool looks_like_warc(std::string_view head) { return head.substr(0, 6) == "WARC/1"; }

bool WarcReader::next(WarcRecord& r) {
  std::string line;
  bool oversized = false;
  if (!pending_.empty()) {
    line = std::move(pending_);
    pending_.clear();
  } else {
    // Records are followed by a blank line pair; tolerate any number of blank lines.
    do {
      if (!in_.next(line, Framing::kLines, kMaxHeaderLine, &oversized)) return false;
    } while (!oversized && trim(line).empty());
  }
  r = WarcRecord{};
  r.number = ++records_;
  const std::string where = "WARC record " + std::to_string(r.number);
  if (!looks_like_warc(line)) throw IoError(in_.path(), where + ": does not start with 'WARC/'");
  bool have_length = false;
  for (;;) {
    if (!in_.next(line, Framing::kLines, kMaxHeaderLine, &oversized)) {
      throw IoError(in_.path(), "truncated " + where + " (end of input in its headers)");
    }
    if (oversized)
      throw IoError(in_.path(), where + ": header line longer than " + std::to_string(kMaxHeaderLine) + " bytes");
    if (trim(line).empty()) break;
    std::string_view name, value;
    if (!split_header(line, name, value)) continue;  // continuation lines carry nothing winnow reads
    if (iequals(name, "WARC-Type")) {
      r.type = value;
    } else if (iequals(name, "WARC-Target-URI")) {
      r.target_uri = value;
    } else if (iequals(name, "WARC-Date")) {
      r.date = value;
    } else if (iequals(name, "WARC-Record-ID")) {
      r.record_id = value;
    } else if (iequals(name, "Content-Type")) {
      r.content_type = value;
    } else if (iequals(name, "Content-Length")) {
      std::optional<std::uint64_t> n = parse_decimal(value);
      if (!n) throw IoError(in_.path(), where + ": bad Content-Length '" + std::string(value) + "'");
      r.content_length = *n;
      have_length = true;
    }
  }
  if (!have_length) throw IoError(in_.path(), where + ": no Content-Length");
  r.oversized = r.content_length > max_bytes_;
  if (r.oversized) {
    skip_oversized(r, where);
  } else {
    read_block(r, where);
  }
  return true;
}

// The block must end where the record terminator starts; a wrong Content-Length would
// otherwise swallow the next record or read the rest of this one as the next.
void WarcReader::read_block(WarcRecord& r, const std::string& where) {
  const std::size_t length = static_cast<std::size_t>(r.content_length);  // at most max_bytes_
  std::string_view ahead = in_.peek(length + kTerminator.size());
  if (!ends_record(ahead, length)) {
    resynchronise(r, where, ahead.size());
    return;
  }
  in_.read(r.block, length, max_bytes_);  // all there: AHEAD holds it
}

// An oversized block is skipped unread, and its end checked after it.
void WarcReader::skip_oversized(WarcRecord& r, const std::string& where) {
  std::string next_record;
  const std::uint64_t consumed = skip_block(r.content_length, next_record);
  if (consumed == r.content_length && ends_record(in_.peek(kTerminator.size()), 0)) return;
  // The Content-Length was wrong: when it was too long, the next record started inside.
  in_.unread(next_record);
  if (consumed < r.content_length && next_record.empty()) {
    throw IoError(in_.path(), "truncated " + where + " (Content-Length " + std::to_string(r.content_length) +
                                  ", only " + std::to_string(consumed) + " bytes)");
  }
  resynchronise(r, where, consumed);
}

// Consumes the LENGTH bytes of an oversized block (fewer at the end of the input) without
// storing them, except for NEXT_RECORD: from the first "WARC/" after a record terminator inside
// on, at most max_bytes_ bytes (1 MiB when that is less, for the next record's headers and a
// small block). Returns the number of bytes consumed.
std::uint64_t WarcReader::skip_block(std::uint64_t length, std::string& next_record) {
  constexpr std::size_t kStep = 64 * 1024;
  const std::size_t keep = std::max<std::size_t>(max_bytes_, std::size_t{1} << 20);
  std::uint64_t consumed = 0;
  std::string window;  // the last bytes of the previous step, then this step's
  bool found = false;
  while (consumed < length) {
    const std::size_t step = static_cast<std::size_t>(std::min<std::uint64_t>(length - consumed, kStep));
    if (found) {
      const std::size_t got = in_.read(next_record, step, keep);
      consumed += got;
      if (got < step) break;
      continue;
    }
    const std::size_t kept = window.size();
    const std::size_t got = in_.read(window, step, kept + step);
    consumed += got;
    if (std::size_t at = window.find(kNextRecord); at != std::string::npos) {
      found = true;
      next_record = window.substr(at + kTerminator.size(), keep);
    } else {
      window.erase(0, window.size() - std::min(window.size(), kNextRecord.size() - 1));
    }
    if (got < step) break;
  }
  return consumed;
}

// True when AHEAD holds the record terminator at offset AT; at the end of the input (AHEAD is
// shorter), a part of it or none will do: the last record of a file may lack it.
bool WarcReader::ends_record(std::string_view ahead, std::uint64_t at) {
  if (ahead.size() < at) return false;
  std::string_view rest = ahead.substr(static_cast<std::size_t>(at));
  return rest.size() < kTerminator.size() ? kTerminator.substr(0, rest.size()) == rest : rest == kTerminator;
}

// Skips to the next line that starts a WARC record and keeps it for next(); marks R as
// skipped. Without one, the record was truncated (AVAILABLE bytes of its block were there).
void WarcReader::resynchronise(WarcRecord& r, const std::string& where, std::uint64_t available) {
  std::string line;
  bool oversized = false;
  while (in_.next(line, Framing::kLines, kMaxHeaderLine, &oversized)) {
    if (!oversized && looks_like_warc(line)) {
      pending_ = std::move(line);
      r.block.clear();
      r.framing_error = where + ": Content-Length " + std::to_string(r.content_length) +
                        " does not end at the record terminator; skipped to the next record";
      return;
    }
  }
  throw IoError(in_.path(), "truncated " + where + " (Content-Length " + std::to_string(r.content_length) +
                                ", only " + std::to_string(available) + " bytes)");
}

namespace {

// The media type and charset of a Content-Type VALUE ("text/html; charset=UTF-8").
void read_content_type(std::string_view value, HttpResponse& r) {
  r.media_type = lower(trim(value.substr(0, value.find(';'))));
  for (std::size_t semi = value.find(';'); semi != std::string_view::npos;) {
    std::size_t next = value.find(';', semi + 1);
    std::string_view param =
        value.substr(semi + 1, next == std::string_view::npos ? std::string_view::npos : next - semi - 1);
    std::size_t eq = param.find('=');
    if (eq != std::string_view::npos) {
      std::string_view key = trim(param.substr(0, eq)), val = trim(param.substr(eq + 1));
      if (val.size() >= 2 && val.front() == '"' && val.back() == '"') val = val.substr(1, val.size() - 2);
      if (iequals(key, "charset")) r.charset = val;
    }
    semi = next;
  }
}

// The headers HEAD of a response (status line first) into R, with its transfer and content
// codings. False, with *ERROR, when the status line is bad.
bool read_headers(std::string_view head, HttpResponse& r, std::string& transfer, std::string& content_coding,
                  std::string* error) {
  bool status_line = true;
  for (std::size_t pos = 0; pos <= head.size();) {
    std::size_t eol = std::min(head.find('\n', pos), head.size());
    std::string_view line = trim(head.substr(pos, eol - pos));
    pos = eol + 1;
    if (status_line) {
      status_line = false;
      std::size_t sp = line.find(' ');
      std::optional<std::uint64_t> code =
          sp == std::string_view::npos ? std::nullopt : parse_decimal(line.substr(sp + 1, 3));
      if (!code) {
        *error = "bad HTTP status line";
        return false;
      }
      r.status = static_cast<int>(*code);
      continue;
    }
    std::string_view name, value;
    if (!split_header(line, name, value)) continue;
    if (iequals(name, "Content-Type")) {
      read_content_type(value, r);
    } else if (iequals(name, "Transfer-Encoding")) {
      transfer = lower(value);
    } else if (iequals(name, "Content-Encoding")) {
      content_coding = lower(value);
    }
  }
  return true;
}

// The payload of BODY with its transfer coding (chunked) and content coding (gzip, deflate)
// undone, into R's body. False, with *ERROR, when it cannot be, or is larger than MAX_BYTES.
bool read_payload(std::string_view body, const std::string& transfer, const std::string& content_coding,
                  std::size_t max_bytes, HttpResponse& r, std::string* error) {
  std::optional<std::string> payload;
  if (transfer.find("chunked") != std::string::npos) {
    payload = dechunk(body, max_bytes, error);
    if (!payload) return false;
    body = *payload;
  }
  if (content_coding == "gzip" || content_coding == "x-gzip" || content_coding == "deflate") {
    std::optional<std::string> inflated = inflate_body(body, 15 + 32, max_bytes, error);
    // "deflate" is meant to be zlib-wrapped, but servers often send raw deflate.
    if (!inflated && content_coding == "deflate") inflated = inflate_body(body, -15, max_bytes, error);
    if (!inflated) return false;
    r.body = std::move(*inflated);
  } else if (content_coding.empty() || content_coding == "identity") {
    if (body.size() > max_bytes) {
      *error = "payload exceeds --max-bytes (" + std::to_string(max_bytes) + ")";
      return false;
    }
    r.body = payload ? std::move(*payload) : std::string(body);
  } else {
    *error = "unsupported content coding '" + content_coding + "'";
    return false;
  }
  return true;
}

}  // namespace

std::optional<HttpResponse> parse_http_response(std::string_view block, std::size_t max_bytes, std::string* error) {
  if (block.substr(0, 5) != "HTTP/") {
    *error = "not an HTTP response";
    return std::nullopt;
  }
  std::size_t crlf = block.find("\r\n\r\n"), lf = block.find("\n\n");
  std::size_t end = std::min(crlf, lf);
  if (end == std::string_view::npos) {
    *error = "HTTP headers without an end";
    return std::nullopt;
  }
  HttpResponse r;
  std::string transfer, content_coding;
  if (!read_headers(block.substr(0, end), r, transfer, content_coding, error)) return std::nullopt;
  std::string_view body = block.substr(end + (end == crlf ? 4 : 2));
  if (!read_payload(body, transfer, content_coding, max_bytes, r, error)) return std::nullopt;
  return r;
}

}  // namespace winnow
