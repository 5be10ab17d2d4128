// check_report.h: the output formats of `winnow check`: text, JSON Lines, GitHub Actions
// annotations and JUnit XML, over findings already sorted in input order.
#pragma once

#include <string>
#include <vector>

#include "winnow/check.h"

namespace winnow::tools {

// One document's findings, where the document came from.
struct CheckedDocument {
  std::string where;         // in text reports: "FILE", "FILE#N" (-z, WARC), or "FILE" for JSON Lines
  std::string file;          // FILE as shown ("(standard input)" for stdin)
  std::uint64_t record = 0;  // the document's number in FILE when it holds several (0: a whole file)
  // JSON Lines: findings point at the record's line RECORD (an editor cannot open a line inside
  // a JSON string), with the line in the text in the message.
  bool json_lines = false;
  std::vector<Finding> findings;
};

enum class CheckFormat { kText, kJson, kGithub, kJunit };

// The report in FORMAT, and a one-line summary (written by the caller to stdout for text and
// JSON, where it is the last line, and to stderr for the others).
std::string format_report(const std::vector<CheckedDocument>& docs, CheckFormat format);
std::string summary(const std::vector<CheckedDocument>& docs, CheckFormat format);

}  // namespace winnow::tools
