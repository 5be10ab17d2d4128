// The Python module `winnow` (its compiled part, winnow._winnow): the library's verbs on one
// document, the JSON Lines record edit the command line makes, and corpus dedupe state files.
//
// Thin on purpose: every verb calls the same library function as `winnow VERB` (winnow/transforms.h,
// winnow/pipeline.h), options are the command line's own tables (tools/verb_options.h) taken
// as keyword arguments, and JSON Lines records go through winnow::JsonRecord, so that what
// Python writes is byte for byte what the command line writes. The GIL is released while C++
// runs; the library is pure and thread-safe, so Python threads clean documents in parallel.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "verb_options.h"
#include "winnow/dedupe_corpus.h"
#include "winnow/io_error.h"
#include "winnow/jsonl.h"
#include "winnow/pipeline.h"
#include "winnow/transforms.h"
#include "winnow/version.h"

namespace py = pybind11;

namespace winnow::python {
namespace {

// ---- arguments

// The bytes of a str (as UTF-8), bytes, bytearray or memoryview argument.
std::string input_bytes(py::handle obj, const char* function) {
  if (PyUnicode_Check(obj.ptr())) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(obj.ptr(), &size);
    if (!data) throw py::error_already_set();
    return std::string(data, static_cast<std::size_t>(size));
  }
  if (PyBytes_Check(obj.ptr()) || PyByteArray_Check(obj.ptr()) || PyMemoryView_Check(obj.ptr())) {
    py::buffer_info info = py::reinterpret_borrow<py::buffer>(obj).request();
    return std::string(static_cast<const char*>(info.ptr), static_cast<std::size_t>(info.size * info.itemsize));
  }
  throw py::type_error(std::string(function) + "() argument must be str or bytes, not " +
                       std::string(py::str(py::type::handle_of(obj).attr("__name__"))));
}

// Applies keyword arguments KWARGS to OPTIONS, a verb's command-line option table: a keyword
// is the long option with '_' for '-' (a trailing '_' is dropped, for `from_`); a flag takes
// True (False leaves the default), an option with an argument a str or a number.
void apply_options(const char* function, std::vector<cli::Option>& options, const py::kwargs& kwargs) {
  for (auto [key, value] : kwargs) {
    std::string py_name = py::str(key);
    std::string name = py_name;
    if (!name.empty() && name.back() == '_') name.pop_back();
    for (char& c : name) c = c == '_' ? '-' : c;
    cli::Option* option = nullptr;
    for (cli::Option& o : options) {
      if (name == o.long_name) option = &o;
    }
    if (!option) {
      throw py::type_error(std::string(function) + "() got an unexpected keyword argument '" + py_name + "'");
    }
    try {
      if (option->arg == cli::Arg::kNone) {
        if (!PyBool_Check(value.ptr())) {
          throw py::type_error(std::string(function) + "() argument '" + py_name + "' must be True or False");
        }
        if (value.cast<bool>()) option->apply(nullptr);
      } else {
        if (PyBool_Check(value.ptr()) || !(PyUnicode_Check(value.ptr()) || PyNumber_Check(value.ptr()))) {
          throw py::type_error(std::string(function) + "() argument '" + py_name + "' must be a str or a number");
        }
        option->apply(std::string(py::str(value)).c_str());
      }
    } catch (const cli::UsageError& e) {
      throw py::value_error(e.what());
    }
  }
}

// ---- results

py::dict meta_dict(const Metadata& m) {
  py::dict d;
  for (const auto& [name, value] : metadata_fields(m)) d[py::str(std::string(name))] = value;
  return d;
}

py::list blocks_list(const Document& doc) {
  py::list out;
  for (const Block& b : doc.blocks) {
    py::dict d;
    d["text"] = b.text;
    d["kind"] = std::string(to_string(b.kind));
    d["kept"] = b.kept();
    d["reason"] = b.reason;
    d["score"] = b.score;
    d["first_line"] = b.first_line;
    d["last_line"] = b.last_line;
    d["dom_path"] = b.markup().dom_path;
    d["link_chars"] = b.link_chars;
    out.append(std::move(d));
  }
  return out;
}

py::dict report_dict(const Report& report) {
  py::dict counts;
  for (const auto& [k, v] : report.counts()) counts[py::str(k)] = v;
  py::list changes;
  for (const Change& c : report.changes()) {
    py::dict d;
    d["stage"] = c.stage;
    d["kind"] = c.kind;
    d["line"] = c.line;
    d["detail"] = c.detail;
    d["score"] = c.score;
    changes.append(std::move(d));
  }
  py::dict seconds;
  for (const auto& [k, v] : report.times()) seconds[py::str(k)] = static_cast<double>(v) / 1e9;
  py::dict d;
  d["counts"] = std::move(counts);
  d["changes"] = std::move(changes);
  d["seconds"] = std::move(seconds);
  return d;
}

py::dict document_dict(const std::string& text, const Document& doc, const Report& report) {
  py::dict d;
  d["text"] = text;
  d["meta"] = meta_dict(doc.meta);
  d["report"] = report_dict(report);
  d["blocks"] = blocks_list(doc);
  return d;
}

// ---- the verbs
//
// Each verb is its options, filled from keyword arguments, and a function of the document's
// bytes (TEXT_IS_UTF8: a JSON Lines field rather than raw bytes) to its text.

struct Verb {
  virtual ~Verb() = default;
  virtual std::string run(std::string_view bytes, bool text_is_utf8, Report* report, Document* doc) const = 0;
  // Checks the options together once they are all applied (throws cli::UsageError).
  virtual void check() const {}
  std::vector<cli::Option> options;
  bool finds_metadata = false;  // clean and extract: JSON Lines records get metadata members
};

struct CleanVerb : Verb {
  CleanOptions o;
  CleanVerb() {
    tools::add_clean_options(options, o);
    finds_metadata = true;
  }
  std::string run(std::string_view bytes, bool, Report* report, Document* doc) const override {
    return clean(bytes, o, report, doc);
  }
  void check() const override { tools::check_markdown_links(o.markdown, o.extract.markdown_links); }
};
struct ExtractVerb : Verb {
  ExtractOptions o;
  ExtractVerb() {
    tools::add_extract_options(options, o);
    finds_metadata = true;
  }
  std::string run(std::string_view bytes, bool, Report* report, Document* doc) const override {
    return extract_verb(bytes, o, report, doc);
  }
  void check() const override { tools::check_markdown_links(o.markdown, o.markdown_links); }
};
struct FixVerb : Verb {
  FixOptions o;
  DecodeOptions d;
  FixVerb() {
    tools::add_from_option(options, d);
    tools::add_fix_options(options, o);
  }
  std::string run(std::string_view bytes, bool, Report* report, Document*) const override {
    return fix_verb(bytes, o, d, report);
  }
};
struct StripVerb : Verb {
  StripOptions o;
  StripVerb() { tools::add_strip_options(options, o); }
  std::string run(std::string_view bytes, bool text_is_utf8, Report* report, Document* doc) const override {
    return strip_verb(bytes, text_is_utf8, o, report, doc);
  }
};
struct DedupeVerb : Verb {
  std::string run(std::string_view bytes, bool, Report* report, Document* doc) const override {
    return dedupe_verb(bytes, report, doc);
  }
};
struct NormVerb : Verb {
  NormOptions o;
  NormVerb() { tools::add_norm_options(options, o); }
  std::string run(std::string_view bytes, bool, Report* report, Document*) const override {
    return norm_verb(bytes, o, report);
  }
};

// Runs a library call with the GIL released, turning the library's exceptions into Python's.
template <typename F>
auto without_gil(F&& f) {
  try {
    py::gil_scoped_release release;
    return f();
  } catch (const IoError& e) {
    PyErr_SetString(PyExc_OSError, e.what());
    throw py::error_already_set();
  } catch (const std::invalid_argument& e) {
    throw py::value_error(e.what());
  }
}

// winnow.RecordError, a ValueError for a JSON Lines line the command line reports.
PyObject* record_error_type = nullptr;

[[noreturn]] void throw_record_error(const std::string& message, const std::string& output, bool failed) {
  py::object error = py::reinterpret_borrow<py::object>(record_error_type)(message);
  error.attr("output") = py::bytes(output);
  error.attr("failed") = failed;
  PyErr_SetObject(record_error_type, error.ptr());
  throw py::error_already_set();
}

// Applies KWARGS to VERB's options (see apply_options), then checks them together.
void configure(const char* function, Verb& verb, const py::kwargs& kwargs) {
  apply_options(function, verb.options, kwargs);
  try {
    verb.check();
  } catch (const cli::UsageError& e) {
    throw py::value_error(e.what());
  }
}

template <typename V>
void def_verb(py::module_& m, const char* name, const std::string& doc_name, const char* summary) {
  const std::string text_doc =
      std::string(summary) +
      "\n\nTEXT is str or bytes (bytes in any encoding are decoded as the command line decodes "
      "them). Keyword options are the command line's long options with '_' for '-' "
      "(see `winnow " +
      name + " --help`); an unknown one raises TypeError. Returns what `winnow " + name + " FILE` writes, as str.";
  m.def(
      name,
      [name](py::object text, py::kwargs kwargs) {
        V verb;
        configure(name, verb, kwargs);
        std::string bytes = input_bytes(text, name);
        bool utf8 = PyUnicode_Check(text.ptr());
        return without_gil([&] { return verb.run(bytes, utf8, nullptr, nullptr); });
      },
      py::arg("text"), text_doc.c_str());
  const std::string document_doc = std::string("Like ") + name +
                                   "(), but returns a dict: {'text': str, 'meta': {title, byline, date, modified, "
                                   "url, site, description, lang, language}, 'report': {'counts': {'stage/kind': n}, 'changes': [{stage, kind, line, "
                                   "detail, score}], 'seconds': {stage: s}}, 'blocks': [{text, kind, kept, reason, "
                                   "score, first_line, last_line, dom_path, link_chars}]} (blocks and meta are empty "
                                   "for the text-level verbs fix and norm).";
  m.def(
      doc_name.c_str(),
      [doc_name](py::object text, py::kwargs kwargs) {
        V verb;
        configure(doc_name.c_str(), verb, kwargs);
        std::string bytes = input_bytes(text, doc_name.c_str());
        bool utf8 = PyUnicode_Check(text.ptr());
        Report report(true);
        Document doc;
        std::string out = without_gil([&] { return verb.run(bytes, utf8, &report, &doc); });
        return document_dict(out, doc, report);
      },
      py::arg("text"), document_doc.c_str());
  const std::string jsonl_name = std::string(name) + "_jsonl_line";
  const std::string jsonl_doc = std::string("One JSON Lines record through ") + name + ", as `winnow " + name +
                                " --jsonl` does it: LINE (bytes or str, without its newline) with its FIELD "
                                "string replaced (clean and extract also add the metadata members the record "
                                "lacks: no_metadata, replace_metadata), every other byte unchanged, and a final "
                                "newline. A line the "
                                "command line reports (blank, not JSON, no string FIELD) raises RecordError with "
                                "its message, the line the command line writes in its place (.output) and whether "
                                "it counts as a failed record (.failed: exit status 2).";
  m.def(
      jsonl_name.c_str(),
      [jsonl_name](py::object line, const std::string& field, py::kwargs kwargs) {
        V verb;
        tools::MetadataOptions metadata;
        metadata.add = verb.finds_metadata;  // fix, strip, dedupe and norm find none
        if (verb.finds_metadata) tools::add_metadata_options(verb.options, metadata);
        configure(jsonl_name.c_str(), verb, kwargs);
        std::string bytes = input_bytes(line, jsonl_name.c_str());
        JsonLine step;
        std::string out = without_gil([&] {
          step = read_json_line(bytes, field);
          if (step.kind != JsonLine::Kind::kText) return std::string();
          Document doc;
          std::string text = verb.run(step.text, true, nullptr, metadata.add ? &doc : nullptr);
          return record_with_metadata(*step.record, field, text, metadata.add ? &doc.meta : nullptr, metadata.replace) +
                 "\n";
        });
        if (step.kind != JsonLine::Kind::kText) {
          throw_record_error(step.message, step.output, step.kind != JsonLine::Kind::kBlank);
        }
        return py::bytes(out);
      },
      py::arg("line"), py::arg("field") = "text", jsonl_doc.c_str());
}

// ---- corpus dedupe

// A record: a dict (written as JSON), or one JSON Lines line as str or bytes.
std::string record_line(py::handle record, const py::object& dumps) {
  if (PyDict_Check(record.ptr())) return std::string(py::str(dumps(record)));
  return input_bytes(record, "record");
}

// Calls VISIT(record, CorpusRecord, place) for every record of RECORDS; SOURCE names them as
// the command line names a file's lines ("SOURCE:N", N counting blank lines, which are
// skipped, from FIRST_LINE), and their place is the command line's (record_place).
template <typename Visit>
void for_each_record(py::iterable records, const std::string& source, const std::string& field,
                     std::uint64_t first_line, py::object skipped, Visit&& visit) {
  py::object dumps = py::module_::import("json").attr("dumps");
  py::object dump = py::cpp_function([dumps](py::handle r) { return dumps(r, py::arg("ensure_ascii") = false); });
  const std::string name = source == "-" ? "(standard input)" : source;
  std::uint64_t number = first_line;
  for (py::handle record : records) {
    if (number++ == 0) throw py::value_error("first_line counts from 1");
    std::string line = record_line(record, dump);
    if (line.empty() || line == "\r") continue;
    std::string location = name + ":" + std::to_string(number - 1);
    std::string error;
    std::optional<CorpusRecord> fields = without_gil([&]() -> std::optional<CorpusRecord> {
      std::optional<JsonRecord> rec = JsonRecord::parse(line, &error);
      if (!rec) return std::nullopt;
      return corpus_record(*rec, field, &error);
    });
    if (!fields) {
      // As the command line does it when given a list: the record is reported and skipped.
      if (skipped.is_none()) throw py::value_error(location + ": " + error);
      skipped.attr("append")(location + ": " + error + ", record skipped");
      continue;
    }
    visit(record, *fields, record_place(source, number - 1));
  }
}

// A path argument: str or os.PathLike.
std::string path_of(py::handle path) { return py::str(py::module_::import("os").attr("fspath")(path)); }

CorpusDedupeParams params_of(std::uint32_t bands, std::uint32_t rows, double threshold) {
  CorpusDedupeParams p;
  p.bands = bands;
  p.rows = rows;
  p.threshold = threshold;
  return p;
}

class Index {
 public:
  explicit Index(CorpusIndex index) : index_(std::move(index)) {}
  CorpusIndex& get() { return index_; }

