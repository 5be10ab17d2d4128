#include "winnow/norm.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <stdexcept>
#include <utility>
#include <vector>

#include "buffer.h"
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
  if (U_FAILURE(status) || !n) throw std::logic_error("winnow: ICU normalizer data missing");
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

// Whether code point C is one norm keeps as it is and that cannot take part in composition:
// not a space separator, format character or line/paragraph separator, combining class 0 and
// quick check Yes for the chosen form. A string of such characters is already NFC/NFKC.
// Three ICU property lookups per character are too slow for the hot path, so the answers for
// the BMP are cached in a bitmap filled lazily, 128 code points at a time; the cache is
// append-only and written with atomics, so threads may share it.
class InertCache {
 public:
  explicit InertCache(bool nfkc) : quick_check_(nfkc ? UCHAR_NFKC_QUICK_CHECK : UCHAR_NFC_QUICK_CHECK) {}

  bool inert(char32_t c) {
    if (c >= 0x10000) return compute(c);
    std::size_t page = c >> 7;
    if (!ready_[page].load(std::memory_order_acquire)) fill(page);
    return (bits_[c >> 6].load(std::memory_order_relaxed) >> (c & 63)) & 1;
  }

 private:
  bool compute(char32_t c) const {
    int8_t type = u_charType(c);
    return type != U_SPACE_SEPARATOR && type != U_FORMAT_CHAR && type != U_LINE_SEPARATOR &&
           type != U_PARAGRAPH_SEPARATOR && u_getCombiningClass(c) == 0 &&
           u_getIntPropertyValue(c, quick_check_) == UNORM_YES;
  }
  void fill(std::size_t page) {
    for (std::size_t word = page * 2; word < page * 2 + 2; ++word) {
      std::uint64_t bits = 0;
      for (unsigned k = 0; k < 64; ++k) bits |= std::uint64_t{compute(static_cast<char32_t>(word * 64 + k))} << k;
      bits_[word].store(bits, std::memory_order_relaxed);
    }
    ready_[page].store(true, std::memory_order_release);
  }

  UProperty quick_check_;
  std::atomic<std::uint64_t> bits_[0x10000 / 64] = {};
  std::atomic<bool> ready_[0x10000 / 128] = {};
};

InertCache& inert_cache(bool nfkc) {
  static InertCache nfc_cache(false), nfkc_cache(true);
  return nfkc ? nfkc_cache : nfc_cache;
}

constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHigh = 0x8080808080808080ULL;

// 0x80 in every byte of W equal to ' ' (exact, no false positives from borrows).
inline std::uint64_t space_bytes(std::uint64_t w) {
  std::uint64_t x = w ^ (kOnes * ' ');
  std::uint64_t t = (x & ~kHigh) + ~kHigh;
  return ~(t | x | ~kHigh);
}

// True when LINE needs no change: valid UTF-8 without tabs or other C0 controls, single inner
// spaces, no leading or trailing space, and only inert non-ASCII characters (see InertCache).
// Most lines of news text pass, and ASCII runs are checked eight bytes at a time.
bool already_canonical(std::string_view line, const NormOptions& opt) {
  if (line.empty() || line.front() == ' ' || line.back() == ' ') return line.empty();
  InertCache& cache = inert_cache(opt.nfkc);
  const char* p = line.data();
  const std::size_t n = line.size();
  bool prev_space = false;
  for (std::size_t i = 0; i < n;) {
    unsigned char b = static_cast<unsigned char>(p[i]);
    if (b < 0x80) {
      if (b < 0x20 || (b == ' ' && prev_space)) return false;
      prev_space = b == ' ';
      ++i;
      // A space between two words of a non-Latin script: no ASCII run to step through.
      if (i < n && static_cast<unsigned char>(p[i]) >= 0x80) continue;
      // Then whole ASCII words: no byte below 0x20 (adding 0x60 carries into the high bit
      // only from 0x20 up), and no two adjacent spaces, also across word boundaries; sixteen
      // bytes a step where SSE2 is there (every x86-64), then eight.
#ifdef __SSE2__
      while (i + 16 <= n) {
        __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        if (_mm_movemask_epi8(v)) break;  // a byte beyond ASCII
        if (_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)))) return false;
        unsigned sp = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' '))));
        if ((sp & (sp << 1)) || (prev_space && (sp & 1))) return false;
        prev_space = (sp >> 15) & 1;
        i += 16;
      }
