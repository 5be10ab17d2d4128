// winnow/decode.h: any bytes -> valid UTF-8, deciding the character encoding.
//
// Order of evidence: a forced encoding (DecodeOptions::from); a byte order mark; the zero-byte
// pattern of UTF-32 or UTF-16 without a byte order mark, or the escape sequences of ISO-2022
// (seven-bit, so also valid UTF-8); strict UTF-8 validity (CESU-8 and Java's modified UTF-8,
// which encode surrogates separately, are decoded as such); in markup, the declared encoding
// (<meta charset>, <meta http-equiv="Content-Type">, the XML declaration); UTF-16 of CJK text
// (ideographs and ideographic punctuation in one byte order only); text that is mostly UTF-8
// with a few broken bytes stays UTF-8; otherwise ICU's charset detector, and when its answer
// is a single-byte encoding, every single-byte encoding (Windows-1250..1256, ISO-8859-2/5/6/7/
// 8/9, KOI8-R, IBM866) is tried and the one whose text reads most like text wins, ties going
// to the detector's order. Labels are read as browsers read them (latin1 and ascii mean
// Windows-1252). The result is always valid UTF-8: bytes that do not decode in the chosen
// encoding become U+FFFD and are counted. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "winnow/report.h"

namespace winnow {

struct DecodeOptions {
  std::string from;  // force this encoding (any name ICU knows); empty: detect
  // A charset declared outside the bytes, such as an HTTP Content-Type header. Servers often
  // get it wrong, so a byte order mark and valid UTF-8 are stronger evidence; it decides for
  // other bytes when ICU knows the name, read as browsers read labels (latin1 and ascii are
  // windows-1252).
  std::string declared;
};

struct Decoded {
  std::string text;          // valid UTF-8, byte order mark removed
  std::string encoding;      // canonical name of the encoding used, e.g. "UTF-8", "windows-1252"
  bool bom = false;          // a byte order mark decided the encoding
  std::size_t replaced = 0;  // ill-formed or unmappable sequences replaced by U+FFFD
};

// Decodes BYTES. Never fails on bad input; throws std::invalid_argument only when
// options.from names an encoding ICU does not know (check with is_known_encoding first).
Decoded decode(std::string_view bytes, const DecodeOptions& options = {});

// Decodes BYTES as decode() does, without copying them when they need no decoding (valid
// UTF-8 without a byte order mark, not UTF-16/32 or ISO-2022 by their patterns, no forced
// encoding): the text is then BYTES themselves, else OUT.text. OUT tells the encoding and the
// replacements either way (for report_decoding). For one big document this spares a third of
// the memory.
std::string_view decode_view(std::string_view bytes, const DecodeOptions& options, Decoded& out);

// Records in REPORT what decoding did, under stage "decode": "transcoded" (with the encoding)
// when the input was not UTF-8, and "invalid-bytes" counting the replacements.
void report_decoding(const Decoded& decoded, Report& report);

// True when ICU can convert from NAME (e.g. "latin1", "windows-1251", "Shift_JIS").
bool is_known_encoding(std::string_view name);

}  // namespace winnow
