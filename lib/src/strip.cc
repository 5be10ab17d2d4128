#include "winnow/strip.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_map>

#include "data.h"
#include "text.h"
#include "winnow/utf8.h"

namespace winnow {
namespace {

constexpr std::array<std::string_view, 13> kLanguages = {"en", "fr", "de", "es", "pt", "it", "ru",
                                                         "ar", "fa", "zh", "ja", "id", "nl"};
constexpr std::array<std::string_view, 8> kPhraseKinds = {"subscribe", "comment",  "share",         "cookie",
                                                          "copyright", "readmore", "advertisement", "navigation"};

using internal::text::fnv1a;
using internal::text::fnv1a_mix;

// One token of a normalised line: its byte range in the normalised string.
struct Token {
  std::uint32_t begin, end;
  bool number;
  std::uint64_t hash;  // fnv1a of the folded bytes
};

// A line folded for matching: " word" for each token (case-folded letters and digits; each Han
// or kana character a token of its own). Everything that is not a letter, digit or combining
// mark separates tokens.
struct Normalised {
  std::string text;  // a buffer: the folded words are at the token ranges, the rest is scratch
  std::vector<Token> tokens;
  std::uint32_t cased = 0, capitalised = 0;
  std::uint32_t chars = 0, weight = 0, separators = 0;  // see LineFeatures
  bool copyright = false;
  std::uint8_t link_marks = 0;  // the LinkMark bits of the bytes seen
  std::array<std::uint32_t, 8> script_letters{};  // letters per script, first come first served
  std::array<std::uint8_t, 8> script_codes{};
};

// The bytes by class, for normalise()'s fast path: the bytes of other code points are all
// kOther, so that the loop over a run of ASCII letters needs no test for them.
enum AsciiClass : std::uint8_t { kOther, kSpace, kDigit, kUpper, kLower, kSeparator, kSpacedSeparator };

constexpr std::array<std::uint8_t, 256> make_ascii_classes() {
  std::array<std::uint8_t, 256> c{};
  for (int b = '0'; b <= '9'; ++b) c[b] = kDigit;
  for (int b = 'A'; b <= 'Z'; ++b) c[b] = kUpper;
  for (int b = 'a'; b <= 'z'; ++b) c[b] = kLower;
  c[' '] = kSpace;
  c['\t'] = kSeparator;  // a tab between two runs of text is a table cell or a menu gap
  c['|'] = kSeparator;
  c['/'] = kSpacedSeparator;
  c['>'] = kSpacedSeparator;
  return c;
}
constexpr std::array<std::uint8_t, 256> kAsciiClass = make_ascii_classes();

// The punctuation of the addresses has_link() finds, as bits: normalise() notes what a line
// holds, so that has_link() looks only for the kinds of address the line can hold (a line of
// prose mostly holds no ':' or '@', a heading no '.').
enum LinkMark : std::uint8_t { kColonMark = 1, kAtMark = 2, kDotMark = 4, kAnyLinkMark = 7 };

constexpr std::array<std::uint8_t, 256> make_link_marks() {
  std::array<std::uint8_t, 256> m{};
  m[':'] = kColonMark;
  m['@'] = kAtMark;
  m['.'] = kDotMark;
  return m;
}
constexpr std::array<std::uint8_t, 256> kLinkMarks = make_link_marks();

// True when the characters on both sides of the byte LINE[I] are white space. Any Unicode
// white space counts, not only ' ': norm turns a no-break space into a space, and strip must
// judge "Home\u00A0/\u00A0News" as it judges its normalised form, or clean is not idempotent.
bool spaced(std::string_view line, std::size_t i) {
  if (i == 0 || i + 1 >= line.size()) return false;
  std::size_t before = i, after = i + 1;
  char32_t b = utf8::prev(line, before), a = utf8::next(line, after);
  using internal::text::char_class;
  return (b == ' ' || (char_class(b) & internal::text::kWhite)) && (a == ' ' || (char_class(a) & internal::text::kWhite));
}

bool is_separator(char32_t c) {
  return c == 0xBB || c == 0x203A || c == 0x2022 || c == 0xB7 || c == 0x25B8 || c == 0x2192;
}

// The steps of normalise(): one pass over the line, writing folded tokens into N.
class Normaliser {
 public:
  Normaliser(std::string_view line, Normalised& n) : line_(line), n_(n) {
    n.tokens.clear();
    n.cased = n.capitalised = n.chars = n.weight = n.separators = 0;
    n.copyright = false;
    n.link_marks = 0;
    n.script_letters.fill(0);
    // Folding never more than triples a character's bytes, plus a space before each token.
    // The buffer only grows, so that it is not cleared for every line.
    if (n.text.size() < line.size() * 4 + 4) n.text.resize(line.size() * 4 + 4);
    base_ = out_ = n.text.data();
  }

  void run() {
    for (std::size_t i = 0; i < line_.size();) {
      unsigned char b = static_cast<unsigned char>(line_[i]);
      i = b < 0x80 ? ascii(i) : other(i);
    }
    end_token();
    n_.weight += n_.chars;
    if (latin_) {
      tally_script(USCRIPT_LATIN);
      for (std::size_t k = 0; k < n_.script_codes.size(); ++k) {
        if (n_.script_codes[k] == USCRIPT_LATIN) n_.script_letters[k] += latin_ - 1;
      }
    }
  }

 private:
  // An ASCII byte at I, or the whole run of ASCII letters and digits there, in one tight
  // loop. Returns the position after it.
  std::size_t ascii(std::size_t i) {
    unsigned char b = static_cast<unsigned char>(line_[i]);
    std::uint8_t cls = kAsciiClass[b];
    if (cls < kDigit || cls > kLower) {
      end_token();
      if (cls == kSeparator || (cls == kSpacedSeparator && spaced(line_, i))) ++n_.separators;
      n_.chars += cls != kSpace && b != '\t';
      n_.link_marks |= kLinkMarks[b];
      return i + 1;
    }
    if (!in_token_) start_token(cls == kUpper, cls == kLower);
    std::size_t j = i;
    std::uint32_t digits = 0;
    // The cursor and the hash in locals: a store through a char pointer may alias any
    // member, which kept the compiler reloading both for every byte.
    const char* p = line_.data();
    const std::size_t n = line_.size();
    char* out = out_;
    std::uint64_t hash = hash_;
    do {
      // The bytes of kDigit, kUpper and kLower, folded; 0 for the others.
      const unsigned char c = static_cast<unsigned char>(p[j]);
      const char folded = internal::text::kAsciiWordFold[c];
      if (!folded) break;
      digits += c <= '9';
      *out++ = folded;
      hash = internal::text::fnv1a_byte(hash, static_cast<unsigned char>(folded));
    } while (++j < n);
    out_ = out;
    hash_ = hash;
    const std::uint32_t letters = static_cast<std::uint32_t>(j - i) - digits;
    if (letters) number_ = false;
    latin_ += letters;
    n_.chars += static_cast<std::uint32_t>(j - i);
    return j;
  }

  // A code point beyond ASCII at I. Returns the position after it.
  std::size_t other(std::size_t i) {
    char32_t c = internal::text::next_code_point(line_, i);
    ++n_.chars;
    // One table look-up for the category; the script is looked up once per 128-code-point
    // block (letters of one block share a script closely enough for a tally).
    const std::uint8_t cls = chars_.char_class(c);
    const bool letter = cls & internal::text::kLetter;
    if (letter && internal::text::unspaced_for_strip(c)) {
      n_.weight += 2;  // one more at the end: a Han or kana character weighs three
      end_token();
      start_token(false, false);
      number_ = false;
      tally_script(USCRIPT_HAN);
      append_code_point(c);
      end_token();
      return i;
    }
    const bool mark = cls & internal::text::kMark;
    const bool digit = cls & internal::text::kDecimal;
    if (!letter && !digit && !(mark && in_token_)) {
      // Only here: U+00A9 and the separators are neither letters, digits nor marks.
      if (c == 0xA9) n_.copyright = true;
      if (is_separator(c)) ++n_.separators;
      if (cls & internal::text::kWhite) --n_.chars;
      end_token();
      return i;
    }
    if (!in_token_) start_token(cls & internal::text::kUpper, cls & internal::text::kLower);
    if (!digit) {
      number_ = false;
      if (letter) tally_letter(c);
    }
    char32_t f = chars_.fold_case(c);
    append_code_point(f > 0x10FFFF || (f >= 0xD800 && f <= 0xDFFF) ? utf8::kReplacement : f);
    return i;
  }

  void tally_letter(char32_t c) {
    if ((c >> 7) != script_block_) {
      UErrorCode status = U_ZERO_ERROR;
      script_block_ = c >> 7;
      script_ = uscript_getScript(c, &status);
      if (U_FAILURE(status)) script_ = USCRIPT_COMMON;
      script_slot_ = kNoSlot;
    }
    if (script_ <= USCRIPT_INHERITED) return;
    // A script keeps the slot tally_script() first gives it, so the letters after the first
    // of a run go straight there.
    if (script_slot_ != kNoSlot) {
      ++n_.script_letters[script_slot_];
    } else {
      script_slot_ = tally_script(script_);
    }
  }

  void end_token() {
    if (!in_token_) return;
    n_.tokens.push_back({begin_, static_cast<std::uint32_t>(out_ - base_), number_, hash_});
    in_token_ = false;
  }

  void start_token(bool upper, bool lower) {
    *out_++ = ' ';
    begin_ = static_cast<std::uint32_t>(out_ - base_);
    in_token_ = true;
    number_ = true;
    hash_ = internal::text::kFnvOffset;
    n_.cased += upper || lower;
    n_.capitalised += upper;
  }

  // Appends the UTF-8 form of C (not ASCII) and hashes it, in locals (see ascii()).
  void append_code_point(char32_t c) {
    char* out = out_;
    std::uint64_t hash = hash_;
    auto put = [&](char32_t byte) {
      *out++ = static_cast<char>(byte);
      hash = internal::text::fnv1a_byte(hash, static_cast<unsigned char>(byte));
    };
    if (c < 0x800) {
      put(0xC0 | (c >> 6));
    } else if (c < 0x10000) {
      put(0xE0 | (c >> 12));
      put(0x80 | ((c >> 6) & 0x3F));
    } else {
      put(0xF0 | (c >> 18));
      put(0x80 | ((c >> 12) & 0x3F));
      put(0x80 | ((c >> 6) & 0x3F));
    }
    put(0x80 | (c & 0x3F));
    out_ = out;
    hash_ = hash;
  }

  // Counts a letter of CODE in the first slot that is free or holds CODE. Returns the slot,
  // or kNoSlot when all hold other scripts.
  std::size_t tally_script(UScriptCode code) {
    for (std::size_t k = 0; k < n_.script_codes.size(); ++k) {
      if (n_.script_letters[k] == 0 || n_.script_codes[k] == code) {
        n_.script_codes[k] = static_cast<std::uint8_t>(code);
        ++n_.script_letters[k];
        return k;
      }
    }
    return kNoSlot;
  }