#endif
      while (i + 8 <= n) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (w & kHigh) break;
        if (~(w + kOnes * 0x60) & kHigh) return false;
        std::uint64_t sp = space_bytes(w);
        if ((sp & (sp << 8)) || (prev_space && (sp & 0x80))) return false;
        prev_space = sp >> 63;
        i += 8;
      }
      continue;
    }
    // Two- and three-byte forms decoded inline (E0, ED and four-byte forms, whose second byte
    // has a narrower range, and every error go through the full decoder).
    char32_t c;
    unsigned char b1 = i + 1 < n ? static_cast<unsigned char>(p[i + 1]) : 0;
    if (b >= 0xC2 && b <= 0xDF && (b1 & 0xC0) == 0x80) {
      c = (char32_t{b} & 0x1F) << 6 | (b1 & 0x3F);
      i += 2;
    } else if (b >= 0xE1 && b <= 0xEC && (b1 & 0xC0) == 0x80 && i + 2 < n && (p[i + 2] & 0xC0) == 0x80) {
      c = (char32_t{b} & 0x0F) << 12 | char32_t{b1 & 0x3Fu} << 6 | (p[i + 2] & 0x3F);
      i += 3;
    } else {
      bool ok = true;
      c = utf8::next(line, i, &ok);
      if (!ok) return false;
    }
    if (!cache.inert(c) || (opt.ascii_punct && ascii_for(c))) return false;
    prev_space = false;
  }
  return true;
}

// Composes valid UTF-8 TEXT (NFC, or NFKC) into COMPOSED when it is not composed already;
// returns whether it did.
bool compose(std::string_view text, const NormOptions& opt, std::string& composed) {
  if (utf8::is_ascii(text)) return false;
  const icu::Normalizer2& norm = normalizer(opt.nfkc);
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (norm.isNormalizedUTF8(piece, status) || U_FAILURE(status)) return false;
  icu::StringByteSink<std::string> sink(&composed);
  norm.normalizeUTF8(0, piece, sink, nullptr, status);
  return U_SUCCESS(status);
}

