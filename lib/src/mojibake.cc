#include "mojibake.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <array>
#include <cstdint>
#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>
#include <vector>

#include "codepages.h"
#include "data.h"
#include "text.h"
#include "winnow/utf8.h"

namespace winnow::mojibake {
namespace {

using codepages::kPageCount;
using Mask = std::uint16_t;
static_assert(kPageCount <= 16, "one bit per code page");

// The characters the code pages produce are below U+2600 (the highest are cp437's box drawing
// and block elements) but for a few (MacRoman's Apple logo U+F8FF and its fi/fl ligatures),
// so flat arrays indexed by code point cover them, with slots after U+25FF for those few.
constexpr char32_t kTableSize = 0x2600;
constexpr std::size_t kExtraSlots = 24;
constexpr std::size_t kNoSlot = ~std::size_t{0};

// Character classes of the cost function. A wrong decoder leaves tell-tale neighbours: symbols
// and punctuation glued inside words, upper case after lower case, scripts changing mid-word,
// controls, and letters from blocks real text seldom uses.
enum Cls : std::uint8_t {
  kNeutral,     // ASCII non-letters and anything unremarkable
  kAsciiLower,
  kAsciiUpper,
  kLower,       // non-ASCII lower-case letter
  kUpper,       // non-ASCII upper-case or title-case letter
  kLetter,      // non-ASCII letter without case (CJK, Arabic, Hebrew, kana, ...)
  kMark,        // combining mark
  kC1,          // U+0080..U+009F
  kControl,     // other controls, U+FFFD, private use, surrogates, unassigned
  kBad,         // symbols real text almost never has inside words: ¦ ¨ ¬ ¯ ´ ¸ ƒ ˆ ˜ † ‡ ‰ ¤ ...
  kCurrency,
  kNumeric,     // ° ± ² ³ ¹ ª º ¼ ½ ¾ µ × ÷ § ¶ №
  kOpenPunct,   // ¡ ¿ « ‘ “ „ ‚ ‹
  kClosePunct,  // © ® · » ’ ” › • … – — ™
  kSpaceLike,   // no-break space, soft hyphen
  kBox,         // box drawing, block elements, arrows and the mathematics of cp437
  kRare,        // letters of blocks a wrong decode lands in: IPA, Latin Extended-B, Coptic, ...
};

enum Script : std::uint8_t { kNoScript, kLatin, kGreek, kCyrillic, kOtherScript };

bool is_letter(Cls k) { return k == kAsciiLower || k == kAsciiUpper || k == kLower || k == kUpper || k == kLetter || k == kRare; }
bool is_nonascii_letter(Cls k) { return k == kLower || k == kUpper || k == kLetter || k == kRare; }
bool is_symbol(Cls k) {
  return k == kC1 || k == kBad || k == kCurrency || k == kNumeric || k == kOpenPunct || k == kClosePunct ||
         k == kSpaceLike || k == kBox;
}

Cls classify(char32_t c) {
  if (c < 0x80) {
    if (c >= 'a' && c <= 'z') return kAsciiLower;
    if (c >= 'A' && c <= 'Z') return kAsciiUpper;
    return kNeutral;
  }
  if (c <= 0x9F) return kC1;
  switch (c) {
    case 0xA0: case 0xAD:
      return kSpaceLike;
    case 0xA4: case 0xA6: case 0xA8: case 0xAC: case 0xAF: case 0xB4: case 0xB8: case 0x192: case 0x2C6:
    case 0x2C7: case 0x2D8: case 0x2D9: case 0x2DB: case 0x2DC: case 0x2DD: case 0x2020: case 0x2021:
    case 0x2030: case 0x25CA: case 0x2310: case 0x178:
      return kBad;
    case 0xA2: case 0xA3: case 0xA5: case 0x20AC:
      return kCurrency;
    case 0xAA: case 0xB0: case 0xB1: case 0xB2: case 0xB3: case 0xB5: case 0xB9: case 0xBA: case 0xBC:
    case 0xBD: case 0xBE: case 0xD7: case 0xF7: case 0xA7: case 0xB6: case 0x2116:
      return kNumeric;
    case 0xA1: case 0xBF: case 0xAB: case 0x2018: case 0x201C: case 0x201E: case 0x201A: case 0x2039:
      return kOpenPunct;
    case 0xA9: case 0xAE: case 0xB7: case 0xBB: case 0x2019: case 0x201D: case 0x203A: case 0x2022:
    case 0x2026: case 0x2013: case 0x2014: case 0x2122:
      return kClosePunct;
    default:
      break;
  }
  if ((c >= 0x2190 && c <= 0x23FF) || (c >= 0x2500 && c <= 0x25FF) || c == 0x207F) return kBox;
  // Latin Extended-B and IPA except Romanian comma letters, pinyin tone letters and the
  // Vietnamese horned o and u; Coptic in the Greek block; the historic Cyrillic letters and
  // the Komi supplement (not those of Ukrainian, Kazakh, Tatar, Bashkir: U+0490..U+04FF);
  // Syriac, Thaana, NKo, Samaritan, Mandaic: the places a two-byte sequence made of two real
  // Latin letters lands. (Armenian is a script of its own, with its own mojibake.)
  if ((c >= 0x180 && c <= 0x2FF && !(c >= 0x218 && c <= 0x21B) && !(c >= 0x1CD && c <= 0x1DC) &&
       !(c >= 0x1A0 && c <= 0x1B0) && c != 0x2BC) ||
      (c >= 0x3E2 && c <= 0x3FF) || (c >= 0x460 && c <= 0x48F) || (c >= 0x500 && c <= 0x52F) ||
      (c >= 0x700 && c <= 0x8FF)) {
    return kRare;
  }
  switch (u_charType(c)) {
    case U_CURRENCY_SYMBOL:
      return kCurrency;
    case U_UPPERCASE_LETTER:
    case U_TITLECASE_LETTER:
      return kUpper;
    case U_LOWERCASE_LETTER:
      return kLower;
    case U_OTHER_LETTER:
    case U_MODIFIER_LETTER:
      return kLetter;
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
      return kMark;
    case U_CONTROL_CHAR:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
    case U_UNASSIGNED:
      return kControl;
    default:
      return c == utf8::kReplacement ? kControl : kNeutral;
  }
}

Script script_of(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(static_cast<UChar32>(c), &status);
  switch (s) {
    case USCRIPT_LATIN: return kLatin;
    case USCRIPT_GREEK: return kGreek;
    case USCRIPT_CYRILLIC: return kCyrillic;
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED: return kNoScript;
    default: return kOtherScript;
  }
}

struct Tables {
  // Indexed by slot(c).
  std::array<Mask, kTableSize + kExtraSlots> lead{};  // pages where c is a UTF-8 lead byte (C2..F4)
  std::array<Mask, kTableSize + kExtraSlots> cont{};  // pages where c is a continuation byte (80..BF)
  std::array<std::array<std::uint8_t, kTableSize + kExtraSlots>, kPageCount> encode{};  // 0: not in the page
  std::vector<char32_t> extra;  // the code points of the slots after kTableSize
  // The images of the UTF-8 lead bytes C2 and C3 (Latin-1 Supplement) in any page, and
  // MacRoman's E2 (‚, General Punctuation): as the first of a decoded sequence they are
  // evidence on their own, and real text never follows them with a symbol.
  std::vector<char32_t> telling;
  // Indexed by code point.
  std::array<std::uint8_t, kTableSize> cls{};
  std::array<std::uint8_t, kTableSize> script{};
  std::array<bool, kTableSize> mixup_letter{};  // a Latin-1 letter a mixed-up word is made of
  // By page, the bytes a lossy decoder turns into U+FFFD: the C1 bytes the page leaves
  // undefined (none in Latin-1 and ISO-8859-2, whose C1 bytes are controls).
  std::array<std::vector<std::uint8_t>, kPageCount> lost;

  char32_t extra_min = ~char32_t{0};  // the lowest code point of EXTRA: CJK and most others are below

