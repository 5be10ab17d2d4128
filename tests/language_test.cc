#include "winnow/language.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow {
namespace {

TEST(DetectLanguage, CommonLanguages) {
  struct Case {
    const char* text;
    const char* code;
  } cases[] = {
      {"The city council voted on Tuesday to expand the bus network, adding three new routes that will connect "
       "the northern suburbs with the hospital district and the university.",
       "en"},
      {"Le conseil municipal a voté mardi l'extension du réseau de bus, avec trois nouvelles lignes qui relieront "
       "les quartiers du nord à l'hôpital et à l'université.",
       "fr"},
      {"Der Stadtrat hat am Dienstag beschlossen, das Busnetz zu erweitern und drei neue Linien einzurichten, die "
       "die nördlichen Vororte mit dem Krankenhaus und der Universität verbinden.",
       "de"},
      {"\xD0\x93\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB4\xD1\x81\xD0\xBA\xD0\xBE\xD0\xB9 \xD1\x81\xD0\xBE\xD0\xB2\xD0\xB5\xD1"
       "\x82 \xD0\xBF\xD1\x80\xD0\xB8\xD0\xBD\xD1\x8F\xD0\xBB \xD1\x80\xD0\xB5\xD1\x88\xD0\xB5\xD0\xBD\xD0\xB8\xD0\xB5"
       " \xD1\x80\xD0\xB0\xD1\x81\xD1\x88\xD0\xB8\xD1\x80\xD0\xB8\xD1\x82\xD1\x8C \xD1\x81\xD0\xB5\xD1\x82\xD1\x8C "
       "\xD0\xB0\xD0\xB2\xD1\x82\xD0\xBE\xD0\xB1\xD1\x83\xD1\x81\xD0\xBE\xD0\xB2 \xD0\xB8 \xD0\xBE\xD1\x82\xD0\xBA\xD1"
       "\x80\xD1\x8B\xD1\x82\xD1\x8C \xD1\x82\xD1\x80\xD0\xB8 \xD0\xBD\xD0\xBE\xD0\xB2\xD1\x8B\xD1\x85 \xD0\xBC\xD0\xB0"
       "\xD1\x80\xD1\x88\xD1\x80\xD1\x83\xD1\x82\xD0\xB0.",  // Russian
       "ru"},
  };
  for (const Case& c : cases) {
    DetectedLanguage d = detect_language(c.text);
    EXPECT_EQ(d.code, c.code) << c.text;
    EXPECT_GT(d.percent, 50) << c.text;
  }
}

TEST(DetectLanguage, UnknownAndBadInput) {
  EXPECT_EQ(detect_language("").code, "");
  EXPECT_EQ(detect_language("12345 67890 !!! ???").code, "");
  // Ill-formed UTF-8 is read as U+FFFD, the rest still counts.
  std::string text = "The city council voted on Tuesday to expand the bus network \xFF\xFE with three new routes "
                     "that connect the northern suburbs with the hospital district.";
  EXPECT_EQ(detect_language(text).code, "en");
}

TEST(PrimaryLanguage, Table) {
  EXPECT_EQ(primary_language("en-US"), "en");
  EXPECT_EQ(primary_language("EN_gb"), "en");
  EXPECT_EQ(primary_language("zh-Hant"), "zh");
  EXPECT_EQ(primary_language("iw"), "he");
  EXPECT_EQ(primary_language("in"), "id");
  EXPECT_EQ(primary_language(""), "");
  EXPECT_EQ(primary_language("e"), "");
  EXPECT_EQ(primary_language("12"), "");
  EXPECT_EQ(primary_language("{{lang}}"), "");
}

}  // namespace
}  // namespace winnow
