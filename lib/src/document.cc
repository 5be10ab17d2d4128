#include "winnow/document.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cstring>
#include <functional>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "buffer.h"
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

namespace {

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL;

// 0x80 in every byte of W equal to B (exact: no false positives from borrows).
inline std::uint64_t bytes_equal(std::uint64_t w, unsigned char b) {
  std::uint64_t x = w ^ (kOnes * b);
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

// True when TEXT holds a '\r', U+2028 (E2 80 A8) or U+2029 (E2 80 A9). One pass, eight bytes
// at a time, looking for the rare last byte of the separators rather than the lead byte 0xE2
// that every curly quote has.
bool has_other_breaks(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  auto is_break = [&](std::size_t k) {
    return p[k] == '\r' || (k >= 2 && (p[k] == 0xA8 || p[k] == 0xA9) && p[k - 1] == 0x80 && p[k - 2] == 0xE2);
  };
  std::size_t i = 0;
#ifdef __SSE2__
  // Sixteen bytes a step where SSE2 is there (every x86-64): this pass runs over every block
  // of a document several times (split, resplit), and the eight-byte one cost 6 % of clean.
  const __m128i cr = _mm_set1_epi8('\r'), a8 = _mm_set1_epi8(static_cast<char>(0xA8)),
                a9 = _mm_set1_epi8(static_cast<char>(0xA9));
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_or_si128(_mm_cmpeq_epi8(v, a8), _mm_cmpeq_epi8(v, a9)));
    for (unsigned m = static_cast<unsigned>(_mm_movemask_epi8(hit)); m; m &= m - 1) {
      if (is_break(i + static_cast<std::size_t>(__builtin_ctz(m)))) return true;
    }
  }
#endif
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    std::uint64_t m = bytes_equal(w, '\r') | bytes_equal(w, 0xA8) | bytes_equal(w, 0xA9);
    for (; m; m &= m - 1) {
      if (is_break(i + __builtin_ctzll(m) / 8)) return true;
    }
  }
  for (; i < n; ++i) {
    if (is_break(i)) return true;
  }
  return false;
}

}  // namespace

LineCutter::LineCutter(std::string_view text) : text_(text), lf_only_(!has_other_breaks(text)) {}

LineBreak LineCutter::next(std::size_t from) const {
  const char* p = text_.data();
  const std::size_t n = text_.size();
  if (lf_only_) {
    const void* nl = from < n ? std::memchr(p + from, '\n', n - from) : nullptr;
    return nl ? LineBreak{static_cast<std::size_t>(static_cast<const char*>(nl) - p), 1, false} : LineBreak{n, 0, false};
  }
  for (std::size_t i = from; i < n; ++i) {
    char ch = p[i];
    if (ch == '\n') return {i, 1, false};
    if (ch == '\r') return {i, (i + 1 < n && p[i + 1] == '\n') ? std::size_t{2} : std::size_t{1}, false};
    if (ch == '\xE2' && i + 2 < n && p[i + 1] == '\x80' && (p[i + 2] == '\xA8' || p[i + 2] == '\xA9')) {
      return {i, 3, p[i + 2] == '\xA9'};
    }
  }
  return {n, 0, false};
}

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

namespace {

// Whether SplitMode::kAuto reads TEXT as paragraphs: a blank line separates two non-blank lines.
bool has_paragraphs(std::string_view text) {
  LineCutter cutter(text);
  bool seen_text = false, gap = false;
  for (std::size_t start = 0; start < text.size();) {
    LineBreak br = cutter.next(start);
    bool blank = is_blank(text.substr(start, br.pos - start));
    if (!blank && seen_text && gap) return true;
    if (!blank) seen_text = true;
    if (seen_text && (blank || br.paragraph)) gap = true;
    start = br.pos + br.len;
  }
  return false;
}

}  // namespace

void split_each(std::string_view text, SplitMode mode, const std::function<void(Block&&)>& emit) {
  const bool paragraphs = mode == SplitMode::kParagraphs || has_paragraphs(text);
  Block current;
  auto flush = [&] {
    if (current.first_line != 0) emit(std::move(current));
    current = Block();
  };
  LineCutter cutter(text);
  std::string_view previous;
  bool have_previous = false;
  std::uint32_t number = 1;
  for (std::size_t start = 0; start < text.size(); ++number) {
    LineBreak br = cutter.next(start);
    const Line l{text.substr(start, br.pos - start), number, br.paragraph};
    start = br.pos + br.len;
    if (is_blank(l.text)) {
      flush();
      have_previous = false;
      continue;
    }
    if (!paragraphs && have_previous && !is_wrapped_break(previous, l.text)) flush();
    append_line(current, l);
    previous = l.text;
    have_previous = true;
    if (l.paragraph_end) {
      flush();
      have_previous = false;
    }
  }
  flush();
}

