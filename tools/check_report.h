// check_report.h: the output formats of `winnow check`: text, JSON Lines, GitHub Actions
// annotations and JUnit XML, over findings already sorted in input order.
#pragma once

#include <string>
#include <vector>

#include "winnow/check.h"

namespace winnow::tools {

// One document's findings, where the document came from.
struct CheckedDocument {
  std::string file;     // the input file ("(standard input)" for stdin)
  std::string where;    // "FILE", "FILE#N" (-z, WARC) or "FILE" with record line RECORD (JSON Lines)
  std::uint64_t record = 0;  // JSON Lines: the record's line in FILE; the findings' lines are in its text
  std::vector<Finding> findings;
};

enum class CheckFormat { kText, kJson, kGithub, kJunit };

// The report in FORMAT, and a one-line summary (written by the caller to stdout for text and
// JSON, where it is the last line, and to stderr for the others).
std::string format_report(const std::vector<CheckedDocument>& docs, CheckFormat format);
std::string summary(const std::vector<CheckedDocument>& docs, CheckFormat format);

}  // namespace winnow::tools
