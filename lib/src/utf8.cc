#include "winnow/utf8.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <cstring>

#include "utf8_simd.h"

namespace winnow::utf8 {

char32_t next(std::string_view s, std::size_t& i, bool* ok) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  unsigned char b0 = p[i];
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  // Table 3-7 of the Unicode standard: the valid range of the second byte depends on the first.
  int len;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t c;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    c = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    c = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;  // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    c = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    ++i;
    if (ok) *ok = false;
    return kReplacement;
  }
  std::size_t j = i + 1;
  for (int k = 1; k < len; ++k, ++j) {
    if (j >= n) {
      i = j;
      if (ok) *ok = false;
      return kReplacement;
    }
    unsigned char b = p[j];
    if (b < lo || b > hi) {
      i = j;  // the maximal subpart ends before the offending byte
      if (ok) *ok = false;
      return kReplacement;
    }
    lo = 0x80;
    hi = 0xBF;
    c = (c << 6) | (b & 0x3F);
  }
  i = j;
  return c;
}

char32_t prev(std::string_view s, std::size_t& i) {
  std::size_t start = i;
  std::size_t k = i;
  // Walk back over at most three continuation bytes to a lead byte, then check the decode
  // ends exactly at i; anything else is one ill-formed byte.
  while (k > 0 && start - k < 4) {
    --k;
    unsigned char b = static_cast<unsigned char>(s[k]);
    if ((b & 0xC0) != 0x80) break;
  }
  std::size_t j = k;
  bool ok = true;
  char32_t c = next(s, j, &ok);
  if (ok && j == start) {
    i = k;
    return c;
  }
  i = start - 1;
  return static_cast<unsigned char>(s[i]) < 0x80 ? static_cast<char32_t>(s[i]) : kReplacement;
}

void append(std::string& out, char32_t c) {
  if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) c = kReplacement;
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool is_ascii(std::string_view s) {
  const char* p = s.data();
  std::size_t n = s.size(), i = 0;
  // Eight bytes at a time: the high bits of a word are all zero only for ASCII.
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) return false;
  }
  return true;
}

std::size_t find_invalid(std::string_view s) {
  // Well-formed text (nearly all) is passed sixteen bytes a step; the loop below finds where
  // ill-formed text goes wrong, and takes short text, where the set-up would cost more.
  static const bool simd = internal::simd_available();
  if (simd && s.size() >= 32 && internal::simd_valid(s)) return s.size();
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char b = p[i];
    if (b < 0x80) {
      // After an ASCII byte, skip ASCII words: text in Latin script is mostly ASCII, and text
      // in other scripts pays for this only at spaces and punctuation.
      ++i;
#ifdef __SSE2__
      // Sixteen bytes a step where SSE2 is there (every x86-64), then eight.
      while (i + 16 <= n && !_mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)))) i += 16;
#endif
      while (i + 8 <= n) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w & 0x8080808080808080ULL) break;
        i += 8;
      }
    } else if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (p[i + 1] & 0xC0) == 0x80) {
      i += 2;
    } else if (b >= 0xE1 && b <= 0xEF && b != 0xED && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 &&
               (p[i + 2] & 0xC0) == 0x80) {
      i += 3;  // three-byte leads whose second byte has the plain 80..BF range
    } else {
      // The rest (E0, ED, four-byte forms, and every error) by the full decoder.
      std::size_t at = i;
      bool ok = true;
      next(s, i, &ok);
      if (!ok) return at;
    }
  }
  return n;
}

std::string sanitize(std::string_view s, std::size_t* replaced) {
  std::size_t bad = find_invalid(s);
  std::size_t count = 0;
  std::string out;
  if (bad == s.size()) {
    out.assign(s);
  } else {
    out.reserve(s.size() + 16);
    out.append(s.substr(0, bad));
    std::size_t i = bad;
    while (i < s.size()) {
      std::size_t at = i;
      bool ok = true;
      char32_t c = next(s, i, &ok);
      if (ok) {
        out.append(s.substr(at, i - at));
      } else {
        append(out, c);
        ++count;
      }
    }
  }
  if (replaced) *replaced = count;
  return out;
}

namespace {

// The surrogate (U+D800..U+DFFF) encoded as three bytes at s[i], or 0.
char32_t surrogate_at(std::string_view s, std::size_t i) {
  if (i + 3 > s.size()) return 0;
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  if (b(0) != 0xED || b(1) < 0xA0 || b(1) > 0xBF || (b(2) & 0xC0) != 0x80) return 0;
  return 0xD000 | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
}

bool modified_nul_at(std::string_view s, std::size_t i) {
  return i + 2 <= s.size() && s[i] == '\xC0' && s[i + 1] == '\x80';
}

}  // namespace

bool valid_cesu8(std::string_view s) {
  std::size_t i = 0;
  while (true) {
    i += find_invalid(s.substr(i));
    if (i >= s.size()) return true;
    if (surrogate_at(s, i)) {
      i += 3;
    } else if (modified_nul_at(s, i)) {
      i += 2;
    } else {
      return false;
    }
  }
}

std::string decode_cesu8(std::string_view s, std::size_t* joined, std::size_t* replaced) {
  std::size_t n_joined = 0, n_replaced = 0;
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t bad = i + find_invalid(s.substr(i));
    out.append(s.substr(i, bad - i));
    i = bad;
    if (i >= s.size()) break;
    char32_t hi = surrogate_at(s, i);
    if (hi >= 0xD800 && hi <= 0xDBFF) {
      char32_t lo = surrogate_at(s, i + 3);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        append(out, 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
        ++n_joined;
        i += 6;
        continue;
      }
    }
    if (hi) {
      append(out, kReplacement);
      ++n_replaced;
      i += 3;
    } else if (modified_nul_at(s, i)) {
      out.push_back('\0');
      i += 2;
    } else {
      next(s, i);
      append(out, kReplacement);
      ++n_replaced;
    }
  }
  if (joined) *joined = n_joined;
  if (replaced) *replaced = n_replaced;
  return out;
}

std::size_t length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    next(s, i);
    ++count;
  }
  return count;
}

}  // namespace winnow::utf8
