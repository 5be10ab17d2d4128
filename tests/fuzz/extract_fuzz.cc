// Any bytes through extract, either the way `winnow extract` runs it (decode first) or as raw
// UTF-8-or-not input (the first byte chooses, so each input costs one extraction and its
// repeat): no crash, valid UTF-8 out, every block accounted for, same result twice.
// bench/fuzz gives this target shorter inputs than the others (-max_len): a page's cost grows
// with its size, and short pages reach the same code.
#include <string>

#include "check.h"
#include "winnow/decode.h"
#include "winnow/extract.h"
#include "winnow/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  winnow::ExtractOptions options;
  options.title = size == 0 || (data[0] & 1);
  const bool decode_first = size > 0 && (data[0] & 2);
  const std::string decoded = decode_first ? winnow::decode(bytes).text : std::string();
  const std::string_view html = decode_first ? std::string_view(decoded) : bytes;
  winnow::Report report;
  winnow::Document doc = winnow::extract(html, options, &report);
  std::string text = winnow::render(doc);
  FUZZ_CHECK(winnow::utf8::valid(text));
  FUZZ_CHECK(winnow::render(winnow::extract(html, options)) == text);
  std::uint64_t dropped = 0, counted = 0;
  for (const winnow::Block& b : doc.blocks) {
    FUZZ_CHECK(b.kept() == b.reason.empty());
    dropped += !b.kept();
  }
  for (const auto& [key, n] : report.counts()) counted += key.rfind("extract/", 0) == 0 ? n : 0;
  FUZZ_CHECK(dropped == counted);
  return 0;
}
