// winnow/config.h: the project configuration file, `.winnow.toml`.
//
// TOML (v1.0, read by toml++): `[section]` tables of `key = value` settings, one level deep,
// where a value is a string, an integer, a float, true/false, or an array of strings (on one
// line or several). Anything else, and any syntax error, is a ParseError with its line number,
// so a typo never silently changes what a run or a CI check does. Pure; parse() never crashes
// on any bytes.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "winnow/io_error.h"

namespace winnow {

using ConfigValue = std::variant<std::string, std::int64_t, double, bool, std::vector<std::string>>;

class Config {
 public:
  // Parses the text of a configuration file. Throws ParseError (see io_error.h).
  static Config parse(std::string_view text);

  // Reads and parses the file PATH. Throws IoError: naming PATH when it cannot be read, and
  // "PATH:LINE" with the message for a ParseError.
  static Config load(const std::string& path);

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
