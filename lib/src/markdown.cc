#include "winnow/markdown.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace winnow {
namespace {

bool is_word(unsigned char c) { return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

bool is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Whether S[I] ('&') starts an entity reference ("&amp;", "&#38;"), which Markdown would decode.
bool starts_entity(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '#') ++j;
  std::size_t name = j;
  while (j < s.size() && j - name < 32 && is_word(s[j]) && static_cast<unsigned char>(s[j]) < 0x80) ++j;
  return j > name && j < s.size() && s[j] == ';';
}

// Whether the character S[I] is one Markdown reads as syntax wherever it stands (in a table
// CELL, "|" too).
bool needs_escape(std::string_view s, std::size_t i, bool cell) {
  const char c = s[i];
  const unsigned char prev = i > 0 ? s[i - 1] : ' ', next = i + 1 < s.size() ? s[i + 1] : ' ';
  switch (c) {
    case '\\':
    case '`':
    case '*':
    case '~':
      return true;
    case '_':
      return !is_word(prev) || !is_word(next);
    case '<':
      return is_alpha(next) || next == '/' || next == '!' || next == '?';
    case '&':
      return starts_entity(s, i);
    case ']':
      return next == '(' || next == ':';
    case '|':
      return cell;
    default:
      return false;
  }
}

// A link's URL as a link destination: what would end it or be read as other syntax
// (spaces, controls, parentheses, "<", ">", "`", "\\", and "|" in a table CELL) percent-encoded,
// an "&" that starts an entity reference escaped.
void append_url(std::string& out, std::string_view url, bool cell) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < url.size(); ++i) {
    const unsigned char c = url[i];
    if (c <= ' ' || c == 0x7F || c == '(' || c == ')' || c == '<' || c == '>' || c == '`' || c == '\\' ||
        (cell && c == '|')) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
      continue;
    }
    if (c == '&' && starts_entity(url, i)) out += '\\';
    out += static_cast<char>(c);
  }
}

// The links placed in one line or cell (see place_links), in order.
struct Spans {
  const LinkSpan* first = nullptr;
  const LinkSpan* last = nullptr;
};

Spans spans_in(const std::vector<LinkSpan>& spans, std::size_t text) {
  auto range = std::equal_range(spans.begin(), spans.end(), LinkSpan{text, 0, 0, nullptr},
                                [](const LinkSpan& a, const LinkSpan& b) { return a.text < b.text; });
  return {spans.data() + (range.first - spans.begin()), spans.data() + (range.second - spans.begin())};
}

// LINE with its inline syntax escaped; at the START of a line, its block syntax too. The LINKS
// in it are written "[text](url)", with "[" and "]" in their text escaped.
void append_escaped(std::string& out, std::string_view line, bool start, bool cell = false, Spans links = {}) {
  std::size_t digits = 0;
  while (start && digits < line.size() && digits < 9 && line[digits] >= '0' && line[digits] <= '9') ++digits;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const bool in_link = links.first != links.last && i >= links.first->begin;
    if (in_link && i == links.first->begin) out += '[';
    bool marker = start && i == 0 && (c == '#' || c == '>' || c == '-' || c == '+' || c == '=');
    bool number_end = digits > 0 && i == digits && (c == '.' || c == ')');
    bool bracket = in_link && (c == '[' || c == ']');
    if (marker || number_end || bracket || needs_escape(line, i, cell)) out += '\\';
    out += cell && (c == '\n' || c == '\r') ? ' ' : c;
    if (in_link && i + 1 == links.first->end) {
      out += "](";
      append_url(out, links.first->link->url, cell);
      out += ')';
      ++links.first;
    }
  }
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0;;) {
    std::size_t nl = text.find('\n', start);
    lines.push_back(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) return lines;
    start = nl + 1;
  }
}

// Every line of block B after PREFIX (the first after FIRST when given), escaped, with its links.
void append_lines(std::string& out, const Block& b, std::string_view prefix, std::string_view first) {
  const std::vector<std::string_view> lines = lines_of(b.text);
  const std::vector<LinkSpan> links = place_links(b.markup().links, lines);
  for (std::size_t l = 0; l < lines.size(); ++l) {
    if (l > 0) out += '\n';
    out += l == 0 && !first.empty() ? first : prefix;
    append_escaped(out, lines[l], true, false, spans_in(links, l));
  }
}

void append_heading(std::string& out, const Block& b) {
  out.append(b.shape.level, '#');
  out += ' ';
  std::string joined = b.text;
  std::replace(joined.begin(), joined.end(), '\n', ' ');
  std::size_t before = out.size();
  const std::vector<LinkSpan> links = place_links(b.markup().links, {joined});
  append_escaped(out, joined, true, false, spans_in(links, 0));
  // A "#" ending the heading would read as its closing sequence.
  if (out.size() > before && out.back() == '#' && out[out.size() - 2] != '\\') out.insert(out.size() - 1, "\\");
}