namespace {

// The lines of TEXT that hold something: no mode makes more blocks than that.
std::size_t filled_lines(std::string_view text) {
  std::size_t lines = 0;
  for (std::size_t at = 0; at < text.size();) {
    const void* nl = std::memchr(text.data() + at, '\n', text.size() - at);
    std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
    lines += end > at;
    at = end + 1;
  }
  return lines;
}

}  // namespace

Document split(std::string_view text, SplitMode mode) {
  Document doc;
  // Reserved at once: growing by doubling held the old and the new vector at the same time,
  // the peak of clean's memory on one big document. The unused end of a big reservation is
  // never touched, so it costs no memory.
  doc.blocks.reserve(filled_lines(text));
  split_each(text, mode, [&doc](Block&& b) { doc.blocks.push_back(std::move(b)); });
  return doc;
}

namespace {

// The parts split() reads back from BLOCK's text (in MODE), with BLOCK's kind and position.
std::vector<Block> parts_of(const Block& block, SplitMode mode) {
  std::vector<Block> parts = split(block.text, mode).blocks;
  for (Block& p : parts) {
    p.kind = block.kind;
    p.shape = block.shape;
    p.first_line = block.first_line ? block.first_line + p.first_line - 1 : 0;
    p.last_line = block.first_line ? block.first_line + p.last_line - 1 : 0;
  }
  give_markup(block, parts);
  return parts;
}

}  // namespace

void give_markup(const Block& whole, std::span<Block> parts) {
  if (!whole.has_markup()) return;
  for (Block& p : parts) p.edit_markup().dom_path = whole.markup().dom_path;
  if (whole.markup().links.empty()) return;
  std::vector<std::string_view> texts;
  for (const Block& p : parts) texts.push_back(p.text);
  for (const LinkSpan& s : place_links(whole.markup().links, texts)) {
    parts[s.text].edit_markup().links.push_back(*s.link);
  }
}

std::vector<LinkSpan> place_links(const std::vector<Block::Link>& links, const std::vector<std::string_view>& texts) {
  std::vector<LinkSpan> spans;
  std::size_t text = 0, from = 0;  // where the previous link found ended
  for (const Block::Link& link : links) {
    if (link.text.empty()) continue;
    for (std::size_t t = text; t < texts.size(); ++t) {
      std::size_t at = texts[t].find(link.text, t == text ? from : 0);
      if (at == std::string_view::npos) continue;
      spans.push_back({t, at, at + link.text.size(), &link});
      text = t;
      from = at + link.text.size();
      break;
    }
  }
  return spans;
}

std::size_t resplit(Document& doc, SplitMode mode) {
  // The parts of each kept block as split() reads them back; most blocks are one line, which
  // reads back as it is unless it is blank. (A find_first_of over three bytes here cost a
  // memchr call per byte, 8 % of clean's time, and sent every line with a curly quote to
  // split().)
  std::vector<std::vector<Block>> parts(doc.blocks.size());
  std::vector<char> changed(doc.blocks.size(), 0);
  std::size_t kept_parts = 0, cut = 0;
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (!b.kept() || b.text.empty()) continue;
    // A code block for Markdown (verbatim) reads back whole, as a code block.
    if (b.shape.verbatim || (b.text.find('\n') == std::string::npos && !has_other_breaks(b.text) && !is_blank(b.text))) {
      ++kept_parts;
      continue;
    }
    parts[i] = parts_of(b, SplitMode::kParagraphs);
    changed[i] = parts[i].size() != 1 || parts[i][0].text != b.text;
    kept_parts += parts[i].size();
  }
  // One block of several lines and nothing else reads back line by line (kAuto).
  if (mode == SplitMode::kAuto && kept_parts == 1) {
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      if (parts[i].size() != 1 || parts[i][0].text.find('\n') == std::string::npos) continue;
      parts[i] = parts_of(parts[i][0], SplitMode::kAuto);
      changed[i] = parts[i].size() != 1 || changed[i];
    }
  }
  if (std::find(changed.begin(), changed.end(), 1) == changed.end()) return 0;
  std::vector<Block> out;
  out.reserve(doc.blocks.size() + kept_parts);
  for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
    Block& b = doc.blocks[i];
    if (!changed[i]) {
      out.push_back(std::move(b));
    } else if (parts[i].empty()) {  // only blank lines: nothing reads back
      ++cut;
      b.verdict = Verdict::kDrop;
      b.reason = "empty";
      out.push_back(std::move(b));
    } else {
      ++cut;
      for (Block& p : parts[i]) out.push_back(std::move(p));
    }
  }
  doc.blocks = std::move(out);
  return cut;
}

std::string render(const Document& doc) {
  // Sized at once: grown by doubling, a big document's output was copied and held twice.
  std::size_t size = 0;
  for (const Block& b : doc.blocks) size += b.kept() ? b.text.size() + 2 : 0;
  std::string out;
  internal::reserve_document(out, size);
  Renderer renderer(out);
  for (const Block& b : doc.blocks) renderer.add(b);
  renderer.finish();
  return out;
}

}  // namespace winnow
