#include "winnow/jsonl.h"

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/value.hpp>

#include "winnow/utf8.h"

namespace winnow {
namespace {

// The scanner below runs only on text Boost.JSON has accepted, so it needs no error paths:
// it skips values by their first character and matching brackets.
std::size_t skip_ws(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  return i;
}

std::size_t skip_string(std::string_view s, std::size_t i) {  // s[i] == '"'
  for (++i; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return s.size();
}

std::size_t skip_value(std::string_view s, std::size_t i) {
  if (s[i] == '"') return skip_string(s, i);
  if (s[i] == '{' || s[i] == '[') {
    int depth = 0;
    while (i < s.size()) {
      char c = s[i];
      if (c == '"') {
        i = skip_string(s, i);
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) return i + 1;
      }
      ++i;
    }
    return s.size();
  }
  while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' && s[i] != '\t' &&
         s[i] != '\r' && s[i] != '\n')
    ++i;
  return i;
}

boost::json::parse_options options() {
  boost::json::parse_options opt;
  opt.allow_invalid_utf8 = true;  // repaired below, not a reason to lose the record
  opt.max_depth = 1000;
  return opt;
}

}  // namespace

std::optional<JsonRecord> JsonRecord::parse(std::string_view line, std::string* error) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(boost::json::string_view(line.data(), line.size()), ec, {}, options());
  if (ec) {
    *error = "invalid JSON: " + ec.message();
    return std::nullopt;
  }
  if (!v.is_object()) {
    *error = "not a JSON object";
    return std::nullopt;
  }
  JsonRecord rec;
  rec.line_ = line;
  std::size_t i = skip_ws(line, 0) + 1;  // past '{'
  for (;;) {
    i = skip_ws(line, i);
    if (line[i] == '}') break;
    std::size_t key_end = skip_string(line, i);
    boost::json::value key = boost::json::parse(
        boost::json::string_view(line.data() + i, key_end - i), ec, {}, options());
    i = skip_ws(line, key_end) + 1;  // past ':'
    i = skip_ws(line, i);
    std::size_t value_end = skip_value(line, i);
    rec.members_.push_back({utf8::sanitize(std::string_view(key.as_string().data(), key.as_string().size())), i, value_end});
    i = skip_ws(line, value_end);
    if (line[i] == ',') ++i;
  }
  rec.close_brace_ = i;
  return rec;
}

const JsonRecord::Member* JsonRecord::find(std::string_view key) const {
  for (auto it = members_.rbegin(); it != members_.rend(); ++it) {
    if (it->key == key) return &*it;
  }
  return nullptr;
}

std::optional<std::string_view> JsonRecord::raw(std::string_view key) const {
  const Member* m = find(key);
  if (!m) return std::nullopt;
  return line_.substr(m->value_begin, m->value_end - m->value_begin);
}

std::optional<std::string> JsonRecord::string(std::string_view key, bool* present) const {
  const Member* m = find(key);
  if (present) *present = m != nullptr;
  if (!m || line_[m->value_begin] != '"') return std::nullopt;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(
      boost::json::string_view(line_.data() + m->value_begin, m->value_end - m->value_begin), ec, {}, options());
  if (ec || !v.is_string()) return std::nullopt;
  const boost::json::string& s = v.as_string();
  return utf8::sanitize(std::string_view(s.data(), s.size()));
}

std::string JsonRecord::with_string(std::string_view key, std::string_view value) const {
  std::string out;
  const Member* m = find(key);
  if (m) {
    out.reserve(line_.size() + value.size());
    out.append(line_.substr(0, m->value_begin));
    out.append(json_quote(value));
    out.append(line_.substr(m->value_end));
    return out;
  }
  out.append(line_.substr(0, close_brace_));
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  if (!members_.empty()) out.append(", ");
  out.append(json_quote(key)).append(": ").append(json_quote(value));
  out.append(line_.substr(close_brace_));
  return out;
}

std::string json_quote(std::string_view value) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(value.size() + 2);
  out.push_back('"');
  for (char ch : value) {
    unsigned char b = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (b < 0x20) {
          out += "\\u00";
          out.push_back(kHex[b >> 4]);
          out.push_back(kHex[b & 15]);
        } else {
          out.push_back(ch);
        }
    }
  }
  out.push_back('"');
  return out;
}

}  // namespace winnow