  std::size_t slot(char32_t c) const {
    if (c < kTableSize) return c;
    if (c < extra_min) return kNoSlot;
    for (std::size_t k = 0; k < extra.size(); ++k) {
      if (extra[k] == c) return kTableSize + k;
    }
    return kNoSlot;
  }

  Tables() {
    for (unsigned p = 0; p < kPageCount; ++p) {
      for (unsigned b = 0x80; b <= 0xFF; ++b) {
        char32_t c = codepages::kPages[p].high[b - 0x80];
        std::size_t k = slot(c);
        if (k == kNoSlot) {
          if (extra.size() == kExtraSlots) throw std::logic_error("winnow: code-page tables need more slots");
          extra.push_back(c);
          extra_min = std::min(extra_min, c);
          k = slot(c);
        }
        encode[p][k] = static_cast<std::uint8_t>(b);
        if (b >= 0xC2 && b <= 0xF4) lead[k] |= Mask(1u << p);
        if (b <= 0xBF) cont[k] |= Mask(1u << p);
      }
    }
    for (unsigned p = 0; p < kPageCount; ++p) {
      for (unsigned b : {0xC2u, 0xC3u}) {
        char32_t c = codepages::kPages[p].high[b - 0x80];
        if (std::find(telling.begin(), telling.end(), c) == telling.end()) telling.push_back(c);
      }
    }
    telling.push_back(codepages::kPages[codepages::kMacRoman].high[0xE2 - 0x80]);
    // Browsers decode "latin-1" as Windows-1252, and text that went through both keeps C1
    // controls where 1252 has punctuation: the sloppy 1252 encoder takes them as their byte.
    for (char32_t c = 0x80; c <= 0x9F; ++c) {
      if (!encode[codepages::kWindows1252][c]) {
        encode[codepages::kWindows1252][c] = static_cast<std::uint8_t>(c);
        cont[c] |= Mask(1u << codepages::kWindows1252);
      }
    }
    // U+FFFD where a lossy decoder lost a byte: a continuation byte in the pages with lost bytes.
    Mask lossy = 0;
    for (unsigned p = 0; p < kPageCount; ++p) {
      if (p == codepages::kLatin1 || p == codepages::kIso8859_2) continue;
      for (unsigned b = 0x80; b <= 0x9F; ++b) {
        if (codepages::kPages[p].high[b - 0x80] == b) lost[p].push_back(static_cast<std::uint8_t>(b));
      }
      if (!lost[p].empty()) lossy |= Mask(1u << p);
    }
    extra.push_back(utf8::kReplacement);
    extra_min = std::min(extra_min, utf8::kReplacement);
    cont[slot(utf8::kReplacement)] = lossy;
    for (char32_t c = 0; c < kTableSize; ++c) {
      cls[c] = classify(c);
      script[c] = script_of(c);
    }
    // The Latin-1 images of Cyrillic and Greek letters in Windows-1251/1253 and KOI8-R: the
    // letters À..ÿ plus the symbols ё, Ё, і, є, ї and the Greek accented capitals fall on.
    for (char32_t c = 0xC0; c <= 0xFF; ++c) mixup_letter[c] = true;
    for (char32_t c : {0xA3, 0xA8, 0xB8, 0xB3, 0xB2, 0xBA, 0xAA, 0xBF, 0xAF, 0xA2, 0xB9, 0xBC, 0xBE, 0xA5, 0xB4}) {
      mixup_letter[c] = true;
    }
  }
};

const Tables& tables() {
  static const std::unique_ptr<const Tables> t = std::make_unique<const Tables>();
  return *t;
}

// Whether C is what byte C2 (the lead of U+0080..U+00BF) is in some page.
bool is_c2_image(const Tables& t, char32_t c) {
  std::size_t k = t.slot(c);
  for (unsigned p = 0; p < kPageCount && k != kNoSlot; ++p) {
    if (t.encode[p][k] == 0xC2) return true;
  }
  return false;
}

bool is_telling_lead(const Tables& t, char32_t c) {
  return std::find(t.telling.begin(), t.telling.end(), c) != t.telling.end();
}

Cls cls_of(const Tables& t, char32_t c) { return c < kTableSize ? static_cast<Cls>(t.cls[c]) : classify(c); }
Script script_at(const Tables& t, char32_t c) {
  return c < kTableSize ? static_cast<Script>(t.script[c]) : script_of(c);
}

bool is_ascii_letter(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

bool is_cyrillic_basic(char32_t c) { return c >= 0x410 && c <= 0x44F; }

// Serbian, Macedonian and Belarusian letters Windows-1251 puts in 0x80..0xBF: as continuation
// bytes after a Cyrillic lead ("вЂ™" for "’") they are as telling as a symbol.
bool is_cp1251_high_letter(char32_t c) {
  static constexpr std::u32string_view kLetters = U"ЂЃѓЉЊЌЋЏђљњќћџЎўЈ";
  return kLetters.find(c) != std::u32string_view::npos;
}



// The cost of S (a span with one character of context on each side; 0 for none): how much it
// looks like the output of a wrong decoder. Clean text of any language scores 0 or close.
// LETTER_RUNS also counts runs of three accented Latin letters, the trace of Cyrillic or
// Greek decoded in a Latin code page: evidence when choosing a whole text's encoding, but no
// reason to re-decode a span as UTF-8 (mix-ups have their own repair).
int cost(const Tables& t, const std::u32string& s, bool letter_runs = false) {
  int total = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    Cls k = cls_of(t, c);
    if (k == kControl) total += 3;
    if (k == kC1 || k == kRare) total += 2;
    if (k == kBad) total += 1;
    if (i == 0) continue;
    char32_t p = s[i - 1];
    Cls pk = cls_of(t, p);
    bool p_letter = is_nonascii_letter(pk);
    if (p_letter && (k == kC1 || k == kBad || k == kCurrency || k == kNumeric || k == kOpenPunct || k == kBox)) ++total;
    if ((pk == kC1 || pk == kBad || pk == kCurrency || pk == kNumeric || pk == kBox) && is_nonascii_letter(k)) ++total;
    if ((pk == kAsciiLower || pk == kLower) && k == kUpper) ++total;
    // An all-capitals word that ends in a lower-case letter ("СССл" from "СССР»").
    if ((k == kLower || k == kAsciiLower) && i >= 2 && (pk == kUpper || pk == kAsciiUpper)) {
      Cls ppk = cls_of(t, s[i - 2]);
      if (ppk == kUpper || ppk == kAsciiUpper) ++total;
    }
    if (is_letter(pk) && is_letter(k)) {
      Script a = script_at(t, p), b = script_at(t, c);
      // Back to the script of the letter before a lone Greek letter costs nothing more: the
      // Greek letters of identifiers ("NFκB", "RORγt").
      bool back = a == kGreek && b == kLatin && i >= 2 && is_letter(cls_of(t, s[i - 2])) && script_at(t, s[i - 2]) == b;
      if (a != b && a != kNoScript && b != kNoScript && !(a == kOtherScript && b == kOtherScript) && !back) ++total;
    }
    // Â and Ã are UTF-8 lead bytes in every Latin code page; real text has them only before
    // ASCII letters or at the end of a word (SÃO, IRMÃ); Ă is C3 in ISO-8859-2. Ð Ñ (Cyrillic), Î Ï (Greek), × Ø Ù
    // (Hebrew, Arabic), the geresh ׳ (Hebrew through Windows-1255) and Ξ Ο (Greek through
    // Windows-1253) are the other common leads; followed by a symbol they are mojibake.
    if ((p == 0xC2 || p == 0xC3 || p == 0x102) && c >= 0x80) {
      ++total;
    } else if (p >= 0x80 && is_symbol(k) && !is_cyrillic_basic(p) && is_telling_lead(t, p)) {
      ++total;  // Β© (Windows-1253), آ© (1256), Ā® (1257), ֲ® (1255), ┬╗ (cp437)
    }
    if ((p == 0xD0 || p == 0xD1 || p == 0xCE || p == 0xCF || p == 0xD7 || p == 0xD8 || p == 0xD9 || p == 0x5F3 ||
         p == 0x39E || p == 0x39F) &&
        c >= 0x80 && is_symbol(k)) {
      ++total;
    }
    // Two symbols in a row after a letter ("á»§", "Ã…‚"); a closing mark followed by an opening one.
    if (i >= 2 && is_symbol(pk) && is_symbol(k) && is_nonascii_letter(cls_of(t, s[i - 2]))) ++total;
    if (pk == kClosePunct && k == kOpenPunct) ++total;
    // Box drawing and mathematics glued to a letter: cp437 and MacRoman mojibake ("├│", "√©").
    if ((pk == kBox && (k == kAsciiLower || k == kAsciiUpper)) || (k == kBox && is_letter(pk))) ++total;
    // The low single quote ‚ is E2 in MacRoman, the lead of all General Punctuation ("‚Äô").
    if ((c == 0x201A && is_letter(pk)) || (p == 0x201A && is_nonascii_letter(k))) ++total;
    if (k == kMark && !is_letter(pk) && pk != kMark) total += 2;
    // A Cyrillic or Greek word glued to a following number: KOI8-R's "бё40" for "£40" (a lone
    // letter is fine: "х100").
    if ((c >= '0' && c <= '9') && p_letter && (script_at(t, p) == kCyrillic || script_at(t, p) == kGreek) &&
        i >= 2 && is_nonascii_letter(cls_of(t, s[i - 2]))) {
      ++total;
    }
    // A symbol between two letters, even ASCII ones ("Calend÷rio"; "m²" and "n°5" are fine).
    if (!p_letter && is_letter(pk) && (k == kNumeric || k == kCurrency || k == kBad || k == kC1 || k == kBox) &&
        i + 1 < s.size() && is_letter(cls_of(t, s[i + 1]))) {
      ++total;
    }
    // Punctuation glued between two letters (the apostrophe excepted: l’école).
    if (p_letter && (k == kOpenPunct || (k == kClosePunct && c != 0x2019)) && i + 1 < s.size() &&
        is_letter(cls_of(t, s[i + 1]))) {
      ++total;
    }
    // Three accented Latin letters in a row: Cyrillic or Greek shown in a Latin code page.
    if (letter_runs && i >= 2 && is_nonascii_letter(k) && is_nonascii_letter(pk) && is_nonascii_letter(cls_of(t, s[i - 2])) &&
        script_at(t, c) == kLatin && script_at(t, p) == kLatin && script_at(t, s[i - 2]) == kLatin) {
      ++total;
    }
    // Windows-1251 mojibake of Russian is Р or С followed by a non-Russian character.
    // В and Г are C2 and C3 there: Latin-1 punctuation and letters shown as "ВЈ", "Г©".
    if ((p == 0x420 || p == 0x421 || p == 0x412 || p == 0x413) && c >= 0x80 && !is_cyrillic_basic(c)) ++total;
  }
  return total;
}

// A character a lossy decoder put where it lost a byte: U+FFFD, or '?' after "â€" (see
// find_candidates).
bool is_lost(char32_t c) { return c == utf8::kReplacement || c == '?'; }

bool allows(std::uint8_t scripts, char32_t c, const Tables& t) {
  return scripts == 0 || (scripts & (1u << script_at(t, c)));
}

// The surrogate pair encoded separately (CESU-8, Java) at BYTES[I], as one code point, or 0.
char32_t surrogate_pair_at(const std::string& bytes, std::size_t i) {
  if (i + 6 > bytes.size()) return 0;
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(bytes[i + k]); };
  if (b(0) != 0xED || b(1) < 0xA0 || b(1) > 0xAF || (b(2) & 0xC0) != 0x80) return 0;
  if (b(3) != 0xED || b(4) < 0xB0 || b(4) > 0xBF || (b(5) & 0xC0) != 0x80) return 0;
  char32_t high = ((b(1) & 0x0F) << 6) | (b(2) & 0x3F), low = ((b(4) & 0x0F) << 6) | (b(5) & 0x3F);
  return 0x10000 + (high << 10) + low;
}

// At BYTES[I], a lead byte whose sequence lost one or two continuation bytes (RUN has U+FFFD
// there): the one character the page's lost bytes can complete it to; "”" for E2 80 (9D is by
// far the most common loss); U+FFFD when the character could be several and is truly gone;
// 0 when it cannot be completed. Sets *LEN to the length of the sequence.
char32_t complete_lost(const Tables& t, unsigned p, std::uint8_t scripts, const std::u32string& run,
                       const std::string& bytes, std::size_t i, std::size_t* len) {
  unsigned char lead = static_cast<unsigned char>(bytes[i]);
  std::size_t n = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (i + n > run.size() || t.lost[p].empty()) return 0;
  std::vector<std::size_t> holes;
  for (std::size_t m = i + 1; m < i + n; ++m) {
    if (is_lost(run[m])) {
      holes.push_back(m - i);
    } else if ((static_cast<unsigned char>(bytes[m]) & 0xC0) != 0x80) {
      return 0;
    }
  }
  if (holes.empty() || holes.size() > 2) return 0;
  std::string seq = bytes.substr(i, n);
  const std::vector<std::uint8_t>& lost = t.lost[p];
  std::size_t combinations = holes.size() == 1 ? lost.size() : lost.size() * lost.size();
  char32_t found = 0;
  int count = 0;
  bool quote = false;
  for (std::size_t k = 0; k < combinations; ++k) {
    seq[holes[0]] = static_cast<char>(lost[k % lost.size()]);
    if (holes.size() == 2) seq[holes[1]] = static_cast<char>(lost[k / lost.size()]);
    std::size_t j = 0;
    bool ok = true;
    char32_t c = utf8::next(seq, j, &ok);
    if (!ok || j != n || cls_of(t, c) == kControl || !allows(scripts, c, t)) continue;
    ++count;
    found = c;
    quote = quote || (c == 0x201D && bytes[i + 1] == '\x80');
  }
  if (count == 0) return 0;
  *len = n;
  return count == 1 ? found : quote ? 0x201D : utf8::kReplacement;
}

// Decodes the code points of RUN as bytes of page P read as UTF-8, where a valid multi-byte
// sequence forms; every other character stays as it is. STRONG is set when a decoded sequence
// had a non-letter continuation (the signature of mojibake, as in "Ã©" or "Ð°"); FULLY when
// no character was left over. Returns false when nothing decoded. A decoded C1 control is
// allowed: it is what the inner layer of double mojibake holds (U+0081 in "Ã‘Â\u0081").
// SCRIPTS, unless 0, has bit 1 << script set for the scripts a decoded character may have.
// Surrogate pairs encoded separately are joined, and a sequence with a lost byte (U+FFFD) is
// completed where it can be (complete_lost).
bool decode_run(const Tables& t, const std::u32string& run, unsigned p, std::uint8_t scripts, std::u32string& out,
                bool& strong, bool& fully) {
  std::string bytes(run.size(), '\0');
  for (std::size_t i = 0; i < run.size(); ++i) {
    char32_t c = run[i];
    std::size_t k = t.slot(c);
    bytes[i] = static_cast<char>(k == kNoSlot ? 0 : t.encode[p][k]);
  }
  out.clear();
  bool any = false;
  fully = true;
  for (std::size_t i = 0; i < run.size();) {
    unsigned char b = static_cast<unsigned char>(bytes[i]);
    // "”" is E2 80 9D, and 9D is undefined in Windows-1252: many decoders drop it, leaving
    // "â€" at the end of the run. No other character leaves that trace as often.
    if (p == codepages::kWindows1252 && b == 0xE2 && i + 2 == run.size() && bytes[i + 1] == '\x80') {
      out.push_back(0x201D);
      strong = true;
      any = true;
      break;
    }
    if (b >= 0xC2 && b <= 0xF4) {
      std::size_t j = i, len = 0;
      bool ok = true;
      char32_t c = surrogate_pair_at(bytes, i);
      if (c) {
        j = i + 6;
      } else {
        c = utf8::next(bytes, j, &ok);
        ok = ok && cls_of(t, c) != kControl && allows(scripts, c, t);
      }
      if (!ok && (c = complete_lost(t, p, scripts, run, bytes, i, &len)) != 0) {
        j = i + len;
        ok = true;
        strong = true;
      }
      if (ok) {
        if (is_telling_lead(t, run[i])) strong = true;
        for (std::size_t m = i + 1; m < j; ++m) {
          if (is_symbol(cls_of(t, run[m])) || is_cp1251_high_letter(run[m])) strong = true;
        }
        out.push_back(c);
        i = j;
        any = true;
        continue;
      }
    }
    out.push_back(run[i]);
    fully = false;
    ++i;
  }
  return any;
}

bool has_candidate_pair(const Tables& t, const std::u32string& run, Mask* pages) {
  Mask m = 0;
  for (std::size_t i = 0; i + 1 < run.size(); ++i) {
    std::size_t a = t.slot(run[i]), b = t.slot(run[i + 1]);
    if (a != kNoSlot && b != kNoSlot) m |= t.lead[a] & t.cont[b];
  }
  *pages = m;
  return m != 0;
}

std::u32string with_context(char32_t before, const std::u32string& run, char32_t after) {
  std::u32string s;
  s.reserve(run.size() + 2);
  if (before) s.push_back(before);
  s += run;
  if (after) s.push_back(after);
  return s;
}

std::string to_utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) utf8::append(out, c);
  return out;
}

