#include "winnow/decode.h"

#include <gtest/gtest.h>

#include "winnow/utf8.h"

namespace winnow {
namespace {

TEST(Decode, Utf8PassesThrough) {
  Decoded d = decode("caf\xC3\xA9");
  EXPECT_EQ(d.text, "caf\xC3\xA9");
  EXPECT_EQ(d.encoding, "UTF-8");
}

TEST(Decode, BomsDecideAndAreRemoved) {
  EXPECT_EQ(decode("\xEF\xBB\xBFhi").text, "hi");
  EXPECT_EQ(decode(std::string("\xFF\xFEh\0i\0", 6)).text, "hi");
  EXPECT_EQ(decode(std::string("\xFE\xFF\0h\0i", 6)).text, "hi");
  EXPECT_TRUE(decode("\xEF\xBB\xBFhi").bom);
}

TEST(Decode, LegacyEncodingIsDetected) {
  // A French sentence in Windows-1252: e-acute is 0xE9.
  std::string latin = "Le gouvernement a annonc\xE9 une r\xE9" "forme des \xE9tudes sup\xE9rieures et de l'\xE9" "conomie.";
  Decoded d = decode(latin);
  EXPECT_TRUE(utf8::valid(d.text));
  EXPECT_NE(d.text.find("annonc\xC3\xA9"), std::string::npos) << d.encoding;
}

TEST(Decode, ForcedEncoding) {
  DecodeOptions opt;
  opt.from = "windows-1251";
  EXPECT_EQ(decode("\xCF\xF0\xE8", opt).text, "\xD0\x9F\xD1\x80\xD0\xB8");  // "При"
  EXPECT_TRUE(is_known_encoding("koi8-r"));
  EXPECT_FALSE(is_known_encoding("no-such-encoding"));
}

TEST(Decode, AlwaysValidUtf8) {
  std::uint32_t seed = 7;
  for (int round = 0; round < 300; ++round) {
    std::string s;
    for (int k = 0; k < round; ++k) {
      seed = seed * 1664525u + 1013904223u;
      s.push_back(static_cast<char>(seed >> 24));
    }
    ASSERT_TRUE(utf8::valid(decode(s).text));
  }
}

}  // namespace
}  // namespace winnow
