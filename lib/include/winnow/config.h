// winnow/config.h: the project configuration file, `.winnow.toml`.
//
// A small, strict subset of TOML: `[section]` headers, `key = value` lines and `#` comments,
// where a value is a "basic string" (with \" \\ \n \t \uXXXX escapes), a 'literal string', an
// integer, true/false, or a one-line array of strings. Anything else is an error with its
// line number, so a typo never silently changes what a CI check does. Pure; parse() never
// crashes on any bytes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace winnow {

class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::uint32_t line, const std::string& message)
      : std::runtime_error(message), line_(line) {}
  std::uint32_t line() const { return line_; }

 private:
  std::uint32_t line_;
};

using ConfigValue = std::variant<std::string, std::int64_t, bool, std::vector<std::string>>;

class Config {
 public:
  // Parses the text of a configuration file. Throws ConfigError.
  static Config parse(std::string_view text);

  // The path of the nearest `.winnow.toml` in DIR or one of its parents, or "" if none.
  static std::string find(const std::string& dir);

  // The value of KEY in SECTION ("" for the top level), or nullptr.
  const ConfigValue* get(std::string_view section, std::string_view key) const;
  // The line a key was set on (for messages about its value), 0 if absent.
  std::uint32_t line_of(std::string_view section, std::string_view key) const;
  // Every "section.key" set in the file, for rejecting unknown keys.
  std::vector<std::string> keys() const;

 private:
  struct Entry {
    ConfigValue value;
    std::uint32_t line;
  };
  std::map<std::string, Entry, std::less<>> entries_;  // "section.key"
};

}  // namespace winnow
