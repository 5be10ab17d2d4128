// declared_charset.h: the charset a WARC record's HTTP headers declare (Source::charset), for
// the verbs whose transforms decode with default options, so that every verb reads a WARC
// payload as clean does.
#pragma once

#include <string>
#include <string_view>

#include "runner.h"
#include "winnow/decode.h"

namespace winnow::tools {

// INPUT decoded with SOURCE's declared charset (DecodeOptions::declared, which decides only for
// bytes that are neither valid UTF-8 nor marked by a byte order mark), what decoding did added
// to REPORT; INPUT itself when nothing was declared or it needs no decoding, else the UTF-8 text
// kept in BUFFER. The verb's own decoding then keeps it as it is.
inline std::string_view with_declared_charset(std::string_view input, const Source& source, std::string& buffer,
                                              Report& report) {
  if (source.charset.empty()) return input;
  DecodeOptions options;
  options.declared = std::string(source.charset);
  Decoded decoded;
  std::string_view text = decode_view(input, options, decoded);
  report_decoding(decoded, report);
  if (text.data() == input.data()) return input;
  buffer = std::move(decoded.text);
  return buffer;
}

}  // namespace winnow::tools
