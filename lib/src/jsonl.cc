#include "winnow/jsonl.h"

#include <algorithm>

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

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The \uXXXX escape at S[I] (S[I] == '\\'), or -1.
long escape_at(std::string_view s, std::size_t i) {
  if (i + 6 > s.size() || s[i + 1] != 'u') return -1;
  long v = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    int h = hex_value(s[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// LINE with every lone surrogate escape replaced by "\ufffd" (an equal length), or "" when
// there is none; their offsets go to *AT. Boost.JSON 1.81 rejects such escapes, which RFC 8259
// allows.
std::string repair_lone_surrogates(std::string_view line, std::vector<std::size_t>* at) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '\\') continue;
    long v = escape_at(line, i);
    if (v >= 0xD800 && v <= 0xDBFF) {
      long low = i + 6 < line.size() && line[i + 6] == '\\' ? escape_at(line, i + 6) : -1;
      if (low >= 0xDC00 && low <= 0xDFFF) {
        i += 11;  // a proper pair
        continue;
      }
    }
    if (v >= 0xD800 && v <= 0xDFFF) {
      if (out.empty()) out.assign(line);
      out.replace(i, 6, "\\ufffd");
      at->push_back(i);
      i += 5;
    } else {
      ++i;  // skip the escaped character, which may be a backslash
    }
  }
  return out;
}

}  // namespace

std::optional<JsonRecord> JsonRecord::parse(std::string_view line, std::string* error) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  JsonRecord rec;
  rec.line_ = line;
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(boost::json::string_view(line.data(), line.size()), ec, {}, options());
  if (ec && line.find("\\u") != std::string_view::npos) {
    rec.repaired_ = repair_lone_surrogates(line, &rec.surrogates_);
    if (!rec.repaired_.empty()) {
      ec = {};
      v = boost::json::parse(boost::json::string_view(rec.repaired_.data(), rec.repaired_.size()), ec, {}, options());
    }
  }
  if (ec) {
    *error = "invalid JSON: " + ec.message();
    return std::nullopt;
  }
  if (!v.is_object()) {
    *error = "not a JSON object";
    return std::nullopt;
  }
  std::size_t i = skip_ws(line, 0) + 1;  // past '{'
  for (;;) {
    i = skip_ws(line, i);
    if (line[i] == '}') break;
    std::size_t key_end = skip_string(line, i);
    std::string_view source = rec.repaired_.empty() ? line : std::string_view(rec.repaired_);
    boost::json::value key = boost::json::parse(
        boost::json::string_view(source.data() + i, key_end - i), ec, {}, options());
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
  std::string_view source = repaired_.empty() ? line_ : std::string_view(repaired_);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(
      boost::json::string_view(source.data() + m->value_begin, m->value_end - m->value_begin), ec, {}, options());
  if (ec || !v.is_string()) return std::nullopt;
  const boost::json::string& s = v.as_string();
  return utf8::sanitize(std::string_view(s.data(), s.size()));
}

// Appends bytes [BEGIN, END) of the line, lone surrogate escapes and ill-formed UTF-8 replaced
// by U+FFFD (JSON stays JSON: both occur only inside strings); adds the repairs to *REPAIRED.
void JsonRecord::append_repaired(std::string& out, std::size_t begin, std::size_t end, std::size_t* repaired) const {
  std::string_view source = repaired_.empty() ? line_ : std::string_view(repaired_);
  std::size_t n = 0;
  out.append(utf8::sanitize(source.substr(begin, end - begin), &n));
  for (std::size_t at : surrogates_) n += at >= begin && at < end;
  if (repaired) *repaired += n;
}

std::string JsonRecord::with_string(std::string_view key, std::string_view value, std::size_t* repaired) const {
  return with_strings({{key, value, true}}, repaired);
}

std::string JsonRecord::with_strings(const std::vector<Edit>& edits, std::size_t* repaired) const {
  std::vector<std::pair<const Member*, std::string_view>> replaced;
  std::string appended;
  for (const Edit& e : edits) {
    if (const Member* m = find(e.key)) {
      if (e.replace) replaced.emplace_back(m, e.value);
      continue;
    }
    if (!appended.empty()) appended.append(", ");
    appended.append(json_quote(e.key)).append(": ").append(json_quote(e.value));
  }
  std::sort(replaced.begin(), replaced.end(),
            [](const auto& a, const auto& b) { return a.first->value_begin < b.first->value_begin; });
  std::string out;
  out.reserve(line_.size() + appended.size() + (replaced.empty() ? 0 : replaced.front().second.size() + 2));
  std::size_t at = 0;
  for (const auto& [m, value] : replaced) {
    if (m->value_begin < at) continue;  // the same key edited twice: the first edit holds
    append_repaired(out, at, m->value_begin, repaired);
    out.append(json_quote(value));
    at = m->value_end;
  }
  if (appended.empty()) {
    append_repaired(out, at, line_.size(), repaired);
    return out;
  }
  append_repaired(out, at, close_brace_, repaired);
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
  if (!members_.empty()) out.append(", ");
  out.append(appended);
  append_repaired(out, close_brace_, line_.size(), repaired);
  return out;
}

std::string JsonRecord::repaired_line(std::size_t* repaired) const {
  std::string out;
  append_repaired(out, 0, line_.size(), repaired);
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

std::string json_error_record(std::string_view message) { return "{\"winnow_error\":" + json_quote(message) + "}\n"; }

JsonLine read_json_line(std::string_view line, std::string_view field) {
  JsonLine out;
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
    out.kind = JsonLine::Kind::kBlank;
    out.output = std::string(line) + "\n";
    out.message = "blank line, passed through";
    return out;
  }
  std::string error;
  out.record = JsonRecord::parse(line, &error);
  if (!out.record) {
    out.kind = JsonLine::Kind::kErrorRecord;
    out.output = json_error_record(error);
    out.message = error + ", replaced by an error record";
    return out;
  }
  bool present = false;
  if (std::optional<std::string> text = out.record->string(field, &present)) {
    out.text = std::move(*text);
    return out;
  }
  out.kind = JsonLine::Kind::kPassThrough;
  out.output = out.record->repaired_line(&out.repaired) + "\n";
  out.message = (present ? "field '" + std::string(field) + "' is not a string" : "no field '" + std::string(field) + "'") +
                ", record passed through";
  return out;
}

}  // namespace winnow
