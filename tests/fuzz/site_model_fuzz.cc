// Any bytes as a site-model file (strip --model): a parsed model or a winnow::ParseError, never
// a crash; a parsed model serializes to a file that parses back to the same text.
#include <stdexcept>
#include <string>

#include "check.h"
#include "winnow/site_model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  winnow::SiteModel model;
  try {
    model = winnow::SiteModel::parse(bytes);
  } catch (const winnow::ParseError&) {
    return 0;  // a damaged model file: a defined, reported failure
  }
  const std::string text = model.serialize();
  FUZZ_CHECK(winnow::SiteModel::parse(text).serialize() == text);
  model.is_boilerplate("news.example", 0);
  return 0;
}