// The script a code page exists for, where it has one of the scripts the cost tells apart.
Script page_script(unsigned p) {
  switch (p) {
    case codepages::kWindows1251:
    case codepages::kKoi8R:
      return kCyrillic;
    case codepages::kWindows1253:
      return kGreek;
    default:
      return kNoScript;
  }
}

// True when the run TEXT[BEGIN, END) has an adjacent pair that is a UTF-8 lead and
// continuation byte in some page: the only runs worth trying to decode.
bool has_pair(const Tables& t, std::string_view text, std::size_t begin, std::size_t end) {
  // A run of one character (a lone ’ or é, most runs of clean text) has no pair.
  unsigned char lead = static_cast<unsigned char>(text[begin]);
  std::size_t first = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (end - begin <= first) return false;
  std::size_t i = begin;
  std::size_t k = t.slot(internal::text::next_code_point(text, i));
  Mask leads = k != kNoSlot ? t.lead[k] : 0;  // the pages where the previous character is a lead
  while (i < end) {
    k = t.slot(internal::text::next_code_point(text, i));
    if (k == kNoSlot) {
      leads = 0;
      continue;
    }
    if (leads & t.cont[k]) return true;
    leads = t.lead[k];
  }
  return false;
}

// A line's votes by page: the cost the decodings remove, times kVote, plus the tie-breakers
// (a complete decoding that costs no more, the page's own letters), which even a line of
// 64 MiB cannot sum up to one vote.
using Votes = std::array<std::int64_t, kPageCount>;
constexpr std::int64_t kVote = std::int64_t{1} << 40;

