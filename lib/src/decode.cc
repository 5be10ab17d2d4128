#include "winnow/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

#include "mojibake.h"
#include "wide_text.h"
#include "winnow/markup.h"
#include "winnow/utf8.h"

namespace winnow {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using Converter = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

Converter open_converter(const std::string& name) {
  UErrorCode status = U_ZERO_ERROR;
  Converter conv(ucnv_open(name.c_str(), &status));
  if (U_FAILURE(status)) return nullptr;
  return conv;
}

// Converts BYTES from the encoding of CONV to UTF-8, substituting U+FFFD for what does not map.
std::string convert(UConverter* conv, std::string_view bytes, std::size_t* replaced) {
  UErrorCode status = U_ZERO_ERROR;
  // Count substitutions with a callback that writes U+FFFD and increments the counter.
  struct Ctx {
    std::size_t count = 0;
  } ctx;
  auto callback = [](const void* context, UConverterToUnicodeArgs* args, const char*, int32_t,
                     UConverterCallbackReason reason, UErrorCode* err) {
    if (reason > UCNV_IRREGULAR) return;  // reset/close/clone: nothing to substitute
    ++static_cast<Ctx*>(const_cast<void*>(context))->count;
    static const UChar kFffd[] = {0xFFFD};
    *err = U_ZERO_ERROR;
    ucnv_cbToUWriteUChars(args, kFffd, 1, 0, err);
  };
  ucnv_setToUCallBack(conv, callback, &ctx, nullptr, nullptr, &status);
  std::u16string utf16(bytes.size() + 1, u'\0');
  const char* src = bytes.data();
  const char* src_end = src + bytes.size();
  UChar* dst = reinterpret_cast<UChar*>(utf16.data());
  UChar* dst_end = dst + utf16.size();
  ucnv_toUnicode(conv, &dst, dst_end, &src, src_end, nullptr, true, &status);
  // Every byte yields at most one UTF-16 unit in the encodings ICU knows except a few
  // multi-unit mappings; grow and retry on overflow.
  while (status == U_BUFFER_OVERFLOW_ERROR) {
    std::size_t used = dst - reinterpret_cast<UChar*>(utf16.data());
    utf16.resize(utf16.size() * 2);
    dst = reinterpret_cast<UChar*>(utf16.data()) + used;
    dst_end = reinterpret_cast<UChar*>(utf16.data()) + utf16.size();
    status = U_ZERO_ERROR;
    ucnv_toUnicode(conv, &dst, dst_end, &src, src_end, nullptr, true, &status);
  }
  std::size_t units = dst - reinterpret_cast<UChar*>(utf16.data());
  std::string out;
  out.reserve(units + units / 2);
  for (std::size_t i = 0; i < units; ++i) {
    char32_t c = utf16[i];
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < units && utf16[i + 1] >= 0xDC00 && utf16[i + 1] <= 0xDFFF) {
      c = 0x10000 + ((c - 0xD800) << 10) + (utf16[i + 1] - 0xDC00);
      ++i;
    } else if (c >= 0xD800 && c <= 0xDFFF) {
      c = utf8::kReplacement;
      ++ctx.count;
    }
    utf8::append(out, c);
  }
  if (replaced) *replaced = ctx.count;
  return out;
}

std::string canonical_name(UConverter* conv) {
  UErrorCode status = U_ZERO_ERROR;
  const char* internal = ucnv_getName(conv, &status);
  if (U_FAILURE(status)) return "unknown";
  // Prefer the IANA/WHATWG style name where ICU has one (windows-1252 rather than
  // ibm-5348_P100-1997, KOI8-R rather than windows-20866).
  const char* standard = ucnv_getStandardName(internal, "IANA", &status);
  if (U_SUCCESS(status) && standard) return standard;
  status = U_ZERO_ERROR;
  standard = ucnv_getStandardName(internal, "WINDOWS", &status);
  if (U_SUCCESS(status) && standard) return standard;
  return internal;
}

Decoded decode_with(const std::string& name, std::string_view bytes) {
  Converter conv = open_converter(name);
  if (!conv) throw std::invalid_argument("unknown encoding '" + name + "'");
  Decoded d;
  d.encoding = canonical_name(conv.get());
  d.text = convert(conv.get(), bytes, &d.replaced);
  return d;
}

