#include "planted_corpus.h"

#include <sstream>
#include <stdexcept>

#include "run_tool.h"
#include "winnow/jsonl.h"

namespace winnow::testing {
namespace {

std::vector<std::string> tokens(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string t; in >> t;) out.push_back(t);
  return out;
}

// Every 100th word replaced: a copy edited by another desk.
std::string edited(const std::string& text) {
  std::vector<std::string> words = tokens(text);
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += ' ';
    out += i % 100 == 50 ? std::string("reportedly") : words[i];
  }
  return out;
}

// The last 15% of the words cut off.
std::string truncated(const std::string& text) {
  std::vector<std::string> words = tokens(text);
  std::string out;
  for (std::size_t i = 0; i < words.size() * 85 / 100; ++i) out += (i ? " " : "") + words[i];
  return out;
}

std::string reformatted(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\r\n") : c == ' ' ? std::string("  ") : std::string(1, c);
  return "  " + out + "\r\n";
}

}  // namespace

std::vector<PlantedDocument> planted_corpus() {
  std::istringstream lines(read_file(source_dir() + "/tests/data/dedupe/articles.jsonl"));
  std::vector<PlantedDocument> docs;
  int family = 0;
  for (std::string line; std::getline(lines, line); ++family) {
    std::string error;
    auto rec = JsonRecord::parse(line, &error);
    if (!rec || !rec->string("id") || !rec->string("text")) throw std::runtime_error("bad test article: " + error);
    const std::string id = *rec->string("id"), text = *rec->string("text");
    docs.push_back({id, "2019-11-18T08:00:00Z", text, family, "original"});
    docs.push_back({id + "#exact", "2019-11-18T09:30:00+01:00", reformatted(text), family, "exact"});
    docs.push_back({id + "#undated-exact", "", text, family, "exact"});
    docs.push_back({id + "#edited", "2019-11-19", edited(text), family, "edited"});
    docs.push_back({id + "#truncated", "2019-11-19", truncated(text), family, "truncated"});
    docs.push_back({id + "#reheadlined", "2019-11-20",
                    "Here Is What We Know So Far\n\nBy Staff and Wire Reports\n\n" + text, family, "reheadlined"});
    docs.push_back({id + "#boilerplate", "2019-11-21",
                    "Advertisement\n\nShare on Facebook Share on Twitter Share by Email\n\n" + text +
                        "\n\nRead more: Five things to know before the markets open\n\nCopyright 2019 The Associated "
                        "Press. All rights reserved. This material may not be published, broadcast, rewritten or "
                        "redistributed.\n\nSign up for our daily newsletter to get the top stories in your inbox.",
                    family, "boilerplate"});
  }
  return docs;
}

std::string to_jsonl(const PlantedDocument& doc) {
  return "{\"id\": " + json_quote(doc.id) + ", \"date\": " + json_quote(doc.date) + ", \"text\": " + json_quote(doc.text) + "}";
}

}  // namespace winnow::testing