// How many of the non-ASCII letters of S page P has (up to 64).
int own_letters(const Tables& t, const std::u32string& s, unsigned p) {
  int n = 0;
  for (char32_t c : s) {
    std::size_t k = t.slot(c);
    if (c >= 0x80 && k != kNoSlot && t.encode[p][k] && is_nonascii_letter(cls_of(t, c)) && n < 64) ++n;
  }
  return n;
}

// What repair_run knows about one run while it tries the pages on it.
struct RunContext {
  char32_t before, after;     // the characters around the run (0: none)
  Mask hint;                  // the line's pages (tied in its election), 0 for none
  std::uint8_t line_scripts;  // bit 1 << script for the scripts of the line's other words
  int old_cost;               // the cost of the run as it is
  bool quoted;                // the run holds an opening and a closing mark
  bool glued;                 // an ASCII letter is beside the run
  std::size_t layers_left;    // how many more layers may be decoded
};

// The best decoding of a run found so far.
struct Choice {
  int page = -1, cost = 0, layers = 0;
  bool hinted = false;
  std::u32string text;
};

// Decodes RUN with page P, and again with P while that does not raise the cost (double
// mojibake goes through the same page twice, and its inner layer can look worse than the outer
// one: each page is judged by where decoding with it again leads). Records P in BEST when it
// is acceptable and better, and its vote in VOTES, if given, on the first layer.
void try_page(const Tables& t, const std::u32string& run, unsigned p, const RunContext& x, bool first_layer,
              Votes* votes, Choice& best, std::u32string& candidate, std::u32string& deeper) {
  // In a line with clean words of a page's own script (a Russian line, for Windows-1251),
  // that page may only decode to letters of the script: "«В»" there is a letter in quotes,
  // not "»" read as Windows-1251.
  // A run glued to a Latin word may decode to Latin letters there too: French read as
  // Windows-1251 ("cafГ©") beside clean Cyrillic.
  Script own = page_script(p);
  bool only = own != kNoScript && (x.line_scripts & (1u << own));
  std::uint8_t scripts = !only ? 0 : static_cast<std::uint8_t>((1u << own) | (x.glued ? 1u << kLatin : 0u));
  bool strong = false, fully = false;
  if (!decode_run(t, run, p, scripts, candidate, strong, fully)) return;
  // There, too, a letter in quotes ("«Р»", whose "Р»" reads as "л") stays one, unless the
  // line's other words voted for the page.
  bool hinted = x.hint & (1u << p);
  if (only && !hinted && run.size() - candidate.size() < 2 && x.quoted) return;
  int c = cost(t, with_context(x.before, candidate, x.after));
  std::size_t depth = 1;
  while (depth < x.layers_left) {
    bool s2 = false, f2 = false;
    if (!decode_run(t, candidate, p, scripts, deeper, s2, f2)) break;
    int c2 = cost(t, with_context(x.before, deeper, x.after));
    if (c2 > c) break;
    candidate.swap(deeper);
    c = c2;
    strong = strong || s2;
    fully = fully && f2;
    ++depth;
  }
  bool acceptable = (c < x.old_cost && (x.old_cost - c >= 2 || strong || hinted)) || (hinted && fully && c <= x.old_cost);
  // A complete decoding that lowers the cost is too weak to act on alone, but it is a vote.
  // A complete decoding that costs no more breaks ties ("Čš" as "Ț" in a Romanian line that
  // ISO-8859-2 and Windows-1250 decode alike elsewhere).
  // So do the letters of a complete decoding that the page itself has: UTF-8 is read in the legacy page of
  // the writer's own language (Slovak "Ď" and "š" are in Windows-1250, the "Į" and "ŷ" that
  // ISO-8859-2 makes of the same mojibake are not).
  if (votes && first_layer && (acceptable || (fully && c < x.old_cost))) {
    (*votes)[p] += kVote * (x.old_cost - c + acceptable) + (fully ? own_letters(t, candidate, p) : 0);
  } else if (votes && first_layer && fully && c == x.old_cost) {
    (*votes)[p] += 1;
  }
  if (!acceptable) return;
  // Lowest cost first; then the line's page; then the shortest result, as the decoding that
  // consumed the most bytes.
  bool better = best.page < 0 || c < best.cost ||
                (c == best.cost && (hinted > best.hinted || (hinted == best.hinted && candidate.size() < best.text.size())));
  if (!better) return;
  best.cost = c;
  best.page = static_cast<int>(p);
  best.hinted = hinted;
  best.layers = static_cast<int>(depth);
  best.text = candidate;
}

bool has_open_and_close(const Tables& t, const std::u32string& run) {
  bool opens = false, closes = false;
  for (char32_t c : run) {
    opens = opens || cls_of(t, c) == kOpenPunct;
    closes = closes || cls_of(t, c) == kClosePunct;
  }
  return opens && closes;
}

std::string describe_layers(const std::vector<unsigned>& layers) {
  std::string steps = "utf-8 read as ";
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (i == 0 || layers[i] != layers[i - 1]) {
      if (i) steps += " then ";
      steps += codepages::kPages[layers[i]].name;
    }
  }
  steps += ", " + std::to_string(layers.size()) + (layers.size() == 1 ? " layer" : " layers");
  return steps;
}

