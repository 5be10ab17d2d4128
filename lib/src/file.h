// file.h: reading a whole file, for the library's readers of small files (configuration,
// site models, dedupe state). Internal to the library.
#pragma once

#include <string>

#include "winnow/io_error.h"

namespace winnow::internal {

// The bytes of the file PATH. Throws IoError naming PATH when it cannot be opened or read.
std::string read_file(const std::string& path);

// PARSE applied to the bytes of the file PATH, a ParseError turned into an IoError naming
// "PATH:LINE" (see io_error.h): how the library loads a file in one of its formats.
template <typename Parse>
auto parse_file(const std::string& path, Parse parse) {
  std::string text = read_file(path);
  try {
    return parse(text);
  } catch (const ParseError& e) {
    throw IoError(path + ":" + std::to_string(e.line()), e.what());
  }
}

}  // namespace winnow::internal