void append_code(std::string& out, const Block& b) {
  std::size_t longest = 0, run = 0;
  for (char c : b.text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  out += fence + '\n' + b.text + '\n' + fence;
}

// The rows of table B: its cells, or its lines cut at " | " when it has none.
std::vector<std::vector<std::string>> table_rows(const Block& b) {
  if (!b.markup().cells.empty()) return b.markup().cells;
  std::vector<std::vector<std::string>> rows;
  for (std::string_view line : lines_of(b.text)) {
    std::vector<std::string> row;
    for (std::size_t start = 0;;) {
      std::size_t bar = line.find(" | ", start);
      row.emplace_back(line.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
      if (bar == std::string_view::npos) break;
      start = bar + 3;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

void append_table(std::string& out, const Block& b) {
  const std::vector<std::vector<std::string>> rows = table_rows(b);
  std::size_t columns = 1;
  std::vector<std::string_view> texts;  // the cells in reading order, where the links are placed
  for (const auto& row : rows) {
    columns = std::max(columns, row.size());
    texts.insert(texts.end(), row.begin(), row.end());
  }
  const std::vector<LinkSpan> links = place_links(b.markup().links, texts);
  for (std::size_t r = 0, cell = 0; r < rows.size(); ++r) {
    if (r > 0) out += '\n';
    out += '|';
    for (std::size_t c = 0; c < columns; ++c) {
      if (c < rows[r].size() && !rows[r][c].empty()) {
        out += ' ';
        append_escaped(out, rows[r][c], false, true, spans_in(links, cell));
      }
      cell += c < rows[r].size();
      out += " |";  // an empty cell is "| |": one space, as norm would leave it
    }
    if (r > 0) continue;
    out += '\n';
    out += '|';
    for (std::size_t c = 0; c < columns; ++c) out += " --- |";
  }
}

// Writes list items, keeping the marker width of the item open at each depth, so that a
// nested item is indented under its parent's text.
class ListWriter {
 public:
  void reset() { widths_.clear(); }

  void append(std::string& out, const Block& b) {
    const std::size_t depth = std::max<std::size_t>(b.shape.depth, 1);
    widths_.resize(depth, 2);
    std::size_t indent = 0;
    for (std::size_t d = 0; d + 1 < depth; ++d) indent += widths_[d];
    std::string marker = b.shape.number ? std::to_string(b.shape.number) + ". " : "- ";
    widths_[depth - 1] = marker.size();
    std::string pad(indent, ' ');
    append_lines(out, b, pad + std::string(marker.size(), ' '), pad + marker);
  }

 private:
  std::vector<std::size_t> widths_;
};

std::string quote_prefix(std::size_t depth) {
  std::string p;
  for (std::size_t d = 0; d < std::max<std::size_t>(depth, 1); ++d) p += "> ";
  return p;
}

bool structured(const Block& b, BlockKind kind) { return !b.markup().dom_path.empty() && b.kind == kind; }

// What separates block B from the block before it, PREV.
std::string separator(const Block& prev, const Block& b) {
  if (structured(prev, BlockKind::kListItem) && structured(b, BlockKind::kListItem)) return "\n";
  if (structured(prev, BlockKind::kQuote) && structured(b, BlockKind::kQuote)) {
    std::string p = quote_prefix(std::min(prev.shape.depth, b.shape.depth));
    p.pop_back();
    return "\n" + p + "\n";
  }
  return "\n\n";
}

}  // namespace

std::string render_markdown(const Document& doc) {
  std::string out;
  ListWriter lists;
  const Block* prev = nullptr;
  for (const Block& b : doc.blocks) {
    if (!b.kept() || b.text.empty()) continue;
    if (prev) out += separator(*prev, b);
    if (!structured(b, BlockKind::kListItem)) lists.reset();
    prev = &b;
    if (b.markup().dom_path.empty()) {
      out += b.text;  // plain text: Markdown already, or text that reads as itself
    } else if (b.kind == BlockKind::kHeading && b.shape.level >= 1 && b.shape.level <= 6) {
      append_heading(out, b);
    } else if (b.kind == BlockKind::kListItem) {
      lists.append(out, b);
    } else if (b.kind == BlockKind::kQuote) {
      append_lines(out, b, quote_prefix(b.shape.depth), {});
    } else if (b.kind == BlockKind::kPreformatted) {
      append_code(out, b);
    } else if (b.kind == BlockKind::kTable) {
      append_table(out, b);
    } else {
      append_lines(out, b, {}, {});
    }
  }
  if (!out.empty()) out += '\n';
  return out;
}

}  // namespace winnow
