// Any bytes through decode, norm (every option set) and the clean pipeline: the output is valid
// UTF-8 and a fixed point of the same transform.
#include <string>

#include "check.h"
#include "winnow/decode.h"
#include "winnow/norm.h"
#include "winnow/pipeline.h"
#include "winnow/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  winnow::Decoded decoded = winnow::decode(bytes);
  FUZZ_CHECK(winnow::utf8::valid(decoded.text));
  winnow::NormOptions opt;
  if (size > 0) {
    opt.nfkc = data[0] & 1;
    opt.ascii_punct = data[0] & 2;
    opt.keep_lines = data[0] & 4;
  }
  std::string once = winnow::normalize(decoded.text, opt);
  FUZZ_CHECK(winnow::utf8::valid(once));
  FUZZ_CHECK(winnow::normalize(once, opt) == once);
  winnow::CleanOptions clean_opt;
  clean_opt.norm = opt;
  std::string cleaned = winnow::clean(bytes, clean_opt);
  FUZZ_CHECK(winnow::utf8::valid(cleaned));
  FUZZ_CHECK(winnow::clean(cleaned, clean_opt) == cleaned);
  return 0;
}
