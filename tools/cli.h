// cli.h: command-line parsing shared by every verb: one option table per verb, from which
// both getopt_long's table and the --help text are generated, so they cannot disagree.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::cli {

// A usage error: printed as `winnow VERB: MESSAGE` plus a hint, exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class Arg { kNone, kRequired, kOptional };

struct Option {
  const char* long_name;  // without the leading "--"
  char short_name;        // 0 for none
  Arg arg;
  const char* arg_name;  // shown in --help, e.g. "FILE"
  const char* help;
  std::function<void(const char* value)> apply;  // VALUE is null for flags
};

// The flag --NAME (no argument, no short name), which sets TARGET to VALUE.
inline Option flag(const char* name, const char* help, bool& target, bool value) {
  return {name, 0, Arg::kNone, nullptr, help, [&target, value](const char*) { target = value; }};
}

struct Verb {
  const char* name;      // "norm"
  const char* synopsis;  // "[OPTION]... [FILE]..."
  const char* summary;   // one line for `winnow help`
  const char* description;  // a paragraph for --help
};

// Parses ARGV against OPTIONS plus the --help and --version every verb has. Prints --help or
// --version to stdout and returns false when one of them was given (exit 0). Returns the
// operands in ARGS. Throws UsageError for an unknown option or a missing argument.
bool parse(const Verb& verb, std::vector<Option>& options, int argc, char** argv, std::vector<std::string>& args);

// Parses a byte count with an optional K/M/G suffix (binary units). Throws UsageError.
std::size_t parse_size(const char* option, const char* value);

// TEXT made safe to print to a terminal: C0 and C1 control characters and DEL (ESC, BEL, CR,
// LF, CSI, ...) as \n, \r, \t, \xHH or \uHHHH, and ill-formed UTF-8 bytes as \xHH, so a file
// name or an excerpt cannot forge a diagnostic line or move the cursor. Other text is kept.
std::string escape(std::string_view text);

// Prints `winnow: MESSAGE` to stderr, MESSAGE escaped.
void error(const std::string& message);

}  // namespace winnow::cli
