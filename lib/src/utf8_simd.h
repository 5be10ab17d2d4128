// utf8_simd.h: a vectorised check that text is well-formed UTF-8, sixteen bytes a step, for
// the processors that have SSSE3 (nearly every x86-64 made since 2006). The algorithm is
// Keiser and Lemire's ("Validating UTF-8 in less than one instruction per byte", 2021): three
// table look-ups on the nibbles of each byte and of the byte before it tell every error of
// Table 3-7 of the Unicode standard. Internal.
#pragma once

#include <string_view>

namespace winnow::utf8::internal {

// Whether simd_valid() can run on this processor.
bool simd_available();

// Whether S is well-formed UTF-8: the same answer as find_invalid(s) == s.size(). Call only
// when simd_available().
bool simd_valid(std::string_view s);

}  // namespace winnow::utf8::internal