  static constexpr std::size_t kNoSlot = ~std::size_t{0};

  std::string_view line_;
  Normalised& n_;
  char* base_;
  char* out_;
  bool in_token_ = false, number_ = true;
  std::uint32_t begin_ = 0;
  std::uint64_t hash_ = 0;
  std::uint32_t latin_ = 0;
  char32_t script_block_ = ~char32_t{0};
  UScriptCode script_ = USCRIPT_COMMON;
  std::size_t script_slot_ = kNoSlot;  // script_'s slot in n_.script_letters, once it has one
  const internal::text::BmpTables& chars_ = internal::text::bmp_tables();
};

void normalise(std::string_view line, Normalised& n) { Normaliser(line, n).run(); }

// Aho-Corasick automaton over word ids: the phrases are sequences of words (kStart and kEnd
// stand for the start and end of the line, for anchored phrases), so a line costs one table
// look-up per word, which the stopword test needs anyway, and words in no phrase (id 0) send
// the automaton straight back to its root.
class PhraseMatcher {
 public:
  static constexpr std::uint32_t kNone = 0, kStart = 1, kEnd = 2;
  static constexpr std::uint32_t kNumber = 3;  // any number that is in no phrase ('#' in the tables)

  PhraseMatcher() : next_(1), fail_(1, 0), out_len_(1, 0), out_kind_(1, 0) {}

  void add(const std::vector<std::uint32_t>& words, std::uint8_t kind) {
    std::int32_t s = 0;
    for (std::uint32_t w : words) {
      auto it = next_[s].find(w);
      if (it == next_[s].end()) {
        std::int32_t t = static_cast<std::int32_t>(next_.size());
        next_.emplace_back();
        fail_.push_back(0);
        out_len_.push_back(0);
        out_kind_.push_back(0);
        next_[s][w] = t;
        s = t;
      } else {
        s = it->second;
      }
    }
    if (words.size() > static_cast<std::size_t>(out_len_[s])) {
      out_len_[s] = static_cast<std::int32_t>(words.size());
      out_kind_[s] = kind;
    }
  }

  // Builds the failure links and the dense root row. Call once, after the last add().
  void compile() {
    std::uint32_t max_word = kEnd;
    for (const auto& edges : next_) {
      for (const auto& [w, t] : edges) max_word = std::max(max_word, w);
    }
    root_.assign(max_word + 1, 0);
    for (const auto& [w, t] : next_[0]) root_[w] = t;
    edges_.resize(next_.size());
    for (std::size_t s = 0; s < next_.size(); ++s) {
      edges_[s].assign(next_[s].begin(), next_[s].end());
      std::sort(edges_[s].begin(), edges_[s].end());
    }
    std::vector<std::int32_t> queue;
    for (const auto& [w, t] : next_[0]) queue.push_back(t);
    for (std::size_t q = 0; q < queue.size(); ++q) {
      std::int32_t s = queue[q];
      // The longest phrase ending here, this state's own or its failure state's.
      if (out_len_[fail_[s]] > out_len_[s]) {
        out_len_[s] = out_len_[fail_[s]];
        out_kind_[s] = out_kind_[fail_[s]];
      }
      for (const auto& [w, t] : next_[s]) {
        fail_[t] = step(fail_[s], w);
        queue.push_back(t);
      }
    }
    next_.clear();
  }

  // Calls HIT(end, length, kind) for the longest phrase ending at each position of IDS.
  template <typename Hit>
  void scan(const std::vector<std::uint32_t>& ids, Hit&& hit) const {
    std::int32_t s = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      s = ids[i] == kNone ? 0 : step(s, ids[i]);
      if (out_len_[s]) hit(i + 1, static_cast<std::size_t>(out_len_[s]), out_kind_[s]);
    }
  }

 private:
  std::int32_t step(std::int32_t s, std::uint32_t w) const {
    for (; s != 0; s = fail_[s]) {
      for (const auto& [word, t] : edges_[s]) {
        if (word == w) return t;
      }
    }
    return w < root_.size() ? root_[w] : 0;
  }

  std::vector<std::unordered_map<std::uint32_t, std::int32_t>> next_;       // while building
  std::vector<std::vector<std::pair<std::uint32_t, std::int32_t>>> edges_;  // the same, compiled
  std::vector<std::int32_t> root_;                                          // the root's transitions by word id
  std::vector<std::int32_t> fail_, out_len_;
  std::vector<std::uint8_t> out_kind_;
};

// What the tables say about one folded word.
struct WordInfo {
  std::uint16_t stop = 0;    // bit L: a stopword of kLanguages[L]
  std::uint32_t phrase = 0;  // its id in the phrases, PhraseMatcher::kNone if in none
  bool date = false;         // in dates.txt
  bool byline = false;       // in boilerplate-byline.txt or boilerplate-credit.txt
};

// Folded word -> WordInfo, open addressing on the token hash that normalise() computed, so a
// look-up costs no hashing. Most words of a text are in no table, so a look-up is mostly a
// miss, decided by the cache misses and mispredicted branches of its probes: the table is kept
// at most an eighth full, so that a probe mostly ends at the first slot, and a probe reads a
// byte array of tags (bits of the hash, 0 for a free slot) small enough for the first-level
// cache, not the slots (measured on strip: half full, 5 % slower; without the tags, 2 %).
class WordTable {
 public:
  WordTable() : slots_(1 << 12), tags_(slots_.size()) {}

  const WordInfo* find(std::string_view w, std::uint64_t hash) const {
    const std::uint8_t tag = tag_of(hash);
    for (std::size_t i = hash & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
      if (!tags_[i]) return nullptr;
      if (tags_[i] == tag && slots_[i].hash == hash && word(slots_[i]) == w) return &slots_[i].info;
    }
  }

  WordInfo& insert(std::string_view w) {
    std::uint64_t hash = fnv1a(w);
    if ((count_ + 1) * 8 > slots_.size()) grow();
    std::size_t i = hash & (slots_.size() - 1);
    for (; tags_[i]; i = (i + 1) & (slots_.size() - 1)) {
      if (slots_[i].hash == hash && word(slots_[i]) == w) return slots_[i].info;
    }
    slots_[i] = {hash, static_cast<std::uint32_t>(chars_.size()), static_cast<std::uint32_t>(w.size()), {}};
    tags_[i] = tag_of(hash);
    chars_.append(w);
    ++count_;
    return slots_[i].info;
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t begin = 0, size = 0;  // the word in chars_
    WordInfo info;
  };

  // The top bits of the hash (the slot index uses the bottom ones), never 0.
  static std::uint8_t tag_of(std::uint64_t hash) { return static_cast<std::uint8_t>(hash >> 56) | 1; }

  std::string_view word(const Slot& slot) const { return std::string_view(chars_).substr(slot.begin, slot.size); }

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    std::vector<std::uint8_t> old_tags(old.size());
    old.swap(slots_);
    old_tags.swap(tags_);
    for (std::size_t k = 0; k < old.size(); ++k) {
      if (!old_tags[k]) continue;
      std::size_t i = old[k].hash & (slots_.size() - 1);
      while (tags_[i]) i = (i + 1) & (slots_.size() - 1);
      slots_[i] = old[k];
      tags_[i] = old_tags[k];
    }
  }

  std::vector<Slot> slots_;
  std::vector<std::uint8_t> tags_;  // tag_of(slots_[i].hash), 0 while slot i is free
  std::string chars_;               // the words, one after another
  std::size_t count_ = 0;
};

struct Tables {
  PhraseMatcher phrases;
  WordTable words;

  WordInfo& word(std::string_view w) { return words.insert(w); }

  // ENTRY folded as lines are, split into words.
  static std::vector<std::string> fold(std::string_view entry) {
    Normalised n;
    normalise(entry, n);
    std::vector<std::string> out;
    for (const Token& tok : n.tokens) out.emplace_back(n.text.data() + tok.begin, tok.end - tok.begin);
    return out;
  }

