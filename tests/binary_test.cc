// binary_format(): known magic numbers, the general rule, and text that must stay text.
#include "winnow/binary.h"

#include <gtest/gtest.h>

#include <string>

#include "run_tool.h"

namespace winnow {
namespace {

TEST(Binary, MagicNumbersNameTheFormat) {
  struct Case {
    std::string bytes;
    const char* format;
  } cases[] = {
      {std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16), "PNG image"},
      {"\xFF\xD8\xFF\xE0", "JPEG image"},
      {"GIF89a\x01\x00", "GIF image"},
      {"%PDF-1.7\n", "PDF document"},
      {"\x7F" "ELF\x02\x01\x01", "ELF executable"},
      {"\xCF\xFA\xED\xFE", "Mach-O executable"},
      {"PK\x03\x04\x14\x00", "ZIP archive"},
      {"7z\xBC\xAF\x27\x1C", "7z archive"},
      {std::string("\xFD" "7zXZ\0\0", 7), "xz-compressed data"},
      {"BZh91AY&SY", "bzip2-compressed data"},
      {std::string("SQLite format 3\0", 16), "SQLite database"},
      {std::string("\0\0\0\x18" "ftypmp42", 12), "MP4/ISO media"},
      {std::string("RIFF\x24\x08\0\0WEBPVP8 ", 16), "WebP image"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(binary_format(c.bytes), c.format) << c.format << " " << c.bytes.size();
    EXPECT_EQ(binary_magic(c.bytes), c.format) << c.format;
  }
  // A PE executable: "MZ", and "PE\0\0" where the offset at 0x3C points.
  std::string pe(256, '\x90');
  pe.replace(0, 2, "MZ");
  pe[60] = static_cast<char>(128);
  pe[61] = pe[62] = pe[63] = 0;
  pe.replace(128, 4, std::string("PE\0\0", 4));
  EXPECT_EQ(binary_format(pe), "PE executable");
  EXPECT_TRUE(is_unread_compression("xz-compressed data"));
  EXPECT_TRUE(is_unread_compression("bzip2-compressed data"));
  EXPECT_FALSE(is_unread_compression("PNG image"));
}

TEST(Binary, TextThatLooksLikeAMagicNumberIsText) {
  for (const char* text : {"MZ Wallace opened a shop.", "BZh is not bzip2 here", "PK said hello", "GIF89 images",
                           "%PDF is how a PDF starts", "ID3 tags are metadata"}) {
    EXPECT_EQ(binary_format(text), "") << text;
  }
}

TEST(Binary, GeneralRuleNulRunsAndControlBytes) {
  EXPECT_EQ(binary_format(std::string(4096, '\0')), "NUL bytes");
  EXPECT_EQ(binary_format("text" + std::string(8, '\0') + "more"), "NUL bytes");
  EXPECT_EQ(binary_format(std::string(40, '\x01')), "control bytes");
  // Random-looking bytes without a header: a tenth of them are controls.
  std::string noise;
  for (int i = 0; i < 4096; ++i) noise += static_cast<char>((i * 7919) & 0xFF);
  EXPECT_EQ(binary_format(noise), "control bytes");
  EXPECT_EQ(binary_magic(noise), "");  // -z: only the magic numbers apply to a whole stream
}

TEST(Binary, TextStaysText) {
  EXPECT_EQ(binary_format(""), "");
  // Scraper debris: a stray NUL, terminal escapes, C1 bytes (the fix/debris fixture).
  EXPECT_EQ(binary_format(testing::read_file(testing::source_dir() + "/fixtures/fix/debris.in")), "");
  EXPECT_EQ(binary_format("a\x01\x02\x1B[31mred\x1B[0m\x7F\n"), "");  // short: a few controls
  // UTF-16 and UTF-32 without a byte order mark are full of NUL bytes: text.
  const std::string latin = "Plain words in a sentence. ";
  std::string le16, be16, le32;
  for (char c : latin + latin + latin) {
    le16 += std::string{c, '\0'};
    be16 += std::string{'\0', c};
    le32 += std::string{c, '\0', '\0', '\0'};
  }
  EXPECT_EQ(binary_format(le16), "");
  EXPECT_EQ(binary_format(be16), "");
  EXPECT_EQ(binary_format(le32), "");
  EXPECT_EQ(binary_format("\xFF\xFE" + le16), "");
  // UTF-16BE of CJK text (ideographs over the whole block, an ideographic full stop U+3002
  // every tenth character), whose low bytes include controls.
  std::string cjk;
  for (int i = 0; i < 400; ++i) {
    const unsigned c = i % 10 == 9 ? 0x3002 : 0x4E00 + (i * 389) % 0x5000;
    cjk += static_cast<char>(c >> 8);
    cjk += static_cast<char>(c & 0xFF);
  }
  EXPECT_EQ(binary_format(cjk), "");
  // ISO-2022-JP: escapes, which are text.
  EXPECT_EQ(binary_format("\x1B$B$3$s$K$A$O\x1B(B world"), "");
}

}  // namespace
}  // namespace winnow
