// wide_text.h: UTF-16 and UTF-32 without a byte order mark, told by their bytes, shared by decode() and
// binary_format(), which must not call text in those encodings binary. Internal to the library.
#pragma once

#include <string_view>

namespace winnow::internal {

// "UTF-32LE", "UTF-32BE", "UTF-16LE" or "UTF-16BE" when the zero bytes of BYTES (the first
// 8 KiB) fall as they do in text of that encoding without a byte order mark, else nullptr.
const char* utf16_or_32_by_zeros(std::string_view bytes);

// "UTF-16LE" or "UTF-16BE" when BYTES (the first 8 KiB) read as CJK text in that byte order
// and not in the other, else nullptr.
const char* utf16_cjk(std::string_view bytes);

}  // namespace winnow::internal