  Tables() {
    std::uint32_t next_id = PhraseMatcher::kNumber + 1;
    for (std::size_t k = 0; k < kPhraseKinds.size(); ++k) {
      std::string name = "boilerplate-" + std::string(kPhraseKinds[k]) + ".txt";
      for (std::string_view entry : data::lines(name)) {
        bool start = entry.front() == '^';
        bool end = entry.size() > 1 && entry.back() == '$';
        if (start) entry.remove_prefix(1);
        if (end) entry.remove_suffix(1);
        std::vector<std::uint32_t> ids;
        if (start) ids.push_back(PhraseMatcher::kStart);
        for (std::size_t at = 0; at < entry.size();) {
          std::size_t space = std::min(entry.find(' ', at), entry.size());
          std::string_view piece = entry.substr(at, space - at);
          at = space + 1;
          if (piece == "#") {
            ids.push_back(PhraseMatcher::kNumber);
            continue;
          }
          for (const std::string& w : fold(piece)) {
            WordInfo& info = word(w);
            if (info.phrase == PhraseMatcher::kNone) info.phrase = next_id++;
            ids.push_back(info.phrase);
          }
        }
        if (end) ids.push_back(PhraseMatcher::kEnd);
        if (ids.size() > static_cast<std::size_t>(start + end)) phrases.add(ids, static_cast<std::uint8_t>(k + 1));
      }
    }
    phrases.compile();
    for (std::size_t l = 0; l < kLanguages.size(); ++l) {
      for (std::string_view entry : data::lines("stopwords-" + std::string(kLanguages[l]) + ".txt")) {
        for (const std::string& w : fold(entry)) word(w).stop |= static_cast<std::uint16_t>(1u << l);
      }
    }
    for (std::string_view entry : data::lines("dates.txt")) {
      for (const std::string& w : fold(entry)) word(w).date = true;
    }
    for (const char* file : {"boilerplate-byline.txt", "boilerplate-credit.txt"}) {
      for (std::string_view entry : data::lines(file)) {
        std::vector<std::string> ws = fold(entry);
        if (!ws.empty()) word(ws.front()).byline = true;
      }
    }
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

int language_index(std::string_view lang) {
  for (std::size_t l = 0; l < kLanguages.size(); ++l) {
    if (kLanguages[l] == lang) return static_cast<int>(l);
  }
  return -1;
}

bool is_closing(char32_t c) {
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0xBB || c == 0x300D ||
         c == 0xFF09 || c == '*';
}

bool is_sentence_end(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x061F ||
         c == 0x06D4;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// True when LINE holds a web or e-mail address. MARKS: the LinkMark bits of its bytes, or
// kAnyLinkMark when unknown.
bool has_link(std::string_view line, std::uint8_t marks = kAnyLinkMark) {
  if ((marks & kColonMark) && line.find("://") != std::string_view::npos) return true;
  // An e-mail address or a handle: '@' followed by a letter or digit.
  for (std::size_t at = marks & kAtMark ? line.find('@') : std::string_view::npos; at != std::string_view::npos;
       at = line.find('@', at + 1)) {
    if (at + 1 < line.size() && std::isalnum(static_cast<unsigned char>(line[at + 1]))) return true;
  }
  // "www.", or a bare domain: a word, '.', then a common top-level domain at a word end (any case).
  static constexpr std::string_view kTlds[] = {"com", "org", "net", "edu", "gov", "info", "io", "co"};
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t at = marks & kDotMark ? line.find('.') : std::string_view::npos; at != std::string_view::npos;
       at = line.find('.', at + 1)) {
    if (at >= 3 && line.substr(at - 3, 3) == "www") return true;
    if (at == 0 || !alnum(line[at - 1])) continue;
    std::size_t e = at + 1;
    while (e < line.size() && std::isalpha(static_cast<unsigned char>(line[e]))) ++e;
    if (e < line.size() && alnum(line[e])) continue;
    std::string_view tld = line.substr(at + 1, e - at - 1);
    for (std::string_view known : kTlds) {
      if (tld.size() == known.size() && std::equal(tld.begin(), tld.end(), known.begin(), [](char x, char y) {
            return std::tolower(static_cast<unsigned char>(x)) == y;
          })) {
        return true;
      }
    }
  }
  return false;
}

// True when LINE opens with a bullet ("- ", "* ", "• ", "· ", "– ") or a number ("2. ", "3) ").
bool list_item(std::string_view line) {
  for (std::string_view bullet : {"- ", "* ", "\u2022 ", "\u00B7 ", "\u2013 "}) {
    if (line.starts_with(bullet) && line.size() > bullet.size()) return true;
  }
  std::size_t d = 0;
  while (d < line.size() && d < 3 && std::isdigit(static_cast<unsigned char>(line[d]))) ++d;
  return d > 0 && d + 1 < line.size() && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ';
}

// True when LINE credits an embedded post: a dash, a name and an @handle ("— Digital
// Foundry (@digitalfoundry) November 18, 2019").
bool embed_credit(std::string_view line) {
  bool dash = false;
  for (std::string_view d : {"\u2014", "\u2013", "- ", "-- "}) dash = dash || line.starts_with(d);
  if (!dash || line.size() > 200) return false;
  for (std::size_t at = line.find("(@"); at != std::string_view::npos; at = line.find("(@", at + 1)) {
    if (at + 2 < line.size() && std::isalnum(static_cast<unsigned char>(line[at + 2]))) return true;
  }
  return false;
}

// True when every field of LINE between white space is an address (see has_link).
bool only_links(std::string_view line) {
  bool any = false;
  for (std::size_t at = 0; at < line.size();) {
    std::size_t end = at;
    while (end < line.size() && line[end] != ' ' && line[end] != '\t') ++end;
    if (end > at) {
      if (!has_link(line.substr(at, end - at))) return false;
      any = true;
    }
    at = end + 1;
  }
  return any;
}

}  // namespace

namespace {

// Everything strip needs from one line, from one pass of normalise().
struct Analysis {
  LineFeatures features;                                // stopwords left 0: they depend on the document's language
  std::array<std::uint16_t, kLanguages.size()> stop{};  // stopword tokens per language
  std::uint64_t key = 0;                                // line_key()
  std::uint64_t first_word = 0;                         // hash of the first token
  std::uint32_t date_words = 0;                         // tokens in dates.txt (month and day names)
  bool item = false;                                    // opens with a bullet or a number (list_item)
  bool dated = false;                                   // opens with a number or a date word
  bool embed = false;                                   // "— Name (@handle) Date": a quoted post's credit
};

// The hashes of the distinct words of LINE, sorted: what title similarity compares.
std::vector<std::uint64_t> word_set(std::string_view line) {
  thread_local Normalised n;
  normalise(line, n);
  std::vector<std::uint64_t> words;
  words.reserve(n.tokens.size());  // exactly: many are kept (see Stripper::words_of)
  for (const Token& tok : n.tokens) words.push_back(tok.hash);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::uint64_t finish_key(std::uint64_t h, bool any) { return !any ? 0 : h ? h : 1; }

// The word-level features of the tokens of N: digits, date words, stopwords, the byline word
// first, the line key; the word ids for the phrase automaton go to IDS. Returns the number
// of tokens that are numbers or date words.
std::uint32_t analyse_words(const Normalised& n, Analysis& a, std::vector<std::uint32_t>& ids, bool& first_byline) {
  const Tables& t = tables();
  LineFeatures& f = a.features;
  std::uint32_t date_tokens = 0;
  std::uint64_t key = internal::text::kFnvOffset;
  ids.resize(n.tokens.size() + 2);
  ids.front() = PhraseMatcher::kStart;
  ids.back() = PhraseMatcher::kEnd;
  std::uint32_t* id = ids.data() + 1;
  first_byline = false;
  for (const Token& tok : n.tokens) {
    std::string_view w(n.text.data() + tok.begin, tok.end - tok.begin);
    const WordInfo* info = t.words.find(w, tok.hash);
    if (tok.number) {
      ++f.digits;
      ++date_tokens;
    } else if (info && info->date) {
      ++date_tokens;
      ++a.date_words;
    }
    if (info) {
      for (std::uint16_t bits = info->stop; bits; bits &= bits - 1) ++a.stop[__builtin_ctz(bits)];
      if (&tok == &n.tokens.front()) first_byline = info->byline;
    }
    if (&tok == &n.tokens.front()) a.dated = tok.number || (info && info->date);
    *id++ = tok.number ? PhraseMatcher::kNumber : info ? info->phrase : PhraseMatcher::kNone;
    key = fnv1a_mix(key, tok.hash);
  }
  a.key = finish_key(key, !n.tokens.empty());
  a.first_word = n.tokens.empty() ? 0 : n.tokens.front().hash;
  return date_tokens;
}

// Sentence punctuation at the end of LINE, behind closing quotes and brackets.
bool ends_sentence(std::string_view line) {
  for (std::size_t end = line.size(); end > 0;) {
    std::size_t at = end;
    char32_t c = utf8::prev(line, at);
    if (!is_closing(c)) return is_sentence_end(c);
    end = at;
  }
  return false;
}

// Phrase cover: the share of the TOKENS tokens inside a matched phrase, and the table most
// of them come from. Position i of IDS is token i - 1 (position 0 is kStart).
void phrase_cover(const std::vector<std::uint32_t>& ids, std::size_t tokens, LineFeatures& f) {
  thread_local std::vector<std::uint8_t> kind_at;
  bool any = false;  // and kind_at cleared, at the first phrase found rather than for every line
  tables().phrases.scan(ids, [&](std::size_t end_at, std::size_t len, std::uint8_t kind) {
    if (!any) kind_at.assign(ids.size(), 0);
    for (std::size_t k = end_at - len; k < end_at; ++k) kind_at[k] = kind;
    any = true;
    if (end_at == len && end_at < ids.size()) f.label = true;
  });
  if (!any) return;
  std::array<std::uint32_t, kPhraseKinds.size() + 1> per_kind{};
  std::uint32_t covered = 0;
  for (std::size_t k = 1; k + 1 < ids.size(); ++k) {
    if (kind_at[k]) {
      ++covered;
      ++per_kind[kind_at[k]];
    }
  }
  f.phrase_cover = static_cast<double>(covered) / tokens;
  std::size_t top = 1;
  for (std::size_t k = 2; k < per_kind.size(); ++k) {
    if (per_kind[k] > per_kind[top]) top = k;
  }
  if (covered) f.phrase_kind = kPhraseKinds[top - 1];
}

void analyse(std::string_view line, Analysis& a) {
  thread_local Normalised n;
  thread_local std::vector<std::uint32_t> ids;
  LineFeatures& f = a.features;
  f = LineFeatures();
  a.stop.fill(0);
  a.date_words = 0;
  a.dated = false;
  line = trim(line);
  a.item = list_item(line);
  a.embed = embed_credit(line);
  normalise(line, n);
  f.words = static_cast<std::uint32_t>(n.tokens.size());
  f.cased = n.cased;
  f.capitalised = n.capitalised;
  bool first_byline = false;
  std::uint32_t date_tokens = analyse_words(n, a, ids, first_byline);
  // A time stamp: numbers and date words, but for a name or two (a site, a place, an author).
  f.date = f.digits > 0 && !n.tokens.empty() &&
           (date_tokens == n.tokens.size() || (n.tokens.size() <= 8 && date_tokens * 10 >= n.tokens.size() * 7));
  std::size_t best = 0;
  for (std::size_t k = 0; k < n.script_letters.size(); ++k) {
    if (n.script_letters[k] > n.script_letters[best]) best = k;
  }
  f.script = n.script_letters[best] ? n.script_codes[best] : 0;
  f.chars = n.chars;
  f.weight = n.weight;
  // A bullet that opens an item separates nothing.
  f.separators = n.separators - (a.item && n.separators > 0 && static_cast<unsigned char>(line[0]) >= 0x80);
  f.copyright = n.copyright;
  f.sentence_end = ends_sentence(line);
  f.cut_off =
      line.ends_with("...") || line.ends_with("\u2026") || line.ends_with("[...]") || line.ends_with("[\u2026]");
  f.link = has_link(line, n.link_marks);
  f.link_only = f.link && only_links(line);
  if (n.tokens.empty()) return;
  f.byline = f.words <= 8 && f.words >= 2 && !f.sentence_end && first_byline;
  phrase_cover(ids, n.tokens.size(), f);
}

}  // namespace

LineFeatures line_features(std::string_view line, std::string_view lang) {
  thread_local Analysis a;
  analyse(line, a);
  int l = language_index(lang);
  a.features.stopwords = l >= 0 ? a.stop[static_cast<std::size_t>(l)] : 0;
  return a.features;
}

namespace {

// The weights of the content score (step 2 in strip.h).
struct ScoreParams {
  std::uint32_t prose_words = 12;        // a sentence this long is prose ...
  std::uint32_t long_prose_words = 20;   // ... and this long, prose even when covered by phrases
  double phrase_alone = 0.5;             // phrase cover from which a line is boilerplate
  std::uint32_t max_cut_words = 60;      // a teaser cut off with "..." has at most this many
  std::uint32_t max_copyright_words = 30;
  std::uint32_t max_navigation_words = 15;
  std::uint32_t max_script_words = 20;   // a short line in another script is junk
  double junk = 0.1;                     // the score of a line junk on its own
  double base = 0.2;                     // then: base, plus length up to full_words ...
  double length = 0.25;
  double full_words = 25;
  double stopwords = 0.25;               // ... plus stopwords up to a share of full_stopwords
  double full_stopwords = 0.3;
  double unknown_language = 0.2;         // (a sentence of min_sentence_words, language unknown)
  std::uint32_t min_sentence_words = 8;
  double sentence = 0.2;                 // ... plus sentence punctuation at the end
  double heavy = 0.1;                    // ... plus this for a line of heavy_weight characters
  std::uint32_t heavy_weight = 150;
  double capitalised = 0.15;             // less this for Title Case (80 % of cased words)
  double phrase = 1.5;                   // less this times the phrase cover
};
constexpr ScoreParams kScore;

// The reason F is junk on its own, or empty.
std::string_view junk_reason(const LineFeatures& f, std::uint8_t doc_script) {
  const ScoreParams& p = kScore;
  bool prose = f.sentence_end && f.words >= p.prose_words;
  if (f.words == 0) return "symbols";
  if ((f.phrase_cover >= p.phrase_alone || (f.label && !f.sentence_end)) && !(prose && f.words >= p.long_prose_words))
    return f.phrase_kind;
  if (f.cut_off && f.words <= p.max_cut_words) return "truncated";
  if (f.date) return "date";
  if (f.byline) return "byline";
  if (f.link && !prose) return "link";
  if (f.copyright && f.words <= p.max_copyright_words) return "copyright";
  if (f.separators > 0 && !f.sentence_end && f.words <= p.max_navigation_words) return "navigation";
  if (doc_script && f.script && f.script != doc_script && f.words <= p.max_script_words) return "script";
  return {};
}

}  // namespace

double content_score(const LineFeatures& f, std::uint8_t doc_script, bool lang_known, std::string_view* reason) {
  const ScoreParams& p = kScore;
  std::string_view why = junk_reason(f, doc_script);
  if (reason) *reason = why;
  if (!why.empty()) return p.junk;
  double s = p.base + p.length * std::min(1.0, f.words / p.full_words);
  if (lang_known) {
    s += p.stopwords * std::min(1.0, (static_cast<double>(f.stopwords) / f.words) / p.full_stopwords);
  } else if (f.sentence_end && f.words >= p.min_sentence_words) {
    s += p.unknown_language;
  }
  if (f.sentence_end) s += p.sentence;
  if (f.weight >= p.heavy_weight) s += p.heavy;
  if (f.cased >= 3 && f.capitalised * 10 >= f.cased * 8) s -= p.capitalised;
  s -= p.phrase * f.phrase_cover;
  return std::clamp(s, 0.0, 1.0);
}
namespace {

// ---- Parameters of the article choice (the content score's are in content_score). ----

// Phrase-level boilerplate: what every text is cleared of, an article too (see strip.h).
struct PhraseParams {
  double cluster_cover = 0.15;  // a line this much covered joins a neighbour of the same kind
};
constexpr PhraseParams kPhrase;

// The article as a run of lines (step 3 in strip.h).
struct SpanParams {
  std::uint32_t min_weight = 70;    // a short line weighs as much as 40 characters in the sums
  double inside_margin = 0.35;      // inside the article lines are kept down to threshold - this
  std::size_t headline_window = 7;  // the article starts at most this many lines under a title copy
  double headline_share = 0.25;     // ... and is at least this share of the best run
  double headline_title_share = 0.5;  // a copy with this share of the title's words is the headline
  // A copy of this share of the title's words (or of the larger side of the title at a
  // separator, title_part) over a run of prose (a sentence of prose_words in its first
  // headline_window lines) anchors it when the run is this share of the best.
  double full_copy = 0.8, full_copy_share = 0.1;
  std::uint32_t headline_min_words = 3, headline_max_words = 40;
  // A copy with this many teasers above it and under it is in a list of them (in_teasers).
  std::size_t teasers_before = 1, teasers_after = 2;
  double good = 0.7;                // a line this good is article text
  std::uint32_t link_text_words = 12;  // a line with an address and this many words inside it is text
  std::size_t good_before_end = 2;  // a comment prompt or copyright line ends the article after these
  double prompt_flip = 5;           // ... unless what follows it is this many times larger
  double junk_score = 0.1;          // the score of a line dropped for a reason of its own
  std::size_t headline_lines = 3;   // headline, kicker, standfirst above the article
  std::size_t min_rule_chars = 3;   // a rule across the text (rule_line) neither ends nor joins the article
  int rounds = 4;  // rounds of the article choice over the lines still kept
};
constexpr SpanParams kSpan;

// A list of links inside the article: short lines without sentence punctuation in a row.
struct ListParams {
  std::size_t min_run = 3;
  std::uint32_t max_words = 12;
  std::size_t min_items = 3;  // items opened by a bullet or a number in a row: a list of the article
  double item_margin = 0.05;  // ... whose items score at least the threshold plus this
  std::uint32_t max_row_words = 20, min_row_names = 2;  // a row of a calendar (calendar_row)
  std::uint32_t min_embed_words = 3;                    // the text of an embedded post
  // A ranked list ("10", a name, its text; "9", ...): lines of nothing but a number counting
  // up or down by one, at least min_ranks of them, each min_rank_gap to max_rank_gap lines
  // after the last.
  std::size_t min_ranks = 3, min_rank_gap = 2, max_rank_gap = 6;
  std::uint32_t max_rank_chars = 3;
};
constexpr ListParams kList;

// A feed: comments (name, time stamp, text, "Reply") or teasers (kicker, headline, summary,
// author, time stamp), repeated. Its items are marked by time stamps and comment prompts;
// markers at most max_gap lines apart that open at least min_items items with text make a
// feed, and its lines count for the article as lines of score cap at most.
struct FeedParams {
  std::size_t max_gap = 6;
  std::size_t min_items = 4;
  std::size_t lead_gap = 2;     // a first gap this many times the median is not yet the feed
  double outlier = 3;         // an item this many times heavier than the median is an article
  double min_article = 300;  // ... when it has this many characters
  std::uint32_t last_item_break = 300;  // the last item ends before a paragraph this heavy
  std::uint32_t says_words = 6;         // "NAME says:" opens an item
  double cap = 0.4;
  double article_share = 0.03;  // a run before a feed this share of a run after it is the article
};
constexpr FeedParams kFeed;

// A paragraph cut off with "...": at least min_words words, it counts as a weak line of text
// (score at most score), and one right under the article is its last paragraph.
struct CutParams {
  std::uint32_t min_words = 12;
  double score = 0.5;
};
constexpr CutParams kCut;

// A row of a table of figures.
struct TableParams {
  std::uint32_t min_numbers = 2, min_words = 4;
  std::size_t min_rows = 3;
  double score = 0.6;  // scored as a weak line of text
};
constexpr TableParams kTable;

// A headline: a few words, not a long sentence; a longer one has stopwords (a row of menu
// entries has none).
struct HeadingParams {
  std::uint32_t min_words = 2, max_words = 30, max_sentence_words = 20, max_words_without_stopwords = 10;
};
constexpr HeadingParams kHeading;

}  // namespace

// ---- Smoothing. ----

namespace {

double span_value(double score, std::uint32_t weight, double threshold) {
  return (score - threshold) * std::max(weight, kSpan.min_weight);
}

Span best_span(const std::vector<double>& scores, const std::vector<std::uint32_t>& weights, double threshold) {
  Span best{0, 0, 0};
  double sum = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += span_value(scores[i], weights[i], threshold);
    if (sum > best.sum) best = {start, i + 1, sum};
  }
  if (best.sum == 0) best = {0, 0, 0};
  return best;
}

// The best run starting in a window of lines, for every window, in linear time: the prefix
// sums of the line values and, for each position, the largest prefix sum at or after it.
class SpanIndex {
 public:
  SpanIndex(const std::vector<double>& scores, const std::vector<std::uint32_t>& weights, double threshold)
      : prefix_(scores.size() + 1, 0), best_end_(scores.size() + 1, 0) {
    for (std::size_t i = 0; i < scores.size(); ++i)
      prefix_[i + 1] = prefix_[i] + span_value(scores[i], weights[i], threshold);
    best_end_[scores.size()] = scores.size();
    for (std::size_t i = scores.size(); i-- > 0;) {
      // Ties go to the nearer end, as a left-to-right scan with a strict comparison would.
      best_end_[i] = prefix_[i] >= prefix_[best_end_[i + 1]] ? i : best_end_[i + 1];
    }
  }

