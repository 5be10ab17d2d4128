#include "settings.h"

#include <unistd.h>

#include <climits>
#include <cstring>
#include <functional>
#include <map>
#include <stdexcept>
#include <variant>

#include "winnow/config.h"
#include "winnow/io_error.h"
#include "winnow/language.h"

namespace winnow::tools {
namespace {

using Setter = std::function<void(Settings&, const ConfigValue&)>;

// A setter for values of type T (TYPE_NAME for the message when the value has another type);
// STORE throws std::invalid_argument for a value out of range.
template <typename T>
Setter typed(const char* type_name, std::function<void(Settings&, const T&)> store) {
  return [type_name, store](Settings& s, const ConfigValue& v) {
    const T* value = std::get_if<T>(&v);
    if (!value) throw std::invalid_argument(std::string("must be ") + type_name);
    store(s, *value);
  };
}

Setter boolean(bool* (*field)(Settings&)) {
  return typed<bool>("true or false", [field](Settings& s, const bool& b) { *field(s) = b; });
}

// "table.key" -> how it sets a Settings.
const std::map<std::string, Setter, std::less<>>& setters() {
  static const std::map<std::string, Setter, std::less<>> table = {
      {"decode.from", typed<std::string>("a string", [](Settings& s, const std::string& v) {
         if (!is_known_encoding(v)) throw std::invalid_argument("unknown encoding '" + v + "'");
         s.clean.decode.from = v;
       })},
      {"fix.mojibake", boolean([](Settings& s) { return &s.clean.fix.mojibake; })},
      {"fix.mixups", boolean([](Settings& s) { return &s.clean.fix.mixups; })},
      {"fix.c1", boolean([](Settings& s) { return &s.clean.fix.c1; })},
      {"fix.entities", boolean([](Settings& s) { return &s.clean.fix.entities; })},
      {"fix.tags", boolean([](Settings& s) { return &s.clean.fix.tags; })},
      {"fix.escapes", boolean([](Settings& s) { return &s.clean.fix.escapes; })},
      {"fix.controls", boolean([](Settings& s) { return &s.clean.fix.controls; })},
      {"fix.surrogates", boolean([](Settings& s) { return &s.clean.fix.surrogates; })},
      {"fix.compat", boolean([](Settings& s) { return &s.clean.fix.compat; })},
      {"norm.nfkc", boolean([](Settings& s) { return &s.clean.norm.nfkc; })},
      {"norm.ascii-punct", boolean([](Settings& s) { return &s.clean.norm.ascii_punct; })},
      {"norm.keep-lines", boolean([](Settings& s) { return &s.clean.norm.keep_lines; })},
      {"strip.keep-threshold", [](Settings& s, const ConfigValue& v) {
         const double* d = std::get_if<double>(&v);
         const std::int64_t* i = std::get_if<std::int64_t>(&v);
         double t = d ? *d : i ? static_cast<double>(*i) : -1;
         if (!(t >= 0 && t <= 1)) throw std::invalid_argument("must be a number from 0 to 1");
         s.clean.strip.keep_threshold = t;
       }},
      {"clean.fix", boolean([](Settings& s) { return &s.clean.stages.fix; })},
      {"clean.strip", boolean([](Settings& s) { return &s.clean.stages.strip; })},
      {"clean.dedupe", boolean([](Settings& s) { return &s.clean.stages.dedupe; })},
      {"clean.title", boolean([](Settings& s) { return &s.clean.extract.title; })},
      {"clean.markdown", typed<bool>("true or false",
                                     [](Settings& s, const bool& b) { s.clean.markdown = s.clean.extract.markdown = b; })},
      {"clean.markdown-links", boolean([](Settings& s) { return &s.clean.extract.markdown_links; })},
      {"clean.lang", typed<std::vector<std::string>>("an array of language codes",
                                                     [](Settings& s, const std::vector<std::string>& v) {
                                                       s.clean.languages.clear();
                                                       for (const std::string& code : v) {
                                                         std::string tag = primary_language(code);
                                                         if (tag.empty()) throw std::invalid_argument("holds '" + code + "', not a language code");
                                                         s.clean.languages.push_back(tag);
                                                       }
                                                     })},
      {"check.select", typed<std::vector<std::string>>("an array of categories",
                                                       [](Settings& s, const std::vector<std::string>& v) { s.check_select = v; })},
      {"check.ignore", typed<std::vector<std::string>>("an array of categories",
                                                       [](Settings& s, const std::vector<std::string>& v) { s.check_ignore = v; })},
      {"check.min-words", typed<std::int64_t>("a number of words", [](Settings& s, const std::int64_t& n) {
         if (n < 0) throw std::invalid_argument("must be a number of words");
         s.check_min_words = static_cast<std::size_t>(n);
       })},
  };
  return table;
}

void apply_file(const std::string& path, Settings& s) {
  Config config = Config::load(path);
  for (const std::string& key : config.keys()) {
    std::size_t dot = key.find('.');
    std::string table = dot == std::string::npos ? "" : key.substr(0, dot), name = key.substr(dot + 1);
    std::string where = path + ":" + std::to_string(config.line_of(table, dot == std::string::npos ? key : name));
    auto setter = setters().find(key);
    if (setter == setters().end() || dot == std::string::npos) throw IoError(where, "unknown key '" + key + "'");
    try {
      setter->second(s, *config.get(table, name));
    } catch (const std::invalid_argument& e) {
      throw IoError(where, "'" + key + "' " + e.what());
    }
  }
}

std::string current_directory() {
  char buf[PATH_MAX];
  return getcwd(buf, sizeof buf) ? std::string(buf) : std::string(".");
}

}  // namespace

Settings load_settings(int argc, char** argv) {
  std::string path;
  bool none = false;
  for (int i = 1; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
    std::string_view a = argv[i];
    if (a == "--no-config") {
      none = true;
    } else if (a == "--config") {
      if (i + 1 >= argc) throw cli::UsageError("option '--config' requires an argument");
      path = argv[++i];
    } else if (a.substr(0, 9) == "--config=") {
      path = std::string(a.substr(9));
    }
  }
  Settings s;
  if (none) return s;
  if (path.empty()) path = Config::find(current_directory());
  if (!path.empty()) apply_file(path, s);
  return s;
}

void add_config_options(std::vector<cli::Option>& options) {
  options.push_back({"config", 0, cli::Arg::kRequired, "FILE", "read settings from FILE instead of .winnow.toml",
                     [](const char*) {}});
  options.push_back({"no-config", 0, cli::Arg::kNone, nullptr, "read no .winnow.toml", [](const char*) {}});
}

}  // namespace winnow::tools
