// murmur3.h: MurmurHash3_x64_128 (Austin Appleby, public domain), the fixed 128-bit hash of
// the dedupe index. Internal to the library. Its output is part of the index file format: never
// change it without bumping the format version (dedupe_corpus.cc, kFormatVersion).
#pragma once

#include <cstdint>
#include <string_view>

namespace winnow::internal {

struct Hash128 {
  std::uint64_t hi = 0, lo = 0;  // h1 and h2 of the reference implementation

  friend bool operator==(const Hash128&, const Hash128&) = default;
  friend auto operator<=>(const Hash128& a, const Hash128& b) = default;
};

// MurmurHash3_x64_128 of DATA with SEED, identical to the reference MurmurHash3.cpp on a
// little-endian machine (the hash is defined on bytes; this code reads them portably).
Hash128 murmur3_128(std::string_view data, std::uint32_t seed);

// The 64-bit finaliser of MurmurHash3: a fast bijective mix of all 64 bits.
inline std::uint64_t fmix64(std::uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdULL;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ULL;
  k ^= k >> 33;
  return k;
}

}  // namespace winnow::internal
