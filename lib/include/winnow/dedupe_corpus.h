// winnow/dedupe_corpus.h: duplicate and near-duplicate documents across a corpus.
//
// The same wire story appears on dozens of sites; a site republishes with a new time stamp.
// A CorpusIndex holds one fixed-size record per document and decides which copies go:
//
//   - Exact duplicates: equal 128-bit MurmurHash3 (x64_128, seed 0) of the comparison text
//     (NFKC case-folded words without punctuation, as in dedupe.h).
//   - Near duplicates, for documents of at least min_words words: MinHash over word 5-grams
//     (each word hashed to 64 bits, the five combined and mixed to 32 bits), with
//     bands * rows bijective hash functions of 32-bit values drawn from a fixed seed, of which
//     the low 16 bits of each minimum are kept (b-bit MinHash, Li and Koenig 2010). Locality-sensitive hashing with `bands` bands of `rows` rows proposes
//     candidate pairs; a pair is joined only when its estimated Jaccard similarity (the
//     share of equal minima) is at least `threshold`. With 14 x 8, a pair of true similarity
//     0.8 becomes a candidate with probability 0.92, 0.85 with 0.99, 0.6 with 0.21.
//   - Which copy survives does not depend on input order or sharding: documents are ranked by
//     the earliest `date` (ISO 8601, time zone honoured; no date ranks last), then by the
//     smallest MurmurHash3 of the id, then of the text, then of the place. Clusters are formed greedily in that
//     order: the best-ranked document not yet removed keeps, and removes every candidate whose
//     similarity to it reaches the threshold. So every removed document names a kept one it
//     is similar to (no chains), and the result is a function of the set of records alone.
//
// State files (--sign writes signatures, --merge an index; both have the same layout):
// a 64-byte header (magic "WINNOWDD", format version, kind, record size, bands, rows, shingle
// size, minimum words, threshold, seed, record count, string bytes), then fixed-width records
// sorted by (id hash, text hash, place hash) with no repeats, then the ids as a string table.
// All integers little-endian. A record is 80 + 2 * bands * rows bytes (304 by default) plus its
// id. Reading checks the magic, version (2; files of version 1, which had no place, are refused
// with a message to sign again), parameters, size, order, id hashes and references: a damaged
// file is an IoError naming it, never undefined behaviour. Files are written atomically.
//
// A document is identified by its id, text and place (where it is: the caller's name for it,
// such as its file and record number) together: records with all three equal (the same document
// signed twice, a signature file merged twice) count once, while copies of a document in two
// places are two records, of which one is kept (a URL crawled twice with the same text, a shard
// listed twice). Memory: the whole index is held in memory, about 306 bytes plus the id per
// document (80-byte record and 2 * bands * rows bytes of MinHash); decide() adds 24 bytes per
// document and band for the LSH buckets (336 by default), and add_file() holds a file's bytes
// while it reads them.
//
// Not thread-safe (one index per thread); deterministic, locale-independent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "winnow/jsonl.h"

namespace winnow {

struct CorpusDedupeParams {
  std::uint32_t bands = 14;
  std::uint32_t rows = 8;
  double threshold = 0.75;  // estimated Jaccard similarity that joins a candidate pair
  // Fixed by the format, recorded in every file:
  std::uint32_t shingle_words = 5;
  std::uint32_t min_words = 50;  // shorter documents are compared by exact hash only
};

// What the index decided for one document.
struct DedupeVerdict {
  bool found = false;    // the document is in the index
  bool removed = false;  // it is a duplicate of another one, which is kept
  std::string_view kept_id;  // the kept document's id (its own id when kept)
  double similarity = 1;     // estimated similarity to the kept document (1 for exact copies)
};

class CorpusIndex {
 public:
  // An empty index. bands and rows must be 1..64 and threshold in (0, 1]; throws
  // std::invalid_argument otherwise.
  explicit CorpusIndex(const CorpusDedupeParams& params);
  ~CorpusIndex();
  CorpusIndex(CorpusIndex&&) noexcept;
  CorpusIndex& operator=(CorpusIndex&&) noexcept;

  // Adds one document: its id, UTF-8 text (ill-formed sequences compare as separators), date
  // (any string; only ISO 8601 dates rank, others count as no date) and place.
  void add(std::string_view id, std::string_view text, std::string_view date, std::string_view place = {});

  // Adds every record of a signature or index file. Throws IoError naming PATH when it cannot
  // be read, is damaged, or was made with other bands, rows, shingle size, minimum words or
  // seed than this index.
  void add_file(const std::string& path);

  // Reads an index written by write() after decide(). Throws IoError naming PATH when it
  // cannot be read, is damaged, or holds signatures only.
  static CorpusIndex read_index(const std::string& path);

  // Decides which documents are removed (see above). Idempotent.
  void decide();

  // Writes the records to PATH atomically ("-" for stdout): an index when decide() was
  // called, else signatures. Throws IoError.
  void write(const std::string& path);

  // The verdict for the document with ID and TEXT, after decide() or read_index().
  DedupeVerdict lookup(std::string_view id, std::string_view text, std::string_view place = {}) const;

  std::size_t size() const;  // number of distinct documents
  const CorpusDedupeParams& params() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// What corpus dedupe reads from one JSON Lines record (`winnow dedupe --jsonl`).
// The place of record RECORD of FILE, for CorpusIndex::add and lookup: FILE made absolute and
// free of links, "." and ".." (so that any path to it names the same place; "-" stays "-"),
// then "#" and the record's number. The command line and the Python module use it alike.
std::string record_place(const std::string& file, std::uint64_t record);

// FILE made absolute and free of links, "." and ".." ("-" and paths that cannot be resolved
// stay as they are).
std::string canonical_file_name(const std::string& file);

// A document's id, one rule for dedupe and check, the Python module and the command line: the
// record's "id" member when it is a string, or the JSON text of its value when it is another
// value than null (a number: "42"); else its "url" string; else (also for a document with no
// record, RECORD null) "text:" and the 32 hex digits of the 128-bit MurmurHash3 of TEXT. An
// empty id counts as none. So an id never depends on where the document is, and a corpus gives
// the same verdicts however it is cut into shards. (A whole file's id is its name, which the
// caller gives instead.)
std::string document_id(const JsonRecord* record, std::string_view text);
// The same rule for a document whose id and url are known without a record (a WARC
// response): ID, else URL, else the hash of TEXT.
std::string document_id(std::string_view id, std::string_view url, std::string_view text);

struct CorpusRecord {
  std::string id;  // document_id()
  std::string date;  // the "date" string, or empty
  std::string text;  // the string member FIELD
};
// The CorpusRecord of REC, or nullopt with *error set ("no field 'text'", "field 'text' is
// not a string") when FIELD is absent or not a string.
std::optional<CorpusRecord> corpus_record(const JsonRecord& rec, std::string_view field, std::string* error);

// The line `--apply --report` writes for a removed document: REMOVED_ID TAB KEPT_ID TAB
// SIMILARITY (three decimals, a '.' whatever the locale) and a newline, the ids with
// backslash, tab, CR and LF escaped as \\, \t, \r and \n.
std::string removed_line(std::string_view id, const DedupeVerdict& verdict);

// The sortable key of an ISO 8601 date ("2016-11-02", "2016-11-02T10:00:00+01:00", ...):
// seconds since 0000-03-01 UTC, or UINT64_MAX when DATE is not such a date.
std::uint64_t date_rank(std::string_view date);

}  // namespace winnow
