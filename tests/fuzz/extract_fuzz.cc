// Any bytes through extract, the way `winnow extract` runs it (decode first) and as raw
// UTF-8-or-not input: no crash, valid UTF-8 out, every block accounted for, same result twice.
#include <string>

#include "check.h"
#include "winnow/decode.h"
#include "winnow/extract.h"
#include "winnow/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  winnow::ExtractOptions options;
  options.title = size == 0 || (data[0] & 1);
  const std::string decoded = winnow::decode(bytes).text;
  for (std::string_view html : {bytes, std::string_view(decoded)}) {
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
  }
  return 0;
}
