// One JSON Lines record: parsing never throws; a replaced field reads back as written and the
// edited line is still a valid record with the other members' bytes untouched, and it is
// valid UTF-8 whatever the other members held (as is the repaired line).
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
  FUZZ_CHECK(winnow::utf8::valid(edited));
  const std::string repaired = rec->repaired_line();
  FUZZ_CHECK(winnow::utf8::valid(repaired));
  FUZZ_CHECK(winnow::JsonRecord::parse(repaired, &error).has_value());
  return 0;
}
