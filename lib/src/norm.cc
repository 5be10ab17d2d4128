#include "winnow/norm.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <utility>
#include <vector>

#include "data.h"
#include "winnow/utf8.h"

namespace winnow {
namespace {

struct PunctEntry {
  char32_t from;
  std::string_view to;
};

// data/ascii-punct.txt, parsed once, sorted by code point.
const std::vector<PunctEntry>& punct_table() {
  static const std::vector<PunctEntry> table = [] {
    std::vector<PunctEntry> t;
    for (std::string_view line : data::lines("ascii-punct.txt")) {
      std::size_t sp = line.find(' ');
      if (line.substr(0, 2) != "U+" || sp == std::string_view::npos) {
        throw std::logic_error("winnow: data/ascii-punct.txt: bad entry");
      }
      char32_t cp = static_cast<char32_t>(std::strtoul(std::string(line.substr(2, sp - 2)).c_str(), nullptr, 16));
      t.push_back({cp, line.substr(sp + 1)});
    }
    std::sort(t.begin(), t.end(), [](const PunctEntry& a, const PunctEntry& b) { return a.from < b.from; });
    return t;
  }();
  return table;
}

const std::string_view* ascii_for(char32_t c) {
  const auto& t = punct_table();
  auto it = std::lower_bound(t.begin(), t.end(), c, [](const PunctEntry& e, char32_t v) { return e.from < v; });
  return it != t.end() && it->from == c ? &it->to : nullptr;
}

// Format characters (General_Category Cf) that carry meaning and stay: ZWNJ and ZWJ shape
// Persian, Indic and emoji text; prepended concatenation marks (Arabic number signs) are
// visible; tag characters spell emoji subdivision flags.
bool keep_format_char(char32_t c) {
  return c == 0x200C || c == 0x200D || (c >= 0xE0020 && c <= 0xE007F) ||
         u_hasBinaryProperty(c, UCHAR_PREPENDED_CONCATENATION_MARK);
}

struct LineCounts {
  std::uint64_t spaces = 0, format = 0, punct = 0, composed = 0, replaced = 0;
};

const icu::Normalizer2& normalizer(bool nfkc) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = nfkc ? icu::Normalizer2::getNFKCInstance(status) : icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || !n) throw std::runtime_error("winnow: ICU normalizer data missing");
  return *n;
}

