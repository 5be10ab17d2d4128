// winnow/utf8.h: UTF-8 primitives shared by every stage.
//
// Pure functions, thread-safe, no allocation except where a std::string is returned.
// Ill-formed input is defined behaviour everywhere: each maximal ill-formed subsequence
// (Unicode 15, section 3.9, "U+FFFD substitution of maximal subparts") counts as one error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point starting at s[i] and advances i past it. On an ill-formed sequence
// returns kReplacement and advances i past the maximal subpart (at least one byte), setting
// *ok to false when ok is given. Requires i < s.size().
char32_t next(std::string_view s, std::size_t& i, bool* ok = nullptr);


// The code point ending just before s[i], moving i back to its first byte; an ill-formed tail
// byte is returned as kReplacement one byte at a time. Requires i > 0.
char32_t prev(std::string_view s, std::size_t& i);

// Appends the UTF-8 encoding of c (surrogates and values above U+10FFFF become U+FFFD).
void append(std::string& out, char32_t c);

// Byte offset of the first ill-formed sequence, or s.size() if s is valid UTF-8.
// Overlong forms, surrogates (CESU-8) and code points above U+10FFFF are ill-formed.
std::size_t find_invalid(std::string_view s);
inline bool valid(std::string_view s) { return find_invalid(s) == s.size(); }

// s with every maximal ill-formed subsequence replaced by U+FFFD. Returns the input unchanged
// (one copy) when it is valid; *replaced, if given, receives the number of replacements.
std::string sanitize(std::string_view s, std::size_t* replaced = nullptr);

// Number of code points in s (ill-formed subsequences count one each).
std::size_t length(std::string_view s);

// True if every byte of s is below 0x80.
bool is_ascii(std::string_view s);

}  // namespace winnow::utf8