struct Bom {
  std::string_view bytes;
  const char* encoding;
};
// Longest first: the UTF-32LE mark starts with the UTF-16LE one.
constexpr Bom kBoms[] = {
    {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
    {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
    {std::string_view("\xEF\xBB\xBF", 3), "UTF-8"},
    {std::string_view("\xFE\xFF", 2), "UTF-16BE"},
    {std::string_view("\xFF\xFE", 2), "UTF-16LE"},
};

// Labels as browsers read them (WHATWG Encoding): latin1 and ascii are Windows-1252.
std::string browser_label(std::string name) {
  std::string lower;
  for (char c : name) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  if (lower == "iso-8859-1" || lower == "latin1" || lower == "iso8859-1" || lower == "us-ascii" ||
      lower == "ascii" || lower == "l1" || lower == "cp1252") {
    return "windows-1252";
  }
  if (lower == "utf8" || lower == "unicode-1-1-utf-8") return "UTF-8";
  return name;
}

}  // namespace

// UTF-32 or UTF-16 without a byte order mark, from where the zero bytes fall: most text has
// ASCII spaces, digits or punctuation, whose high bytes are zero.
const char* internal::utf16_or_32_by_zeros(std::string_view bytes) {
  std::size_t n = std::min<std::size_t>(bytes.size(), 8192);
  // Both tests below need zero bytes: text has none, and memchr finds that at memory speed.
  if (n < 4 || !std::memchr(bytes.data(), 0, n)) return nullptr;
  auto b = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (bytes.size() % 4 == 0) {
    std::size_t units = n / 4, le = 0, be = 0;
    for (std::size_t u = 0; u < units; ++u) {
      std::size_t i = u * 4;
      if (b(i + 3) == 0 && b(i + 2) <= 0x10 && (b(i) | b(i + 1))) ++le;
      if (b(i) == 0 && b(i + 1) <= 0x10 && (b(i + 2) | b(i + 3))) ++be;
    }
    if (le == units) return "UTF-32LE";
    if (be == units) return "UTF-32BE";
  }
  if (bytes.size() % 2 != 0) return nullptr;
  std::size_t pairs = n / 2, zero_even = 0, zero_odd = 0;
  for (std::size_t p = 0; p < pairs; ++p) {
    zero_even += b(2 * p) == 0;
    zero_odd += b(2 * p + 1) == 0;
  }
  if (zero_odd * 10 >= pairs && zero_even * 20 <= zero_odd) return "UTF-16LE";
  if (zero_even * 10 >= pairs && zero_odd * 20 <= zero_even) return "UTF-16BE";
  return nullptr;
}

namespace {

}  // namespace

// UTF-16 of CJK text has few zero bytes; it is recognised instead by decoding to ideographs,
// kana and CJK punctuation only, in one byte order and not the other. Only tried when at least
// a quarter of the bytes are high, which single-byte Latin text never has.
const char* internal::utf16_cjk(std::string_view bytes) {
  std::size_t n = std::min<std::size_t>(bytes.size(), 8192) & ~std::size_t{1};
  if (n < 8 || bytes.size() % 2 != 0) return nullptr;
  std::size_t high = 0;
  for (std::size_t i = 0; i < n; ++i) high += static_cast<unsigned char>(bytes[i]) >= 0x80;
  if (high * 4 < n) return nullptr;
  // Legacy CJK encodings (Shift_JIS, GBK) and Cyrillic IBM866 read as UTF-16 also land in the
  // ideographs, but never on the ideographic comma and full stop, which real text is full of.
  auto cjk_share = [&](bool little) {
    std::size_t cjk = 0, stops = 0;
    for (std::size_t i = 0; i < n; i += 2) {
      unsigned a = static_cast<unsigned char>(bytes[i]), b = static_cast<unsigned char>(bytes[i + 1]);
      char32_t c = little ? (b << 8 | a) : (a << 8 | b);
      cjk += (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x30FF) || (c >= 0xFF00 && c <= 0xFFEF) || c == '\n';
      stops += c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF01 || c == 0xFF1F;
    }
    std::size_t units = n / 2;
    return cjk * 10 >= units * 9 && stops * 80 >= units;
  };
  bool le = cjk_share(true), be = cjk_share(false);
  if (le != be) return le ? "UTF-16LE" : "UTF-16BE";
  return nullptr;
}

namespace {

// The ISO-2022 encodings are seven-bit and so valid UTF-8: their escape sequences tell them.
const char* iso2022_by_escapes(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 65536);
  if (head.find("\x1B$B") != std::string_view::npos || head.find("\x1B$@") != std::string_view::npos ||
      head.find("\x1B$(D") != std::string_view::npos) {
    return "ISO-2022-JP";
  }
  if (head.find("\x1B$)C") != std::string_view::npos) return "ISO-2022-KR";
  if (head.find("\x1B$)A") != std::string_view::npos || head.find("\x1B$)G") != std::string_view::npos) return "ISO-2022-CN";
  return nullptr;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

// The value after "charset=" (or "encoding=") at HEAD[at], quoted or not.
std::string value_at(std::string_view head, std::size_t at) {
  while (at < head.size() && (head[at] == ' ' || head[at] == '"' || head[at] == '\'')) ++at;
  std::size_t end = at;
  while (end < head.size() && ((head[end] >= 'a' && head[end] <= 'z') || (head[end] >= '0' && head[end] <= '9') || head[end] == '-' ||
                               head[end] == '_' || head[end] == '.' || head[end] == ':')) {
    ++end;
  }
  return std::string(head.substr(at, end - at));
}

// The encoding markup declares in its first 4 KB: <meta charset>, the charset parameter of a
// <meta http-equiv="Content-Type" content=...>, or an XML declaration's encoding.
std::string declared_encoding(std::string_view bytes) {
  std::string head = lower_ascii(bytes.substr(0, 4096));
  if (head.compare(0, 5, "<?xml") == 0) {
    std::size_t end = head.find("?>");
    std::size_t enc = head.find("encoding=");
    if (enc != std::string::npos && enc < end) return value_at(head, enc + 9);
  }
  for (std::size_t meta = head.find("<meta"); meta != std::string::npos; meta = head.find("<meta", meta + 5)) {
    std::size_t end = head.find('>', meta);
    if (end == std::string::npos) break;
    std::string_view tag = std::string_view(head).substr(meta, end - meta);
    std::size_t cs = tag.find("charset=");
    if (cs != std::string_view::npos) return value_at(tag, cs + 8);
  }
  return {};
}

// The single-byte encodings, by language family: when the detector names one, all are
// decoded and the one that reads most like text wins, ties going to the detector's order.
const std::vector<std::vector<std::string>>& families() {
  static const std::vector<std::vector<std::string>> f = {
      {"windows-1252", "windows-1250", "ISO-8859-2"},
      {"windows-1251", "KOI8-R", "ISO-8859-5", "IBM866"},
      {"windows-1253", "ISO-8859-7"},
      {"windows-1256", "ISO-8859-6"},
      {"windows-1255", "ISO-8859-8"},
      {"windows-1254", "ISO-8859-9", "windows-1252"},
  };
  return f;
}

// True when BYTES is UTF-8 with a few broken bytes (at least four valid multi-byte sequences
// for each ill-formed one): far more common in scraped data than a legacy encoding.
bool mostly_utf8(std::string_view bytes) {
  std::size_t good = 0, bad = 0;
  for (std::size_t i = 0; i < bytes.size();) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    bool ok = true;
    utf8::next(bytes, i, &ok);
    ok ? ++good : ++bad;
  }
  return good >= 4 * bad && good > 0;
}

std::vector<std::string> detector_guesses(std::string_view bytes) {
  std::vector<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
  if (U_FAILURE(status)) return out;
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), INT32_MAX)), &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &status);
  if (U_FAILURE(status)) return out;
  for (int32_t i = 0; i < count && out.size() < 3; ++i) {
    UErrorCode s2 = U_ZERO_ERROR;
    const char* name = ucsdet_getName(matches[i], &s2);
    if (U_SUCCESS(s2) && name) out.push_back(browser_label(name));
  }
  return out;
}

}  // namespace

