#include "winnow/decode.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/unistr.h>

#include <cstdio>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "run_tool.h"
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

bool encode_as(const std::string& utf8, const char* encoding, std::string& out);

TEST(Decode, Utf16And32WithoutBomFromZeroBytes) {
  const std::string text = "Le caf\xC3\xA9 est ferm\xC3\xA9 le lundi.";
  for (const char* enc : {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}) {
    std::string bytes;  // ICU writes no byte order mark for the LE/BE forms
    ASSERT_TRUE(encode_as(text, enc, bytes));
    Decoded d = decode(bytes);
    EXPECT_EQ(d.text, text) << enc;
    EXPECT_EQ(d.encoding.substr(0, 6), std::string(enc).substr(0, 6)) << enc;
  }
}

TEST(Decode, MarkupDeclaresItsEncoding) {
  // "Привет" in Windows-1251 and in KOI8-R: the declaration decides between them.
  std::string cp1251 = "<html><head><meta charset=\"windows-1251\"></head><body>\xCF\xF0\xE8\xE2\xE5\xF2</body></html>";
  EXPECT_NE(decode(cp1251).text.find("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"), std::string::npos);
  std::string koi8 =
      "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=KOI8-R\">"
      "</head><body>\xF0\xD2\xC9\xD7\xC5\xD4</body></html>";
  Decoded d = decode(koi8);
  EXPECT_EQ(d.encoding, "KOI8-R");
  EXPECT_NE(d.text.find("\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82"), std::string::npos);
  std::string xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><a>\xB1</a>";  // ą
  EXPECT_NE(decode(xml).text.find("\xC4\x85"), std::string::npos);
  // A latin1 label means Windows-1252, as in browsers: 0x93 is a left double quote.
  std::string latin1 = "<html><meta charset=latin1><p>\x93x\x94</p></html>";
  EXPECT_NE(decode(latin1).text.find("\xE2\x80\x9Cx\xE2\x80\x9D"), std::string::npos);
}

TEST(Decode, MostlyUtf8StaysUtf8) {
  // Valid UTF-8 with one stray Windows-1252 byte: the stray byte becomes U+FFFD.
  std::string s = "Caf\xC3\xA9 cr\xC3\xA8me br\xC3\xBBl\xC3\xA9" "e d\xC3\xA9j\xC3\xA0 vu \x93";
  Decoded d = decode(s);
  EXPECT_EQ(d.encoding, "UTF-8");
  EXPECT_EQ(d.replaced, 1u);
  // Short UTF-8 with a single non-ASCII character is UTF-8.
  EXPECT_EQ(decode("na\xC3\xAFve").encoding, "UTF-8");
}

TEST(Decode, Cesu8IsJoined) {
  Decoded d = decode("x\xED\xA0\xBD\xED\xB8\x80");
  EXPECT_EQ(d.encoding, "CESU-8");
  EXPECT_EQ(d.text, "x\xF0\x9F\x98\x80");
}

// Encodes UTF8 in ENCODING with ICU; false when the encoding cannot represent it.
bool encode_as(const std::string& utf8, const char* encoding, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(encoding, &status);
  if (U_FAILURE(status)) return false;
  ucnv_setFromUCallBack(conv, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
  out.assign(utf8.size() * 4 + 16, '\0');
  int32_t n = ucnv_fromUChars(conv, out.data(), static_cast<int32_t>(out.size()), u.getBuffer(), u.length(), &status);
  ucnv_close(conv);
  if (U_FAILURE(status)) return false;
  out.resize(static_cast<std::size_t>(n));
  return true;
}

// The same news texts in nine languages, each in the Unicode encodings and in the legacy
// encodings pages in that language use: decode() must give each text back. The accuracy is
// printed and has a floor.
TEST(Decode, DetectionAccuracyOverLanguagesAndEncodings) {
  const std::vector<const char*> kUnicode = {"UTF-8", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"};
  const std::map<std::string, std::vector<const char*>> kLegacy = {
      {"en", {"windows-1252", "ISO-8859-1", "ISO-8859-15"}},
      {"fr", {"windows-1252", "ISO-8859-1", "ISO-8859-15"}},
      {"de", {"windows-1252", "ISO-8859-1", "ISO-8859-15"}},
      {"pl", {"windows-1250", "ISO-8859-2"}},
      {"ru", {"windows-1251", "KOI8-R", "ISO-8859-5", "IBM866"}},
      {"ar", {"windows-1256", "ISO-8859-6"}},
      {"el", {"windows-1253", "ISO-8859-7"}},
      {"ja", {"Shift_JIS", "EUC-JP", "ISO-2022-JP"}},
      {"zh", {"GB18030", "GBK"}},
      {"zh-tw", {"Big5", "GB18030"}},
  };
  std::istringstream lines(testing::read_file(testing::source_dir() + "/tests/data/detect-texts.txt"));
  int total = 0, correct = 0;
  std::set<std::string> encodings_used;
  std::string failures;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::string lang = line.substr(0, line.find('\t'));
    std::string text = line.substr(line.find('\t') + 1);
    std::vector<const char*> encodings = kUnicode;
    encodings.insert(encodings.end(), kLegacy.at(lang).begin(), kLegacy.at(lang).end());
    for (const char* enc : encodings) {
      std::string bytes;
      if (!encode_as(text, enc, bytes)) continue;
      ++total;
      encodings_used.insert(enc);
      Decoded d = decode(bytes);
      if (d.text == text) {
        ++correct;
      } else {
        failures += "  " + lang + " in " + enc + " decoded as " + d.encoding + "\n";
      }
    }
  }
  double accuracy = static_cast<double>(correct) / total;
  std::printf("charset detection: %d of %d correct (%.1f%%) over %zu encodings\n%s", correct, total,
              100 * accuracy, encodings_used.size(), failures.c_str());
  EXPECT_GE(encodings_used.size(), 13u);
  EXPECT_GE(accuracy, 0.99) << failures;
}

}  // namespace
}  // namespace winnow