// Repairs one run of non-ASCII characters in place, layer by layer. Returns the steps taken
// (empty: nothing done) and sets *FIRST_PAGE and *GAIN (the cost removed). HINT is the code
// page the rest of the line was repaired with (-1: none): it wins ties, and a run that it
// decodes completely is repaired even without evidence of its own (the "Ăś" of a Hungarian
// line whose other words are clearly ISO-8859-2 mojibake). LINE_SCRIPTS has bit 1 << script
// set for the scripts of the line's words that are no candidates. VOTES, if given, receives for
// each page whose first-layer decoding is acceptable, or complete and cheaper, the cost it
// removes (plus one when acceptable).
std::string repair_run(const Tables& t, char32_t before, std::u32string& run, char32_t after, Mask hint,
                       std::uint8_t line_scripts, int* first_page, int* gain, Votes* votes) {
  std::vector<unsigned> layers;
  int start_cost = -1, end_cost = 0;
  std::u32string candidate, deeper;
  while (layers.size() < 3) {
    Mask pages;
    if (!has_candidate_pair(t, run, &pages)) break;
    bool glued = is_ascii_letter(before) || is_ascii_letter(after);
    RunContext x{before, after, hint, line_scripts, cost(t, with_context(before, run, after)),
                 has_open_and_close(t, run), glued, 3 - layers.size()};
    if (start_cost < 0) start_cost = x.old_cost;
    Choice best;
    for (unsigned p = 0; p < kPageCount; ++p) {
      if (pages & (1u << p)) try_page(t, run, p, x, layers.empty(), votes, best, candidate, deeper);
    }
    if (best.page < 0) break;
    run = std::move(best.text);
    end_cost = best.cost;
    for (int k = 0; k < best.layers; ++k) layers.push_back(static_cast<unsigned>(best.page));
  }
  if (layers.empty()) return {};
  *first_page = static_cast<int>(layers[0]);
  *gain = start_cost - end_cost;
  return describe_layers(layers);
}

// The offset of the first byte of TEXT from I on that is ASCII (HIGH false) or not (HIGH
// true), or the size of TEXT; eight bytes at a time.
std::size_t find_byte(std::string_view text, std::size_t i, bool high) {
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  const std::uint64_t flip = high ? 0 : kHighBits;  // the high bits of the bytes looked for, set
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    // The first byte in memory is the lowest (x86, ARM): the trailing zero bits count the others.
    if (std::uint64_t m = (w ^ flip) & kHighBits) return i + static_cast<std::size_t>(__builtin_ctzll(m)) / 8;
  }
  while (i < text.size() && (static_cast<unsigned char>(text[i]) >= 0x80) != high) ++i;
  return i;
}

// Iterates over the runs of non-ASCII characters of TEXT, calling F(begin, end) with byte
// offsets.
template <typename F>
void for_each_run(std::string_view text, F&& f) {
  for (std::size_t i = find_byte(text, 0, true); i < text.size(); i = find_byte(text, i, true)) {
    std::size_t begin = i;
    i = find_byte(text, i, false);
    f(begin, i);
  }
}

std::u32string decode_utf8(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out.push_back(utf8::next(s, i));
  return out;
}

char32_t char_before(std::string_view text, std::size_t at) {
  if (at == 0) return 0;
  return utf8::prev(text, at);
}

char32_t char_after(std::string_view text, std::size_t at) {
  if (at >= text.size()) return 0;
  return utf8::next(text, at);
}

// --- single-byte mix-ups ---------------------------------------------------------------------

struct MixupTarget {
  unsigned page;
  Script script;
};
constexpr MixupTarget kMixupTargets[] = {
    {codepages::kWindows1251, kCyrillic},
    {codepages::kKoi8R, kCyrillic},
    {codepages::kWindows1253, kGreek},
};

bool is_vowel(char32_t c) {
  static constexpr std::u32string_view kVowels =
      U"аеёиоуыэюяАЕЁИОУЫЭЮЯіїєІЇЄαεηιουωάέήίόύώϊϋΐΰΑΕΗΙΟΥΩΆΈΉΊΌΎΏ";
  return kVowels.find(c) != std::u32string_view::npos;
}

// How implausible WORDS (decoded letters, space-separated words) are as text: vowels should be
// about 40% of the letters and words should not change from lower to upper case.
double implausibility(const Tables& t, const std::u32string& s) {
  int letters = 0, vowels = 0, case_breaks = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    Cls k = cls_of(t, s[i]);
    if (!is_letter(k)) continue;
    ++letters;
    vowels += is_vowel(s[i]);
    if (i > 0 && (cls_of(t, s[i - 1]) == kLower) && k == kUpper) ++case_breaks;
  }
  if (letters == 0) return 1e9;
  double ratio = static_cast<double>(vowels) / letters;
  double off = ratio < 0.3 ? 0.3 - ratio : ratio > 0.6 ? ratio - 0.6 : 0;
  return off * 10 + static_cast<double>(case_breaks) / letters * 10;
}

// True when TEXT has three Latin-1 Supplement characters in a row (each two bytes, C2 or C3
// then a continuation byte), without which there is no mixed-up word: lets clean text skip the
// line-by-line analysis at memchr speed.
bool has_latin1_triple(std::string_view text) {
  if (text.size() < 6) return false;  // most runs of clean text: one curly quote, a short word
  const char* p = text.data();
  const char* end = p + text.size();
  auto lead = [](char c) { return c == '\xC2' || c == '\xC3'; };
  while (p < end) {
    const char* hit = static_cast<const char*>(std::memchr(p, '\xC3', end - p));
    if (!hit) return false;
    // The C3 found is the first, second or third of the three.
    for (int back = 0; back <= 4; back += 2) {
      const char* s = hit - back;
      if (s >= text.data() && s + 6 <= end && lead(s[0]) && lead(s[2]) && lead(s[4])) return true;
    }
    p = hit + 1;
  }
  return false;
}

// --- UTF-8 read in a single-byte code page ---------------------------------------------------

// A lone lead before a space: the trace of a no-break space (U+00A0, "Â ") or of "à" (C3 A0)
// whose A0 byte became a space or vanished, in one layer or two.
enum Lone : std::uint8_t { kNotLone, kNoBreak, kAGrave, kNoBreak2, kAGrave2 };

// A candidate run: a run of non-ASCII characters with a lead and continuation pair in some page.
struct Run {
  std::size_t begin, end;  // byte offsets in the text
  std::size_t line;        // index of its line in the lines of the candidates
  Lone lone = kNotLone;
};

// A line that holds candidates, and the evidence of its runs.
struct Line {
  std::size_t start, stop;  // byte offsets in the text
  std::uint8_t scripts = 0;  // bit 1 << script for the scripts of the words that are no candidates
  std::uint8_t own = 0;      // the same, with Latin when the line has ASCII letters
  Votes votes{};  // by page, the cost its decodings remove
  bool repaired = false;  // some run has an acceptable decoding on its own evidence
  Mask pages = 0;         // the line's code page, the one with the most votes (one bit)
};

// One replacement of TEXT[BEGIN, END) by AFTER.
struct Splice {
  std::size_t begin, end;
  std::string after, steps;
};

Lone lone_kind(std::string_view text, std::size_t begin, std::size_t end) {
  if (end >= text.size() || text[end] != ' ') return kNotLone;
  std::string_view run = text.substr(begin, end - begin);
  if (run == "\xC3\x83") return kAGrave;                     // Ã
  if (run == "\xC3\x82") return kNoBreak;                    // Â
  if (run == "\xC3\x83\xC6\x92\xC3\x82") return kAGrave2;    // ÃƒÂ
  if (run == "\xC3\x83\xE2\x80\x9A\xC3\x82") return kNoBreak2;  // Ã‚Â
  return kNotLone;
}

// "â€?": a lossy decoder's '?' for the lost last byte of "”" (E2 80 9D).
bool ends_in_lost_quote(std::string_view text, std::size_t begin, std::size_t end) {
  return end < text.size() && text[end] == '?' && end - begin >= 5 && text.substr(end - 5, 5) == "\xC3\xA2\xE2\x82\xAC";
}

