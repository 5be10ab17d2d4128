#include "data.h"

#include <stdexcept>
#include <string>

namespace winnow::data {

std::string_view file(std::string_view name) {
  for (std::size_t i = 0; i < kFileCount; ++i) {
    if (kFiles[i].name == name) return kFiles[i].contents;
  }
  throw std::logic_error("winnow: no rule table data/" + std::string(name));
}

std::vector<std::string_view> lines(std::string_view name) {
  std::vector<std::string_view> out;
  std::string_view rest = file(name);
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    out.push_back(line);
  }
  return out;
}

}  // namespace winnow::data
