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

fs::path absolute_path(const fs::path& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(path, ec);
  return ec ? fs::absolute(path, ec).lexically_normal() : p;
}

// True when PATH is DIR or lies below it (both made absolute and normal first).
bool inside(const fs::path& path, const fs::path& dir) {
  fs::path p = absolute_path(path), d = absolute_path(dir);
  return std::mismatch(d.begin(), d.end(), p.begin(), p.end()).first == d.end();
}

// Why the entry IT points at is not read, or "" when it is read: -r reads regular files, and
// symbolic links to regular files inside the tree ROOT (canonical); it does not leave the tree.
std::string skip_reason(const fs::directory_entry& entry, const fs::path& root) {
  std::error_code ec;
  if (!entry.is_symlink(ec)) {
    fs::file_status st = entry.status(ec);
    if (ec || st.type() == fs::file_type::not_found) return (ec ? ec : std::make_error_code(std::errc::no_such_file_or_directory)).message();
    return fs::is_regular_file(st) ? "" : "not a regular file, skipped";
  }
  fs::file_status st = entry.status(ec);
  if (ec || st.type() == fs::file_type::not_found) return "symbolic link to nothing, skipped";
  if (fs::is_directory(st)) return "symbolic link to a directory, not followed";
  if (!inside(entry.path(), root)) return "symbolic link out of the tree, skipped";
  return fs::is_regular_file(st) ? "" : "symbolic link to something not a regular file, skipped";
}

// Throws cli::UsageError when writing an output would replace an input (a file operand in
// the output directory: its output may be written before it is read).
void refuse_overwriting_inputs(const std::vector<TreeEntry>& entries, const std::vector<std::string>& inputs) {
  std::map<fs::path, std::string> by_path;
  for (const std::string& input : inputs) by_path.emplace(absolute_path(input), input);
  for (const TreeEntry& e : entries) {
    if (e.input.empty()) continue;
    auto it = by_path.find(absolute_path(e.output));
    if (it != by_path.end()) {
      throw cli::UsageError("the output " + e.output + " of " + e.input + " would overwrite the input " + it->second);
    }
  }
}

}  // namespace

std::string output_name(std::string_view name) {
  std::string out(name);
  for (std::string_view ext : {".gz", ".zst"}) {
    if (ends_with(out, ext)) out.resize(out.size() - ext.size());
  }
  for (std::string_view ext : {".html", ".htm"}) {
    if (ends_with(out, ext)) return out.substr(0, out.size() - ext.size()) + ".txt";
  }
  if (ends_with(out, ".warc")) return out.substr(0, out.size() - 5) + ".jsonl";
  return out;
}

std::vector<TreeEntry> list_tree(const std::vector<std::string>& operands, const std::string& outdir) {
  std::vector<TreeEntry> entries;
  std::map<std::string, std::string> claimed;  // output -> the input that claimed it
  std::vector<std::string> inputs;             // every input listed, error entries included
  auto add = [&](const std::string& input, const fs::path& relative) {
    inputs.push_back(input);
    fs::path rel = relative.parent_path() / output_name(relative.filename().string());
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
    if (!outdir.empty() && inside(operand, outdir)) {
      throw cli::UsageError("input directory '" + operand + "' is inside output directory '" + outdir + "'");
    }
    const fs::path root = absolute_path(operand);
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
      if (it->is_directory(entry_ec) && !it->is_symlink(entry_ec)) continue;
      std::string reason = skip_reason(*it, root);
      files.push_back({rel, reason.empty() ? reason : it->path().string() + ": " + reason});
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
  if (!outdir.empty()) refuse_overwriting_inputs(entries, inputs);
  return entries;
}

}  // namespace winnow::tools
