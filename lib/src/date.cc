#include "winnow/date.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <vector>

#include "data.h"

namespace winnow {
namespace {

// A run of digits, of letters, or one other character (separators, signs).
struct Token {
  enum Kind { kNumber, kWord, kSymbol } kind;
  std::string text;  // words lower case
};

std::vector<Token> tokenize(std::string_view raw) {
  std::vector<Token> out;
  for (std::size_t i = 0; i < raw.size() && out.size() < 64;) {
    unsigned char c = static_cast<unsigned char>(raw[i]);
    auto run = [&](Token::Kind kind, auto pred) {
      std::string text;
      while (i < raw.size() && pred(static_cast<unsigned char>(raw[i]))) {
        text.push_back(static_cast<char>(kind == Token::kWord && raw[i] >= 'A' && raw[i] <= 'Z' ? raw[i] | 0x20 : raw[i]));
        ++i;
      }
      out.push_back({kind, std::move(text)});
    };
    if (c >= '0' && c <= '9') {
      run(Token::kNumber, [](unsigned char b) { return b >= '0' && b <= '9'; });
    } else if (((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80) {  // letters, and UTF-8 (é, ä)
      run(Token::kWord, [](unsigned char b) { return ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || b >= 0x80; });
    } else {
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out.push_back({Token::kSymbol, std::string(1, raw[i])});
      ++i;
    }
  }
  return out;
}

int month_of(const std::string& word) {
  static const std::map<std::string, int, std::less<>> kMonths = [] {
    std::map<std::string, int, std::less<>> m;
    for (std::string_view line : data::lines("months.txt")) {
      int month = std::atoi(std::string(line.substr(0, line.find(' '))).c_str());
      for (std::size_t at = line.find(' '); at != std::string_view::npos;) {
        std::size_t end = line.find(' ', at + 1);
        m.emplace(std::string(line.substr(at + 1, end == std::string_view::npos ? end : end - at - 1)), month);
        at = end;
      }
    }
    return m;
  }();
  auto it = kMonths.find(word);
  return it == kMonths.end() ? 0 : it->second;
}

struct Date {
  Date() = default;
  Date(int y, int m, int d) : year(y), month(m), day(d) {}
  int year = 0, month = 0, day = 0;
  int hour = -1, minute = 0, second = 0;
  std::string offset;  // "Z", "+01:00", or empty
};

bool valid_day(const Date& d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1900 || d.year > 2099 || d.month < 1 || d.month > 12 || d.day < 1) return false;
  bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  return d.day <= (d.month == 2 && !leap ? 28 : kDays[d.month - 1]);
}

int number(const Token& t) { return t.text.size() > 4 ? -1 : std::atoi(t.text.c_str()); }

// The day, month and year, from the tokens before index END; true when they make a date.
// Reads "2019-11-19", "20191119", "19 November 2019", "November 19, 2019", "2/12/2016",
// "19.11.2019".
bool read_day(const std::vector<Token>& t, Date& d, std::size_t& end) {
  std::vector<std::size_t> numbers;
  int month_word = 0;
  char separator = 0;
  for (end = 0; end < t.size() && numbers.size() < 3; ++end) {
    const Token& k = t[end];
    if (k.kind == Token::kNumber) {
      if (k.text.size() == 8 && numbers.empty() && !month_word) {  // 20191119
        d = Date(std::atoi(k.text.substr(0, 4).c_str()), std::atoi(k.text.substr(4, 2).c_str()),
                 std::atoi(k.text.substr(6, 2).c_str()));
        ++end;
        return valid_day(d);
      }
      numbers.push_back(end);
      if (month_word && numbers.size() == 2) {
        ++end;
        break;
      }
    } else if (k.kind == Token::kWord && !month_word) {
      month_word = month_of(k.text);
    } else if (k.kind == Token::kSymbol && k.text == ":" && !numbers.empty()) {
      return false;  // a time of day before a whole date: not a date we can read
    } else if (k.kind == Token::kSymbol && !separator && numbers.size() == 1) {
      separator = k.text[0];
    }
  }
  if (month_word) {
    if (numbers.size() < 2) return false;
    int a = number(t[numbers[0]]), b = number(t[numbers[1]]);
    bool year_first = t[numbers[0]].text.size() == 4;
    d = Date(year_first ? a : b, month_word, year_first ? b : a);
    return valid_day(d);
  }
  if (numbers.size() < 3) return false;
  int a = number(t[numbers[0]]), b = number(t[numbers[1]]), c = number(t[numbers[2]]);
  if (t[numbers[0]].text.size() == 4) {
    d = Date(a, b, c);  // 2019-11-19, 2019/11/19
  } else if (separator == '/') {
    d = a > 12 ? Date(c, b, a) : Date(c, a, b);  // US month first, unless it cannot be a month
  } else {
    d = Date(c, b, a);  // 19.11.2019, 19-11-2019
  }
  if (t[numbers[2]].text.size() == 2 && t[numbers[0]].text.size() != 4) d.year += d.year < 70 ? 2000 : 1900;
  return valid_day(d);
}

// The time of day and UTC offset in the tokens from FROM: "10:25", "10:25:00.000", "10:25 PM",
// "-0500", "+01:00", "Z", "GMT".
void read_time(const std::vector<Token>& t, std::size_t from, Date& d) {
  std::size_t i = from;
  while (i < t.size() && !(t[i].kind == Token::kNumber && i + 2 < t.size() && t[i + 1].text == ":")) ++i;
  if (i + 2 >= t.size() || t[i + 2].kind != Token::kNumber) return;
  int hour = number(t[i]), minute = number(t[i + 2]), second = 0;
  i += 3;
  if (i + 1 < t.size() && t[i].text == ":" && t[i + 1].kind == Token::kNumber) {
    second = number(t[i + 1]);
    i += 2;
  }
  if (i + 1 < t.size() && t[i].text == "." && t[i + 1].kind == Token::kNumber) i += 2;  // fractions
  // "PM", "pm", "p.m." (the dotted form is three tokens).
  std::string meridiem = i < t.size() && t[i].kind == Token::kWord ? t[i].text : "";
  std::size_t after = i + 1;
  if ((meridiem == "a" || meridiem == "p") && i + 2 < t.size() && t[i + 1].text == "." && t[i + 2].text == "m") {
    meridiem += "m";
    after = i + 3;
  }
  if (meridiem == "am" || meridiem == "pm") {
    if (hour < 1 || hour > 12) return;
    hour = hour % 12 + (meridiem == "pm" ? 12 : 0);
    i = after;
    if (i < t.size() && t[i].text == ".") ++i;
  } else if (i < t.size() && t[i].kind == Token::kWord && t[i].text.size() == 1 && t[i].text[0] == 'z') {
    d.offset = "Z";
  }
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return;
  d.hour = hour;
  d.minute = minute;
  d.second = second;
  if (i < t.size() && t[i].kind == Token::kWord && (t[i].text == "gmt" || t[i].text == "utc" || t[i].text == "z")) {
    d.offset = "Z";
  } else if (i + 1 < t.size() && (t[i].text == "+" || t[i].text == "-") && t[i + 1].kind == Token::kNumber) {
    std::string hh = t[i + 1].text, mm = "00";
    if (hh.size() == 4) {
      mm = hh.substr(2);
      hh = hh.substr(0, 2);
    } else if (i + 3 < t.size() && t[i + 2].text == ":" && t[i + 3].kind == Token::kNumber) {
      mm = t[i + 3].text;
    }
    if (hh.size() == 1) hh = "0" + hh;
    if (hh.size() == 2 && mm.size() == 2 && number({Token::kNumber, hh}) <= 14 && number({Token::kNumber, mm}) < 60) {
      d.offset = (hh == "00" && mm == "00") ? "Z" : t[i].text + hh + ":" + mm;
    }
  }
}

}  // namespace

std::string iso8601_date(std::string_view raw) {
  std::vector<Token> tokens = tokenize(raw);
  Date d;
  std::size_t end = 0;
  if (!read_day(tokens, d, end)) return {};
  read_time(tokens, end, d);
  char buf[40];
  if (d.hour < 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month, d.day, d.hour, d.minute,
                  std::min(d.second, 59));
  }
  return std::string(buf) + (d.hour < 0 ? std::string() : d.offset);
}

std::string date_in_url(std::string_view url) {
  std::size_t scheme = url.find("://");
  std::size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return {};
  url = url.substr(path, url.find_first_of("?#", path) - path);
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > url.size()) return -1;
    int v = 0;
    for (std::size_t k = at; k < at + n; ++k) {
      if (url[k] < '0' || url[k] > '9') return -1;
      v = v * 10 + (url[k] - '0');
    }
    return v;
  };
  auto boundary = [&](std::size_t at) { return at >= url.size() || !(url[at] >= '0' && url[at] <= '9'); };
  for (std::size_t i = 0; i + 8 < url.size(); ++i) {
    if (url[i] != '/' && url[i] != '-' && url[i] != '_') continue;
    int y = digits(i + 1, 4);
    if (y < 0) continue;
    Date d;
    char sep = i + 5 < url.size() ? url[i + 5] : 0;
    if ((sep == '/' || sep == '-') && digits(i + 6, 2) >= 0 && i + 8 < url.size() && url[i + 8] == sep &&
        digits(i + 9, 2) >= 0 && boundary(i + 11)) {
      d = Date(y, digits(i + 6, 2), digits(i + 9, 2));
    } else if (digits(i + 1, 8) >= 0 && boundary(i + 9)) {
      d = Date(y, digits(i + 5, 2), digits(i + 7, 2));
    } else {
      continue;
    }
    if (valid_day(d)) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
      return buf;
    }
  }
  return {};
}

}  // namespace winnow
