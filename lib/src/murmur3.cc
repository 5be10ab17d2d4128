#include "murmur3.h"

namespace winnow::internal {
namespace {

inline std::uint64_t rotl64(std::uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// Little-endian load whatever the host order, so the hash is the same everywhere.
inline std::uint64_t load64(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

Hash128 murmur3_128(std::string_view data, std::uint32_t seed) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t len = data.size();
  const std::size_t nblocks = len / 16;
  std::uint64_t h1 = seed, h2 = seed;
  constexpr std::uint64_t c1 = 0x87c37b91114253d5ULL;
  constexpr std::uint64_t c2 = 0x4cf5ad432745937fULL;

  // The two lanes' key mixing, for the blocks and the tail alike.
  auto mix1 = [&](std::uint64_t k) { return rotl64(k * c1, 31) * c2; };
  auto mix2 = [&](std::uint64_t k) { return rotl64(k * c2, 33) * c1; };
  for (std::size_t i = 0; i < nblocks; ++i) {
    h1 ^= mix1(load64(bytes + i * 16));
    h1 = rotl64(h1, 27);
    h1 += h2;
    h1 = h1 * 5 + 0x52dce729;
    h2 ^= mix2(load64(bytes + i * 16 + 8));
    h2 = rotl64(h2, 31);
    h2 += h1;
    h2 = h2 * 5 + 0x38495ab5;
  }

  // The last LEN % 16 bytes, little-endian: bytes 8.. into k2, bytes 0..7 into k1.
  const unsigned char* tail = bytes + nblocks * 16;
  const std::size_t rest = len & 15;
  std::uint64_t k1 = 0, k2 = 0;
  for (std::size_t i = rest; i-- > 8;) k2 ^= std::uint64_t{tail[i]} << ((i - 8) * 8);
  for (std::size_t i = rest < 8 ? rest : 8; i-- > 0;) k1 ^= std::uint64_t{tail[i]} << (i * 8);
  if (rest > 8) h2 ^= mix2(k2);
  if (rest > 0) h1 ^= mix1(k1);

  h1 ^= len;
  h2 ^= len;
  h1 += h2;
  h2 += h1;
  h1 = fmix64(h1);
  h2 = fmix64(h2);
  h1 += h2;
  h2 += h1;
  return {h1, h2};
}

}  // namespace winnow::internal