// The candidate runs of TEXT in order, and their lines. The line of a run is found by moving
// a newline cursor forward, so a long line costs one scan, not one per run.
void find_candidates(const Tables& t, std::string_view text, std::vector<Run>& runs, std::vector<Line>& lines) {
  std::size_t line = 0, next_newline = text.find('\n');
  for_each_run(text, [&](std::size_t begin, std::size_t end) {
    Lone lone = lone_kind(text, begin, end);
    if (!lone && !has_pair(t, text, begin, end)) return;
    if (!lone && ends_in_lost_quote(text, begin, end)) ++end;
    while (next_newline < begin) {
      line = next_newline + 1;
      next_newline = text.find('\n', line);
    }
    if (lines.empty() || lines.back().start != line) {
      lines.push_back(Line{line, std::min(next_newline, text.size())});
    }
    runs.push_back(Run{begin, end, lines.size() - 1, lone});
  });
}

// The words of data/fix-encoding-words.txt, lower case.
const std::vector<std::string_view>& encoding_words() {
  static const std::vector<std::string_view> words = data::lines("fix-encoding-words.txt");
  return words;
}

// Whether LINE names an encoding or mojibake, ignoring ASCII case.
bool names_encodings(std::string_view line) {
  std::string lower(line);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  for (std::string_view w : encoding_words()) {
    if (lower.find(w) != std::string::npos) return true;
  }
  return false;
}

// The scripts of the words of line L that are not candidates themselves.
void describe_line(const Tables& t, std::string_view text, Line& l) {
  std::string_view s = text.substr(l.start, l.stop - l.start);
  for_each_run(s, [&](std::size_t b, std::size_t e) {
    if (has_pair(t, s, b, e)) return;
    std::size_t i = b;
    l.scripts |= static_cast<std::uint8_t>(1u << script_at(t, utf8::next(s, i)));
  });
  l.own = l.scripts;
  for (char c : s) {
    if (is_ascii_letter(static_cast<unsigned char>(c))) {
      l.own |= 1u << kLatin;
      break;
    }
  }
}

