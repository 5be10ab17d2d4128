#include "winnow/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "buffer.h"

namespace winnow {
namespace {
constexpr std::size_t kChunk = 256 * 1024;
constexpr char kBom[] = "\xEF\xBB\xBF";
}

// The file and, for compressed input, the inflater (gzip) or decompression stream (zstd).
// zlib's gzread would do for gzip, but it drops whatever follows the last gzip member in
// silence; reading members (and zstd frames) one by one sees it.
struct Input::Gz {
  enum class Mode : std::uint8_t { kUnknown, kPlain, kGzip, kZstd, kDone };
  int fd = -1;
  Mode mode = Mode::kUnknown;
  z_stream z{};
  bool inflating = false;      // z is initialised
  ZSTD_DStream* zstd = nullptr;
  bool frame_done = false;     // zstd: the last frame ended; another may follow
  std::string raw;         // bytes read from fd and not yet inflated: raw[raw_pos, size)
  std::size_t raw_pos = 0;
  bool raw_eof = false;
  std::uint64_t raw_read = 0;  // bytes read from fd

  ~Gz() {
    if (inflating) inflateEnd(&z);
    if (zstd) ZSTD_freeDStream(zstd);
    if (fd >= 0) close(fd);
  }
  std::size_t pending() const { return raw.size() - raw_pos; }
  // Reads more of the file into raw; false at its end.
  bool read_raw(const std::string& path) {
    if (raw_eof) return false;
    if (raw_pos > 0) {
      raw.erase(0, raw_pos);
      raw_pos = 0;
    }
    std::size_t old = raw.size();
    raw.resize(old + kChunk);
    ssize_t got;
    do {
      got = ::read(fd, raw.data() + old, kChunk);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
      int saved = errno;
      raw.resize(old);
      throw IoError(path, std::strerror(saved));
    }
    raw.resize(old + static_cast<std::size_t>(got));
    raw_read += static_cast<std::uint64_t>(got);
    raw_eof = got == 0;
    return got > 0;
  }
  // At least N bytes pending unless the file ends first.
  void want(std::size_t n, const std::string& path) {
    while (pending() < n && read_raw(path)) {
    }
  }
  bool at_gzip_magic() const { return pending() >= 2 && raw[raw_pos] == '\x1f' && raw[raw_pos + 1] == '\x8b'; }
  // A zstd frame (28 B5 2F FD) or a skippable frame (5? 2A 4D 18), which zstd's stream skips.
  bool at_zstd_magic() const {
    if (pending() < 4) return false;
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(raw[raw_pos + i]); };
    if (b(0) == 0x28 && b(1) == 0xB5 && b(2) == 0x2F && b(3) == 0xFD) return true;
    return (b(0) & 0xF0) == 0x50 && b(1) == 0x2A && b(2) == 0x4D && b(3) == 0x18;
  }
};

Input::Input(const std::string& path) : path_(path), gz_(std::make_unique<Gz>()) {
  gz_->fd = path == "-" ? dup(STDIN_FILENO) : open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (gz_->fd < 0) throw IoError(path, std::strerror(errno));
  struct stat st;
  if (fstat(gz_->fd, &st) == 0 && S_ISREG(st.st_mode)) file_size_ = static_cast<std::uint64_t>(st.st_size);
}

Input::~Input() = default;

bool Input::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  Gz& g = *gz_;
  if (g.mode == Gz::Mode::kUnknown) {
    g.want(4, path_);
    g.mode = g.at_gzip_magic() ? Gz::Mode::kGzip : g.at_zstd_magic() ? Gz::Mode::kZstd : Gz::Mode::kPlain;
  }
  std::size_t got = 0;
  switch (g.mode) {
    case Gz::Mode::kPlain: got = fill_plain(); break;
    case Gz::Mode::kGzip: got = fill_gzip(); break;
    case Gz::Mode::kZstd: got = fill_zstd(); break;
    default: break;
  }
  decompressed_ += got;
  if (got == 0) eof_ = true;
  return got > 0;
}

std::size_t Input::fill_plain() {
  Gz& g = *gz_;
  if (g.pending() == 0 && !g.read_raw(path_)) return 0;
  std::size_t got = g.pending();
  buffer_.append(g.raw, g.raw_pos, got);
  g.raw_pos = g.raw.size();
  return got;
}

std::size_t Input::fill_gzip() {
  Gz& g = *gz_;
  if (!g.inflating) {
    if (inflateInit2(&g.z, 15 + 16) != Z_OK) throw IoError(path_, "cannot initialise zlib");
    g.inflating = true;
  }
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  std::size_t got = 0;
  while (got == 0) {
    if (g.pending() == 0 && !g.read_raw(path_)) {
      buffer_.resize(old);
      throw IoError(path_, "corrupt gzip data: unexpected end of file");
    }
    g.z.next_in = reinterpret_cast<Bytef*>(g.raw.data() + g.raw_pos);
    g.z.avail_in = static_cast<uInt>(g.pending());
    g.z.next_out = reinterpret_cast<Bytef*>(buffer_.data() + old);
    g.z.avail_out = static_cast<uInt>(kChunk);
    int rc = inflate(&g.z, Z_NO_FLUSH);
    g.raw_pos = g.raw.size() - g.z.avail_in;
    got = kChunk - g.z.avail_out;
    if (rc == Z_STREAM_END) {
      if (!next_member()) break;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      buffer_.resize(old);
      throw IoError(path_, std::string("corrupt gzip data: ") + (g.z.msg ? g.z.msg : "inflate failed"));
    }
  }
  buffer_.resize(old + got);
  return got;
}