// Writes the canonical form of one line (no line breaks inside) to OUT, which must be empty.
void normalize_line(std::string_view line, const NormOptions& opt, std::string& out, std::string& scratch,
                    LineCounts& n) {
  if (already_canonical(line, opt)) {
    out.assign(line);
    return;
  }

  scratch.clear();
  map_chars(line, scratch, n);
  std::string_view text = scratch;
  std::string composed;
  if (compose(text, opt, composed)) {
    text = composed;
    ++n.composed;
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

std::vector<std::string_view> block_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  LineCutter cutter(text);
  for (;;) {
    LineBreak br = cutter.next(start);
    lines.push_back(text.substr(start, br.pos - start));
    if (br.len == 0) return lines;
    start = br.pos + br.len;
  }
}

// True when TEXT is already a canonical block: every '\n'-separated line non-empty and
// canonical, and (unless lines are kept) no clear hard wrap between two of them. Most blocks
// of clean text pass and are then left as they are, without a copy.
bool block_canonical(std::string_view text, const NormOptions& opt) {
  std::string_view prev;
  for (std::size_t start = 0;;) {
    const void* nl = std::memchr(text.data() + start, '\n', text.size() - start);
    std::size_t end = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
    std::string_view line = text.substr(start, end - start);
    if (line.empty() || !already_canonical(line, opt)) return false;
    if (!opt.keep_lines && !prev.empty() && is_wrapped_break(prev, line)) return false;
    if (!nl) return true;
    prev = line;
    start = end + 1;
  }
}

// Counts what normalising BLOCK changed and, for --explain, records each kind of change once
// a block, with the block's first line and its new text.
void report_block(const Block& block, const LineCounts& n, std::uint64_t joined, Report& report) {
  const std::pair<const char*, std::uint64_t> kinds[] = {{"unicode-space", n.spaces},
                                                          {"ascii-punct", n.punct},
                                                          {"normalized-line", n.composed},
                                                          {"invalid-utf8", n.replaced},
                                                          {"wrap-joined", joined}};
  for (const auto& [kind, count] : kinds) {
    if (count) report.add_many("norm", kind, count, block.first_line, report.keep_details() ? excerpt(block.text) : "");
  }
}

// Returns whether the block's text changed.
bool normalize_block(Block& block, const NormOptions& opt, Report* report, std::string& scratch) {
  if (block_canonical(block.text, opt)) return false;
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
  const bool changed = out != block.text;
  block.text = std::move(out);
  if (block.text.empty()) {
    block.verdict = Verdict::kDrop;
    block.reason = "empty";
  }
  if (report) report_block(block, n, joined, *report);
  return changed;
}

// A verbatim block (a code block for Markdown): each line with ill-formed UTF-8 replaced and
// composed, its trailing spaces and tabs removed, its other spaces and tabs kept; blank lines
// kept inside, removed at the start and end. Returns whether the text changed.
bool normalize_verbatim(Block& block, const NormOptions& opt, Report* report) {
  LineCounts n;
  std::string out, composed;
  std::size_t blank = 0;  // blank lines not yet written
  for (std::string_view raw : block_lines(block.text)) {
    std::size_t replaced = 0;
    std::string line = utf8::sanitize(raw, &replaced);
    n.replaced += replaced;
    composed.clear();
    if (compose(line, opt, composed)) {
      line = std::move(composed);
      ++n.composed;
    }
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (line.empty()) {
      blank += !out.empty();
      continue;
    }
    if (!out.empty()) out.append(blank + 1, '\n');
    blank = 0;
    out += line;
  }
  const bool changed = out != block.text;
  block.text = std::move(out);
  if (block.text.empty()) {
    block.verdict = Verdict::kDrop;
    block.reason = "empty";
  }
  if (report) report_block(block, n, 0, *report);
  return changed;
}

// A table's cells and the links' text, each as one line of text: a cell is a part of a row,
// a link's text a part of a line. Their changes are counted once, on the text.
void normalize_parts(Block& block, const NormOptions& opt, std::string& scratch) {
  LineCounts n;
  std::string out;
  auto rewrite = [&](std::string& part) {
    out.clear();
    normalize_line(part, opt, out, scratch, n);
    part.swap(out);
  };
  if (!block.has_markup()) return;
  Block::Markup& markup = block.edit_markup();
  for (std::vector<std::string>& row : markup.cells) {
    for (std::string& cell : row) rewrite(cell);
  }
  for (Block::Link& link : markup.links) rewrite(link.text);
}

// normalize(Block&) with a scratch buffer the caller reuses.
bool normalize_kept(Block& b, const NormOptions& options, Report* report, std::string& scratch) {
  const bool changed =
      b.shape.verbatim ? normalize_verbatim(b, options, report) : normalize_block(b, options, report, scratch);
  normalize_parts(b, options, scratch);
  return changed;
}

}  // namespace

void normalize(Document& doc, const NormOptions& options, Report* report) {
  std::string scratch;
  for (Block& b : doc.blocks) {
    if (b.kept()) normalize_kept(b, options, report, scratch);
  }
}

bool normalize(Block& block, const NormOptions& options, Report* report) {
  std::string scratch;
  return normalize_kept(block, options, report, scratch);
}

std::string normalize(std::string_view text, const NormOptions& options, Report* report) {
  // render(normalize(split(text))), a block at a time: the output is the only copy of the text.
  std::string out, scratch;
  internal::reserve_document(out, text.size() + 1);
  Renderer renderer(out);
  split_each(text, options.keep_lines ? SplitMode::kParagraphs : SplitMode::kAuto, [&](Block&& b) {
    normalize_block(b, options, report, scratch);
    renderer.add(b);
  });
  renderer.finish();
  return out;
}

}  // namespace winnow
