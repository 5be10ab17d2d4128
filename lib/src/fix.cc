#include "winnow/fix.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include "buffer.h"
#include "codepages.h"
#include "data.h"
#include "mojibake.h"
#include "winnow/utf8.h"

namespace winnow {
namespace {

// The number of newlines in S, in a loop the compiler vectorises.
std::uint32_t newlines(std::string_view s) {
  std::uint32_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// Where the changes of one text go: the report, with lines counted from FIRST_LINE.
class Sink {
 public:
  Sink(Report* report, std::uint32_t first_line) : report_(report), first_line_(first_line) {}

  bool details() const { return report_ && report_->keep_details(); }

  // The text has been replaced: a buffer of the same address and size may hold other lines.
  void forget() {
    counted_text_ = nullptr;
    replaced_ = true;
  }
  // Whether a pass replaced the text (forget() was called).
  bool replaced() const { return replaced_; }

  // Records a change of KIND at byte AT of TEXT (the text the pass read). A pass reports its
  // changes in order, so lines are counted on from the previous change, not from the start.
  void add(std::string_view kind, std::string_view text, std::size_t at, const std::string& detail = {}) {
    if (!report_) return;
    std::uint32_t line = 0;
    if (first_line_) {
      if (text.data() != counted_text_ || text.size() != counted_size_) {
        counted_text_ = text.data();
        counted_size_ = text.size();
        counted_to_ = 0;
        counted_lines_ = 0;
      }
      // Back or forth from where the last change was: the changes of a line come in line order
      // but not always in order inside it.
      at = std::min(at, text.size());
      if (at < counted_to_) {
        counted_lines_ -= newlines(text.substr(at, counted_to_ - at));
      } else {
        counted_lines_ += newlines(text.substr(counted_to_, at - counted_to_));
      }
      counted_to_ = at;
      line = first_line_ + counted_lines_;
    }
    report_->add("fix", kind, line, detail);
  }

 private:
  Report* report_;
  std::uint32_t first_line_;
  const char* counted_text_ = nullptr;  // where the line count below was taken
  std::size_t counted_size_ = 0, counted_to_ = 0;
  std::uint32_t counted_lines_ = 0;
  bool replaced_ = false;
};

// A pass writes its output into OUT, the buffer of an earlier round or pass, whose capacity is
// reused: one allocation per document rather than one per pass. OUT is not read when the pass
// changes nothing.
std::string& start_output(std::string& out, std::string_view in) {
  out.clear();
  out.reserve(in.size() + in.size() / 16);
  return out;
}

// Word-at-a-time tests (Hacker's Delight, 6-1): whether any byte of W is below N (N <= 128),
// or equal to B.
constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
bool any_below(std::uint64_t w, unsigned n) { return (w - kOnes * n) & ~w & kHighs; }
bool any_equal(std::uint64_t w, unsigned b) {
  std::uint64_t x = w ^ (kOnes * b);
  return (x - kOnes) & ~x & kHighs;
}
std::uint64_t load8(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

std::string quoted(std::string_view s) { return "'" + excerpt(s, 40) + "'"; }

std::string code_point_name(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

// --- HTML entities ---------------------------------------------------------------------------

// data/html-entities.txt: name (with its ';') -> UTF-8 value.
const std::unordered_map<std::string_view, std::string>& entity_table() {
  static const std::unordered_map<std::string_view, std::string> table = [] {
    std::unordered_map<std::string_view, std::string> t;
    for (std::string_view line : data::lines("html-entities.txt")) {
      std::size_t sp = line.find(' ');
      if (sp == std::string_view::npos) throw std::logic_error("winnow: data/html-entities.txt: bad entry");
      std::string_view name = line.substr(0, sp);
      if (name.back() != ';') continue;  // legacy forms without ';' are not decoded in text
      std::string value;
      for (std::string_view rest = line.substr(sp + 1); !rest.empty();) {
        std::size_t next = rest.find(' ');
        std::string_view cp = rest.substr(0, next);
        if (cp.substr(0, 2) != "U+") throw std::logic_error("winnow: data/html-entities.txt: bad code point");
        utf8::append(value, static_cast<char32_t>(std::strtoul(std::string(cp.substr(2)).c_str(), nullptr, 16)));
        rest = next == std::string_view::npos ? std::string_view() : rest.substr(next + 1);
      }
      t.emplace(name, std::move(value));
    }
    return t;
  }();
  return table;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }
bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Decodes the entity at s[i] == '&' into OUT and returns its length, or 0 if there is none.
std::size_t decode_entity(std::string_view s, std::size_t i, std::string& out) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '#') {
    ++j;
    bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
    if (hex) ++j;
    std::size_t digits = j;
    std::uint32_t v = 0;
    while (j < s.size() && j - digits < 8 &&
           (hex ? is_hex(s[j]) : (s[j] >= '0' && s[j] <= '9'))) {
      char c = s[j];
      v = v * (hex ? 16 : 10) + static_cast<std::uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
      ++j;
    }
    if (j == digits || j >= s.size() || s[j] != ';') return 0;
    char32_t c = v;
    // HTML's rule: 0x80..0x9F are Windows-1252 (&#150; is an en dash); NUL, surrogates and
    // values beyond Unicode are U+FFFD.
    if (c >= 0x80 && c <= 0x9F) c = codepages::kPages[codepages::kWindows1252].high[c - 0x80];
    if (c == 0 || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) c = utf8::kReplacement;
    utf8::append(out, c);
    return j + 1 - i;
  }
  while (j < s.size() && j - i <= 32 && is_alnum(s[j])) ++j;
  if (j == i + 1 || j >= s.size() || s[j] != ';') return 0;
  const auto& table = entity_table();
  auto it = table.find(s.substr(i + 1, j - i));
  if (it == table.end()) return 0;
  out += it->second;
  return j + 1 - i;
}

bool fix_entities(std::string_view s, std::string& out, Sink& sink) {
  if (s.find('&') == std::string_view::npos) return false;
  std::string& result = start_output(out, s);
  std::string value;
  std::size_t copied = 0;
  bool changed = false;
  for (std::size_t i = s.find('&'); i != std::string_view::npos; i = s.find('&', i + 1)) {
    if (i < copied) continue;
    value.clear();
    std::size_t len = decode_entity(s, i, value);
    if (!len) continue;
    // Double-escaped text (&amp;quot;): the '&' decoded starts another entity.
    std::size_t end = i + len;
    while (value == "&") {
      std::string probe = "&" + std::string(s.substr(end, 48));
      std::string inner;
      std::size_t more = decode_entity(probe, 0, inner);
      if (!more) break;
      value = std::move(inner);
      end += more - 1;
    }
    result.append(s.substr(copied, i - copied));
    result += value;
    if (sink.details()) {
      sink.add("entity", s, i, quoted(s.substr(i, end - i)) + " -> " + quoted(value));
    } else {
      sink.add("entity", s, i);
    }
    copied = end;
    changed = true;
  }
  if (!changed) return false;
  result.append(s.substr(copied));
  return true;
}

// --- stray tags --------------------------------------------------------------------------------

// Inline elements whose tags, left in plain text, carry no text of their own.
bool is_inline_tag(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "a",    "abbr",  "b",     "bdi",  "bdo",    "big", "br",  "cite", "code", "del",    "dfn",
      "em",   "font",  "i",     "ins",  "kbd",    "mark", "q",  "s",    "samp", "small",  "span",
      "strike", "strong", "sub", "sup", "time", "tt",  "u",   "var",  "wbr"};
  for (std::string_view n : kNames) {
    if (n.size() == name.size()) {
      bool same = true;
      for (std::size_t k = 0; k < n.size() && same; ++k) same = (name[k] | 0x20) == n[k];
      if (same) return true;
    }
  }
  return false;
}

// Length of the inline tag at s[i] == '<', or 0. Attributes must look like attributes
// (name=value), so that "a <b and c> d" in prose is not taken for a tag.
std::size_t tag_length(std::string_view s, std::size_t i, bool* line_break) {
  std::size_t j = i + 1;
  if (j < s.size() && s[j] == '/') ++j;
  std::size_t name = j;
  while (j < s.size() && is_alnum(s[j])) ++j;
  if (j == name || !is_inline_tag(s.substr(name, j - name))) return 0;
  *line_break = (s.substr(name, j - name) == "br" || s.substr(name, j - name) == "BR");
  while (j < s.size() && j - i < 400) {
    char c = s[j];
    if (c == '>') return j + 1 - i;
    if (c == '/' && j + 1 < s.size() && s[j + 1] == '>') return j + 2 - i;
    if (c != ' ') return 0;
    while (j < s.size() && s[j] == ' ') ++j;
    std::size_t attr = j;
    while (j < s.size() && (is_alnum(s[j]) || s[j] == '-' || s[j] == '_' || s[j] == ':')) ++j;
    if (j == attr || j >= s.size() || s[j] != '=') return 0;
    ++j;
    if (j < s.size() && (s[j] == '"' || s[j] == '\'')) {
      std::size_t close = s.find(s[j], j + 1);
      if (close == std::string_view::npos || s.substr(j, close - j).find_first_of("<>\n") != std::string_view::npos) return 0;
      j = close + 1;
    } else {
      std::size_t v = j;
      while (j < s.size() && s[j] != ' ' && s[j] != '>' && s[j] != '<' && s[j] != '\n' && s[j] != '"' && s[j] != '\'') ++j;
      if (j == v) return 0;
    }
  }
  return 0;
}

bool fix_tags(std::string_view s, std::string& out, Sink& sink) {
  if (s.find('<') == std::string_view::npos) return false;
  std::string& result = start_output(out, s);
  std::size_t copied = 0;
  bool changed = false;
  for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    if (i < copied) continue;
    bool line_break = false;
    std::size_t len = tag_length(s, i, &line_break);
    if (!len) continue;
    result.append(s.substr(copied, i - copied));
    if (line_break) result.push_back('\n');
    sink.add("tag", s, i, sink.details() ? quoted(s.substr(i, len)) : std::string());
    copied = i + len;
    changed = true;
  }
  if (!changed) return false;
  result.append(s.substr(copied));
  return true;
}

// --- terminal escapes, controls, C1 ------------------------------------------------------------

// Length of the escape sequence at s[i] == ESC: CSI (ESC [ params intermediates final), OSC
// (ESC ] ... BEL or ESC \), charset designations (ESC ( B) and two-byte escapes (ESC 7).
std::size_t escape_length(std::string_view s, std::size_t i) {
  std::size_t j = i + 1;
  if (j >= s.size()) return 1;
  unsigned char c = static_cast<unsigned char>(s[j]);
  if (c == '[') {
    ++j;
    while (j < s.size() && s[j] >= 0x30 && s[j] <= 0x3F) ++j;
    while (j < s.size() && s[j] >= 0x20 && s[j] <= 0x2F) ++j;
    if (j < s.size() && s[j] >= 0x40 && s[j] <= 0x7E) return j + 1 - i;
    return j - i;
  }
  if (c == ']') {
    for (++j; j < s.size() && j - i < 512; ++j) {
      if (s[j] == '\a') return j + 1 - i;
      if (s[j] == '\x1B' && j + 1 < s.size() && s[j + 1] == '\\') return j + 2 - i;
      if (s[j] == '\n') break;
    }
    return 2;
  }
  if (c >= 0x20 && c <= 0x2F) return j + 1 < s.size() && s[j + 1] >= 0x30 && s[j + 1] <= 0x7E ? 3 : 2;
  if (c >= 0x30 && c <= 0x7E) return 2;
  return 1;
}

bool fix_escapes(std::string_view s, std::string& out, Sink& sink) {
  if (s.find('\x1B') == std::string_view::npos) return false;
  std::string& result = start_output(out, s);
  std::size_t copied = 0;
  for (std::size_t i = s.find('\x1B'); i != std::string_view::npos; i = s.find('\x1B', i + 1)) {
    if (i < copied) continue;
    std::size_t len = escape_length(s, i);
    result.append(s.substr(copied, i - copied));
    std::string shown = "ESC" + std::string(s.substr(i + 1, len - 1));
    sink.add("escape", s, i, sink.details() ? quoted(utf8::sanitize(shown)) : std::string());
    copied = i + len;
  }
  result.append(s.substr(copied));
  return true;
}

// C1 controls (C2 80..C2 9F) that Windows-1252 gives a meaning to become that character.
bool fix_c1(std::string_view s, std::string& out, Sink& sink) {
  std::string& result = start_output(out, s);
  std::size_t copied = 0;
  bool changed = false;
  const auto& cp1252 = codepages::kPages[codepages::kWindows1252].high;
  for (std::size_t i = s.find('\xC2'); i != std::string_view::npos; i = s.find('\xC2', i + 1)) {
    if (i + 1 >= s.size()) break;
    unsigned char b = static_cast<unsigned char>(s[i + 1]);
    if (b < 0x80 || b > 0x9F) continue;
    char32_t c = cp1252[b - 0x80];
    if (c == b) continue;  // undefined in Windows-1252: left to the control pass
    result.append(s.substr(copied, i - copied));
    std::size_t at = result.size();
    utf8::append(result, c);
    sink.add("c1-control", s, i,
             sink.details() ? code_point_name(b) + " -> " + quoted(std::string_view(result).substr(at)) : std::string());
    copied = i + 2;
    changed = true;
  }
  if (!changed) return false;
  result.append(s.substr(copied));
  return true;
}

bool is_removed_control(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

bool fix_controls(std::string_view s, std::string& out, Sink& sink) {
  std::string& result = start_output(out, s);
  std::size_t copied = 0;
  bool changed = false;
  for (std::size_t i = 0; i < s.size();) {
    // Eight bytes at a time past text without C0 controls, DEL and C2 (the lead of C1).
    while (i + 8 <= s.size()) {
      std::uint64_t w = load8(s.data() + i);
      if (any_below(w, 0x20) || any_equal(w, 0x7F) || any_equal(w, 0xC2)) break;
      i += 8;
    }
    if (i >= s.size()) break;
    std::size_t at = i;
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b >= 0x20 && b != 0x7F && b != 0xC2) {
      ++i;
      continue;
    }
    char32_t c = utf8::next(s, i);
    if (!is_removed_control(c)) continue;
    result.append(s.substr(copied, at - copied));
    // Vertical tab and form feed separate words: they become a space rather than nothing.
    if (c == '\v' || c == '\f') result.push_back(' ');
    sink.add("control", s, at, sink.details() ? code_point_name(c) : std::string());
    copied = i;
    changed = true;
  }
  if (!changed) return false;
  result.append(s.substr(copied));
  return true;
}

// Latin ligatures (U+FB00..U+FB06) and full-width ASCII (U+FF01..U+FF5E).
bool fix_compat(std::string_view s, std::string& out, Sink& sink) {
  static constexpr std::string_view kLigatures[] = {"ff", "fi", "fl", "ffi", "ffl", "st", "st"};
  std::string& result = start_output(out, s);
  std::size_t copied = 0;
  bool changed = false;
  for (std::size_t i = s.find('\xEF'); i != std::string_view::npos; i = s.find('\xEF', i + 1)) {
    if (i < copied) continue;
    std::size_t j = i;
    char32_t c = utf8::next(s, j);
    std::string repl;
    if (c >= 0xFB00 && c <= 0xFB06) {
      repl = kLigatures[c - 0xFB00];
    } else if (c >= 0xFF01 && c <= 0xFF5E) {
      repl.push_back(static_cast<char>(c - 0xFF01 + 0x21));
    } else {
      continue;
    }
    result.append(s.substr(copied, i - copied));
    result += repl;
    sink.add("compat", s, i, sink.details() ? quoted(s.substr(i, j - i)) + " -> " + quoted(repl) : std::string());
    copied = j;
    changed = true;
  }
  if (!changed) return false;
  result.append(s.substr(copied));
  return true;
}

// What a text holds that some pass acts on: the passes whose trigger is absent are skipped. Printable ASCII without '&' and '<' has none.
enum Trigger : std::uint8_t {
  kEsc = 1,       // ESC: terminal escapes
  kAmp = 2,       // '&': entities
  kLt = 4,        // '<': tags
  kControl = 8,   // C0 controls other than tab, newline, CR; DEL
  kC2 = 16,       // the lead byte of U+0080..U+00BF, among them the C1 controls
  kHigh = 32,     // any non-ASCII byte: mojibake, mix-ups
  kEf = 64,       // the lead byte of the ligatures and full-width forms (--compat)
};

// The single-byte triggers by memchr; controls and non-ASCII bytes in blocks of 4 KiB, each
// in a loop the compiler vectorises, until both are found.
std::uint8_t triggers(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::uint8_t f = 0;
  for (auto [byte, flag] : {std::pair{'\x1B', kEsc}, {'&', kAmp}, {'<', kLt}, {'\xC2', kC2}, {'\xEF', kEf}}) {
    if (std::memchr(p, byte, n)) f |= flag;
  }
  std::uint8_t high = 0, control = 0;
  for (std::size_t i = 0; i < n && !((high & 0x80) && control); i += 4096) {
    std::size_t end = std::min(n, i + 4096);
    std::uint8_t h = 0, c = 0;  // locals and no short-circuit operators: vectorised
    for (std::size_t k = i; k < end; ++k) {
      std::uint8_t b = p[k];
      h |= b;
      c |= ((b < 0x20) & (b != '\n') & (b != '\t') & (b != '\r')) | (b == 0x7F);
    }
    high |= h;
    control |= c;
  }
  return f | (high & 0x80 ? kHigh : 0) | (control ? kControl : 0);
}

// One round of every enabled pass whose trigger TEXT (valid UTF-8) holds, in the order that
// lets each see what the earlier ones uncovered. Returns true when another round is needed:
// when a pass other than the mojibake repairs changed something, since removing or decoding
// characters can join what an earlier pass would have acted on ("Ã\x01©", "&amp;#150;").
// The mojibake repairs repeat themselves and produce no ASCII.
bool fix_round(std::string& text, const FixOptions& o, Sink& sink) {
  bool again = false;
  std::string next;
  std::uint8_t has = triggers(text);
  auto step = [&](bool enabled, std::uint8_t trigger, bool (*pass)(std::string_view, std::string&, Sink&)) {
    if (enabled && (has & trigger) && pass(text, next, sink)) {
      text.swap(next);
      sink.forget();
      again = true;
      has = triggers(text);
    }
  };
  step(o.escapes, kEsc, fix_escapes);
  if (has & kHigh) {
    mojibake::Edits edits(sink.details());
    // Mix-ups first: a line of Cyrillic shown as Latin-1 letters is not mojibake, but its
    // letter pairs can look like UTF-8 to the span repair.
    if ((o.mixups || o.mojibake) && mojibake::repair_lines(text, o.mixups, o.mojibake, next, &edits)) {
      for (std::size_t k = 0; k < edits.spans.size(); ++k) {
        const mojibake::Edit& ed = edits.spans[k];
        std::string detail;
        if (edits.details) {
          const mojibake::EditDetail& d = edits.detail[k];
          detail = quoted(d.before) + " -> " + quoted(d.after) + ": " + d.steps;
        }
        sink.add(ed.kind, text, ed.offset, detail);
      }
      text.swap(next);
      sink.forget();
      // These repairs touch no ASCII: what they can bring is non-ASCII, C2 and EF bytes.
      has |= kHigh | kC2 | kEf;
    }
  }
  step(o.c1, kC2, fix_c1);
  if (!o.markup) {
    step(o.entities, kAmp, fix_entities);
    step(o.tags, kLt, fix_tags);
  }
  step(o.controls, kControl | kC2, fix_controls);
  step(o.compat, kEf, fix_compat);
  return again;
}

// TEXT (valid UTF-8) well-formed: CESU-8 surrogates joined, ill-formed sequences as U+FFFD.
// Returns false when it already is.
bool make_valid(std::string_view input, const FixOptions& options, std::string& text, Sink& sink) {
  if (utf8::valid(input)) return false;
  if (options.surrogates && utf8::valid_cesu8(input)) {
    std::size_t joined = 0, replaced = 0;
    text = utf8::decode_cesu8(input, &joined, &replaced);
    if (joined || replaced) sink.add("surrogate", input, utf8::find_invalid(input),
                                     sink.details() ? std::to_string(joined) + " pairs joined, " +
                                                          std::to_string(replaced) + " lone" : std::string());
  } else {
    std::size_t replaced = 0;
    text = utf8::sanitize(input, &replaced);
    sink.add("invalid-utf8", input, utf8::find_invalid(input),
             sink.details() ? std::to_string(replaced) + " ill-formed sequences as U+FFFD" : std::string());
  }
  return true;
}

// A repair can uncover another (an entity that decodes to a C1 control, a tag split by an
// escape, a fourth layer of mojibake under three); rounds repeat until nothing changes, which
// is what makes fix idempotent. Every repair shortens the text or turns a C1 control into the
// character it stands for, so a text settles within twice its length in rounds; real text
// takes one or two. The bound is reported should it ever be reached ("fix/round-limit").
void fix_rounds(std::string& text, const FixOptions& options, Sink& sink) {
  const std::size_t limit = 2 * text.size() + 4;
  for (std::size_t round = 0; fix_round(text, options, sink); ++round) {
    if (round == limit) {
      sink.add("round-limit", text, 0);
      return;
    }
  }
}

// Texts longer than this are repaired a chunk of whole lines at a time. Every pass is local to
// a line (none reads across a newline or removes one), so a chunk, with the newlines around it
// as context, comes out as it would inside the whole text; but the passes over a chunk run in
// the cache, and only the chunks where a round changed something go round again.
constexpr std::size_t kChunk = 64 * 1024;

// Repairs TEXT chunk by chunk into OUT. Returns false, leaving OUT incomplete, if a chunk's
// context newlines did not survive (no pass removes a newline, so this does not happen).
bool fix_chunks(std::string_view text, const FixOptions& options, Report* report, std::uint32_t first_line,
                std::string& out) {
  internal::reserve_document(out, text.size() + text.size() / 64);
  std::string chunk;
  std::uint32_t line = first_line;  // the line of START, when lines are counted
  for (std::size_t start = 0; start < text.size();) {
    std::size_t stop = start + kChunk < text.size() ? text.find('\n', start + kChunk) : std::string_view::npos;
    if (stop == std::string_view::npos) stop = text.size();
    std::size_t lead = start > 0, trail = stop < text.size();
    chunk.assign(text.substr(start - lead, stop + trail - (start - lead)));
    Sink sink(report, first_line ? line - static_cast<std::uint32_t>(lead) : 0);
    fix_rounds(chunk, options, sink);
    if (chunk.size() < lead + trail || (lead && chunk.front() != '\n') || (trail && chunk.back() != '\n')) return false;
    out.append(chunk, lead, chunk.size() - lead);
    if (first_line) line += newlines(text.substr(start, stop + trail - start));
    start = stop + trail;
  }
  return true;
}

std::string fix_text(std::string_view input, const FixOptions& options, Report* report, std::uint32_t first_line) {
  std::string valid;
  {
    Sink sink(report, first_line);
    if (make_valid(input, options, valid, sink)) input = valid;
  }
  std::string out;
  if (input.size() > kChunk && fix_chunks(input, options, report, first_line, out)) return out;
  out.assign(input);
  Sink sink(report, first_line);
  fix_rounds(out, options, sink);
  return out;
}

// Repairs TEXT in place; returns whether it changed. Text that no pass acts on is scanned
// and left where it is, without a copy.
bool fix_in_place(std::string& text, const FixOptions& options, Report* report, std::uint32_t first_line) {
  if (text.size() > kChunk) {
    std::string out = fix_text(text, options, report, first_line);
    if (out == text) return false;
    text.swap(out);
    return true;
  }
  bool changed = false;
  {
    std::string valid;
    Sink sink(report, first_line);
    if (make_valid(text, options, valid, sink)) {
      text.swap(valid);
      changed = true;
    }
  }
  Sink sink(report, first_line);
  fix_rounds(text, options, sink);
  return changed || sink.replaced();
}

}  // namespace

std::string fix(std::string_view text, const FixOptions& options, Report* report) {
  return fix_text(text, options, report, 1);
}

bool fix(Block& b, const FixOptions& options, Report* report) {
  // A table's cells and the links' text are the same text cut otherwise: their repairs are
  // counted once, on the text.
  if (b.has_markup()) {
    Block::Markup& markup = b.edit_markup();
    for (std::vector<std::string>& row : markup.cells) {
      for (std::string& cell : row) fix_in_place(cell, options, nullptr, b.first_line);
    }
    for (Block::Link& link : markup.links) fix_in_place(link.text, options, nullptr, b.first_line);
  }
  if (!fix_in_place(b.text, options, report, b.first_line)) return false;
  if (b.text.find_first_not_of(" \t\r\n") == std::string::npos) {
    b.verdict = Verdict::kDrop;
    b.reason = "empty";
  }
  return true;
}

void fix(Document& doc, const FixOptions& options, Report* report) {
  for (Block& b : doc.blocks) {
    if (b.kept()) fix(b, options, report);
  }
}

}  // namespace winnow
