#include "check_report.h"

#include <map>

#include "cli.h"
#include "diagnostic_json.h"

namespace winnow::tools {
namespace {

struct Position {
  std::string file;
  std::uint64_t line, column;
  std::string message;
};

// FILE:LINE:COL for a finding. JSON Lines findings point at the record's line, since an editor
// cannot open a line inside a JSON string; the line inside the text goes into the message.
Position position(const CheckedDocument& doc, const Finding& f) {
  if (doc.json_lines) return {doc.where, doc.record, 1, "text line " + std::to_string(f.line) + ": " + f.message};
  return {doc.where, f.line, f.column, f.message};
}

std::string github_escape(const std::string& s, bool property) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 allows no C0 controls but tab, newline and carriage return.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::size_t count_findings(const std::vector<CheckedDocument>& docs, std::size_t* failing) {
  std::size_t n = 0;
  *failing = 0;
  for (const CheckedDocument& d : docs) {
    n += d.findings.size();
    *failing += !d.findings.empty();
  }
  return n;
}

}  // namespace

std::string format_report(const std::vector<CheckedDocument>& docs, CheckFormat format) {
  std::string out;
  if (format == CheckFormat::kJunit) {
    std::size_t failing = 0;
    count_findings(docs, &failing);
    std::string counts = " tests=\"" + std::to_string(docs.size()) + "\" failures=\"" + std::to_string(failing) + "\"";
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<testsuites name=\"winnow check\"" + counts + " errors=\"0\">\n";
    out += "  <testsuite name=\"winnow check\"" + counts + " errors=\"0\" skipped=\"0\">\n";
    for (const CheckedDocument& d : docs) {
      std::string name = d.json_lines ? d.where + ":" + std::to_string(d.record) : d.where;
      out += "    <testcase classname=\"winnow.check\" name=\"" + xml_escape(name) + "\"";
      if (d.findings.empty()) {
        out += "/>\n";
        continue;
      }
      const Position first = position(d, d.findings.front());
      out += ">\n      <failure type=\"" + xml_escape(d.findings.front().category) + "\" message=\"" +
             xml_escape(std::to_string(d.findings.size()) + " finding(s), first: " + first.message) + "\">";
      for (const Finding& f : d.findings) {
        Position p = position(d, f);
        out += xml_escape(p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + f.category +
                          ": " + p.message) +
               "\n";
      }
      out += "</failure>\n    </testcase>\n";
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
  }
  for (const CheckedDocument& d : docs) {
    for (const Finding& f : d.findings) {
      Position p = position(d, f);
      switch (format) {
        case CheckFormat::kText:
          out += cli::escape(p.file) + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " +
                 f.category + ": " + cli::escape(p.message) + "\n";
          break;
        case CheckFormat::kJson:
          out += diagnostic_json("finding", Place{d.file, d.record, f.line, f.column},
                                 {{"category", json_text(f.category)}, {"message", json_text(f.message)}});
          break;
        case CheckFormat::kGithub:
          out += "::error file=" + github_escape(p.file, true) + ",line=" + std::to_string(p.line) +
                 ",col=" + std::to_string(p.column) + ",title=" + github_escape("winnow " + f.category, true) +
                 "::" + github_escape(p.message, false) + "\n";
          break;
        case CheckFormat::kJunit:
          break;
      }
    }
  }
  return out;
}

std::string summary(const std::vector<CheckedDocument>& docs, CheckFormat format) {
  std::size_t failing = 0;
  std::size_t n = count_findings(docs, &failing);
  std::map<std::string, std::size_t> by_category;
  for (const CheckedDocument& d : docs) {
    for (const Finding& f : d.findings) ++by_category[f.category];
  }
  if (format == CheckFormat::kJson) {
    boost::json::object categories;
    for (const auto& [k, v] : by_category) categories[k] = v;
    return diagnostic_json("summary", Place{}, {{"documents", docs.size()},
                                                {"failing", failing},
                                                {"findings", n},
                                                {"categories", std::move(categories)}});
  }
  std::string line = "winnow: " + std::to_string(n) + (n == 1 ? " finding" : " findings") + " in " +
                     std::to_string(failing) + " of " + std::to_string(docs.size()) +
                     (docs.size() == 1 ? " document" : " documents");
  if (!by_category.empty()) {
    line += " (";
    bool first = true;
    for (const auto& [k, v] : by_category) {
      line += (first ? "" : ", ") + k + " " + std::to_string(v);
      first = false;
    }
    line += ")";
  }
  return line + "\n";
}

}  // namespace winnow::tools
