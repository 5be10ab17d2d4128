#include "winnow/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace winnow {
namespace {
constexpr std::size_t kChunk = 256 * 1024;
}

struct Input::Gz {
  gzFile file = nullptr;
  ~Gz() {
    if (file) gzclose(file);
  }
};

Input::Input(const std::string& path) : path_(path), gz_(std::make_unique<Gz>()) {
  int fd = path == "-" ? dup(STDIN_FILENO) : open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw IoError(path, std::strerror(errno));
  struct stat st;
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) file_size_ = static_cast<std::uint64_t>(st.st_size);
  gz_->file = gzdopen(fd, "rb");
  if (!gz_->file) {
    close(fd);
    throw IoError(path, "cannot open");
  }
  gzbuffer(gz_->file, kChunk);
}

Input::~Input() = default;

bool Input::fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  std::size_t old = buffer_.size();
  buffer_.resize(old + kChunk);
  int got = gzread(gz_->file, buffer_.data() + old, kChunk);
  if (got < 0) {
    int err = 0;
    const char* msg = gzerror(gz_->file, &err);
    buffer_.resize(old);
    throw IoError(path_, err == Z_ERRNO ? std::strerror(errno) : msg);
  }
  buffer_.resize(old + static_cast<std::size_t>(got));
  decompressed_ += static_cast<std::uint64_t>(got);
  if (got == 0) {
    // gzread reports a truncated stream as end of file; gzerror tells the difference.
    int err = 0;
    const char* msg = gzerror(gz_->file, &err);
    if (err != Z_OK && err != Z_STREAM_END) throw IoError(path_, std::string("corrupt gzip data: ") + msg);
    eof_ = true;
    return false;
  }
  return true;
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

std::uint64_t Input::offset() const {
  z_off_t at = gzoffset(gz_->file);
  return at < 0 ? decompressed_ : static_cast<std::uint64_t>(at);
}

bool Input::next(std::string& record, Framing framing, std::size_t max_bytes, bool* oversized) {
  record.clear();
  *oversized = false;
  const char delim = framing == Framing::kNul ? '\0' : '\n';
  // A whole file is one record: sized once (a plain file exactly, a gzipped one at least),
  // rather than grown by doubling, which held up to twice the document while it copied.
  if (framing == Framing::kWhole && records_ == 0) record.reserve(std::min<std::uint64_t>(file_size_, max_bytes));
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
