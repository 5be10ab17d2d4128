#include "diagnostic_json.h"

#include <boost/json/serialize.hpp>

#include "winnow/utf8.h"

namespace winnow::tools {

boost::json::string json_text(std::string_view s) {
  if (utf8::valid(s)) return boost::json::string(s);
  return boost::json::string(utf8::sanitize(s));
}

std::string diagnostic_json(std::string_view type, const Place& place, boost::json::object members) {
  boost::json::object out;
  out["type"] = json_text(type);
  if (!place.file.empty()) out["file"] = json_text(place.file);
  if (place.record) out["record"] = place.record;
  if (place.line) out["line"] = place.line;
  if (place.column) out["column"] = place.column;
  for (auto& m : members) out[m.key()] = std::move(m.value());
  return boost::json::serialize(out) + "\n";
}

}  // namespace winnow::tools
