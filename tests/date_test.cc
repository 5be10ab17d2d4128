#include "winnow/date.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

TEST(Iso8601Date, Table) {
  struct Case {
    const char* raw;
    const char* iso;
  } cases[] = {
      {"2019-11-19T10:25:00-05:00", "2019-11-19T10:25:00-05:00"},
      {"2019-11-19T15:25:00.000Z", "2019-11-19T15:25:00Z"},
      {"2019-11-19 10:25", "2019-11-19T10:25:00"},
      {"2019-11-19", "2019-11-19"},
      {"2019/11/19", "2019-11-19"},
      {"20191119", "2019-11-19"},
      {"Mon, 19 Nov 2019 10:25:00 -0500", "2019-11-19T10:25:00-05:00"},
      {"Tue, 19 Nov 2019 15:25:00 GMT", "2019-11-19T15:25:00Z"},
      {"November 19, 2019 10:25", "2019-11-19T10:25:00"},
      {"November 19, 2019 10:25 PM", "2019-11-19T22:25:00"},
      {"Nov. 19, 2019, 12:05 a.m.", "2019-11-19T00:05:00"},
      {"Nov. 19, 2019, 1:05 p.m. EST", "2019-11-19T13:05:00"},  // a zone name is not an offset
      {"June 23, 2015", "2015-06-23"},
      {"19 November 2019", "2019-11-19"},
      {"Updated: 19 nov. 2019", "2019-11-19"},
      {"19. November 2019", "2019-11-19"},
      {"19 novembre 2019", "2019-11-19"},
      {"19 de noviembre de 2019", "2019-11-19"},
      {"2/12/2016", "2016-02-12"},    // month first, as in the US
      {"19/11/2019", "2019-11-19"},   // 19 cannot be a month
      {"19.11.2019", "2019-11-19"},   // day first with dots
      {"5/6/19", "2019-05-06"},
      {"2019-02-29", ""},             // not a leap year
      {"2020-02-29", "2020-02-29"},
      {"2019-13-01", ""},
      {"1850-01-01", ""},
      {"yesterday", ""},
      {"", ""},
      {"12:30", ""},
      {"\xFF\xFE garbage 99", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(iso8601_date(c.raw), c.iso) << c.raw;
}

TEST(DateInUrl, Table) {
  EXPECT_EQ(date_in_url("https://example.com/news/2019/11/19/bus-routes.html"), "2019-11-19");
  EXPECT_EQ(date_in_url("https://example.com/2019-11-19-bus-routes"), "2019-11-19");
  EXPECT_EQ(date_in_url("https://example.com/story/20191119/bus"), "2019-11-19");
  EXPECT_EQ(date_in_url("https://example.com/2019/11/bus-routes"), "");      // no day
  EXPECT_EQ(date_in_url("https://example.com/2019/13/40/x"), "");            // not a date
  EXPECT_EQ(date_in_url("https://2019.example.com/a?d=2019/11/19"), "");     // not in the path
  EXPECT_EQ(date_in_url("https://example.com/id/1234567890123/x"), "");      // a longer number
  EXPECT_EQ(date_in_url(""), "");
}

TEST(Iso8601Date, OutputReadsBackAsItself) {
  for (const char* raw : {"Mon, 19 Nov 2019 10:25:00 -0500", "June 23, 2015", "2019-11-19T15:25:00Z", "5/6/19"}) {
    std::string iso = iso8601_date(raw);
    EXPECT_EQ(iso8601_date(iso), iso) << raw;
  }
}

}  // namespace
}  // namespace winnow
