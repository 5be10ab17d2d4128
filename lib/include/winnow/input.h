// winnow/input.h: reading documents from a file or stdin, gzip, zstd or not.
//
// An Input streams one file ("-" is stdin) in fixed-size chunks, decompressing gzip and zstd
// transparently (the magic number decides, not the name), and cuts it into records:
// the whole input, NUL-terminated documents (-z), or lines (JSON Lines). Memory is bounded
// by the record limit: a record longer than max_bytes is reported as oversized, truncated
// to max_bytes, and the rest of it is skipped without being stored. The same cap bounds
// what a gzip or zstd bomb can expand to per record.
//
// Gzip input may hold several members (concatenated .gz files), zstd input several frames
// (skippable frames are skipped), read as one stream. Data after the last member or frame that
// does not start another is ignored, as zcat does, and trailing_garbage()
// then says so for the caller to report (zcat warns and exits with status 2); zero bytes after
// it (tape padding) are ignored in silence, as gzip does. With Framing::kLines a UTF-8 byte
// order mark at the start of the input is dropped, so the first record is still JSON.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "winnow/io_error.h"

namespace winnow {

enum class Framing : std::uint8_t {
  kWhole,  // one document: the whole input
  kNul,    // documents terminated (or separated) by NUL bytes
  kLines,  // records terminated by '\n' (a final record without one counts too)
};

class Input {
 public:
  // Opens PATH for reading; "-" reads stdin. Throws IoError naming PATH.
  explicit Input(const std::string& path);
  ~Input();
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  // Reads the next record into RECORD (without its terminator). Returns false at the end of
  // the input. *oversized is set when the record was longer than MAX_BYTES (then RECORD holds
  // its first MAX_BYTES bytes). Throws IoError on a read error or truncated or corrupt gzip or
  // zstd data ("corrupt zstd data: ...").
  bool next(std::string& record, Framing framing, std::size_t max_bytes, bool* oversized);

  // Returns up to N next bytes without consuming them (fewer only at the end of the input),
  // e.g. to recognise a format by its first bytes. Throws IoError like next().
  std::string_view peek(std::size_t n);

  // Consumes the next N bytes (fewer only at the end of the input) and appends to OUT those
  // that keep OUT within MAX_BYTES; the rest is skipped without being stored. Returns the
  // number of bytes consumed. Throws IoError like next().
  std::size_t read(std::string& out, std::size_t n, std::size_t max_bytes);

  // Puts BYTES back in front of the reading position, so that the next reads return them first
  // (for a reader that went too far, as WarcReader past a wrong Content-Length). offset() does
  // not go back.
  void unread(std::string_view bytes);

  // How far into the file reading has got, for progress: the file position (compressed bytes
  // for gzip and zstd input), or for a pipe, which has none, the bytes it has given so far.
  std::uint64_t offset() const;

  // Consumes a run of terminators (empty records) at the reading position, counting them as
  // records, and returns how many there were: a caller can handle a million empty documents
  // (a gzip bomb of NULs) at once instead of one by one.
  std::uint64_t skip_empty_records(Framing framing);

  // True once the input has been read to its end and non-zero data followed the last gzip
  // member or zstd frame (it was ignored).
  bool trailing_garbage() const { return trailing_garbage_; }
  static constexpr const char* kTrailingGarbage = "decompression OK, trailing garbage ignored";

  // 1-based number of the record last returned (the line number for kLines).
  std::uint64_t record_number() const { return records_; }
  const std::string& path() const { return path_; }

 private:
  bool fill();  // reads more data into the buffer; false at end of input
  std::size_t fill_plain();
  std::size_t fill_gzip();
  std::size_t fill_zstd();
  bool next_member();

  std::string path_;
  struct Gz;
  std::unique_ptr<Gz> gz_;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  bool trailing_garbage_ = false;
  std::uint64_t records_ = 0;
  std::uint64_t decompressed_ = 0;  // bytes of (decompressed) input delivered
  std::uint64_t file_size_ = 0;     // of a regular file, to size a whole-file record once
};

}  // namespace winnow
