// The metadata record: what finish_metadata() takes from dropped bylines and datelines, and
// how record_with_metadata() adds the fields to a JSON Lines record.
#include "winnow/metadata.h"

#include <gtest/gtest.h>

#include "winnow/document.h"
#include "winnow/jsonl.h"

namespace winnow {
namespace {

Block dropped(std::string text, std::string reason) {
  Block b;
  b.text = std::move(text);
  b.verdict = Verdict::kDrop;
  b.reason = std::move(reason);
  return b;
}

Block kept(std::string text) {
  Block b;
  b.text = std::move(text);
  return b;
}

const char* const kArticle = "The council voted on Tuesday to keep the central library open until nine.";

TEST(Metadata, BylineLineGivesTheAuthorWithoutOpenerOrDate) {
  Document doc;
  doc.blocks = {dropped("Photo: Jane Archive", "byline"), dropped("By James Kitfield 2/12/2016", "byline"),
                kept(kArticle)};
  finish_metadata(doc, kArticle);
  EXPECT_EQ(doc.meta.byline, "James Kitfield");  // a photo credit names no author
  EXPECT_EQ(doc.meta.date, "2016-02-12");
  EXPECT_EQ(doc.meta.language, "en");
}

TEST(Metadata, NameStopsAtLowerCaseWordsButKeepsParticles) {
  Document doc;
  doc.blocks = {dropped("Von Moritz Bachmann publiziert am 25. September 2018", "byline"), kept(kArticle)};
  finish_metadata(doc, kArticle);
  EXPECT_EQ(doc.meta.byline, "Moritz Bachmann");
  EXPECT_EQ(doc.meta.date, "2018-09-25");
  doc = {};
  doc.blocks = {dropped("By Ludwig van Beethoven and Clara Schumann", "byline"), kept(kArticle)};
  finish_metadata(doc, kArticle);
  EXPECT_EQ(doc.meta.byline, "Ludwig van Beethoven and Clara Schumann");
}

TEST(Metadata, DatelineNearestTheArticleWins) {
  Document doc;
  // A clock at the top of the page is further from the article than its dateline.
  doc.blocks = {dropped("Fri Sep 30 2022, 02:32 AM", "lead"), kept("Headline of the story"),
                dropped("June 23, 2015", "date"), kept(kArticle)};
  finish_metadata(doc, kArticle);
  EXPECT_EQ(doc.meta.date, "2015-06-23");
}

TEST(Metadata, ShortLineJustBeforeTheArticleIsADateline) {
  Document doc;
  doc.blocks = {dropped("Home News Sport", "nav"), dropped("18 NOV 2019", "outside"), kept(kArticle)};
  finish_metadata(doc, kArticle);
  EXPECT_EQ(doc.meta.date, "2019-11-18");
  // A sentence that names a date is not a dateline, nor is a line after the article.
  doc = {};
  doc.blocks = {dropped("The museum, which opened on June 23, 2015, said that visitors would be asked to book their "
                        "tickets before they come.",
                        "outside"),
                kept(kArticle), dropped("June 23, 2015", "footer")};
  finish_metadata(doc, kArticle);
  EXPECT_EQ(doc.meta.date, "");
}

TEST(Metadata, ThePagesOwnDateAndBylineComeFirst) {
  Document doc;
  doc.meta.date = "Mon, 18 Nov 2019 10:25:00 -0500";
  doc.meta.byline = "Jane Roe";
  doc.blocks = {dropped("By John Doe June 23, 2015", "byline"), kept(kArticle)};
  finish_metadata(doc, kArticle);
  EXPECT_EQ(doc.meta.date, "2019-11-18T10:25:00-05:00");
  EXPECT_EQ(doc.meta.byline, "Jane Roe");
}

TEST(Metadata, RecordGetsTheFieldsItLacks) {
  std::string error;
  auto rec = JsonRecord::parse(R"({"id":1,"title":"Own","text":"x"})", &error);
  ASSERT_TRUE(rec) << error;
  Metadata m;
  m.title = "Found";
  m.date = "2019-11-18";
  m.language = "en";
  EXPECT_EQ(record_with_metadata(*rec, "text", "y", &m, false),
            R"({"id":1,"title":"Own","text":"y", "date": "2019-11-18", "language": "en"})");
  EXPECT_EQ(record_with_metadata(*rec, "text", "y", &m, true),
            R"({"id":1,"title":"Found","text":"y", "date": "2019-11-18", "language": "en"})");
  EXPECT_EQ(record_with_metadata(*rec, "text", "y", nullptr, true), R"({"id":1,"title":"Own","text":"y"})");
}

}  // namespace
}  // namespace winnow
