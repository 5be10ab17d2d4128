// Any bytes through strip the way `winnow strip` runs it (decode first), with the keep threshold
// taken from the first byte: valid UTF-8 out, and stripping the output again changes nothing
// (strip.h promises idempotence on its text output).
#include <string>

#include "check.h"
#include "winnow/decode.h"
#include "winnow/strip.h"
#include "winnow/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  winnow::StripOptions options;
  if (size > 0) options.keep_threshold = 0.3 + 0.5 * (data[0] / 255.0);
  const std::string decoded = winnow::decode(bytes).text;
  winnow::Report report;
  const std::string once = winnow::strip(decoded, options, &report);
  FUZZ_CHECK(winnow::utf8::valid(once));
  FUZZ_CHECK(winnow::strip(once, options) == once);
  return 0;
}
