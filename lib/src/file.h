// file.h: reading a whole file, for the library's readers of small files (configuration,
// dedupe state). Internal to the library.
#pragma once

#include <string>

namespace winnow::internal {

// The bytes of the file PATH. Throws IoError naming PATH when it cannot be opened or read.
std::string read_file(const std::string& path);

}  // namespace winnow::internal
