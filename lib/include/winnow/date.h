// winnow/date.h: publication dates as ISO 8601.
//
// Pages and scraped text give dates in many forms: "2019-11-19T10:25:00-05:00", "Mon, 19 Nov
// 2019 10:25:00 -0500", "November 19, 2019 10:25 AM", "Nov. 19, 2019", "19 November 2019",
// "2/12/2016", "19.11.2019", "20191119". iso8601_date() reads them all into one form.
//
// Pure and thread-safe. Any bytes are accepted; what is not a date (or not a valid one: month
// 13, 31 February, a year before 1900 or after 2099) gives an empty string.
#pragma once

#include <string>
#include <string_view>

namespace winnow {

// RAW as ISO 8601: "YYYY-MM-DD" when it has no time of day, else "YYYY-MM-DDThh:mm:ss" and,
// when RAW names one, the UTC offset ("Z", "+01:00"). Month names and abbreviations are
// English, French, German, Spanish, Portuguese, Italian and Dutch (data/months.txt). Numeric
// dates with slashes are month first (US) unless the first number cannot be a month; with dots
// or dashes between day, month and year they are day first.
std::string iso8601_date(std::string_view raw);

// The date a URL's path gives ("/2019/11/19/", "/2019-11-19-", "/20191119/") as "YYYY-MM-DD",
// or empty. Only the path is read, and only a whole year, month and day.
std::string date_in_url(std::string_view url);

}  // namespace winnow