// Appends ASCII text S to OUT, collapsing spaces and dropping leading ones (trailing ones are
// trimmed by the caller).
void append_collapsed(std::string& out, std::string_view s) {
  for (char ch : s) {
    if (ch == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(ch);
  }
}

// Maps Unicode spaces to U+0020 and removes meaningless format characters, writing to OUT;
// ill-formed sequences become U+FFFD.
void map_chars(std::string_view line, std::string& out, LineCounts& n) {
  for (std::size_t i = 0; i < line.size();) {
    std::size_t at = i;
    unsigned char b = static_cast<unsigned char>(line[i]);
    if (b < 0x80) {
      ++i;
      out.push_back(b == '\t' || b == '\v' || b == '\f' ? ' ' : static_cast<char>(b));
      continue;
    }
    bool ok = true;
    char32_t c = utf8::next(line, i, &ok);
    if (!ok) {
      utf8::append(out, c);
      ++n.replaced;
      continue;
    }
    int8_t type = u_charType(c);
    if (type == U_SPACE_SEPARATOR) {
      out.push_back(' ');
      ++n.spaces;
    } else if (type == U_FORMAT_CHAR && !keep_format_char(c)) {
      ++n.format;
    } else {
      out.append(line.substr(at, i - at));
    }
  }
}

// Writes the canonical form of one line (no line breaks inside) to OUT, which must be empty.
void normalize_line(std::string_view line, const NormOptions& opt, std::string& out, std::string& scratch,
                    LineCounts& n) {
  // Fast path: printable ASCII with single inner spaces is already canonical.
  bool simple = true;
  char last = ' ';
  for (char ch : line) {
    unsigned char b = static_cast<unsigned char>(ch);
    if (b >= 0x80 || b < 0x20 || (ch == ' ' && last == ' ')) {
      simple = false;
      break;
    }
    last = ch;
  }
  if (simple && last != ' ') {
    out.assign(line);
    return;
  }

  scratch.clear();
  map_chars(line, scratch, n);
  std::string_view text = scratch;
  std::string composed;
  if (!utf8::is_ascii(text)) {
    const icu::Normalizer2& norm = normalizer(opt.nfkc);
    UErrorCode status = U_ZERO_ERROR;
    icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
    if (!norm.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) {
      icu::StringByteSink<std::string> sink(&composed);
      norm.normalizeUTF8(0, piece, sink, nullptr, status);
      if (U_SUCCESS(status)) {
        text = composed;
        ++n.composed;
      }
    }
  }
  if (!opt.ascii_punct || utf8::is_ascii(text)) {
    append_collapsed(out, text);
  } else {
    std::size_t i = 0, run = 0;
    while (i < text.size()) {
      std::size_t at = i;
      char32_t c = utf8::next(text, i);
      const std::string_view* repl = c >= 0x80 ? ascii_for(c) : nullptr;
      if (!repl) continue;
      append_collapsed(out, text.substr(run, at - run));
      out.append(*repl);
      run = i;
      ++n.punct;
    }
    append_collapsed(out, text.substr(run));
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
}

// Cuts block text into lines at \n, \r\n, \r, U+2028 and U+2029.
std::vector<std::string_view> block_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0, i = 0;
  while (i < text.size()) {
    char ch = text[i];
    std::size_t len = 0;
    if (ch == '\n') {
      len = 1;
    } else if (ch == '\r') {
      len = (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
    } else if (ch == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' && (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      len = 3;
    }
    if (len) {
      lines.push_back(text.substr(start, i - start));
      i += len;
      start = i;
    } else {
      ++i;
    }
  }
  lines.push_back(text.substr(start));
  return lines;
}

void normalize_block(Block& block, const NormOptions& opt, Report* report, std::string& scratch) {
  LineCounts n;
  std::uint64_t joined = 0;
  std::string out, line;
  out.reserve(block.text.size());
  std::size_t previous = 0;  // offset in OUT of the last line written
  std::uint32_t number = block.first_line;
  for (std::string_view raw : block_lines(block.text)) {
    line.clear();
    std::uint64_t format_before = n.format;
    normalize_line(raw, opt, line, scratch, n);
    if (report && n.format != format_before) {
      report->add("norm", "format-char", number, report->keep_details() ? excerpt(line) : std::string());
    }
    if (number) ++number;
    if (line.empty()) continue;
    if (!out.empty()) {
      if (!opt.keep_lines && is_wrapped_break(std::string_view(out).substr(previous), line)) {
        out.push_back(' ');
        ++joined;
      } else {
        out.push_back('\n');
      }
    }
    previous = out.size();
    out += line;
  }
  block.text = std::move(out);
  if (block.text.empty()) {
    block.verdict = Verdict::kDrop;
    block.reason = "empty";
  }
  if (report) {
    if (n.spaces) report->count("norm", "unicode-space", n.spaces);
    if (n.punct) report->count("norm", "ascii-punct", n.punct);
    if (n.composed) report->count("norm", "normalized-line", n.composed);
    if (n.replaced) report->count("norm", "invalid-utf8", n.replaced);
    if (joined) report->count("norm", "wrap-joined", joined);
  }
}

}  // namespace

void normalize(Document& doc, const NormOptions& options, Report* report) {
  std::string scratch;
  for (Block& b : doc.blocks) {
    if (b.kept()) normalize_block(b, options, report, scratch);
  }
}

std::string normalize(std::string_view text, const NormOptions& options, Report* report) {
  Document doc = split(text, options.keep_lines ? SplitMode::kParagraphs : SplitMode::kAuto);
  normalize(doc, options, report);
  return render(doc);
}

}  // namespace winnow
