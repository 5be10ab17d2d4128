// One JSON Lines record: parsing never throws; a replaced field reads back as written and the
// edited line is still a valid record with the other members' bytes untouched.
#include <string>

#include "check.h"
#include "winnow/jsonl.h"
#include "winnow/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string line(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto rec = winnow::JsonRecord::parse(line, &error);
  if (!rec) {
    FUZZ_CHECK(!error.empty());
    return 0;
  }
  auto text = rec->string("text");
  if (text) FUZZ_CHECK(winnow::utf8::valid(*text));
  const std::string value = "new \"value\"\n\x01\xC3\xA9";
  std::string edited = rec->with_string("text", value);
  auto again = winnow::JsonRecord::parse(edited, &error);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(again->string("text") == value);
  return 0;
}
