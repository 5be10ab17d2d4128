// Any bytes through the WARC reader and the HTTP response parser with a small size cap: records
// come out or the reader throws IoError naming the file, never a crash; no block or body exceeds
// the cap; an HTTP block that cannot be parsed gives an error message. The bytes are read three
// ways: as a WARC file, as the HTTP block of one well-formed response record, and gzipped
// (a truncated member when the first byte is odd).
#include <sys/mman.h>
#include <unistd.h>

#include <string>

#include "check.h"
#include "warc_builder.h"
#include "winnow/io_error.h"
#include "winnow/utf8.h"
#include "winnow/warc.h"

namespace {

constexpr std::size_t kMax = 4096;

void read_warc(const std::string& bytes) {
  int fd = memfd_create("fuzz-warc", MFD_CLOEXEC);
  if (fd < 0) return;
  if (write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) {
    close(fd);
    return;
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    winnow::Input in(path);
    winnow::WarcReader reader(in, kMax);
    winnow::WarcRecord record;
    std::uint64_t expected = 1;
    while (reader.next(record)) {
      FUZZ_CHECK(record.number == expected++);
      FUZZ_CHECK(record.block.size() <= kMax);
      FUZZ_CHECK(record.oversized == (record.content_length > kMax));
      if (record.oversized) FUZZ_CHECK(record.block.empty());
      std::string error;
      auto response = winnow::parse_http_response(record.block, kMax, &error);
      if (response) {
        FUZZ_CHECK(response->body.size() <= kMax);
      } else {
        FUZZ_CHECK(!error.empty());
      }
    }
  } catch (const winnow::IoError& e) {
    FUZZ_CHECK(e.subject() == path);
  }
  close(fd);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  read_warc(bytes);
  read_warc(winnow::testing::warc_record("response", "http://news.example/a", "application/http; msgtype=response",
                                         bytes));
  std::string gz = winnow::testing::gzip_member(winnow::testing::warc_response("http://news.example/b", "", bytes));
  if (size > 0 && data[0] & 1) gz.resize(gz.size() / 2);
  read_warc(gz);
  return 0;
}