// Characters a decoding to one character of symbols may give on its own: Latin-1 symbols,
// general punctuation, currency, letter-like symbols and emoji.
bool is_plausible_sign(char32_t c) {
  return (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
         (c >= 0x20A0 && c <= 0x214F) || c >= 0x1F000 || c == utf8::kReplacement;
}

// The bounds of the word (between spaces) around TEXT[BEGIN, END) inside line L, without the
// ASCII punctuation that may follow or precede it.
std::string_view word_around(std::string_view text, const Line& l, std::size_t begin, std::size_t end) {
  while (begin > l.start && text[begin - 1] != ' ') --begin;
  while (end < l.stop && text[end] != ' ') ++end;
  std::string_view w = text.substr(begin, end - begin);
  while (!w.empty() && std::strchr(".,;:!?)", w.back())) w.remove_suffix(1);
  while (!w.empty() && w.front() == '(') w.remove_prefix(1);
  return w;
}

// Whether the decoding DECODED of run R (ORIGINAL) is too short and ambiguous to stand on its
// own evidence: one character from symbols beside no letter (×£ as ף, √π as ù, box drawing),
// one letter of a script the line has nowhere else (Ð² as в in English), or one character
// after a capital from a capital and marks that follow words (BRANDĂ™, IRMÃ…, ROMÂ + NBSP).
bool lacks_evidence(const Tables& t, std::string_view text, const Run& r, const Line& l,
                    const std::u32string& run, const std::u32string& decoded) {
  // Only the part that changed counts ("ÆØ™" as "Æ" and "Ø™"), with its neighbours.
  std::size_t p = 0, q = 0;
  while (p < run.size() && p < decoded.size() && run[p] == decoded[p]) ++p;
  while (q + p < run.size() && q + p < decoded.size() && run[run.size() - 1 - q] == decoded[decoded.size() - 1 - q]) ++q;
  std::u32string_view original = std::u32string_view(run).substr(p, run.size() - p - q);
  // (A longer sequence that decodes to one character, a surrogate pair, is evidence enough.)
  if (decoded.size() - p - q != 1 || original.size() < 2 || original.size() > 3) return false;
  char32_t d = decoded[p];
  Cls before = cls_of(t, p ? run[p - 1] : char_before(text, r.begin));
  Cls after = cls_of(t, q ? run[run.size() - q] : char_after(text, r.end));
  Cls first = cls_of(t, original[0]);
  bool in_word = is_letter(before) || is_letter(after);
  if (!in_word && !is_letter(first) && !(is_plausible_sign(d) && !is_letter(cls_of(t, d)))) return true;
  // A foreign letter as a word of its own (in a line without other letters, foreign to Latin);
  // inside an identifier ("TNF-Î±") it is a symbol.
  Script s = script_at(t, d);
  std::uint8_t own = l.own ? l.own : static_cast<std::uint8_t>(1u << kLatin);
  if (!in_word && is_letter(cls_of(t, d)) && s != kNoScript && !(own & (1u << s)) &&
      word_around(text, l, r.begin, r.end) == text.substr(r.begin, r.end - r.begin)) {
    return true;
  }
  // (Not "Â", "В", "Β", "Ā", the images of C2: real text has them only before letters, and
  // "DICOMÂ®" is mojibake.)
  if ((before == kAsciiUpper || before == kUpper) && first == kUpper && !is_c2_image(t, original[0]) &&
      after != kAsciiLower && after != kLower) {
    bool marks = true;
    for (std::size_t m = 1; m < original.size(); ++m) {
      Cls k = cls_of(t, original[m]);
      marks = marks && (k == kClosePunct || k == kSpaceLike);
    }
    if (marks) return true;
  }
  return false;
}

// The length of the quotation mark W starts with (OPENING) or ends with, or 0.
std::size_t quote_length(std::string_view w, bool opening) {
  static constexpr std::string_view kOpen[] = {"\"", "'", "`", "\xE2\x80\x9C", "\xE2\x80\x98", "\xC2\xAB", "\xE2\x80\x9E"};
  static constexpr std::string_view kClose[] = {"\"", "'", "`", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB", "\xE2\x80\x9C"};
  for (std::string_view q : opening ? kOpen : kClose) {
    if (w.size() > q.size() && (opening ? w.substr(0, q.size()) : w.substr(w.size() - q.size())) == q) return q.size();
  }
  return 0;
}

// Whether C may stand beside a clean word: ASCII other than letters, a quotation mark.
bool is_word_edge(const Tables& t, char32_t c) {
  return (c < 0x80 && !is_ascii_letter(c)) || cls_of(t, c) == kOpenPunct || cls_of(t, c) == kClosePunct;
}

// How far around a run its sentence is taken to reach, in bytes.
constexpr std::size_t kQuoteContext = 160;

// Whether run R is mojibake quoted on purpose: a word of its own, or in quotes, in a sentence
// that names encodings, or whose repair already stands elsewhere in it ("printed Ã© where é
// was meant").
bool quoted_on_purpose(const Tables& t, std::string_view text, const Run& r, const Line& l, const std::string& repaired,
                       bool letters) {
  std::string_view run = text.substr(r.begin, r.end - r.begin), w = word_around(text, l, r.begin, r.end);
  std::size_t opens = quote_length(w, true), closes = quote_length(w, false);
  if (w != run && !(opens && closes && opens + closes < w.size())) return false;
  // The sentence around it, roughly: a line can be a whole document.
  std::size_t from = r.begin - std::min<std::size_t>(r.begin - l.start, kQuoteContext);
  std::size_t to = r.end + std::min<std::size_t>(l.stop - r.end, kQuoteContext);
  std::string_view line = text.substr(from, to - from);
  if (names_encodings(line)) return true;
  if (!letters) return false;
  // The word as repaired, without its quotes, as a word elsewhere in the line.
  std::size_t at = static_cast<std::size_t>(w.data() - text.data());
  std::string word = std::string(text.substr(at, r.begin - at)) + repaired +
                     std::string(text.substr(r.end, at + w.size() - r.end));
  if (w != run) {
    if (word.size() <= opens + closes) return false;  // the repair took a quotation mark with it
    word = word.substr(opens, word.size() - opens - closes);
  }
  for (std::size_t k = line.find(word); k != std::string_view::npos; k = line.find(word, k + 1)) {
    std::size_t b = from + k, e = b + word.size();
    if (e > r.begin && b < r.end) continue;
    if (is_word_edge(t, char_before(text, b)) && is_word_edge(t, char_after(text, e))) return true;
  }
  return false;
}

// Whether the decoding of run R may replace it: not quoted on purpose, and with evidence of its
// own or the line's (HINTED: decoded with the line's page).
bool may_replace(const Tables& t, std::string_view text, const Run& r, const Line& l, const std::u32string& original,
                 const std::u32string& decoded, bool hinted) {
  if (!hinted && lacks_evidence(t, text, r, l, original, decoded)) return false;
  bool letters = std::any_of(decoded.begin(), decoded.end(), [&](char32_t c) { return is_letter(cls_of(t, c)); });
  return !quoted_on_purpose(t, text, r, l, to_utf8(decoded), letters);
}

// The first judgement: each run on its own evidence. Elects each line's code pages, those
// whose decodings are acceptable for the most runs, weighted by the cost they remove.
void elect_line_pages(const Tables& t, std::string_view text, const std::vector<Run>& runs, std::vector<Line>& lines) {
  std::u32string run, original;
  std::size_t described = ~std::size_t{0};
  for (const Run& r : runs) {
    Line& l = lines[r.line];
    if (described != r.line) describe_line(t, text, l);
    described = r.line;
    if (r.lone) continue;
    original = decode_utf8(text.substr(r.begin, r.end - r.begin));
    run = original;
    int first_page = -1, gain = 0;
    if (!repair_run(t, char_before(text, r.begin), run, char_after(text, r.end), 0, l.scripts, &first_page, &gain,
                    &l.votes).empty() &&
        may_replace(t, text, r, l, original, run, false)) {
      l.repaired = true;
    }
  }
  for (Line& l : lines) {
    auto top = std::max_element(l.votes.begin(), l.votes.end());
    if (l.repaired && *top >= kVote) l.pages = Mask(1u << (top - l.votes.begin()));
  }
}

// The repair of a lone "Â " or "Ã " (or their second layers "Ã‚Â ", "ÃƒÂ "): "Ã" + two
// spaces is "à" + the space after it; "Ã" + one space, "à" whose no-break space vanished: the
// space is the one after it. "Â" goes, leaving the space it led. Evidence: the line was
// repaired as Windows-1252 or Latin-1; or two layers; or "Ã" after a small letter or as a
// word of its own before a word, "Â" after a small letter or a digit, where neither is a letter
// of real text.
bool repair_lone(const Tables& t, std::string_view text, const Run& r, const Line& l, Splice& s) {
  bool a_grave = r.lone == kAGrave || r.lone == kAGrave2;
  char32_t before = char_before(text, r.begin);
  Cls b = cls_of(t, before);
  // "IRMÃ " in capitals is Portuguese, not "à".
  if (a_grave && (b == kAsciiUpper || b == kUpper)) return false;
  Mask latin = Mask(1u << codepages::kWindows1252) | Mask(1u << codepages::kLatin1);
  bool small = b == kAsciiLower || b == kLower;
  bool evidence = (l.pages & latin) || r.lone == kAGrave2 || r.lone == kNoBreak2 || small;
  if (!evidence && a_grave && (before == 0 || before == ' ' || before == '\n')) {
    // "Ã" as a word: before two spaces (the no-break space and the space after "à"), or one
    // and a small letter ("Ã la carte"); "Ã Õ Ñ" is a list of letters.
    bool two = r.end + 1 < text.size() && text[r.end + 1] == ' ';
    std::size_t next = r.end + 1 + two;
    Cls k = cls_of(t, char_after(text, next));
    evidence = (two && is_letter(k)) || k == kAsciiLower || k == kLower;
  }
  if (!evidence && !a_grave) evidence = before >= '0' && before <= '9';
  if (!evidence) return false;
  s.begin = r.begin;
  s.end = a_grave && r.end + 1 < text.size() && text[r.end + 1] == ' ' ? r.end + 1 : r.end;
  s.after = a_grave ? "\xC3\xA0" : "";
  bool latin1 = !(l.pages & Mask(1u << codepages::kWindows1252)) && (l.pages & Mask(1u << codepages::kLatin1));
  s.steps = std::string("utf-8 read as ") + (latin1 ? "latin-1" : "windows-1252") +
            (r.lone == kAGrave2 || r.lone == kNoBreak2 ? " twice" : "") + ", its no-break space lost";
  return true;
}

// The second judgement of a run, with its line's pages as the hint, so that the words of one
// damaged line agree.
bool repair_candidate(const Tables& t, std::string_view text, const Run& r, const Line& l, Splice& s) {
  std::u32string original = decode_utf8(text.substr(r.begin, r.end - r.begin)), run = original;
  int first_page = -1, gain = 0;
  s.steps = repair_run(t, char_before(text, r.begin), run, char_after(text, r.end), l.pages, l.scripts, &first_page,
                       &gain, nullptr);
  if (s.steps.empty() || !may_replace(t, text, r, l, original, run, l.pages & (1u << first_page))) return false;
  s.begin = r.begin;
  s.end = r.end;
  // A decoding that ends in a lone "Â" or "Ã" before a space, in Windows-1252 or Latin-1: the
  // trace of a no-break space or "à" that lost its second byte ("Â«Â Bonjour").
  bool latin = first_page == codepages::kWindows1252 || first_page == codepages::kLatin1;
  if (latin && run.size() >= 2 && (run.back() == 0xC2 || run.back() == 0xC3) && r.end < text.size() &&
      text[r.end] == ' ' && !is_letter(cls_of(t, run[run.size() - 2]))) {
    bool a_grave = run.back() == 0xC3;
    run.pop_back();
    if (a_grave) run.push_back(0xE0);
    if (a_grave && r.end + 1 < text.size() && text[r.end + 1] == ' ') ++s.end;
    s.steps += ", its no-break space lost";
  }
  s.after = to_utf8(run);
  return true;
}

// --- single-byte mix-ups ---------------------------------------------------------------------

// The words of one line that may be Cyrillic or Greek shown as Latin-1 letters, and the
// evidence for it.
struct MixupWords {
  std::vector<std::pair<std::size_t, std::size_t>> words;  // byte ranges in the line
  std::size_t letters = 0, suspicious_letters = 0, long_words = 0, longest = 0;
  bool lower = false;  // some suspicious letter is a small one

  // Strong evidence only: most of the line's letters are in words of three or more such
  // letters, and there are two of them or one long one (12 bytes: six letters). Capitals
  // alone ("ÅÄÖ ÆØÅ") are Nordic or decorative as often: three words and twelve letters.
  bool strong() const {
    if (!lower && (long_words < 3 || suspicious_letters < 12)) return false;
    return long_words && suspicious_letters * 10 >= letters * 7 && (long_words >= 2 || longest >= 12);
  }
};

// Suspicious words: runs of Latin-1 letters with no ASCII letter beside them.
MixupWords find_mixup_words(const Tables& t, std::string_view line) {
  MixupWords m;
  std::size_t i = 0;
  while (i < line.size()) {
    std::size_t at = i;
    char32_t c = utf8::next(line, i);
    if (!(c < kTableSize && t.mixup_letter[c])) {
      if (is_letter(cls_of(t, c))) ++m.letters;
      continue;
    }
    std::size_t end = i, count = 1;
    while (end < line.size()) {
      std::size_t j = end;
      char32_t d = utf8::next(line, j);
      if (!(d < kTableSize && t.mixup_letter[d])) break;
      end = j;
      ++count;
    }
    char32_t before = char_before(line, at), after = char_after(line, end);
    bool ascii_neighbour = (is_letter(cls_of(t, before)) && before < 0x80) || (is_letter(cls_of(t, after)) && after < 0x80);
    m.letters += count;
    if (!ascii_neighbour) {
      m.words.emplace_back(at, end);
      m.longest = std::max(m.longest, end - at);
      for (std::size_t k = at; k < end && !m.lower;) m.lower = cls_of(t, utf8::next(line, k)) == kLower;
      if (count >= 3) {
        m.suspicious_letters += count;
        ++m.long_words;
      }
    }
    i = end;
  }
  return m;
}

// The page among kMixupTargets whose decoding of the words is all letters of its script and
// plausible as text, or -1.
int elect_mixup_page(const Tables& t, std::string_view line, const MixupWords& m) {
  std::u32string original, decoded;
  for (const auto& [b, e] : m.words) {
    original += decode_utf8(line.substr(b, e - b));
    original.push_back(' ');
  }
  double best_score = 1.5;  // must be plausible in absolute terms
  int best = -1;
  for (const MixupTarget& target : kMixupTargets) {
    decoded.clear();
    bool ok = true;
    for (char32_t c : original) {
      std::uint8_t b = c == ' ' ? 0 : t.encode[codepages::kWindows1252][c];
      char32_t d = c == ' ' ? c : b ? codepages::kPages[target.page].high[b - 0x80] : 0;
      ok = d && (c == ' ' || script_at(t, d) == target.script);
      if (!ok) break;
      decoded.push_back(d);
    }
    if (!ok) continue;
    double score = implausibility(t, decoded);
    if (score < best_score) {
      best_score = score;
      best = static_cast<int>(target.page);
    }
  }
  return best;
}

// Writes TEXT with its splices applied, one splice at a time as the repairs decide them (in
// order, not overlapping), so that no list of them is kept: a line of dense mojibake costs its
// output and its edits, not a record per span. finish() completes OUT; it returns false and
// leaves OUT alone when there was no splice.
class SpliceWriter {
 public:
  SpliceWriter(std::string_view text, const char* kind, std::string& out, Edits* edits)
      : text_(text), kind_(kind), out_(out), edits_(edits) {}

  void add(const Splice& s) {
    if (!any_) result_.reserve(text_.size());
    any_ = true;
    result_.append(text_.substr(copied_, s.begin - copied_));
    result_ += s.after;
    copied_ = s.end;
    if (!edits_) return;
    edits_->spans.push_back(Edit{s.begin, kind_});
    if (edits_->details) edits_->detail.push_back({std::string(text_.substr(s.begin, s.end - s.begin)), s.after, s.steps});
  }

  bool finish() {
    if (!any_) return false;
    result_.append(text_.substr(copied_));
    out_ = std::move(result_);
    return true;
  }

 private:
  std::string_view text_;
  const char* kind_;
  std::string& out_;
  Edits* edits_;
  std::string result_;
  std::size_t copied_ = 0;
  bool any_ = false;
};

// True when the run TEXT[BEGIN, END) is something one of the repairs acts on.
bool is_work(const Tables& t, std::string_view text, std::size_t begin, std::size_t end, bool mixups, bool utf8) {
  return (utf8 && (has_pair(t, text, begin, end) || lone_kind(text, begin, end))) || (mixups && has_latin1_triple(text.substr(begin, end - begin)));
}

// Repairs one line (with the newlines around it, as context), mix-ups and then mojibake, again
// until neither changes it: a repaired span can be repairable in the light of its new
// neighbours, or leave a mixed-up word. Real text settles in one or two rounds. A line still
// changing after kLineRounds (a span of mojibake deeper than rounds times the three layers a
// span is decoded at once: fuzzer input, not text) is left as it is, so that fix stays
// idempotent and its work linear; EDITS then gets nothing for it.
constexpr int kLineRounds = 4;

bool repair_line(std::string_view unit, bool mixups, bool utf8, std::string& out, Edits* edits) {
  std::string current(unit), next;
  bool changed = false;
  for (int k = 0;; ++k) {
    bool mixed = mixups && repair_mixups(current, next, edits);
    if (mixed) current.swap(next);
    bool repaired = utf8 && repair_utf8_mojibake(current, next, edits);
    if (repaired) current.swap(next);
    if (!mixed && !repaired) break;
    if (k == kLineRounds) {
      if (edits) edits->clear();
      return false;
    }
    changed = true;
  }
  if (changed) out = std::move(current);
  return changed;
}

}  // namespace

bool repair_utf8_mojibake(std::string_view text, std::string& out, Edits* edits) {
  const Tables& t = tables();
  // The candidate runs are found first, then judged twice: the first time each on its own
  // evidence, which elects each line's code pages; the second time, only in lines that had a
  // repair, with those pages as the hint. Lone leads have rules of their own.
  std::vector<Run> runs;
  std::vector<Line> lines;
  find_candidates(t, text, runs, lines);
  if (runs.empty()) return false;
  elect_line_pages(t, text, runs, lines);
  SpliceWriter writer(text, "mojibake", out, edits);
  Splice s;
  for (const Run& r : runs) {
    const Line& l = lines[r.line];
    bool done = r.lone ? repair_lone(t, text, r, l, s) : l.repaired && repair_candidate(t, text, r, l, s);
    if (done) writer.add(s);
  }
  return writer.finish();
}

int badness(std::string_view text) { return cost(tables(), decode_utf8(text), true); }

bool repair_mixups(std::string_view text, std::string& out, Edits* edits) {
  if (!has_latin1_triple(text)) return false;
  const Tables& t = tables();
  SpliceWriter writer(text, "mixup", out, edits);
  // Line by line: the evidence is the line's words taken together.
  for (std::size_t start = 0; start < text.size();) {
    std::size_t nl = text.find('\n', start);
    std::size_t stop = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(start, stop - start);
    MixupWords m = find_mixup_words(t, line);
    int page = m.strong() ? elect_mixup_page(t, line, m) : -1;
    for (std::size_t k = 0; page >= 0 && k < m.words.size(); ++k) {
      auto [b, e] = m.words[k];
      Splice s{start + b, start + e, {}, std::string(codepages::kPages[page].name) + " read as windows-1252"};
      std::string_view src = line.substr(b, e - b);
      for (std::size_t j = 0; j < src.size();) {
        char32_t c = utf8::next(src, j);
        utf8::append(s.after, codepages::kPages[page].high[t.encode[codepages::kWindows1252][c] - 0x80]);
      }
      writer.add(s);
    }
    start = stop + 1;
  }
  return writer.finish();
}

bool repair_lines(std::string_view text, bool mixups, bool utf8, std::string& out, Edits* edits) {
  const Tables& t = tables();
  std::string result, line_out;
  std::size_t copied = 0, done = 0;  // DONE: where the lines already looked at end
  bool changed = false;
  Edits line_edits(edits && edits->details);
  for_each_run(text, [&](std::size_t begin, std::size_t end) {
    if (begin < done || !is_work(t, text, begin, end, mixups, utf8)) return;
    std::size_t start = begin;
    while (start > done && text[start - 1] != '\n') --start;
    std::size_t stop = text.find('\n', end);
    if (stop == std::string_view::npos) stop = text.size();
    done = stop;
    // The line with the newlines around it, as a repair of the whole text would see it.
    std::size_t lead = start > 0, trail = stop < text.size();
    line_edits.clear();
    if (!repair_line(text.substr(start - lead, stop + trail - (start - lead)), mixups, utf8, line_out,
                     edits ? &line_edits : nullptr)) {
      return;
    }
    if (result.empty()) result.reserve(text.size() + text.size() / 8);
    result.append(text.substr(copied, start - copied));
    result.append(line_out, lead, line_out.size() - lead - trail);
    copied = stop;
    changed = true;
    if (!edits) return;
    for (Edit& e : line_edits.spans) {
      // A later round's offsets are in the line as repaired so far: kept inside the line.
      e.offset = start + std::min(std::max(e.offset, lead) - lead, stop - start);
      edits->spans.push_back(e);
    }
    for (EditDetail& d : line_edits.detail) edits->detail.push_back(std::move(d));
  });
  if (!changed) return false;
  result.append(text.substr(copied));
  out = std::move(result);
  return true;
}

}  // namespace winnow::mojibake
