#include "file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "winnow/io_error.h"

namespace winnow::internal {

std::string read_file(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw IoError(path, std::strerror(errno));
  std::string data;
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) data.append(buf, n);
  bool failed = std::ferror(f);
  std::fclose(f);
  if (failed) throw IoError(path, "read error");
  return data;
}

}  // namespace winnow::internal
