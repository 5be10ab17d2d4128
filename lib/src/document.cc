#include "winnow/document.h"

#include <unicode/uchar.h>

#include "winnow/utf8.h"

namespace winnow {

std::string_view to_string(BlockKind kind) {
  switch (kind) {
    case BlockKind::kParagraph: return "paragraph";
    case BlockKind::kHeading: return "heading";
    case BlockKind::kListItem: return "list-item";
    case BlockKind::kCaption: return "caption";
    case BlockKind::kQuote: return "quote";
    case BlockKind::kPreformatted: return "preformatted";
    case BlockKind::kTable: return "table";
  }
  return "paragraph";
}

namespace {

struct Line {
  std::string_view text;
  std::uint32_t number;
  bool paragraph_end;  // the line was ended by U+2029
};

bool is_space_char(char32_t c) {
  return c == ' ' || c == '\t' || c == '\f' || c == '\v' || u_isUWhiteSpace(c) ||
         u_charType(c) == U_FORMAT_CHAR;
}

bool is_blank(std::string_view line) {
  for (std::size_t i = 0; i < line.size();) {
    if (!is_space_char(utf8::next(line, i))) return false;
  }
  return true;
}

// Cuts TEXT into lines at \n, \r\n, \r, U+2028 and U+2029 (E2 80 A8 / E2 80 A9).
std::vector<Line> cut_lines(std::string_view text) {
  std::vector<Line> lines;
  std::uint32_t number = 1;
  std::size_t start = 0, i = 0, n = text.size();
  while (i < n) {
    char ch = text[i];
    if (ch == '\n' || ch == '\r') {
      lines.push_back({text.substr(start, i - start), number, false});
      i += (ch == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
      start = i;
      ++number;
    } else if (ch == '\xE2' && i + 2 < n && text[i + 1] == '\x80' && (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      lines.push_back({text.substr(start, i - start), number, text[i + 2] == '\xA9'});
      i += 3;
      start = i;
      ++number;
    } else {
      ++i;
    }
  }
  if (start < n) lines.push_back({text.substr(start), number, false});
  return lines;
}

std::string_view trim_ascii(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

void append_line(Block& b, const Line& line) {
  if (b.text.empty() && b.first_line == 0) {
    b.first_line = line.number;
  } else {
    b.text.push_back('\n');
  }
  b.text.append(line.text);
  b.last_line = line.number;
}

}  // namespace

bool is_wrapped_break(std::string_view prev, std::string_view next) {
  prev = trim_ascii(prev);
  next = trim_ascii(next);
  if (prev.empty() || next.empty()) return false;
  std::size_t i = prev.size();
  char32_t last = utf8::prev(prev, i);
  std::size_t j = 0;
  char32_t first = utf8::next(next, j);
  bool ends_open = u_isalpha(last) || u_isdigit(last) || last == ',';
  return ends_open && u_islower(first);
}

Document split(std::string_view text, SplitMode mode) {
  Document doc;
  std::vector<Line> lines = cut_lines(text);
  bool paragraphs = mode == SplitMode::kParagraphs;
  if (!paragraphs) {
    // Paragraph mode as soon as a blank line separates two non-blank lines.
    bool seen_text = false, gap = false;
    for (const Line& l : lines) {
      bool blank = is_blank(l.text);
      if (!blank && seen_text && gap) {
        paragraphs = true;
        break;
      }
      if (!blank) seen_text = true;
      if (seen_text && (blank || l.paragraph_end)) gap = true;
    }
  }
  Block current;
  auto flush = [&] {
    if (current.first_line != 0) doc.blocks.push_back(std::move(current));
    current = Block();
  };
  const Line* previous = nullptr;
  for (const Line& l : lines) {
    if (is_blank(l.text)) {
      flush();
      previous = nullptr;
      continue;
    }
    if (!paragraphs && previous && !is_wrapped_break(previous->text, l.text)) flush();
    append_line(current, l);
    previous = &l;
    if (l.paragraph_end) {
      flush();
      previous = nullptr;
    }
  }
  flush();
  return doc;
}

std::string render(const Document& doc) {
  std::string out;
  for (const Block& b : doc.blocks) {
    if (!b.kept() || b.text.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += b.text;
  }
  if (!out.empty()) out.push_back('\n');
  return out;
}

}  // namespace winnow
