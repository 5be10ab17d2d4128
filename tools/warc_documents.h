// warc_documents.h: the documents of a WARC file for the verbs that read documents their own
// way (dedupe's corpus modes, strip --learn): each HTML response, as the runner takes them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cli.h"
#include "runner.h"
#include "winnow/binary.h"
#include "winnow/decode.h"
#include "winnow/input.h"
#include "winnow/utf8.h"
#include "winnow/warc.h"

namespace winnow::tools {

// One HTML response of a WARC file, its payload decoded.
struct WarcDocument {
  std::uint64_t number = 0;      // the record's number in the file
  std::string location;          // "FILE#N"
  std::string url, date, id;     // WARC-Target-URI, WARC-Date, WARC-Record-ID (valid UTF-8)
  std::string text;              // the payload, decoded (the declared charset as decode() takes it)
};

// Calls VISIT on each HTML response (status 2xx) of the WARC file IN, named NAME in
// diagnostics. Records of other types and other responses are skipped in silence; a record that
// is oversized, badly framed, not HTTP or binary data (unless OPTS.text) is reported. Returns
// false when one was. Throws IoError as WarcReader does.
template <typename Visit>
bool for_each_warc_document(const DocumentOptions& opts, Input& in, const std::string& name, Visit&& visit) {
  bool ok = true;
  WarcReader reader(in, opts.max_bytes);
  WarcRecord rec;
  while (reader.next(rec)) {
    const std::string location = name + "#" + std::to_string(rec.number);
    std::string error = rec.framing_error;
    if (error.empty() && rec.oversized) error = "record exceeds --max-bytes (" + std::to_string(opts.max_bytes) + ")";
    if (error.empty() && (rec.type != "response" || rec.content_type.rfind("application/http", 0) != 0)) continue;
    std::optional<HttpResponse> http;
    if (error.empty()) http = parse_http_response(rec.block, opts.max_bytes, &error);
    if (http && (http->status < 200 || http->status > 299 ||
                 (http->media_type != "text/html" && http->media_type != "application/xhtml+xml"))) {
      continue;
    }
    std::string_view format = http && !opts.text ? binary_format(http->body) : std::string_view();
    if (!format.empty()) error = "binary data (" + std::string(format) + ")";
    if (!error.empty()) {
      cli::error((rec.framing_error.empty() ? location : name) + ": " + error + ", record skipped");
      ok = false;
      continue;
    }
    DecodeOptions decode_options;
    decode_options.declared = http->charset;
    WarcDocument doc;
    doc.number = rec.number;
    doc.location = location;
    doc.url = utf8::sanitize(rec.target_uri);
    doc.date = utf8::sanitize(rec.date);
    doc.id = utf8::sanitize(rec.record_id);
    doc.text = decode(http->body, decode_options).text;
    visit(doc);
  }
  return ok;
}

}  // namespace winnow::tools
