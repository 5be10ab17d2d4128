#include "winnow/site_model.h"

#include <cinttypes>
#include <cstdio>
#include <stdexcept>

#include "file.h"
#include "winnow/io_error.h"

namespace winnow {
namespace {

constexpr std::string_view kMagic = "winnow-site-model";

[[noreturn]] void bad(std::size_t line, const std::string& what) { throw ParseError(static_cast<std::uint32_t>(line), what); }

std::uint64_t parse_number(std::string_view s, int base, std::size_t line) {
  if (s.empty()) bad(line, "missing number");
  std::uint64_t v = 0;
  for (char c : s) {
    int d = c >= '0' && c <= '9' ? c - '0' : base == 16 && c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) bad(line, "bad number '" + std::string(s) + "'");
    v = v * base + static_cast<std::uint64_t>(d);
  }
  return v;
}

}  // namespace

void SiteModel::add_page(std::string_view site, const std::vector<std::uint64_t>& keys) {
  auto it = sites_.find(site);
  if (it == sites_.end()) it = sites_.emplace(std::string(site), Site{}).first;
  ++it->second.pages;
  for (std::uint64_t k : keys) ++it->second.lines[k];
}

void SiteModel::merge(const SiteModel& other) {
  for (const auto& [name, site] : other.sites_) {
    Site& mine = sites_[name];
    mine.pages += site.pages;
    for (const auto& [k, count] : site.lines) mine.lines[k] += count;
  }
}

bool SiteModel::is_boilerplate(std::string_view site, std::uint64_t key) const {
  auto it = sites_.find(site);
  if (it == sites_.end()) return false;
  auto line = it->second.lines.find(key);
  if (line == it->second.lines.end()) return false;
  return line->second >= kMinPages &&
         static_cast<double>(line->second) >= kMinShare * static_cast<double>(it->second.pages);
}

std::string SiteModel::serialize() const {
  std::string out = std::string(kMagic) + " " + std::to_string(kVersion) + "\n";
  char buf[64];
  for (const auto& [name, site] : sites_) {
    out += "S " + name + " " + std::to_string(site.pages) + "\n";
    for (const auto& [k, count] : site.lines) {
      std::snprintf(buf, sizeof buf, "L %016" PRIx64 " %" PRIu64 "\n", k, count);
      out += buf;
    }
  }
  return out;
}

SiteModel SiteModel::parse(std::string_view text) {
  SiteModel model;
  Site* site = nullptr;
  std::string previous_site;
  std::uint64_t previous_key = 0;
  std::size_t number = 0;
  while (!text.empty()) {
    std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++number;
    if (number == 1) {
      if (line != std::string(kMagic) + " " + std::to_string(kVersion)) bad(1, "not a winnow site model of version 1");
      continue;
    }
    std::size_t last_space = line.rfind(' ');
    if (line.size() < 4 || line[1] != ' ' || last_space <= 2) bad(number, "malformed record");
    std::string_view field = line.substr(2, last_space - 2);
    std::uint64_t count = parse_number(line.substr(last_space + 1), 10, number);
    if (line[0] == 'S') {
      if (site && std::string(field) <= previous_site) bad(number, "sites not sorted");
      previous_site = std::string(field);
      site = &model.sites_[previous_site];
      site->pages = count;
      previous_key = 0;
    } else if (line[0] == 'L') {
      if (!site) bad(number, "line record before any site");
      if (field.size() != 16) bad(number, "key is not 16 hex digits");
      std::uint64_t key = parse_number(field, 16, number);
      if (!site->lines.empty() && key <= previous_key) bad(number, "keys not sorted");
      previous_key = key;
      site->lines[key] = count;
    } else {
      bad(number, "unknown record type");
    }
  }
  if (number == 0) bad(1, "empty model");
  return model;
}

std::string site_of_url(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  rest = rest.substr(0, rest.find(':'));
  std::string host;
  for (char c : rest) host.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

SiteModel SiteModel::load(const std::string& path) {
  return internal::parse_file(path, [](std::string_view text) { return parse(text); });
}

}  // namespace winnow
