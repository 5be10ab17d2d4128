#include "winnow/config.h"

#include <sys/stat.h>
#include <toml++/toml.h>

#include <algorithm>
#include <optional>

#include "file.h"
#include "winnow/io_error.h"

namespace winnow {
namespace {

// One TOML value as a ConfigValue; std::nullopt for the kinds winnow's settings never take
// (dates, nested tables, arrays of anything but strings).
std::optional<ConfigValue> to_value(const toml::node& node) {
  if (const auto* v = node.as_string()) return ConfigValue(v->get());
  if (const auto* v = node.as_integer()) return ConfigValue(static_cast<std::int64_t>(v->get()));
  if (const auto* v = node.as_floating_point()) return ConfigValue(v->get());
  if (const auto* v = node.as_boolean()) return ConfigValue(v->get());
  if (const auto* a = node.as_array()) {
    std::vector<std::string> items;
    for (const toml::node& item : *a) {
      const auto* str = item.as_string();
      if (!str) return std::nullopt;
      items.push_back(str->get());
    }
    return ConfigValue(std::move(items));
  }
  return std::nullopt;
}

std::uint32_t node_line(const toml::node& node) {
  return static_cast<std::uint32_t>(std::max<toml::source_index>(node.source().begin.line, 1));
}

}  // namespace

Config Config::parse(std::string_view text) {
  // toml++ wants valid UTF-8 and reports a bad byte with its line, like any other error.
  toml::table root;
  try {
    root = toml::parse(text);
  } catch (const toml::parse_error& e) {
    throw ParseError(static_cast<std::uint32_t>(std::max<toml::source_index>(e.source().begin.line, 1)),
                      std::string(e.description()));
  }
  Config config;
  auto add = [&config](const std::string& key, const toml::node& node) {
    std::optional<ConfigValue> v = to_value(node);
    if (!v) throw ParseError(node_line(node), "'" + key + "' must be a string, a number, true, false or an array of strings");
    config.entries_.emplace(key, Entry{std::move(*v), node_line(node)});
  };
  for (const auto& [name, node] : root) {
    const std::string section(name.str());
    const toml::table* table = node.as_table();
    if (!table) {
      add(section, node);
      continue;
    }
    for (const auto& [key, value] : *table) {
      if (value.is_table()) throw ParseError(node_line(value), "'" + section + "." + std::string(key.str()) + "': tables go one level deep");
      add(section + "." + std::string(key.str()), value);
    }
  }
  return config;
}

Config Config::load(const std::string& path) {
  return internal::parse_file(path, [](std::string_view text) { return parse(text); });
}

std::string Config::find(const std::string& start) {
  std::string dir = start;
  for (;;) {
    std::string candidate = (dir.empty() || dir.back() == '/' ? dir : dir + "/") + ".winnow.toml";
    struct stat st;
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode)) return candidate;
    std::size_t slash = dir.find_last_of('/');
    if (dir.empty() || dir == "/" || slash == std::string::npos) return "";
    dir = slash == 0 ? "/" : dir.substr(0, slash);
  }
}

const ConfigValue* Config::get(std::string_view section, std::string_view key) const {
  std::string full = section.empty() ? std::string(key) : std::string(section) + "." + std::string(key);
  auto it = entries_.find(full);
  return it == entries_.end() ? nullptr : &it->second.value;
}

std::uint32_t Config::line_of(std::string_view section, std::string_view key) const {
  std::string full = section.empty() ? std::string(key) : std::string(section) + "." + std::string(key);
  auto it = entries_.find(full);
  return it == entries_.end() ? 0 : it->second.line;
}

std::vector<std::string> Config::keys() const {
  std::vector<std::string> out;
  for (const auto& [k, v] : entries_) out.push_back(k);
  return out;
}

}  // namespace winnow