void report_decoding(const Decoded& decoded, Report& report) {
  if (decoded.encoding != "UTF-8") report.add("decode", "transcoded", 0, decoded.encoding);
  if (decoded.replaced) report.count("decode", "invalid-bytes", decoded.replaced);
}

bool is_known_encoding(std::string_view name) { return open_converter(std::string(name)) != nullptr; }

namespace {

// BYTES as UTF-8 with ill-formed sequences replaced.
Decoded sanitized(std::string_view bytes) {
  Decoded d;
  d.text = utf8::sanitize(bytes, &d.replaced);
  d.encoding = "UTF-8";
  return d;
}

// The encoding ICU's detector and the single-byte families suggest for BYTES, or empty. ICU's
// detector can name encodings its converters lack (IBM420_ltr, IBM424_rtl); those are dropped,
// and so are its UTF-16/32 guesses (ruled out before on firmer evidence). Its first single-byte
// answer brings in every single-byte encoding (the detector has no recogniser for some, such
// as IBM866, and confuses the members of a family), and the decoding that reads most like
// text (fewest replacements, then least mojibake-like: a wrong one reads as symbols inside
// words, scripts changing mid-word or runs of accented letters) wins; ties go to the
// detector's order.
std::string guessed_encoding(std::string_view bytes) {
  std::vector<std::string> candidates;
  for (const std::string& guess : detector_guesses(bytes)) {
    if (guess == "UTF-8" || guess.rfind("UTF-16", 0) == 0 || guess.rfind("UTF-32", 0) == 0 || !is_known_encoding(guess)) {
      continue;
    }
    if (std::find(candidates.begin(), candidates.end(), guess) == candidates.end()) candidates.push_back(guess);
  }
  bool single_byte = false;
  for (const auto& family : families()) {
    single_byte = single_byte || (!candidates.empty() && std::find(family.begin(), family.end(), candidates.front()) != family.end());
  }
  if (single_byte) {
    for (const auto& family : families()) {
      for (const std::string& member : family) {
        if (std::find(candidates.begin(), candidates.end(), member) == candidates.end()) candidates.push_back(member);
      }
    }
  }
  std::string_view sample = bytes.substr(0, 65536);
  int best_score = 0;
  std::string best;
  for (const std::string& name : candidates) {
    Decoded d = decode_with(name, sample);
    int score = static_cast<int>(d.replaced) * 4 + mojibake::badness(d.text);
    if (best.empty() || score < best_score) {
      best_score = score;
      best = name;
    }
  }
  return best;
}

// decode(), except that BYTES that need no decoding (valid UTF-8 without a byte order mark,
// not UTF-16/32 or ISO-2022 by their patterns, no forced encoding) give an empty Decoded,
// without a copy of them.
Decoded decode_unless_plain(std::string_view bytes, const DecodeOptions& options) {
  if (!options.from.empty()) return decode_with(options.from, bytes);
  for (const Bom& bom : kBoms) {
    if (bytes.substr(0, bom.bytes.size()) == bom.bytes) {
      Decoded d = decode_with(bom.encoding, bytes.substr(bom.bytes.size()));
      d.bom = true;
      return d;
    }
  }
  for (const char* wide : {internal::utf16_or_32_by_zeros(bytes), iso2022_by_escapes(bytes)}) {
    if (!wide) continue;
    Decoded d = decode_with(wide, bytes);
    if (d.replaced == 0) return d;
  }
  if (utf8::valid(bytes)) return Decoded{};
  if (utf8::valid_cesu8(bytes)) {
    Decoded d;
    d.text = utf8::decode_cesu8(bytes, nullptr, &d.replaced);
    d.encoding = "CESU-8";
    return d;
  }
  if (!options.declared.empty()) {
    std::string declared = browser_label(options.declared);
    if (declared != "UTF-8" && is_known_encoding(declared)) return decode_with(declared, bytes);
  }
  if (looks_like_html(bytes)) {
    std::string declared = browser_label(declared_encoding(bytes));
    if (!declared.empty() && declared != "UTF-8" && is_known_encoding(declared)) return decode_with(declared, bytes);
  }
  if (const char* wide = internal::utf16_cjk(bytes)) {
    Decoded d = decode_with(wide, bytes);
    if (d.replaced == 0) return d;
  }
  if (mostly_utf8(bytes)) return sanitized(bytes);
  std::string best = guessed_encoding(bytes);
  return best.empty() ? sanitized(bytes) : decode_with(best, bytes);
}

}  // namespace

Decoded decode(std::string_view bytes, const DecodeOptions& options) {
  Decoded d;
  std::string_view text = decode_view(bytes, options, d);
  if (text.data() == bytes.data() && text.size() == bytes.size()) d.text.assign(bytes);
  return d;
}

std::string_view decode_view(std::string_view bytes, const DecodeOptions& options, Decoded& out) {
  out = decode_unless_plain(bytes, options);
  return out.encoding.empty() ? (out.encoding = "UTF-8", bytes) : std::string_view(out.text);
}

}  // namespace winnow
