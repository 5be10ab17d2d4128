#include "utf8_simd.h"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define WINNOW_UTF8_SIMD 1
#endif

namespace winnow::utf8::internal {

#ifdef WINNOW_UTF8_SIMD
namespace {

// The error classes, one bit each: what a byte and the byte before it can be wrong in.
constexpr std::uint8_t kTooShort = 1 << 0;      // a lead not followed by a continuation
constexpr std::uint8_t kTooLong = 1 << 1;       // a continuation after ASCII
constexpr std::uint8_t kOverlong3 = 1 << 2;     // E0 80..9F
constexpr std::uint8_t kTooLarge = 1 << 3;      // beyond U+10FFFF
constexpr std::uint8_t kSurrogate = 1 << 4;     // ED A0..BF
constexpr std::uint8_t kOverlong2 = 1 << 5;     // C0, C1
constexpr std::uint8_t kTooLarge1000 = 1 << 6;  // F4 90.. and F5..FF
constexpr std::uint8_t kOverlong4 = 1 << 6;     // F0 80..8F
constexpr std::uint8_t kTwoConts = 1 << 7;      // a continuation after a continuation
constexpr std::uint8_t kCarry = kTooShort | kTooLong | kTwoConts;

// By the high nibble of the byte before.
alignas(16) constexpr std::uint8_t kPrevHigh[16] = {
    kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong, kTooLong,  // ASCII
    kTwoConts, kTwoConts, kTwoConts, kTwoConts,                                      // continuations
    kTooShort | kOverlong2,                                                          // C0..CF
    kTooShort,                                                                       // D0..DF
    kTooShort | kOverlong3 | kSurrogate,                                             // E0..EF
    kTooShort | kTooLarge | kTooLarge1000 | kOverlong4,                              // F0..FF
};
// By the low nibble of the byte before.
alignas(16) constexpr std::uint8_t kPrevLow[16] = {
    kCarry | kOverlong3 | kOverlong2 | kOverlong4,  // _0
    kCarry | kOverlong2,                            // _1
    kCarry,
    kCarry,
    kCarry | kTooLarge,  // _4
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000 | kSurrogate,  // _D
    kCarry | kTooLarge | kTooLarge1000,
    kCarry | kTooLarge | kTooLarge1000,
};
// By the high nibble of the byte itself.
alignas(16) constexpr std::uint8_t kHigh[16] = {
    kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort, kTooShort,  // ASCII
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge1000 | kOverlong4,            // 80..8F
    kTooLong | kOverlong2 | kTwoConts | kOverlong3 | kTooLarge,                             // 90..9F
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,                             // A0..AF
    kTooLong | kOverlong2 | kTwoConts | kSurrogate | kTooLarge,                             // B0..BF
    kTooShort, kTooShort, kTooShort, kTooShort,                                             // leads
};
// A block ending in a byte above these (a lead whose sequence goes on) continues in the next.
alignas(16) constexpr std::uint8_t kLastComplete[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                        0xFF, 0xFF, 0xFF, 0xFF, 0xEF, 0xDF, 0xBF};

class Checker {
 public:
  __attribute__((target("ssse3"))) Checker()
      : prev_high_(load(kPrevHigh)),
        prev_low_(load(kPrevLow)),
        high_(load(kHigh)),
        last_complete_(load(kLastComplete)),
        error_(_mm_setzero_si128()),
        prev_(_mm_setzero_si128()),
        incomplete_(_mm_setzero_si128()) {}

  __attribute__((target("ssse3"))) void add(__m128i in) {
    if (_mm_movemask_epi8(in) == 0) {
      error_ = _mm_or_si128(error_, incomplete_);  // a sequence cut short by ASCII
      incomplete_ = _mm_setzero_si128();
    } else {
      const __m128i nibble = _mm_set1_epi8(0x0F);
      const __m128i prev1 = _mm_alignr_epi8(in, prev_, 15);
      __m128i special = _mm_and_si128(
          _mm_and_si128(_mm_shuffle_epi8(prev_high_, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble)),
                        _mm_shuffle_epi8(prev_low_, _mm_and_si128(prev1, nibble))),
          _mm_shuffle_epi8(high_, _mm_and_si128(_mm_srli_epi16(in, 4), nibble)));
      // Two bytes after a three- or four-byte lead, and three after a four-byte one, must be
      // continuations: their kTwoConts bit is expected there, and an error anywhere else.
      const __m128i third =
          _mm_subs_epu8(_mm_alignr_epi8(in, prev_, 14), _mm_set1_epi8(static_cast<char>(0xE0 - 0x80)));
      const __m128i fourth =
          _mm_subs_epu8(_mm_alignr_epi8(in, prev_, 13), _mm_set1_epi8(static_cast<char>(0xF0 - 0x80)));
      const __m128i must = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8(static_cast<char>(0x80)));
      error_ = _mm_or_si128(error_, _mm_xor_si128(must, special));
      incomplete_ = _mm_subs_epu8(in, last_complete_);
    }
    prev_ = in;
  }

  __attribute__((target("ssse3"))) bool valid() const {
    const __m128i all = _mm_or_si128(error_, incomplete_);
    return _mm_movemask_epi8(_mm_cmpeq_epi8(all, _mm_setzero_si128())) == 0xFFFF;
  }

  // Whether an error has been seen so far (a sequence still open at the end is not one yet).
  __attribute__((target("ssse3"))) bool failed() const {
    return _mm_movemask_epi8(_mm_cmpeq_epi8(error_, _mm_setzero_si128())) != 0xFFFF;
  }

 private:
  __attribute__((target("ssse3"))) static __m128i load(const std::uint8_t* table) {
    return _mm_load_si128(reinterpret_cast<const __m128i*>(table));
  }

  __m128i prev_high_, prev_low_, high_, last_complete_;
  __m128i error_, prev_, incomplete_;
};

}  // namespace

bool simd_available() {
  static const bool ssse3 = [] {
    __builtin_cpu_init();  // in case this runs before the constructors that would do it
    return __builtin_cpu_supports("ssse3") != 0;
  }();
  return ssse3;
}

__attribute__((target("ssse3"))) bool simd_valid(std::string_view s) {
  Checker checker;
  const char* p = s.data();
  const std::size_t n = s.size();
  std::size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    checker.add(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)));
    // Every 1 KiB, stop at an error already seen: ill-formed text is handed back early.
    if ((i & 1023) == 1008 && checker.failed()) return false;
  }
  if (i < n) {
    alignas(16) char tail[16] = {};  // ASCII NULs after the last bytes
    std::memcpy(tail, p + i, n - i);
    checker.add(_mm_load_si128(reinterpret_cast<const __m128i*>(tail)));
  }
  return checker.valid();
}

#else

bool simd_available() { return false; }
bool simd_valid(std::string_view) { return false; }

#endif

}  // namespace winnow::utf8::internal
