#include "winnow/decode.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ucsdet.h>

#include <memory>
#include <stdexcept>

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
  // Prefer the IANA/WHATWG style name where ICU has one (windows-1252 rather than ibm-5348_P100-1997).
  const char* standard = ucnv_getStandardName(internal, "WINDOWS", &status);
  if (U_SUCCESS(status) && standard) return standard;
  status = U_ZERO_ERROR;
  standard = ucnv_getStandardName(internal, "IANA", &status);
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

}  // namespace

bool is_known_encoding(std::string_view name) { return open_converter(std::string(name)) != nullptr; }

Decoded decode(std::string_view bytes, const DecodeOptions& options) {
  if (!options.from.empty()) return decode_with(options.from, bytes);
  for (const Bom& bom : kBoms) {
    if (bytes.substr(0, bom.bytes.size()) == bom.bytes) {
      Decoded d = decode_with(bom.encoding, bytes.substr(bom.bytes.size()));
      d.bom = true;
      return d;
    }
  }
  if (utf8::valid(bytes)) return Decoded{std::string(bytes), "UTF-8", false, 0};

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
  std::string encoding;
  if (U_SUCCESS(status)) {
    ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), INT32_MAX)), &status);
    const UCharsetMatch* match = ucsdet_detect(det.get(), &status);
    if (U_SUCCESS(status) && match) {
      const char* name = ucsdet_getName(match, &status);
      if (U_SUCCESS(status) && name) encoding = name;
    }
  }
  // Mostly-UTF-8 text with a few broken bytes is far more common in scraped data than a legacy
  // encoding the detector is unsure of: keep it UTF-8 and replace the broken bytes.
  if (encoding == "ISO-8859-1") encoding = "windows-1252";  // browsers decode latin1 labels as cp1252
  // ICU's detector can name encodings its converters lack (IBM420_ltr, IBM424_rtl); those, and
  // no answer at all, fall back to UTF-8 with replacements.
  if (!encoding.empty() && encoding != "UTF-8" && !is_known_encoding(encoding)) encoding.clear();
  if (encoding.empty() || encoding == "UTF-8") {
    Decoded d;
    d.text = utf8::sanitize(bytes, &d.replaced);
    d.encoding = "UTF-8";
    return d;
  }
  return decode_with(encoding, bytes);
}

}  // namespace winnow
