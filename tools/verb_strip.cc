// winnow strip: remove web boilerplate from already-scraped text.
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "declared_charset.h"
#include "runner.h"
#include "settings.h"
#include "verb_options.h"
#include "verbs.h"
#include "warc_documents.h"
#include "winnow/atomic_file.h"
#include "winnow/decode.h"
#include "winnow/input.h"
#include "winnow/site_model.h"
#include "winnow/strip.h"
#include "winnow/transforms.h"

namespace winnow::tools {
namespace {

void write_model(const SiteModel& model, const std::string& path) {
  OutputFile out(path);
  out.write(model.serialize());
  out.commit();
}

// The site of a document: --site, else the JSON Lines `site` field, else the host of its
// `url` field, else the directory of the file it came from.
std::string site_of(const std::string& forced, const JsonRecord* json, const std::string& file) {
  if (!forced.empty()) return forced;
  if (json) {
    if (auto site = json->string("site"); site && !site->empty()) return *site;
    if (auto url = json->string("url")) return site_of_url(*url);
  }
  if (file == "-") return {};
  return std::filesystem::path(file).parent_path().string();
}

std::string decoded(std::string_view input, Report& report) {
  Decoded d = decode(input);
  report_decoding(d, report);
  return std::move(d.text);
}

// --learn: count the lines of every document of FILES per site and write the model.
int learn(const DocumentOptions& io, const std::string& forced_site, std::vector<std::string> files,
          const std::string& model_path) {
  if (files.empty()) files.push_back("-");
  SiteModel model;
  Report report;
  int status = 0;
  for (const std::string& file : files) {
    try {
      Input in(file);
      if (looks_like_warc(in.peek(8))) {  // each HTML response a page of the site of its URL
        const std::string name = file == "-" ? "(standard input)" : file;
        if (!for_each_warc_document(io, in, name, [&](const WarcDocument& w) {
              model.add_page(forced_site.empty() ? site_of_url(w.url) : forced_site, page_keys(split(w.text)));
            })) {
          status = 2;
        }
        continue;
      }
      Framing framing = io.jsonl ? Framing::kLines : io.null_data ? Framing::kNul : Framing::kWhole;
      std::string record;
      bool oversized = false;
      while (in.next(record, framing, io.max_bytes, &oversized)) {
        std::string where =
            (file == "-" ? "(standard input)" : file) +
            (framing == Framing::kWhole ? ""
                                        : (framing == Framing::kNul ? "#" : ":") + std::to_string(in.record_number()));
        const std::string limit = ": document exceeds --max-bytes (" + std::to_string(io.max_bytes) + ")";
        if (oversized && io.truncate && !io.jsonl) {
          cut_at_character(record);
          if (!io.quiet) cli::error(where + limit + ", truncated");
          oversized = false;
        }
        if (oversized) {
          cli::error(where + limit + ", skipped");
          status = 2;
          continue;
        }
        std::optional<JsonRecord> json;
        std::string text;
        if (io.jsonl) {
          if (record.empty() || record == "\r") continue;
          std::string error;
          json = JsonRecord::parse(record, &error);
          std::optional<std::string> field = json ? json->string(io.field) : std::nullopt;
          if (!field) {
            cli::error(where + ": " + (json ? "no string field '" + io.field + "'" : error) + ", record skipped");
            status = 2;
            continue;
          }
          text = std::move(*field);
        } else {
          text = decoded(record, report);
        }
        model.add_page(site_of(forced_site, json ? &*json : nullptr, file), page_keys(split(text)));
      }
    } catch (const IoError& e) {
      cli::error(e.what());
      return 2;
    }
  }
  try {
    write_model(model, model_path);
  } catch (const IoError& e) {
    cli::error(e.what());
    return 2;
  }
  return status;
}

// --merge-models: add up the models FILES into the output.
int merge_models(const DocumentOptions& io, const std::vector<std::string>& files) {
  if (files.empty()) throw cli::UsageError("--merge-models needs the model files to merge");
  try {
    SiteModel merged;
    for (const std::string& f : files) merged.merge(SiteModel::load(f));
    write_model(merged, io.output);
  } catch (const IoError& e) {
    cli::error(e.what());
    return 2;
  }
  return 0;
}

}  // namespace

int strip_main(int argc, char** argv) {
  static const cli::Verb verb{
      "strip", "[OPTION]... [FILE]...", "Remove web boilerplate from already-scraped text.",
      "Finds the article in each document and drops the rest: banners, menus, breadcrumbs, time\n"
      "stamps, share bars, newsletter and cookie boxes, related lists, comment prompts, footers.\n"
      "The headline is kept. Input in another encoding than UTF-8 is decoded first.\n"
      "  winnow strip --learn MODEL FILE...   count the lines recurring on a site's pages\n"
      "  winnow strip --model MODEL FILE...   also drop the lines MODEL knows for the site\n"
      "  winnow strip --merge-models -o MODEL MODEL...   add up models learned apart\n"
      "A WARC file (recognised by content) gives JSON Lines with url, crawl_date, id and text\n"
      "for each HTML response (its payload, stripped)."};
  DocumentOptions io;
  Settings settings = load_settings(argc, argv);
  StripOptions& strip_opts = settings.clean.strip;
  std::string learn_path, model_path, site;
  bool merge = false;
  std::vector<cli::Option> options;
  add_strip_options(options, strip_opts);
  options.push_back({"learn", 0, cli::Arg::kRequired, "MODEL",
                     "count the lines of FILEs per site and write the site model MODEL; no text output",
                     [&](const char* v) { learn_path = v; }});
  options.push_back({"model", 0, cli::Arg::kRequired, "MODEL",
                     "also drop the lines MODEL marks as boilerplate of the site",
                     [&](const char* v) { model_path = v; }});
  options.push_back({"merge-models", 0, cli::Arg::kNone, nullptr,
                     "merge the site models given as FILEs into the output", [&](const char*) { merge = true; }});
  options.push_back(
      {"site", 0, cli::Arg::kRequired, "NAME",
       "the site of every document (default: JSON Lines field site, the host of field url, or the directory)",
       [&](const char* v) { site = v; }});
  add_config_options(options);
  add_document_options(options, io, "exit 1 and say where if the input holds boilerplate; print nothing");
  std::vector<std::string> files;
  if (!cli::parse(verb, options, argc, argv, files)) return 0;
  if (int modes = !learn_path.empty() + !model_path.empty() + merge; modes > 1) {
    throw cli::UsageError("--learn, --model and --merge-models exclude each other");
  }
  if (io.jsonl && io.null_data) throw cli::UsageError("--jsonl and -z cannot be combined");
  if (merge) return merge_models(io, files);
  if (!learn_path.empty()) return learn(io, site, files, learn_path);
  SiteModel model;
  if (!model_path.empty()) {
    try {
      model = SiteModel::load(model_path);
    } catch (const IoError& e) {
      cli::error(e.what());
      return 2;
    }
    strip_opts.model = &model;
  }
  return run_documents(
      io, files,
      [&](std::string_view input, const Source& source, Report& report) {
        StripOptions opts = strip_opts;
        if (opts.model) {
          std::string file = source.location;
          if (io.null_data) file = file.substr(0, file.rfind('#'));
          if (file == "(standard input)") file = "-";
          opts.site = site_of(site, source.json, file);
        }
        std::string decoded;
        return strip_verb(with_declared_charset(input, source, decoded, report), source.json != nullptr, opts, &report);
      },
      "holds boilerplate");
}

}  // namespace winnow::tools