// Like fill_gzip, frame after frame. The decoder's memory is bounded by zstd's default window
// limit (128 MiB; a frame that needs more is refused as corrupt), the output by the record
// limit of next(), as for gzip.
std::size_t Input::fill_zstd() {
  Gz& g = *gz_;
  if (!g.zstd && !(g.zstd = ZSTD_createDStream())) throw IoError(path_, "cannot initialise zstd");
  const std::size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  ZSTD_outBuffer out{buffer_.data() + old, kChunk, 0};
  while (out.pos == 0) {
    if (g.frame_done) {
      if (!next_member()) break;
      g.frame_done = false;
    }
    // With no input left, the decoder may still hold output of the frame to flush.
    const bool more = g.pending() > 0 || g.read_raw(path_);
    ZSTD_inBuffer in{g.raw.data() + g.raw_pos, g.pending(), 0};
    const std::size_t rc = ZSTD_decompressStream(g.zstd, &out, &in);
    g.raw_pos += in.pos;
    if (ZSTD_isError(rc) || (!more && out.pos == 0 && rc != 0)) {
      buffer_.resize(old);
      throw IoError(path_, std::string("corrupt zstd data: ") +
                               (ZSTD_isError(rc) ? ZSTD_getErrorName(rc) : "unexpected end of file"));
    }
    g.frame_done = rc == 0;  // the frame is decoded and flushed
  }
  buffer_.resize(old + out.pos);
  return out.pos;
}

// After the end of a gzip member or zstd frame: true when another one follows. Anything else
// but zero bytes (tape padding, which gzip ignores too) is trailing garbage: noted, then ignored.
bool Input::next_member() {
  Gz& g = *gz_;
  g.want(4, path_);
  if (g.mode == Gz::Mode::kZstd ? g.at_zstd_magic() : g.at_gzip_magic()) {
    if (g.mode == Gz::Mode::kGzip) inflateReset(&g.z);
    return true;
  }
  for (;;) {
    for (std::size_t i = g.raw_pos; i < g.raw.size(); ++i) trailing_garbage_ |= g.raw[i] != '\0';
    g.raw_pos = g.raw.size();
    if (trailing_garbage_ || !g.read_raw(path_)) break;
  }
  g.mode = Gz::Mode::kDone;
  return false;
}

std::string_view Input::peek(std::size_t n) {
  while (buffer_.size() - pos_ < n && fill()) {
  }
  return std::string_view(buffer_).substr(pos_, n);
}

std::size_t Input::read(std::string& out, std::size_t n, std::size_t max_bytes) {
  std::size_t done = 0;
  while (done < n) {
    if (pos_ == buffer_.size() && !fill()) break;
    std::size_t take = std::min(n - done, buffer_.size() - pos_);
    std::size_t room = max_bytes > out.size() ? max_bytes - out.size() : 0;
    out.append(buffer_, pos_, std::min(take, room));
    pos_ += take;
    done += take;
  }
  return done;
}

void Input::unread(std::string_view bytes) {
  buffer_.replace(0, pos_, bytes);
  pos_ = 0;
}

std::uint64_t Input::offset() const { return gz_->raw_read - gz_->pending(); }

std::uint64_t Input::skip_empty_records(Framing framing) {
  if (framing == Framing::kWhole) return 0;
  const char delim = framing == Framing::kNul ? '\0' : '\n';
  std::uint64_t n = 0;
  while (pos_ < buffer_.size() || fill()) {
    std::size_t start = pos_;
    while (pos_ < buffer_.size() && buffer_[pos_] == delim) ++pos_;
    n += pos_ - start;
    if (pos_ < buffer_.size()) break;
  }
  records_ += n;
  return n;
}

bool Input::next(std::string& record, Framing framing, std::size_t max_bytes, bool* oversized) {
  record.clear();
  *oversized = false;
  if (framing == Framing::kLines && records_ == 0 && peek(3) == kBom) pos_ += 3;
  const char delim = framing == Framing::kNul ? '\0' : '\n';
  // A whole file is one record: sized once (a plain file exactly, a gzipped one at least),
  // rather than grown by doubling, which held up to twice the document while it copied.
  if (framing == Framing::kWhole && records_ == 0) {
    internal::reserve_document(record, std::min<std::uint64_t>(file_size_, max_bytes));
  }
  bool any = false;  // something (even an empty record with its terminator) was read
  for (;;) {
    if (pos_ == buffer_.size() && !fill()) break;
    any = true;
    const char* start = buffer_.data() + pos_;
    std::size_t avail = buffer_.size() - pos_;
    const char* hit = framing == Framing::kWhole ? nullptr : static_cast<const char*>(std::memchr(start, delim, avail));
    std::size_t take = hit ? static_cast<std::size_t>(hit - start) : avail;
    std::size_t room = max_bytes > record.size() ? max_bytes - record.size() : 0;
    if (take > room) *oversized = true;
    record.append(start, std::min(take, room));
    pos_ += take;
    if (hit) {
      ++pos_;  // the terminator
      ++records_;
      return true;
    }
    if (*oversized && framing == Framing::kWhole) {
      // The rest of a whole-file record is of no use: stop reading.
      eof_ = true;
      buffer_.clear();
      pos_ = 0;
      break;
    }
    pos_ = buffer_.size();
  }
  if (!any) {
    // An empty input is one empty document, but has no records in the other framings.
    if (framing == Framing::kWhole && records_ == 0) {
      ++records_;
      return true;
    }
    return false;
  }
  if (framing != Framing::kWhole && record.empty() && !*oversized) return false;  // no final unterminated record
  ++records_;
  return true;
}

}  // namespace winnow
