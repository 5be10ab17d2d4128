// .winnow.toml parsing: any bytes give a Config or a ParseError with a line inside the text,
// nothing else; string values are valid UTF-8.
#include <algorithm>
#include <string>
#include <variant>

#include "check.h"
#include "winnow/config.h"
#include "winnow/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    winnow::Config c = winnow::Config::parse(text);
    for (const std::string& key : c.keys()) {
      std::size_t dot = key.rfind('.');
      std::string section = dot == std::string::npos ? "" : key.substr(0, dot);
      std::string name = dot == std::string::npos ? key : key.substr(dot + 1);
      const winnow::ConfigValue* v = c.get(section, name);
      if (!v) continue;  // keys with dots inside a section name are ambiguous by design
      if (const auto* s = std::get_if<std::string>(v)) FUZZ_CHECK(winnow::utf8::valid(*s));
    }
  } catch (const winnow::ParseError& e) {
    FUZZ_CHECK(e.line() >= 1 && e.line() <= 1 + std::count(text.begin(), text.end(), '\n'));
  }
  return 0;
}