 private:
  CorpusIndex index_;
};

// winnow.CorpusIndex, sign(), merge() and apply(): corpus dedupe in shards, as `winnow dedupe
// --sign/--merge/--apply` does it.
void def_corpus(py::module_& m) {
  py::class_<Index>(m, "CorpusIndex",
                    "A corpus dedupe index written by merge() or `winnow dedupe --merge`, loaded once to be "
                    "applied to many shards.")
      .def_static(
          "read",
          [](py::object path_arg) {
            const std::string path = path_of(path_arg);
            return without_gil([&] { return Index(CorpusIndex::read_index(path)); });
          },
          py::arg("path"),
          "Loads the index file PATH (OSError when it cannot be read, is damaged or holds signatures only).")
      .def("__len__", [](Index& i) { return i.get().size(); });

  m.def(
      "sign",
      [](py::iterable records, py::object path_arg, const std::string& source, const std::string& field,
         std::uint64_t first_line, std::uint32_t bands, std::uint32_t rows, py::object skipped) {
        const std::string path = path_of(path_arg);
        CorpusIndex index = without_gil([&] { return CorpusIndex(params_of(bands, rows, 0.75)); });
        const std::size_t skipped_before = skipped.is_none() ? 0 : py::len(skipped);
        for_each_record(records, source, field, first_line, skipped, [&](py::handle, const CorpusRecord& r,
                                                                         const std::string& place) {
          without_gil([&] {
            index.add(r.id, r.text, r.date, place);
            return 0;
          });
        });
        // Incomplete signatures would silently keep duplicates: as the command line, not written.
        if (!skipped.is_none() && py::len(skipped) > skipped_before) return std::size_t{0};
        return without_gil([&] {
          index.write(path);
          return index.size();
        });
      },
      py::arg("records"), py::arg("path"), py::kw_only(), py::arg("source") = "-", py::arg("field") = "text",
      py::arg("first_line") = 1, py::arg("bands") = 14, py::arg("rows") = 8, py::arg("skipped") = py::none(),
      "Writes the signatures of RECORDS to PATH, the same bytes as `winnow dedupe --jsonl --sign PATH SOURCE` "
      "on a file holding them. RECORDS: dicts, or JSON Lines lines (str or bytes). A record without an id or url "
      "is named SOURCE:N, N its place counted from FIRST_LINE (blank lines count, as in a file). Returns the number of "
      "distinct "
      "documents. A record the command line skips (not JSON, no text field) raises ValueError, or, when SKIPPED is a "
      "list, has its message appended to it; PATH is then not written (returns 0), as the command line does not "
      "write incomplete signatures.");
  m.def(
      "merge",
      [](py::iterable input_args, py::object path_arg, double threshold, std::uint32_t bands, std::uint32_t rows) {
        std::vector<std::string> inputs;
        for (py::handle f : input_args) inputs.push_back(path_of(f));
        const std::string path = path_of(path_arg);
        if (inputs.empty()) throw py::value_error("merge() needs signature or index files");
        return without_gil([&] {
          CorpusIndex index(params_of(bands, rows, threshold));
          for (const std::string& f : inputs) index.add_file(f);
          index.decide();
          index.write(path);
          return index.size();
        });
      },
      py::arg("inputs"), py::arg("path"), py::kw_only(), py::arg("threshold") = 0.75, py::arg("bands") = 14,
      py::arg("rows") = 8,
      "Combines the signature and index files INPUTS into the index PATH, as `winnow dedupe --merge PATH "
      "INPUTS...`. Returns the number of distinct documents.");
  m.def(
      "apply",
      [](py::object index, py::iterable records, const std::string& source, const std::string& field,
         std::uint64_t first_line, bool report, py::object skipped) {
        std::optional<Index> loaded;
        Index* idx = nullptr;
        if (py::isinstance<Index>(index)) {
          idx = index.cast<Index*>();
        } else {
          const std::string path = path_of(index);
          loaded.emplace(without_gil([&] { return Index(CorpusIndex::read_index(path)); }));
          idx = &*loaded;
        }
        py::list out;
        py::list missing;
        for_each_record(records, source, field, first_line, skipped, [&](py::handle record, const CorpusRecord& r,
                                                                         const std::string& place) {
          DedupeVerdict v = idx->get().lookup(r.id, r.text, place);
          if (!v.found) missing.append(r.id);
          if (report) {
            if (v.removed) out.append(py::str(removed_line(r.id, v)));
          } else if (!v.removed) {
            out.append(record);
          }
        });
        if (!missing.empty()) {
          PyErr_WarnEx(PyExc_RuntimeWarning,
                       (std::to_string(missing.size()) + " documents not in the dedupe index, kept").c_str(), 1);
        }
        return out;
      },
      py::arg("index"), py::arg("records"), py::kw_only(), py::arg("source") = "-", py::arg("field") = "text",
      py::arg("first_line") = 1, py::arg("report") = false, py::arg("skipped") = py::none(),
      "The records of RECORDS that INDEX (a CorpusIndex or the path of an index file) keeps, as given, in order: "
      "joined with newlines they are the bytes of `winnow dedupe --jsonl --apply INDEX SOURCE`. With report=True, "
      "the lines of `--apply --report` instead (REMOVED_ID TAB KEPT_ID TAB SIMILARITY and a newline, str). "
      "Documents the index does not know are kept, with a RuntimeWarning. Records are named as in sign(); "
      "apply a long shard in batches, each with its FIRST_LINE, to bound memory. Records the command line skips "
      "are handled as in sign().");
}

}  // namespace
}  // namespace winnow::python

