#include "winnow/config.h"

#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "winnow/utf8.h"

namespace winnow {
namespace {

class LineParser {
 public:
  LineParser(std::string_view text, std::uint32_t line) : s_(text), line_(line) {}

  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t')) ++i_;
  }
  bool at_end() {
    skip_space();
    return i_ == s_.size() || s_[i_] == '#';
  }
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  [[noreturn]] void fail(const std::string& message) const { throw ConfigError(line_, message); }

  std::string bare_key() {
    std::size_t start = i_;
    while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '-' || s_[i_] == '_' || s_[i_] == '.')) ++i_;
    if (start == i_) fail("expected a key");
    return std::string(s_.substr(start, i_ - start));
  }

  void expect(char c) {
    skip_space();
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++i_;
  }

  std::string string_value() {
    char quote = s_[i_++];
    std::string out;
    while (i_ < s_.size() && s_[i_] != quote) {
      char c = s_[i_++];
      if (c == '\\' && quote == '"') {
        if (i_ >= s_.size()) break;
        char e = s_[i_++];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case 'n': out += '\n'; break;
          case 't': out += '\t'; break;
          case 'u': {
            if (i_ + 4 > s_.size()) fail("bad \\u escape");
            std::string hex(s_.substr(i_, 4));
            char* end = nullptr;
            unsigned long v = std::strtoul(hex.c_str(), &end, 16);
            if (end != hex.c_str() + 4) fail("bad \\u escape");
            utf8::append(out, static_cast<char32_t>(v));
            i_ += 4;
            break;
          }
          default: fail(std::string("unknown escape '\\") + e + "'");
        }
      } else {
        out += c;
      }
    }
    if (i_ >= s_.size()) fail("unterminated string");
    ++i_;
    if (!utf8::valid(out)) fail("string is not valid UTF-8");
    return out;
  }

  ConfigValue value() {
    skip_space();
    char c = peek();
    if (c == '"' || c == '\'') return string_value();
    if (c == '[') {
      ++i_;
      std::vector<std::string> items;
      skip_space();
      if (peek() == ']') {
        ++i_;
        return items;
      }
      for (;;) {
        skip_space();
        if (peek() != '"' && peek() != '\'') fail("arrays may hold only strings");
        items.push_back(string_value());
        skip_space();
        if (peek() == ',') {
          ++i_;
          skip_space();
          if (peek() == ']') {
            ++i_;
            return items;
          }
          continue;
        }
        if (peek() == ']') {
          ++i_;
          return items;
        }
        fail("expected ',' or ']'");
      }
    }
    std::size_t start = i_;
    while (i_ < s_.size() && !std::isspace(static_cast<unsigned char>(s_[i_])) && s_[i_] != '#') ++i_;
    std::string word(s_.substr(start, i_ - start));
    if (word == "true") return true;
    if (word == "false") return false;
    if (!word.empty()) {
      errno = 0;
      char* end = nullptr;
      long long v = std::strtoll(word.c_str(), &end, 10);
      if (end == word.c_str() + word.size() && errno == 0) return static_cast<std::int64_t>(v);
    }
    fail("expected a string, an integer, true, false or an array of strings");
  }

  std::size_t pos() const { return i_; }

 private:
  std::string_view s_;
  std::uint32_t line_;
  std::size_t i_ = 0;
};

}  // namespace

Config Config::parse(std::string_view text) {
  Config config;
  std::string section;
  std::uint32_t number = 0;
  while (!text.empty()) {
    ++number;
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    LineParser p(line, number);
    if (p.at_end()) continue;
    if (p.peek() == '[') {
      p.expect('[');
      p.skip_space();
      section = p.bare_key();
      p.expect(']');
      if (!p.at_end()) p.fail("unexpected text after the section header");
      continue;
    }
    std::string key = p.bare_key();
    p.expect('=');
    ConfigValue v = p.value();
    if (!p.at_end()) p.fail("unexpected text after the value");
    std::string full = section.empty() ? key : section + "." + key;
    if (config.entries_.count(full)) p.fail("'" + full + "' is set twice");
    config.entries_.emplace(full, Entry{std::move(v), number});
  }
  return config;
}

std::string Config::find(const std::string& start) {
  std::string dir = start;
  for (;;) {
    std::string candidate = (dir.empty() || dir.back() == '/' ? dir : dir + "/") + ".winnow.toml";
    struct stat st;
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return candidate;
    std::size_t slash = dir.find_last_of('/');
    if (dir.empty() || dir == "/" || slash == std::string::npos) return "";
    dir = slash == 0 ? "/" : dir.substr(0, slash);
  }
}

const ConfigValue* Config::get(std::string_view section, std::string_view key) const {
  std::string full = section.empty() ? std::string(key) : std::string(section) + "." + std::string(key);
  auto it = entries_.find(full);
  return it == entries_.end() ? nullptr : &it->second.value;
}

std::uint32_t Config::line_of(std::string_view section, std::string_view key) const {
  std::string full = section.empty() ? std::string(key) : std::string(section) + "." + std::string(key);
  auto it = entries_.find(full);
  return it == entries_.end() ? 0 : it->second.line;
}

std::vector<std::string> Config::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : entries_) out.push_back(k);
  return out;
}

}  // namespace winnow
