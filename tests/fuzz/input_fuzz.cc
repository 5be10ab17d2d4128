// Input over arbitrary bytes (plain or gzip, truncated or not) in every framing, with a small
// record limit: records never exceed the limit, and failures are IoError, nothing else.
#include <sys/mman.h>
#include <unistd.h>

#include <string>

#include "check.h"
#include "winnow/input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  int fd = memfd_create("fuzz-input", MFD_CLOEXEC);
  if (fd < 0) return 0;
  if (write(fd, data, size) != static_cast<ssize_t>(size)) {
    close(fd);
    return 0;
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  for (winnow::Framing framing : {winnow::Framing::kWhole, winnow::Framing::kNul, winnow::Framing::kLines}) {
    try {
      winnow::Input in(path);
      std::string record;
      bool oversized = false;
      constexpr std::size_t kMax = 1024;
      while (in.next(record, framing, kMax, &oversized)) FUZZ_CHECK(record.size() <= kMax);
    } catch (const winnow::IoError&) {
      // corrupt gzip data: a defined, reported failure
    }
  }
  close(fd);
  return 0;
}