PYBIND11_MODULE(_winnow, m) {
  using namespace winnow;
  using namespace winnow::python;
  m.doc() = "winnow: clean canonical text from scraped web news (the compiled part of the winnow package).";
  m.attr("__version__") = std::string(winnow::version());
  record_error_type = PyErr_NewExceptionWithDoc(
      "winnow.RecordError",
      "A JSON Lines line the command line reports: .output is what it writes in its place, .failed whether the "
      "record counts as failed (exit status 2).",
      PyExc_ValueError, nullptr);
  m.add_object("RecordError", py::handle(record_error_type));

  def_verb<CleanVerb>(m, "clean", "clean_document",
                      "The whole pipeline on one document: decode, extract (HTML), fix, strip, dedupe, norm.");
  def_verb<ExtractVerb>(m, "extract", "extract_document", "The article text of an HTML page.");
  def_verb<FixVerb>(m, "fix", "fix_document", "Mojibake and character-level damage repaired.");
  def_verb<StripVerb>(m, "strip", "strip_document",
                      "Web boilerplate removed from scraped text (str input is taken as text, bytes are decoded).");
  def_verb<DedupeVerb>(m, "dedupe", "dedupe_document",
                       "Repeated headlines and paragraphs inside one document dropped.");
  def_verb<NormVerb>(m, "norm", "norm_document", "The canonical form of the text.");

  def_corpus(m);
}

