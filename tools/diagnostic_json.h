// diagnostic_json.h: the one JSON schema of diagnostics, for every verb's --json (errors,
// warnings and --explain changes) and check's --format=json (findings and the summary). One
// object a line, written with Boost.JSON, every string valid UTF-8 (ill-formed bytes of a file
// name or a text become U+FFFD):
//
//   type     "error", "warning", "change", "finding" or "summary"
//   file     the input as named ("(standard input)" for stdin); absent when a message is about
//            no input (a write error names the output here)
//   record   the document's number in FILE: its line for JSON Lines, N of -z or of a WARC
//            record; absent for a whole file
//   line     the line in the document's text, when known; column, for findings
//   message  errors, warnings and findings; category, for findings; stage, kind, detail and
//            score, for changes
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace winnow::tools {

// Where a diagnostic points.
struct Place {
  std::string_view file;
  std::uint64_t record = 0;  // 0: a whole file
  std::uint64_t line = 0;    // 0: unknown
  std::uint64_t column = 0;  // 0: none
};

// A string member's value: S with ill-formed UTF-8 replaced by U+FFFD.
boost::json::string json_text(std::string_view s);

// One line of the schema: TYPE, PLACE's members that are set, then MEMBERS, and a newline.
std::string diagnostic_json(std::string_view type, const Place& place, boost::json::object members = {});

}  // namespace winnow::tools
