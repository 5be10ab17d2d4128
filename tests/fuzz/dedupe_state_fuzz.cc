// Any bytes as a dedupe state file (signatures or index, as --sign and --merge write them):
// add_file() and read_index() give a loaded index or an IoError, never a crash. Random bytes
// rarely get past the header, so the first input byte can also pick a valid signature or index
// file (built once, at start-up) that the remaining bytes patch as (offset, value) pairs and
// cut short. A loaded index answers lookups, and what it writes reads back and writes the same.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "check.h"
#include "winnow/dedupe_corpus.h"
#include "winnow/io_error.h"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

std::string story(int variant) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "word" + std::to_string(i % (40 + variant)) + " ";
  return text;
}

struct Files {
  std::string dir, signatures, index;
  Files() {
    char tmpl[] = "/tmp/winnow-fuzz-dedupe-XXXXXX";
    FUZZ_CHECK(mkdtemp(tmpl) != nullptr);
    dir = tmpl;
    winnow::CorpusIndex built{winnow::CorpusDedupeParams{}};
    built.add("a", story(0), "2024-01-02");
    built.add("b", story(1), "2024-01-01");
    built.add("c", "a short note", "");
    built.write(dir + "/sig");
    built.decide();
    built.write(dir + "/idx");
    signatures = slurp(dir + "/sig");
    index = slurp(dir + "/idx");
  }
};

void check_loaded(winnow::CorpusIndex& index, const std::string& dir) {
  index.decide();
  for (const char* id : {"a", "b", "c"}) {
    winnow::DedupeVerdict v = index.lookup(id, "a short note");
    FUZZ_CHECK(v.similarity >= 0 && v.similarity <= 1);
    FUZZ_CHECK(!v.found || !v.kept_id.empty() || !v.removed);
  }
  index.write(dir + "/out1");
  winnow::CorpusIndex again = winnow::CorpusIndex::read_index(dir + "/out1");
  again.write(dir + "/out2");
  FUZZ_CHECK(slurp(dir + "/out1") == slurp(dir + "/out2"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Files files;
  std::string file(reinterpret_cast<const char*>(data), size);
  if (size > 0 && data[0] % 4 != 0) {
    file = data[0] % 4 == 1 ? files.signatures : files.index;
    std::size_t i = 1;
    if (data[0] & 4 && size >= 3) {  // cut short
      file.resize(std::min<std::size_t>(file.size(), data[1] | data[2] << 8));
      i = 3;
    }
    for (; i + 2 < size && !file.empty(); i += 3) file[(data[i] | data[i + 1] << 8) % file.size()] = static_cast<char>(data[i + 2]);
  }
  int fd = memfd_create("fuzz-dedupe-state", MFD_CLOEXEC);
  if (fd < 0) return 0;
  if (write(fd, file.data(), file.size()) != static_cast<ssize_t>(file.size())) {
    close(fd);
    return 0;
  }
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  try {
    winnow::CorpusIndex index{winnow::CorpusDedupeParams{}};
    index.add_file(path);
    index.add("d", "another short note", "");
    check_loaded(index, files.dir);
  } catch (const winnow::IoError& e) {
    FUZZ_CHECK(e.subject() == path);
  }
  try {
    winnow::CorpusIndex index = winnow::CorpusIndex::read_index(path);
    check_loaded(index, files.dir);
  } catch (const winnow::IoError& e) {
    FUZZ_CHECK(e.subject() == path);
  }
  close(fd);
  return 0;
}
