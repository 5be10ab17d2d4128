// codepages.h: the single-byte code pages mojibake comes from, generated at build time from
// ICU by lib/gen/codepages_gen.cc. Internal to the library.
#pragma once

#include <cstddef>

namespace winnow::codepages {

// Indexes into kPages, in the generator's order; also the bit positions of the masks in
// mojibake.cc.
enum PageId : unsigned {
  kWindows1252,
  kLatin1,
  kIso8859_2,
  kWindows1250,
  kWindows1251,
  kWindows1253,
  kWindows1254,
  kWindows1255,
  kWindows1256,
  kWindows1257,
  kWindows1258,
  kMacRoman,
  kCp437,
  kKoi8R,
  kPageCount,
};

struct Page {
  const char* name;       // as --explain shows it, e.g. "windows-1252"
  char32_t high[128];     // code point of each byte 0x80..0xFF (undefined bytes: themselves)
};

extern const Page kPages[kPageCount];

}  // namespace winnow::codepages
