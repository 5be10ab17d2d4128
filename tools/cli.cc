#include "cli.h"

#include <getopt.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "winnow/utf8.h"
#include "winnow/version.h"

namespace winnow::cli {
namespace {

void print_help(const Verb& verb, const std::vector<Option>& options) {
  std::string out = "usage: winnow " + std::string(verb.name) + " " + verb.synopsis + "\n" + verb.summary + "\n\n" +
                    verb.description + "\n\noptions:\n";
  for (const Option& o : options) {
    std::string left = "  ";
    left += o.short_name ? std::string("-") + o.short_name + ", " : std::string("    ");
    left += "--";
    left += o.long_name;
    if (o.arg == Arg::kRequired) left += std::string(" ") + o.arg_name;
    if (o.arg == Arg::kOptional) left += std::string("[=") + o.arg_name + "]";
    if (left.size() < 28) {
      left.resize(28, ' ');
    } else {
      left += "\n" + std::string(28, ' ');
    }
    out += left + o.help + "\n";
  }
  std::fputs(out.c_str(), stdout);
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char buf[8];
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    bool ok = true;
    const char32_t c = utf8::next(text, i, &ok);
    if (!ok) {
      for (std::size_t k = start; k < i; ++k) {
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(text[k]));
        out += buf;
      }
    } else if (c == '\n' || c == '\r' || c == '\t') {
      out += c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      out += buf;
    } else if (c >= 0x80 && c < 0xA0) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out.append(text, start, i - start);
    }
  }
  return out;
}

void error(const std::string& message) { std::fprintf(stderr, "winnow: %s\n", escape(message).c_str()); }

std::size_t parse_size(const char* option, const char* value) {
  char* end = nullptr;
  errno = 0;
  unsigned long long n = std::strtoull(value, &end, 10);
  if (end == value || errno != 0 || value[0] == '-') throw UsageError(std::string("--") + option + ": not a size: '" + value + "'");
  std::string suffix(end);
  unsigned shift = suffix.empty() ? 0 : suffix == "K" || suffix == "k" ? 10 : suffix == "M" ? 20 : suffix == "G" ? 30 : 99;
  if (shift == 99) throw UsageError(std::string("--") + option + ": bad unit in '" + value + "' (use K, M or G)");
  if (shift && n > (~0ULL >> shift)) throw UsageError(std::string("--") + option + ": too large: '" + value + "'");
  return static_cast<std::size_t>(n << shift);
}

bool parse(const Verb& verb, std::vector<Option>& options, int argc, char** argv, std::vector<std::string>& args) {
  bool help = false, version = false;
  options.push_back({"help", 'h', Arg::kNone, nullptr, "print this help and exit", [&](const char*) { help = true; }});
  options.push_back({"version", 'V', Arg::kNone, nullptr, "print the version and exit", [&](const char*) { version = true; }});

  std::vector<struct option> table;
  std::string shorts = ":";  // leading ':' makes getopt report a missing argument as ':'
  for (std::size_t i = 0; i < options.size(); ++i) {
    const Option& o = options[i];
    int has = o.arg == Arg::kNone ? no_argument : o.arg == Arg::kRequired ? required_argument : optional_argument;
    table.push_back({o.long_name, has, nullptr, static_cast<int>(256 + i)});
    if (o.short_name) {
      shorts += o.short_name;
      if (o.arg == Arg::kRequired) shorts += ':';
    }
  }
  table.push_back({nullptr, 0, nullptr, 0});

  optind = 0;  // full re-initialisation of getopt, needed when parse() runs twice (tests)
  opterr = 0;
  for (;;) {
    int c = getopt_long(argc, argv, shorts.c_str(), table.data(), nullptr);
    if (c == -1) break;
    if (c == '?') {
      std::string bad = optopt ? std::string("-") + static_cast<char>(optopt) : std::string(argv[optind - 1]);
      throw UsageError("unknown option '" + bad + "'");
    }
    if (c == ':') {
      std::string bad = optopt && optopt < 256 ? std::string("-") + static_cast<char>(optopt) : std::string(argv[optind - 1]);
      throw UsageError("option '" + bad + "' needs an argument");
    }
    const Option* o = nullptr;
    if (c >= 256) {
      o = &options[c - 256];
    } else {
      for (const Option& candidate : options) {
        if (candidate.short_name == c) o = &candidate;
      }
    }
    if (o) o->apply(optarg);
  }
  if (help) {
    print_help(verb, options);
    return false;
  }
  if (version) {
    std::printf("winnow %.*s\n", static_cast<int>(winnow::version().size()), winnow::version().data());
    return false;
  }
  for (int i = optind; i < argc; ++i) args.emplace_back(argv[i]);
  return true;
}

}  // namespace winnow::cli
