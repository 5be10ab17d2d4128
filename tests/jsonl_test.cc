#include "winnow/jsonl.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

TEST(JsonRecord, ReplacesOnlyTheField) {
  std::string line = R"({"id": 7,  "text":"a\u00e9\n", "n": 1.50e3, "tags":["x", {"y":"}"}]})";
  std::string error;
  auto rec = JsonRecord::parse(line, &error);
  ASSERT_TRUE(rec) << error;
  EXPECT_EQ(*rec->string("text"), "a\xC3\xA9\n");
  EXPECT_EQ(rec->with_string("text", "new \"q\"\n"),
            R"({"id": 7,  "text":"new \"q\"\n", "n": 1.50e3, "tags":["x", {"y":"}"}]})");
}

TEST(JsonRecord, AppendsAbsentField) {
  std::string error;
  auto rec = JsonRecord::parse(R"({"url":"u"} )", &error);
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->with_string("text", "t"), R"({"url":"u", "text": "t"} )");
  auto empty = JsonRecord::parse("{}", &error);
  EXPECT_EQ(empty->with_string("text", "t"), R"({"text": "t"})");
}

TEST(JsonRecord, RejectsMalformedAndNonObjects) {
  std::string error;
  EXPECT_FALSE(JsonRecord::parse(R"({"text": "unterminated)", &error));
  EXPECT_NE(error.find("invalid JSON"), std::string::npos);
  EXPECT_FALSE(JsonRecord::parse("[1,2]", &error));
  EXPECT_EQ(error, "not a JSON object");
  EXPECT_FALSE(JsonRecord::parse("", &error));
}

TEST(JsonRecord, DuplicateKeysLastWins) {
  std::string error;
  auto rec = JsonRecord::parse(R"({"text":"first","text":"second"})", &error);
  ASSERT_TRUE(rec);
  EXPECT_EQ(*rec->string("text"), "second");
  EXPECT_EQ(rec->with_string("text", "x"), R"({"text":"first","text":"x"})");
}

TEST(JsonRecord, NonStringFieldAndInvalidUtf8) {
  std::string error;
  auto rec = JsonRecord::parse(R"({"text": 5})", &error);
  bool present = false;
  EXPECT_FALSE(rec->string("text", &present));
  EXPECT_TRUE(present);
  auto bad = JsonRecord::parse("{\"text\": \"a\xFF\"}", &error);
  ASSERT_TRUE(bad) << error;
  EXPECT_EQ(*bad->string("text"), "a\xEF\xBF\xBD");
}

TEST(JsonRecord, LoneSurrogateEscapesBecomeReplacementCharacters) {
  std::string error;
  std::string line = R"({"k\udc00": "\ud800", "text": "a\ud83d\ude00b\udfff\\udc00"})";
  auto rec = JsonRecord::parse(line, &error);
  ASSERT_TRUE(rec) << error;
  // A lone high and a lone low surrogate become U+FFFD; the pair is an emoji; "\\udc00" is
  // an escaped backslash followed by text, not an escape.
  EXPECT_EQ(*rec->string("text"), "a\xF0\x9F\x98\x80" "b\xEF\xBF\xBD\\udc00");
  EXPECT_EQ(*rec->string("k\xEF\xBF\xBD"), "\xEF\xBF\xBD");
  // The other bytes pass through as they were, but for the lone surrogates, which strict parsers
  // reject: they are written as U+FFFD and counted.
  std::size_t repaired = 0;
  EXPECT_EQ(rec->with_string("text", "x", &repaired), R"({"k\ufffd": "\ufffd", "text": "x"})");
  EXPECT_EQ(repaired, 2u);
}

TEST(JsonQuote, EscapesControls) {
  EXPECT_EQ(json_quote(std::string("a\"\\\n\t\x01", 6)), R"("a\"\\\n\t\u0001")");
  EXPECT_EQ(json_quote("\xC3\xA9"), "\"\xC3\xA9\"");
}

}  // namespace
}  // namespace winnow