  // The best run starting in [from, from + window): the article under a headline.
  Span after(std::size_t from, std::size_t window) const {
    Span best;
    const std::size_t n = prefix_.size() - 1;
    for (std::size_t start = from; start < n && start < from + window; ++start) {
      std::size_t end = best_end_[start + 1];
      double sum = prefix_[end] - prefix_[start];
      if (sum > best.sum) best = {start, end, sum};
    }
    return best;
  }

 private:
  std::vector<double> prefix_;
  std::vector<std::size_t> best_end_;
};

// True when LINE ends with an ellipsis standing apart from its last word (see keep_inside).
bool cut_apart(std::string_view line) {
  line = trim(line);
  for (std::string_view end : {" ...", " \u2026", " [...]", " [\u2026]"}) {
    if (line.ends_with(end)) return true;
  }
  return false;
}

// True when LINE is a rule drawn across the text: dashes, lines or stars, at least
// kSpan.min_rule_chars of them, maybe spaced ("———", "* * *", "====="). Not underscores:
// news wires put "___" between the story and its credits, which are not the article.
bool rule_line(std::string_view line) {
  static constexpr std::u32string_view kRules = U"-=*~#+\u2014\u2013\u2015\u2500\u2501\u2022\u00B7";
  std::size_t n = 0;
  for (std::size_t i = 0; i < line.size();) {
    char32_t c = utf8::next(line, i);
    if (c == ' ' || c == '\t') continue;
    if (kRules.find(c) == std::u32string_view::npos) return false;
    ++n;
  }
  return n >= kSpan.min_rule_chars;
}

}  // namespace

Span article_span(const std::vector<double>& scores, const std::vector<std::uint32_t>& weights, double threshold) {
  return best_span(scores, weights, threshold);
}

std::uint64_t line_key(std::string_view line) {
  thread_local Normalised n;
  normalise(line, n);
  if (n.tokens.empty()) return 0;
  std::uint64_t h = internal::text::kFnvOffset;
  for (const Token& tok : n.tokens) h = fnv1a_mix(h, tok.hash);
  return finish_key(h, true);
}

namespace {

// A unit of classification: one line of a block, or several joined by hard wraps.
struct Cut {
  std::uint32_t block = 0;
  std::uint32_t begin = 0, end = 0;  // byte range in the block's text
  std::uint32_t line = 0;            // 1-based source line (0 when the block has none)
};

// A unit and what strip learns of it.
struct Unit : Cut {
  Analysis a;
  std::string_view own;              // the reason it is junk on its own, whatever the document
  bool dropped = false;
  std::string_view reason;
  double score = 0;
};

// The units of the kept blocks, in order. (Cut apart from Unit, which is twelve times its
// size, so that the units can be allocated once at their exact number.)
std::vector<Cut> cut_units(const Document& doc) {
  std::vector<Cut> units;
  for (std::uint32_t b = 0; b < doc.blocks.size(); ++b) {
    const Block& block = doc.blocks[b];
    if (!block.kept()) continue;
    std::string_view text = block.text;
    std::size_t start = 0, index = 0;
    std::string_view previous;
    while (start <= text.size()) {
      std::size_t nl = text.find('\n', start);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(start, nl - start);
      if (!units.empty() && units.back().block == b && is_wrapped_break(previous, line)) {
        units.back().end = static_cast<std::uint32_t>(nl);
      } else if (!trim(line).empty()) {
        Cut u;
        u.block = b;
        u.begin = static_cast<std::uint32_t>(start);
        u.end = static_cast<std::uint32_t>(nl);
        u.line = block.first_line ? static_cast<std::uint32_t>(block.first_line + index) : 0;
        units.push_back(u);
      }
      previous = line;
      start = nl + 1;
      ++index;
    }
  }
  return units;
}

// ---- Phrase-level boilerplate: a property of a line and its two neighbours only. ----

// The reason LINE is junk on its own, judged without the document's script and language
// (content_score uses them only for the score and for "script"), so that whether a line is
// phrase-level boilerplate never depends on which other lines are kept.
std::string_view own_reason(const LineFeatures& f) {
  std::string_view why;
  content_score(f, 0, false, &why);
  return why;
}

bool partly_covered(const LineFeatures& f) { return f.phrase_cover >= kPhrase.cluster_cover; }

// Whether U, partly covered by phrases, belongs to the same box as its neighbour N: N is junk
// of the same kind, or partly covered by the same kind of phrases.
bool clusters_with(const Unit& u, const Unit* n) {
  if (!n) return false;
  const std::string_view kind = u.a.features.phrase_kind;
  return n->own == kind || (n->own.empty() && partly_covered(n->a.features) && n->a.features.phrase_kind == kind);
}

// Whether U is phrase-level boilerplate between PREV and NEXT (null at the ends): covered
// by phrases alone, or partly covered in a cluster of the same kind, or nothing but web and
// e-mail addresses.
bool phrase_level(const Unit& u, const Unit* prev, const Unit* next) {
  const LineFeatures& f = u.a.features;
  if (f.link_only) return true;
  if (!u.own.empty()) return u.own == f.phrase_kind;
  return partly_covered(f) && (clusters_with(u, prev) || clusters_with(u, next));
}

// The reason a phrase-level unit is dropped for.
std::string_view phrase_reason(const Unit& u) {
  return u.a.features.link_only && u.own != u.a.features.phrase_kind ? std::string_view("link")
                                                                      : u.a.features.phrase_kind;
}

// True when HEADLINE repeats TITLE: at least three words, 80 % of them in TITLE, covering
// two fifths of it (a page title is often the headline plus the site name).
bool repeats_title(const std::vector<std::uint64_t>& headline, const std::vector<std::uint64_t>& title) {
  if (headline.size() < 3 || title.empty()) return false;
  std::size_t common = 0;
  for (std::size_t i = 0, j = 0; i < headline.size() && j < title.size();) {
    if (headline[i] == title[j]) {
      ++common;
      ++i;
      ++j;
    } else if (headline[i] < title[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return common * 5 >= headline.size() * 4 && common * 5 >= title.size() * 2;
}

// The number of words of WORDS in SET (both sorted).
std::size_t common_words(const std::vector<std::uint64_t>& words, const std::vector<std::uint64_t>& set) {
  std::size_t common = 0;
  for (std::uint64_t w : words) common += std::binary_search(set.begin(), set.end(), w);
  return common;
}

// A row of a table of figures (results, standings, prices): numbers beside names, where a
// time stamp has numbers beside date words only.
bool table_row(const Analysis& a) {
  const LineFeatures& f = a.features;
  return f.digits >= kTable.min_numbers && f.words >= kTable.min_words && f.digits + a.date_words < f.words &&
         !f.link;
}

bool heading_like(const LineFeatures& f) {
  return f.words >= kHeading.min_words && f.words <= kHeading.max_words &&
         !(f.sentence_end && f.words > kHeading.max_sentence_words) &&
         (f.words <= kHeading.max_words_without_stopwords || f.stopwords > 0);
}

// The verdicts being formed for the units still kept; index k is the k-th of them.
struct Lines {
  const std::vector<Unit>* units = nullptr;
  std::vector<std::size_t> unit;  // index in the units
  // The features of line K (its unit's: a pointer into the units, not a copy).
  const LineFeatures* f(std::size_t k) const { return &(*units)[unit[k]].a.features; }
  std::vector<double> score;
  std::vector<std::string_view> reason;
  std::vector<std::uint32_t> weight;
  std::vector<char> keep;
  std::vector<char> table;  // a row of a table of figures
  std::vector<char> feed;   // in an item of a feed
  std::vector<char> cut;    // a paragraph cut off with an ellipsis
  std::vector<char> item;   // an item of a list of the article (mark_items)
  std::vector<float> link_text;  // the score of a line of text with an address, as text (else -1)
  std::size_t size() const { return unit.size(); }
  void resize(std::size_t n) {
    score.assign(n, 0);
    reason.assign(n, {});
    weight.assign(n, 0);
    table.assign(n, 0);
    link_text.assign(n, -1);
    cut.assign(n, 0);
    item.assign(n, 0);
    feed.assign(n, 0);
  }
};

// The article chosen among the lines: a span, and a headline above it (size() when none).
struct Article {
  Span span;
  std::size_t headline = 0;
  bool inside(std::size_t k) const { return k == headline || (k >= span.first && k < span.last); }
};

}  // namespace

namespace {

class Stripper {
 public:
  Stripper(Document& doc, const StripOptions& options) : doc_(doc), options_(options) {
    std::vector<Cut> cuts = cut_units(doc);
    units_.reserve(cuts.size());
    for (const Cut& cut : cuts) {
      Unit& u = units_.emplace_back();
      static_cast<Cut&>(u) = cut;
      analyse(text_of(units_.size() - 1), u.a);
      u.own = own_reason(u.a.features);
    }
    site_ = options.site.empty() ? doc.meta.site : options.site;
    count(units_.size());
  }

  ~Stripper() {
    if (options_.work) *options_.work += work_;
  }

  // The steps, each over the units still kept, each once: the work is linear in the text.
  void run() {
    drop_site_lines();
    // An extracted article keeps its shape: only phrase-level junk goes. A text without any
    // is already an article (a page dump always carries some) and is kept whole.
    if (!options_.extracted && any_phrase_level()) {
      for (int round = 0; round < kSpan.rounds && choose_article(); ++round) {
      }
    }
    // Last, phrase-level junk among the lines kept, to a fixed point: the output holds none,
    // so stripping it again keeps it whole (strip(strip(x)) == strip(x) by construction).
    clear_phrases();
  }

  void apply(Report* report);

 private:
  std::size_t units_end(std::uint32_t b, std::size_t first) const;
  std::size_t run_end(std::size_t k, std::size_t end) const;
  std::size_t count_parts(const Block& block, std::size_t first, std::size_t end, Report* report) const;
  void cut_block(const Block& block, std::size_t first, std::size_t end, Block* out) const;
  void count(std::size_t visits) { work_ += visits; }

  void drop(Unit& u, std::string_view reason, double score) {
    u.dropped = true;
    u.reason = reason;
    u.score = score;
  }

  // The text of unit I, in its block (whose text does not change until apply()).
  std::string_view text_of(std::size_t i) const {
    const Unit& u = units_[i];
    return std::string_view(doc_.blocks[u.block].text).substr(u.begin, u.end - u.begin);
  }

  std::vector<std::size_t> kept_units() {
    count(units_.size());
    std::size_t n = 0;
    for (const Unit& u : units_) n += !u.dropped;
    std::vector<std::size_t> kept;
    kept.reserve(n);  // exactly: a vector grown by doubling held up to twice its size
    for (std::size_t i = 0; i < units_.size(); ++i) {
      if (!units_[i].dropped) kept.push_back(i);
    }
    return kept;
  }

  // Site-level boilerplate goes first: it does not depend on the neighbours.
  void drop_site_lines() {
    if (!options_.model) return;
    for (Unit& u : units_) {
      if (u.a.key && options_.model->is_boilerplate(site_, u.a.key)) drop(u, "site", 0);
    }
  }

  bool any_phrase_level() {
    std::vector<std::size_t> kept = kept_units();
    for (std::size_t k = 0; k < kept.size(); ++k) {
      const Unit* prev = k > 0 ? &units_[kept[k - 1]] : nullptr;
      const Unit* next = k + 1 < kept.size() ? &units_[kept[k + 1]] : nullptr;
      if (phrase_level(units_[kept[k]], prev, next)) return true;
    }
    return false;
  }

  void clear_phrases();
  bool choose_article();
  struct Language {
    bool known = false;      // stopword shares mean something
    std::uint8_t script = 0;  // the document's dominant script
  };
  Lines classify(std::vector<std::size_t> kept);
  Language detect_language(Lines& l);
  void score_line(Lines& l, std::size_t k, const Language& language);
  Article find_article(const Lines& l);
  void before_feed(const Lines& l, Span& span) const;
  bool opens_with_prose(const Lines& l, const Span& span) const;
  bool title_part(const Lines& l, std::size_t k) const;
  bool in_teasers(const Lines& l, std::size_t k) const;
  std::size_t title_copy(const Lines& l, std::size_t from);
  void mark_repeated(Lines& l, const Article& a);
  std::vector<char> feed_markers(const Lines& l) const;
  void mark_feeds(Lines& l) const;
  static bool says(std::string_view line);
  void mark_tables(Lines& l) const;
  void mark_items(Lines& l) const;
  bool calendar_row(const Lines& l, std::size_t k) const;
  bool after_text(const Lines& l, std::size_t k) const;
  void mark_embeds(Lines& l) const;
  int rank(const Lines& l, std::size_t k) const;
  static int counter(std::string_view line);
  void mark_ranks(Lines& l) const;
  void mark_feed(Lines& l, const std::vector<std::size_t>& at, std::size_t i, std::size_t j) const;
  void end_at_prompt(const Lines& l, Span& span) const;
  void keep_inside(Lines& l, const Article& a) const;
  void keep_headline(Lines& l, const Article& a) const;
  bool commit(const Lines& l, const Span& span);

  // The word set of unit I, computed on first use (title similarity needs few of them): of
  // its first line, when hard wraps joined a headline and its byline.
  const std::vector<std::uint64_t>& words_of(std::size_t i) {
    auto [it, added] = words_.try_emplace(i);
    if (added) it->second = word_set(text_of(i).substr(0, text_of(i).find('\n')));
    return it->second;
  }

  Document& doc_;
  const StripOptions& options_;
  std::vector<Unit> units_;
  // See words_of(); by unit, for the few units asked (a slot for every unit cost more).
  std::unordered_map<std::size_t, std::vector<std::uint64_t>> words_;
  std::string site_;
  std::uint64_t work_ = 0;  // line visits, see StripOptions::work
};

// Drops the phrase-level lines among those kept, in waves: the lines found in one wave go
// together, and the next wave looks again only at the neighbours of what went (a line can
// join a cluster only through a new neighbour), so the whole costs linear time.
void Stripper::clear_phrases() {
  constexpr std::size_t kNone = ~std::size_t{0};
  const std::size_t n = units_.size();
  std::vector<std::size_t> prev(n, kNone), next(n, kNone), check;
  std::size_t last = kNone;
  for (std::size_t i = 0; i < n; ++i) {
    if (units_[i].dropped) continue;
    prev[i] = last;
    if (last != kNone) next[last] = i;
    last = i;
    check.push_back(i);
  }
  auto at = [&](std::size_t i) { return i == kNone ? nullptr : &units_[i]; };
  while (!check.empty()) {
    std::sort(check.begin(), check.end());
    check.erase(std::unique(check.begin(), check.end()), check.end());
    std::vector<std::size_t> hits;
    count(check.size());
    for (std::size_t i : check) {
      if (!units_[i].dropped && phrase_level(units_[i], at(prev[i]), at(next[i]))) hits.push_back(i);
    }
    check.clear();
    for (std::size_t i : hits) {
      drop(units_[i], phrase_reason(units_[i]), kSpan.junk_score);
      if (prev[i] != kNone) next[prev[i]] = next[i];
      if (next[i] != kNone) prev[next[i]] = prev[i];
    }
    for (std::size_t i : hits) {
      for (std::size_t j : {prev[i], next[i]}) {
        if (j != kNone && !units_[j].dropped) check.push_back(j);
      }
    }
  }
}

// Steps 1 to 4 of strip.h over the units kept (the site model's drops excepted).
bool Stripper::choose_article() {
  std::vector<std::size_t> kept = kept_units();
  if (kept.empty()) return false;
  Lines l = classify(std::move(kept));
  mark_feeds(l);
  count(10 * l.size());  // classify, the two span scans, repeats, keep, lists, commit
  Article a = find_article(l);
  mark_repeated(l, a);
  end_at_prompt(l, a.span);
  if (a.span.first != a.span.last && a.span.last < l.size() && l.cut[a.span.last] && l.reason[a.span.last].empty())
    ++a.span.last;
  l.keep.assign(l.size(), 0);
  if (a.span.first == a.span.last) {
    // No article: keep what is not junk on its own.
    for (std::size_t k = 0; k < l.size(); ++k) l.keep[k] = l.reason[k].empty();
  } else {
    keep_inside(l, a);
    keep_headline(l, a);
  }
  return commit(l, a.span);
}

// Language, script, content scores and reasons of the units KEPT; a line partly covered by
// phrases in a cluster of the same kind is junk of that kind.
Lines Stripper::classify(std::vector<std::size_t> kept) {
  Lines l;
  l.units = &units_;
  l.unit = std::move(kept);
  l.resize(l.unit.size());
  Language language = detect_language(l);
  for (std::size_t k = 0; k < l.size(); ++k) score_line(l, k, language);
  mark_tables(l);
  mark_items(l);
  mark_ranks(l);
  mark_embeds(l);
  return l;
}

// The language (the stopword table with the most hits, at least 3) and the script (the most
// weight) of the lines of L; sets their stopword counts and L.f.
Stripper::Language Stripper::detect_language(Lines& l) {
  std::array<std::uint32_t, kLanguages.size()> hits{};
  for (std::size_t i : l.unit) {
    for (std::size_t g = 0; g < hits.size(); ++g) hits[g] += units_[i].a.stop[g];
  }
  std::size_t lang = static_cast<std::size_t>(std::max_element(hits.begin(), hits.end()) - hits.begin());
  Language language;
  language.known = hits[lang] >= 3;
  std::map<std::uint8_t, std::uint32_t> script_weight;
  for (std::size_t k = 0; k < l.size(); ++k) {
    LineFeatures& f = units_[l.unit[k]].a.features;
    f.stopwords = language.known ? units_[l.unit[k]].a.stop[lang] : 0;
    if (f.script) script_weight[f.script] += f.weight;
  }
  std::uint32_t top = 0;
  for (const auto& [script, w] : script_weight) {
    if (w > top) {
      top = w;
      language.script = script;
    }
  }
  return language;
}

// The score and reason of line K: content_score, with a second look at lines that name an
// address or are cut off, and phrase-level boilerplate.
void Stripper::score_line(Lines& l, std::size_t k, const Language& language) {
  const LineFeatures& f = *l.f(k);
  l.score[k] = content_score(f, language.script, language.known, &l.reason[k]);
  l.weight[k] = f.weight;
  l.table[k] = l.reason[k] == "date" && table_row(units_[l.unit[k]].a);
  if (l.reason[k] == "link" && !f.link_only && f.words >= kSpan.link_text_words) {
    // Inside the article, a sentence that names an address (a contact, a source) is text.
    LineFeatures text = f;
    text.link = false;
    std::string_view why;
    double score = content_score(text, language.script, language.known, &why);
    if (why.empty()) l.link_text[k] = static_cast<float>(score);
  }
  if (l.reason[k] == "truncated" && f.words >= kCut.min_words) {
    // A paragraph cut off (by a paywall, or an ellipsis of the writer's) is weak text, not a
    // teaser: teasers go with their feed or list.
    LineFeatures whole = f;
    whole.cut_off = false;
    l.score[k] = std::min(content_score(whole, language.script, language.known, &l.reason[k]), kCut.score);
    l.cut[k] = l.reason[k].empty();
  }
  // A rule between the parts of an article is neither text nor junk: it weighs nothing in
  // the sums, so it does not end the article it divides (it is still dropped).
  if (l.reason[k] == "symbols" && rule_line(text_of(l.unit[k]))) l.score[k] = options_.keep_threshold;
  const Unit* prev = k > 0 ? &units_[l.unit[k - 1]] : nullptr;
  const Unit* next = k + 1 < l.size() ? &units_[l.unit[k + 1]] : nullptr;
  if (l.reason[k].empty() && phrase_level(units_[l.unit[k]], prev, next)) {
    l.reason[k] = phrase_reason(units_[l.unit[k]]);
    l.score[k] = kSpan.junk_score;
  }
}

// Lists of items opened by bullets or numbers: runs of at least min_items items, not junk on
// their own, are article lines (scored a little above the threshold at least), so that a
// list does not end the article it is in.
void Stripper::mark_items(Lines& l) const {
  for (std::size_t k = 0; k < l.size();) {
    std::size_t e = k;
    while (e < l.size() && units_[l.unit[e]].a.item && l.reason[e].empty()) ++e;
    if (e == k && after_text(l, k)) {
      while (e < l.size() && calendar_row(l, e) && units_[l.unit[e]].block == units_[l.unit[k]].block) ++e;
    }
    if (e - k >= kList.min_items) {
      for (std::size_t j = k; j < e; ++j) {
        l.score[j] = std::max(l.score[j], options_.keep_threshold + kList.item_margin);
        l.reason[j] = {};
        l.item[j] = 1;
      }
    }
    k = e == k ? k + 1 : e;
  }
}

// The number line K is when it holds nothing but a number of a ranked list ("10", "#3",
// "2."), else -1.
int Stripper::rank(const Lines& l, std::size_t k) const {
  const LineFeatures& f = *l.f(k);
  if (f.words == 3 && f.digits == 2) return counter(text_of(l.unit[k]));
  if (f.words != 1 || f.digits != 1 || f.chars > kList.max_rank_chars) return -1;
  int n = -1;
  for (char c : text_of(l.unit[k])) {
    if (c >= '0' && c <= '9') n = (n < 0 ? 0 : n * 10) + (c - '0');
  }
  return n;
}

// N when LINE is the counter of a slide show, "N of M" (N at most M), else -1: a gallery
// counts its photos as a ranked list counts its entries, and is no more a feed.
int Stripper::counter(std::string_view line) {
  line = trim(line);
  auto number = [&line]() {
    int n = -1;
    std::size_t i = 0;
    for (; i < line.size() && i <= kList.max_rank_chars && line[i] >= '0' && line[i] <= '9'; ++i)
      n = (n < 0 ? 0 : n * 10) + (line[i] - '0');
    line = trim(line.substr(i));
    return i <= kList.max_rank_chars ? n : -1;
  };
  int n = number();
  if (n < 0 || line.substr(0, 2) != "of") return -1;
  line = trim(line.substr(2));
  int total = number();
  return total >= n && line.empty() ? n : -1;
}

// Ranked lists: the numbers that open their entries are not time stamps (which would make
// the list a feed) but neutral lines of the article, kept inside it.
void Stripper::mark_ranks(Lines& l) const {
  std::vector<std::size_t> run;  // the number lines of the current list
  int step = 0;
  auto flush = [&] {
    if (run.size() >= kList.min_ranks) {
      for (std::size_t j : run) {
        l.reason[j] = {};
        l.score[j] = std::max(l.score[j], options_.keep_threshold);
        l.item[j] = 1;
      }
    }
    run.clear();
  };
  for (std::size_t k = 0; k < l.size(); ++k) {
    int n = rank(l, k);
    if (n < 0) continue;
    if (!run.empty()) {
      std::size_t gap = k - run.back();
      int d = n - rank(l, run.back());
      bool next = (d == 1 || d == -1) && (run.size() == 1 || d == step) && gap >= kList.min_rank_gap &&
                  gap <= kList.max_rank_gap;
      if (!next) flush();
      step = d;
    }
    run.push_back(k);
  }
  flush();
}

// Embedded posts (a tweet: its text, then "— Name (@handle) Date"): neutral lines for the
// article (an embed must not end it) and, inside it, kept.
void Stripper::mark_embeds(Lines& l) const {
  const double neutral = options_.keep_threshold;
  for (std::size_t k = 0; k < l.size(); ++k) {
    if (!units_[l.unit[k]].a.embed) continue;
    for (std::size_t j : {k - 1, k}) {
      if (j >= l.size() || !(l.reason[j].empty() || l.reason[j] == "link" || l.reason[j] == "repeated")) continue;
      if (j != k && l.f(j)->words < kList.min_embed_words) continue;
      l.reason[j] = {};
      l.score[j] = std::max(l.score[j], neutral);
      l.item[j] = 1;
    }
  }
}

// True when line K follows good text, directly or under one heading ("Tour dates:"): a list
// there belongs to the article; a calendar in a side bar does not.
bool Stripper::after_text(const Lines& l, std::size_t k) const {
  for (std::size_t back = 1; back <= 2 && back <= k; ++back) {
    std::size_t j = k - back;
    if (l.reason[j].empty() && l.score[j] >= kSpan.good) return true;
    if (!l.reason[j].empty() || !heading_like(*l.f(j))) return false;
  }
  return false;
}

// A row of a calendar or a programme: a date or a number, then names ("June 9 -- Coral Sky
// Amphitheatre, West Palm Beach, FL"), not a sentence; a time stamp has no names.
bool Stripper::calendar_row(const Lines& l, std::size_t k) const {
  const Analysis& a = units_[l.unit[k]].a;
  const LineFeatures& f = a.features;
  return true && a.dated && (l.reason[k].empty() || l.reason[k] == "date") && !f.sentence_end &&
         f.words <= kList.max_row_words && f.words >= f.digits + a.date_words + kList.min_row_names;
}

// Tables of figures: runs of at least min_rows rows; their rows are not time stamps but
// weak article lines (scored as the table's score).
void Stripper::mark_tables(Lines& l) const {
  for (std::size_t k = 0; k < l.size();) {
    std::size_t e = k;
    while (e < l.size() && l.table[e]) ++e;
    for (std::size_t j = k; j < e; ++j) {
      l.table[j] = e - k >= kTable.min_rows;
      if (!l.table[j]) continue;
      l.reason[j] = {};
      l.score[j] = kTable.score;
    }
    k = e == k ? k + 1 : e;
  }
}

// True when LINE introduces a comment: "NAME says:", "NAME wrote:" (the colon is what
// tells it from a sentence).
bool Stripper::says(std::string_view line) {
  line = trim(line);
  for (std::string_view end : {" says:", " Says:", " wrote:", " said:", " SAYS:"}) {
    if (line.ends_with(end)) return true;
  }
  return false;
}

// The lines that open or close an item of a feed: time stamps and comment prompts. (Lines
// that recur on the page are not: "Advertisement" recurs inside articles.)
std::vector<char> Stripper::feed_markers(const Lines& l) const {
  std::vector<char> marker(l.size(), 0);
  for (std::size_t k = 0; k < l.size(); ++k) {
    marker[k] = l.reason[k] == "date" || l.reason[k] == "comment" ||
                (l.f(k)->words <= kFeed.says_words && says(text_of(l.unit[k])));
  }
  return marker;
}

// Feeds: runs of markers at most max_gap lines apart, from the first marker to as far after
// the last as the items are long on average.
void Stripper::mark_feeds(Lines& l) const {
  std::vector<char> marker = feed_markers(l);
  std::vector<std::size_t> at;
  for (std::size_t k = 0; k < l.size(); ++k) {
    if (marker[k]) at.push_back(k);
  }
  for (std::size_t i = 0; i < at.size();) {
    std::size_t j = i + 1;
    while (j < at.size() && at[j] - at[j - 1] <= kFeed.max_gap) ++j;
    mark_feed(l, at, i, j);
    i = j;
  }
}

// The markers AT[I..J) at most max_gap apart: a feed when they open enough items with text
// between them. Its first items may be the end of the article (a time stamp under it): the
// feed starts at the first gap no longer than twice the typical one (the median).
void Stripper::mark_feed(Lines& l, const std::vector<std::size_t>& at, std::size_t i, std::size_t j) const {
  if (j - i < 2) return;
  std::vector<std::size_t> gaps;
  for (std::size_t m = i + 1; m < j; ++m) gaps.push_back(at[m] - at[m - 1]);
  std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 2, gaps.end());
  const std::size_t typical = gaps[gaps.size() / 2];
  while (i + 1 < j && at[i + 1] - at[i] > kFeed.lead_gap * typical) ++i;
  // The text of each item; one much heavier than the typical is an article, not an item.
  std::vector<std::uint32_t> item_weight;
  for (std::size_t m = i; m < j; ++m) {
    std::uint32_t w = 0;
    for (std::size_t k = at[m] + 1; k < (m + 1 < j ? at[m + 1] : std::min(l.size(), at[m] + typical)); ++k) {
      if (l.reason[k].empty()) w += l.weight[k];
    }
    item_weight.push_back(w);
  }
  std::size_t items = 0;
  for (std::uint32_t w : item_weight) items += w > 0;
  if (items < kFeed.min_items) return;
  std::vector<std::uint32_t> sorted = item_weight;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  const double heavy = std::max<double>(kFeed.outlier * sorted[sorted.size() / 2], kFeed.min_article);
  for (std::size_t m = i; m < j; ++m) {
    if (item_weight[m - i] > heavy) continue;
    std::size_t end = m + 1 < j ? at[m + 1] : std::min(l.size(), at[m] + typical + 1);
    if (m + 1 == j) {
      // The last item ends before a paragraph: what follows a feed is often the article.
      for (std::size_t k = at[m] + 1; k < end; ++k) {
        if (l.reason[k].empty() && l.weight[k] >= kFeed.last_item_break) {
          end = k;
          break;
        }
      }
    }
    for (std::size_t k = at[m]; k < end; ++k) {
      l.score[k] = std::min(l.score[k], kFeed.cap);
      l.feed[k] = 1;
    }
  }
}

// The article span, and the headline: a later copy of the title (the first line) right
// before an article that is not much smaller than the largest run (a title in a menu is
// followed by a crumb).
Article Stripper::find_article(const Lines& l) {
  const double threshold = options_.keep_threshold;
  Article a;
  a.headline = l.size();
  a.span = best_span(l.score, l.weight, threshold);
  before_feed(l, a.span);
  SpanIndex index(l.score, l.weight, threshold);
  // The first copy holding most of the title's words; else the one holding the most. A copy
  // of the site name ("Headline | Site") holds fewer than the headline's copy under it.
  const Span best = a.span;
  const std::vector<std::uint64_t>& title = words_of(l.unit[0]);
  std::size_t shared = 0;
  for (std::size_t copy = title_copy(l, 1); copy < l.size(); copy = title_copy(l, copy + 1)) {
    Span after = index.after(copy + 1, kSpan.headline_window);
    std::size_t common = common_words(words_of(l.unit[copy]), title);
    const double share =
        (common >= kSpan.full_copy * title.size() || title_part(l, copy)) && opens_with_prose(l, after)
            ? kSpan.full_copy_share
            : kSpan.headline_share;
    if (after.first != after.last && after.sum >= share * best.sum && common > shared && !in_teasers(l, copy)) {
      a.headline = copy;
      a.span = after;
      shared = common;
      if (common >= kSpan.headline_title_share * title.size()) break;
    }
  }
  return a;
}

// True when line K is the larger part of the title (the first line) on one side of a
// separator: "Headline | Site", "Site: Headline". A full copy of the headline, then.
bool Stripper::title_part(const Lines& l, std::size_t k) const {
  static constexpr std::u32string_view kSeparators = U"|-:/\u2013\u2014\u00AB\u00BB\u00B7\u2022";
  std::string_view title = text_of(l.unit[0]);
  title = trim(title.substr(0, title.find('\n')));  // a unit may hold wrapped lines
  const std::string_view copy = trim(text_of(l.unit[k]));
  if (copy.empty() || copy.size() >= title.size()) return false;
  const bool first = title.substr(0, copy.size()) == copy;
  if (!first && title.substr(title.size() - copy.size()) != copy) return false;
  std::string_view rest = trim(first ? title.substr(copy.size()) : title.substr(0, title.size() - copy.size()));
  if (rest.empty()) return false;
  std::size_t at = first ? 0 : rest.size();
  const char32_t separator = first ? utf8::next(rest, at) : utf8::prev(rest, at);
  if (kSeparators.find(separator) == std::u32string_view::npos) return false;
  return line_features(rest, {}).words < l.f(k)->words;
}

// True when line K stands in a list of teasers: teasers_before lines above it and
// teasers_after under it are teasers, short lines that are not junk, not prose and hold no
// number or date word (a headline has a time stamp, a byline or its text around it).
bool Stripper::in_teasers(const Lines& l, std::size_t k) const {
  if (k < kSpan.teasers_before || k + kSpan.teasers_after >= l.size()) return false;
  for (std::size_t j = k - kSpan.teasers_before; j <= k + kSpan.teasers_after; ++j) {
    const LineFeatures& f = *l.f(j);
    if (j != k && (!l.reason[j].empty() || !heading_like(f) || l.score[j] >= kSpan.good ||
                   f.words >= kScore.prose_words || f.digits + units_[l.unit[j]].a.date_words > 0))
      return false;
  }
  return true;
}

// True when SPAN opens with a paragraph of prose: a copy of the title in a list of teasers
// has more teasers under it, short lines.
bool Stripper::opens_with_prose(const Lines& l, const Span& span) const {
  for (std::size_t k = span.first; k < span.last && k < span.first + kSpan.headline_window; ++k) {
    if (l.reason[k].empty() && l.f(k)->sentence_end && l.f(k)->words >= kScore.prose_words) return true;
  }
  return false;
}

// A run after the start of a feed is an item of it (a long comment) when a run before the
// feed is not much smaller: the article comes before its comments.
void Stripper::before_feed(const Lines& l, Span& span) const {
  std::size_t feed = 0;
  while (feed < span.first && !l.feed[feed]) ++feed;
  if (feed >= span.first) return;
  std::vector<double> scores(l.score.begin(), l.score.begin() + feed);
  std::vector<std::uint32_t> weights(l.weight.begin(), l.weight.begin() + feed);
  Span before = best_span(scores, weights, options_.keep_threshold);
  if (before.first != before.last && before.sum >= kFeed.article_share * span.sum) span = before;
}

// The first line from FROM on that repeats the title (the first line), l.size() if none.
std::size_t Stripper::title_copy(const Lines& l, std::size_t from) {
  const std::vector<std::uint64_t>& title = words_of(l.unit[0]);
  for (std::size_t k = from; k < l.size(); ++k) {
    const LineFeatures& f = *l.f(k);
    if (l.reason[k].empty() && f.words >= kSpan.headline_min_words && f.words <= kSpan.headline_max_words &&
        std::binary_search(title.begin(), title.end(), units_[l.unit[k]].a.first_word) &&
        repeats_title(words_of(l.unit[k]), title)) {
      return k;
    }
  }
  return l.size();
}

// Exact copies: one is kept, the headline or the first inside the article.
void Stripper::mark_repeated(Lines& l, const Article& a) {
  std::vector<std::pair<std::uint64_t, std::size_t>> kept_copy;  // (key, line), first per key
  for (std::size_t k = 0; k < l.size(); ++k) {
    if (units_[l.unit[k]].a.key && a.inside(k)) kept_copy.emplace_back(units_[l.unit[k]].a.key, k);
  }
  std::sort(kept_copy.begin(), kept_copy.end());
  for (std::size_t k = 0; k < l.size(); ++k) {
    std::uint64_t key = units_[l.unit[k]].a.key;
    if (!key) continue;
    auto it = std::lower_bound(kept_copy.begin(), kept_copy.end(), std::make_pair(key, std::size_t{0}));
    if (it != kept_copy.end() && it->first == key && it->second != k) {
      l.reason[k] = "repeated";
      l.score[k] = std::min(l.score[k], kSpan.junk_score);
    }
  }
}

// A comment prompt or a copyright line after the article has begun ends it.
void Stripper::end_at_prompt(const Lines& l, Span& span) const {
  const double threshold = options_.keep_threshold;
  std::size_t good = 0;
  double before = 0, seen = 0;
  for (std::size_t k = span.first; k < span.last; ++k) {
    const double value = span_value(l.score[k], l.weight[k], threshold);
    seen += value;
    if (l.feed[k] && good >= kSpan.good_before_end) {
      span.last = k;
      return;
    }
    if ((l.reason[k] == "comment" || l.reason[k] == "copyright") && good >= kSpan.good_before_end) {
      // A prompt after nothing of weight (a comment count in a header): the article is after it.
      if (before <= 0) {
        span.first = k + 1;
        good = 0;
        before = 0;
        continue;
      }
      // A prompt with much more of the article after it than before: a box inside the article.
      if ((l.reason[k] == "copyright" || l.f(k)->sentence_end) && span.sum - seen > kSpan.prompt_flip * before) {
        before += value;
        continue;
      }
      span.last = k;
      return;
    }
    before += value;
    if (l.reason[k].empty() && l.score[k] >= kSpan.good) ++good;
  }
}

// Inside the article: lines that are not junk and not too weak, less lists of links.
void Stripper::keep_inside(Lines& l, const Article& a) const {
  const double floor = options_.keep_threshold - kSpan.inside_margin;
  for (std::size_t k = a.span.first; k < a.span.last; ++k) {
    l.keep[k] = l.reason[k].empty() ? l.score[k] >= floor : l.link_text[k] >= floor;
    if (l.keep[k]) l.reason[k] = {};
  }
  // A paragraph cut off inside the article by a program, the ellipsis after a space ("...
  // southeastern Afghanistan, ..."), is a caption cut to length; one whose last word carries
  // it ("the answer was no...") was cut by its writer. The article's last paragraph may be
  // cut by a paywall.
  for (std::size_t k = a.span.first; k + 1 < a.span.last; ++k) {
    if (l.cut[k] && cut_apart(text_of(l.unit[k]))) {
      l.keep[k] = 0;
      l.reason[k] = "truncated";
    }
  }
  for (std::size_t k = a.span.first; k < a.span.last;) {
    std::size_t e = k;
    while (e < a.span.last && l.keep[e] && !l.table[e] && !l.item[e] && !units_[l.unit[e]].a.item &&
           !l.f(e)->sentence_end && l.f(e)->words <= kList.max_words)
      ++e;
    if (e - k >= kList.min_run) {
      for (std::size_t j = k; j < e; ++j) {
        l.keep[j] = 0;
        l.reason[j] = "list";
      }
    }
    k = e == k ? k + 1 : e;
  }
}

// The headline: the copy of the title when there is one; else, walking back from the
// article across bylines and time stamps (repeated ones too), the heading-like lines up to
// the first junk (at most three: headline, kicker, standfirst); when there is none, the
// first line of the document if it is heading-like.
void Stripper::keep_headline(Lines& l, const Article& a) const {
  if (a.headline < l.size()) {
    l.keep[a.headline] = 1;
    l.reason[a.headline] = {};
    return;
  }
  std::size_t found = 0;
  for (std::size_t k = a.span.first; k-- > 0 && found < kSpan.headline_lines;) {
    std::string_view why = l.reason[k];
    // A time stamp or a byline, the page's other copy of it too.
    if (why == "date" || why == "byline" || (why == "repeated" && (l.f(k)->date || l.f(k)->byline))) continue;
    if (!why.empty() || !heading_like(*l.f(k))) break;
    l.keep[k] = 1;
    ++found;
  }
  if (found == 0 && a.span.first > 0 && l.reason[0].empty() && heading_like(*l.f(0))) l.keep[0] = 1;
}

bool Stripper::commit(const Lines& l, const Span& span) {
  bool changed = false;
  for (std::size_t k = 0; k < l.size(); ++k) {
    if (l.keep[k]) continue;
    std::string_view why = l.reason[k];
    if (why.empty()) why = l.feed[k] ? "feed" : k < span.first ? "lead" : k >= span.last ? "tail" : "short";
    drop(units_[l.unit[k]], why, l.score[k]);
    changed = true;
  }
  return changed;
}

// The end of the units of block B, whose units start at FIRST.
std::size_t Stripper::units_end(std::uint32_t b, std::size_t first) const {
  std::size_t u = first;
  while (u < units_.size() && units_[u].block == b) ++u;
  return u;
}

// The end of the run of units from K to END with K's verdict and reason: one part of a block.
std::size_t Stripper::run_end(std::size_t k, std::size_t end) const {
  std::size_t e = k + 1;
  while (e < end && units_[e].dropped == units_[k].dropped && units_[e].reason == units_[k].reason) ++e;
  return e;
}

// The blocks the units FIRST..END of BLOCK become: none when they all have one verdict (the
// block stays whole), else one per run. Reports the dropped parts in order.
std::size_t Stripper::count_parts(const Block& block, std::size_t first, std::size_t end, Report* report) const {
  bool any_dropped = false, any_kept = false;
  for (std::size_t k = first; k < end; ++k) (units_[k].dropped ? any_dropped : any_kept) = true;
  auto record = [&](std::uint32_t line, std::string_view text, const Unit& unit) {
    if (report)
      report->add("strip", unit.reason, line, report->keep_details() ? excerpt(text) : std::string(), unit.score);
  };
  if (!any_dropped) return 0;
  if (!any_kept) {
    record(block.first_line, block.text, units_[first]);
    return 0;
  }
  std::size_t parts = 0;
  for (std::size_t k = first; k < end; k = run_end(k, end), ++parts) {
    std::size_t e = run_end(k, end);
    std::string_view text = std::string_view(block.text).substr(units_[k].begin, units_[e - 1].end - units_[k].begin);
    if (units_[k].dropped) record(units_[k].line, text, units_[k]);
  }
  return parts;
}

// Cuts BLOCK into one part per run of the units FIRST..END, moved to OUT[0], OUT[1], ...
// Line numbers are counted once over the block, not from its start for each part.
void Stripper::cut_block(const Block& block, std::size_t first, std::size_t end, Block* out) const {
  std::size_t counted_to = 0;
  std::uint32_t newlines = 0;
  Block* const parts = out;
  for (std::size_t k = first; k < end; ++out) {
    std::size_t e = run_end(k, end);
    Block part;
    part.kind = block.kind;
    part.shape = block.shape;
    part.text = block.text.substr(units_[k].begin, units_[e - 1].end - units_[k].begin);
    part.first_line = units_[k].line;
    newlines += static_cast<std::uint32_t>(
        std::count(block.text.begin() + counted_to, block.text.begin() + units_[e - 1].end, '\n'));
    counted_to = units_[e - 1].end;
    part.last_line = block.first_line ? block.first_line + newlines : 0;
    if (units_[k].dropped) {
      part.verdict = Verdict::kDrop;
      part.reason = std::string(units_[k].reason);
      part.score = units_[k].score;
    }
    *out = std::move(part);
    k = e;
  }
  give_markup(block, std::span<Block>(parts, out));
}

// One block per run of units with the same verdict and reason; a block all kept stays as it
// is. In place: a forward pass reports the dropped parts in order and counts them, then the
// blocks are filled in from the back, where each block's parts never reach below it (a
// second vector of blocks was the largest allocation of `clean` on a big document).
void Stripper::apply(Report* report) {
  std::unordered_map<std::size_t, std::vector<std::uint64_t>>().swap(words_);
  count(doc_.blocks.size() + units_.size());
  const std::size_t n = doc_.blocks.size();
  std::vector<std::uint32_t> parts(n);  // 0: the block stays whole
  std::size_t total = 0;
  for (std::size_t b = 0, u = 0; b < n; ++b) {
    std::size_t end = units_end(static_cast<std::uint32_t>(b), u);
    Block& block = doc_.blocks[b];
    parts[b] = static_cast<std::uint32_t>(count_parts(block, u, end, report));
    if (parts[b] == 0 && u < end && units_[u].dropped) {  // dropped whole
      block.verdict = Verdict::kDrop;
      block.reason = std::string(units_[u].reason);
      block.score = units_[u].score;
    }
    total += std::max<std::size_t>(parts[b], 1);
    u = end;
  }
  if (total == n) return;
  doc_.blocks.reserve(total);
  doc_.blocks.resize(total);
  std::size_t u = units_.size();
  for (std::size_t b = n, w = total; b-- > 0;) {
    std::size_t end = u;
    while (u > 0 && units_[u - 1].block == b) --u;
    if (parts[b] == 0) {
      if (--w != b) doc_.blocks[w] = std::move(doc_.blocks[b]);
      continue;
    }
    // The parts hold copies of the text: the whole goes now.
    Block whole = std::move(doc_.blocks[b]);
    w -= parts[b];
    cut_block(whole, u, end, &doc_.blocks[w]);
  }
}

}  // namespace

void strip(Document& doc, const StripOptions& options, Report* report) {
  Stripper s(doc, options);
  s.run();
  s.apply(report);
}

std::string strip(std::string_view text, const StripOptions& options, Report* report, Document* out) {
  // Paragraphs, not single lines, even in a text without blank lines: verdicts are per line
  // anyway, and the output's paragraphs (runs of kept lines) then split back the same way.
  Document doc = split(text, SplitMode::kParagraphs);
  strip(doc, options, report);
  bool dropped = false;
  for (const Block& b : doc.blocks) dropped = dropped || !b.kept();
  std::string result = dropped ? render(doc) : std::string(text);
  if (out) *out = std::move(doc);
  return result;
}

std::vector<std::uint64_t> page_keys(const Document& doc) {
  std::vector<std::uint64_t> keys;
  for (const Cut& u : cut_units(doc)) {
    std::uint64_t key = line_key(std::string_view(doc.blocks[u.block].text).substr(u.begin, u.end - u.begin));
    if (key) keys.push_back(key);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace winnow
