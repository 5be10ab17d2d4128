// winnow/site_model.h: lines that recur on the pages of one site, learned across documents.
//
// A SiteModel counts, for each site, how many pages it has seen and on how many of them each
// line (by line_key() of strip.h) occurs. A line that occurs on at least kMinPages pages and on
// at least kMinShare of its site's pages is boilerplate of that site (a menu entry, a footer, a
// standard disclaimer); strip() drops it with reason "site". Counts never mix sites.
//
// File format (text, one record a line, sorted, so models of shards merge by adding counts):
//   winnow-site-model 1
//   S <site> <pages>                 one per site, sites in byte order
//   L <key: 16 hex digits> <count>   the lines of the site above, keys ascending
// Every key seen on a page is kept (so merging is exact); a model takes about 30 bytes per
// distinct line and site. Not thread-safe for writing; const member functions may be called
// from several threads.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/io_error.h"

namespace winnow {

class SiteModel {
 public:
  static constexpr int kVersion = 1;
  static constexpr std::uint32_t kMinPages = 3;
  static constexpr double kMinShare = 0.5;

  // Counts one page of SITE whose distinct line keys are KEYS (as page_keys() gives them).
  void add_page(std::string_view site, const std::vector<std::uint64_t>& keys);
  // Adds the counts of OTHER to this model.
  void merge(const SiteModel& other);
  // True when KEY is boilerplate of SITE (see the thresholds above).
  bool is_boilerplate(std::string_view site, std::uint64_t key) const;

  // The model in the file format above.
  std::string serialize() const;
  // Parses a model file. Throws ParseError (see io_error.h) when TEXT is not one (wrong
  // version, unsorted or malformed record).
  static SiteModel parse(std::string_view text);
  // Reads and parses the model file PATH. Throws IoError naming PATH when it cannot be read,
  // and "PATH:LINE" for a ParseError.
  static SiteModel load(const std::string& path);

 private:
  struct Site {
    std::uint64_t pages = 0;
    std::map<std::uint64_t, std::uint64_t> lines;  // key -> pages it occurs on
  };
  std::map<std::string, Site, std::less<>> sites_;
};

// The site of a document for site learning: the host of URL without a leading "www.",
// lower-cased; empty when URL has no host.
std::string site_of_url(std::string_view url);

}  // namespace winnow
