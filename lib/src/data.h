// data.h: the rule tables of data/, compiled into the library (see cmake/EmbedData.cmake).
// Internal to the library: stages read their tables through here, tools never do.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace winnow::data {

struct File {
  std::string_view name;      // file name in data/, e.g. "ascii-punct.txt"
  std::string_view contents;  // the bytes of the file
};

extern const File kFiles[];
extern const std::size_t kFileCount;

// The contents of data/NAME. Throws std::logic_error if there is no such table (a build error).
std::string_view file(std::string_view name);

// The entries of data/NAME: one per line, trimmed, without blank lines and `#` comment lines.
std::vector<std::string_view> lines(std::string_view name);

}  // namespace winnow::data
