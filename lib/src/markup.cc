#include "winnow/markup.h"

#include <algorithm>
#include <string>
#include <vector>

#include "data.h"

namespace winnow {
namespace {

constexpr std::size_t kLookAt = 64 * 1024;  // how far into the text the preamble may reach
constexpr int kMaxWrappers = 8;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_name_char(char c) { return is_alpha(c) || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':'; }
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::size_t skip_space(std::string_view t, std::size_t i) {
  while (i < t.size() && is_space(t[i])) ++i;
  return i;
}

bool starts_with_nocase(std::string_view t, std::size_t i, std::string_view prefix) {
  if (t.size() - std::min(i, t.size()) < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    if (lower(t[i + k]) != prefix[k]) return false;
  }
  return true;
}

// The element name of the start tag at I ("<name" followed by space, '>' or '/'), lower case;
// empty when there is none.
std::string tag_name(std::string_view t, std::size_t i) {
  if (i >= t.size() || t[i] != '<' || i + 1 >= t.size() || !is_alpha(t[i + 1])) return {};
  std::string name;
  std::size_t k = i + 1;
  while (k < t.size() && is_name_char(t[k]) && name.size() < 32) name.push_back(lower(t[k++]));
  if (k < t.size() && !is_space(t[k]) && t[k] != '>' && t[k] != '/') return {};
  return name;
}

bool is_html_element(std::string_view name) {
  static const std::vector<std::string_view> kTags = data::lines("extract-html-start-tags.txt");
  return std::find(kTags.begin(), kTags.end(), name) != kTags.end();
}

// After "HTTP/x.y NNN ...": the offset past the header's blank line, or npos.
std::size_t skip_http_header(std::string_view t, std::size_t i) {
  std::size_t lf = t.find("\n\n", i), crlf = t.find("\n\r\n", i);
  if (lf == std::string_view::npos && crlf == std::string_view::npos) return std::string_view::npos;
  return lf < crlf ? lf + 2 : crlf + 3;
}

// One preamble item at I (comment, declaration, HTTP header, wrapper tag): the offset past it,
// or I when there is none there.
std::size_t skip_item(std::string_view t, std::size_t i, int& wrappers) {
  if (t.compare(i, 4, "<!--") == 0) {
    std::size_t end = t.find("-->", i + 4);
    return end == std::string_view::npos ? i : end + 3;
  }
  if (t.compare(i, 2, "<?") == 0) {
    std::size_t end = t.find("?>", i + 2);
    return end == std::string_view::npos ? i : end + 2;
  }
  if (i == 0 && t.compare(0, 5, "HTTP/") == 0) {
    std::size_t end = skip_http_header(t, i);
    return end == std::string_view::npos ? i : end;
  }
  std::string name = tag_name(t, i);
  if (name.empty() || is_html_element(name) || wrappers >= kMaxWrappers) return i;
  std::size_t close = t.find('>', i);
  if (close == std::string_view::npos) return i;
  std::size_t next = skip_space(t, close + 1);
  if (next >= t.size() || t[next] != '<') return i;  // text follows: "<divine comedy> ..."
  ++wrappers;
  return next;
}

}  // namespace

std::size_t markup_start(std::string_view text) {
  text = text.substr(0, kLookAt);
  std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  int wrappers = 0;
  for (;;) {
    i = skip_space(text, i);
    std::size_t next = skip_item(text, i, wrappers);
    if (next == i) return i;
    i = next;
  }
}

bool looks_like_html(std::string_view text) {
  std::size_t first = skip_space(text, text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0);
  if (text.compare(first, 5, "<?xml") == 0) return true;  // an XML declaration comes first or not at all
  std::size_t i = markup_start(text);
  if (starts_with_nocase(text, i, "<!doctype")) return true;
  std::string name = tag_name(text, i);
  return !name.empty() && is_html_element(name);
}

}  // namespace winnow
