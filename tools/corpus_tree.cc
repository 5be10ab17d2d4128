#include "corpus_tree.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <system_error>

#include "cli.h"

namespace winnow::tools {
namespace {

namespace fs = std::filesystem;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool hidden(const fs::path& relative) {
  for (const fs::path& part : relative) {
    if (!part.empty() && part.native()[0] == '.') return true;
  }
  return false;
}

// True when PATH is DIR or lies below it (both made absolute and normal first).
bool inside(const fs::path& path, const fs::path& dir) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec), d = fs::weakly_canonical(dir, ec);
  return std::mismatch(d.begin(), d.end(), p.begin(), p.end()).first == d.end();
}

}  // namespace

std::string output_name(std::string_view name, bool warc) {
  std::string out(name);
  if (ends_with(out, ".gz")) out.resize(out.size() - 3);
  for (std::string_view ext : {".html", ".htm"}) {
    if (ends_with(out, ext)) return out.substr(0, out.size() - ext.size()) + ".txt";
  }
  if (warc && ends_with(out, ".warc")) return out.substr(0, out.size() - 5) + ".jsonl";
  return out;
}

std::vector<TreeEntry> list_tree(const std::vector<std::string>& operands, const std::string& outdir, bool warc) {
  std::vector<TreeEntry> entries;
  std::map<std::string, std::string> claimed;  // output -> the input that claimed it
  auto add = [&](const std::string& input, const fs::path& relative) {
    fs::path rel = relative.parent_path() / output_name(relative.filename().string(), warc);
    std::string output = (fs::path(outdir) / rel).string();
    auto [it, fresh] = claimed.emplace(output, input);
    if (fresh) {
      entries.push_back({input, output, {}});
    } else {
      entries.push_back({{}, {}, input + ": has the same output " + output + " as " + it->second + ", skipped"});
    }
  };
  for (const std::string& operand : operands) {
    std::error_code ec;
    fs::file_status status = fs::status(operand, ec);
    if (ec) {
      entries.push_back({{}, {}, operand + ": " + ec.message()});
      continue;
    }
    if (!fs::is_directory(status)) {
      add(operand, fs::path(operand).filename());
      continue;
    }
    if (!outdir.empty() && inside(outdir, operand)) {
      throw cli::UsageError("output directory '" + outdir + "' is inside input directory '" + operand + "'");
    }
    struct Found {
      fs::path rel;
      std::string error;  // the entry cannot be read (a dangling symlink, a file gone since listing)
    };
    std::vector<Found> files;
    fs::recursive_directory_iterator it(operand, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      fs::path rel = it->path().lexically_relative(operand);
      std::error_code entry_ec;
      if (hidden(rel)) {
        if (it->is_directory(entry_ec)) it.disable_recursion_pending();
        continue;
      }
      fs::file_status entry = it->status(entry_ec);
      if (fs::is_regular_file(entry)) {
        files.push_back({rel, {}});
      } else if (entry_ec || entry.type() == fs::file_type::not_found) {
        if (!entry_ec) entry_ec = std::make_error_code(std::errc::no_such_file_or_directory);
        files.push_back({rel, it->path().string() + ": " + entry_ec.message()});
      }
    }
    if (ec) entries.push_back({{}, {}, operand + ": " + ec.message()});
    std::sort(files.begin(), files.end(), [](const Found& a, const Found& b) { return a.rel.native() < b.rel.native(); });
    for (const Found& f : files) {
      if (f.error.empty()) {
        add((fs::path(operand) / f.rel).string(), f.rel);
      } else {
        entries.push_back({{}, {}, f.error});
      }
    }
  }
  return entries;
}

}  // namespace winnow::tools
