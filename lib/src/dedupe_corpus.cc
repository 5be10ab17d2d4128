#include "winnow/dedupe_corpus.h"

#include <algorithm>
#include <filesystem>
#include <cstdio>
#include <cstring>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "file.h"
#include "murmur3.h"
#include "winnow/atomic_file.h"
#include "winnow/io_error.h"
#include "words.h"

namespace winnow {
namespace {

using internal::Hash128;

constexpr char kMagic[8] = {'W', 'I', 'N', 'N', 'O', 'W', 'D', 'D'};
// Version 1: MurmurHash3 x64_128, NFKC_Casefold words, multiply-shift MinHash, b = 16.
// Version 2: the same, and a document's place is part of its identity (80-byte fixed part).
constexpr std::uint32_t kFormatVersion = 2;
constexpr std::uint32_t kKindSignatures = 1, kKindIndex = 2;
constexpr std::size_t kHeaderSize = 64, kFixedRecordSize = 80;
constexpr std::uint64_t kSeed = 0x77696e6e6f772131ULL;  // "winnow!1": the fixed MinHash seed
constexpr std::uint32_t kUndecided = 0xFFFFFFFF;
constexpr std::uint64_t kNoDate = std::numeric_limits<std::uint64_t>::max();

struct Record {
  Hash128 id_hash, text_hash, place_hash;
  std::uint64_t date = kNoDate;
  std::uint64_t id_offset = 0;
  std::uint32_t id_size = 0;
  std::uint32_t words = 0;
  std::uint32_t kept = kUndecided;  // index of the kept record (itself when kept)
  std::uint16_t similarity = 0;     // to the kept record, in thousandths
};

bool identity_less(const Record& a, const Record& b) {
  return std::tie(a.id_hash, a.text_hash, a.place_hash) < std::tie(b.id_hash, b.text_hash, b.place_hash);
}
bool same_identity(const Record& a, const Record& b) {
  return a.id_hash == b.id_hash && a.text_hash == b.text_hash && a.place_hash == b.place_hash;
}
// The survival rank: earliest date, then smallest id hash, then text hash, then place hash.
bool rank_less(const Record& a, const Record& b) {
  return std::tie(a.date, a.id_hash, a.text_hash, a.place_hash) < std::tie(b.date, b.id_hash, b.text_hash, b.place_hash);
}

// splitmix64, to draw the MinHash coefficients from the fixed seed.
std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void put32(unsigned char* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
void put64(unsigned char* p, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}
std::uint32_t get32(const unsigned char* p) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
std::uint64_t get64(const unsigned char* p) {
  std::uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

// Parses exactly N digits at S[*i].
bool digits(std::string_view s, std::size_t* i, int n, int* out) {
  if (*i + n > s.size()) return false;
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

// A word's 64-bit hash: words of up to 16 bytes (nearly all) are loaded as two zero-padded
// integers and mixed, which is exact (no two such words give the same pair) and several times
// faster than MurmurHash3 on short strings; longer words use MurmurHash3.
std::uint64_t word_hash(std::string_view w) {
  if (w.size() > 16) return internal::murmur3_128(w, 0).lo;
  unsigned char buf[16] = {};
  std::memcpy(buf, w.data(), w.size());
  return internal::fmix64(get64(buf) * 0x9E3779B97F4A7C15ULL ^ internal::fmix64(get64(buf + 8) + w.size()));
}

// The MinHash functions, h_i(x) = g((x ^ b_i) * a_i mod 2^32) with g(h) = h ^ (h >> 16): a
// bijection of 32-bit values whose high half (which decides the minimum) mixes every bit of x,
// and whose low half (kept, as b-bit MinHash) mixes the high half in. Written as independent
// lanes so that the compiler vectorises it; on x86-64 an AVX2 clone, chosen at load time when
// the processor has AVX2, does 8 functions an instruction.
#if defined(__x86_64__) && defined(__GNUC__)
#define WINNOW_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define WINNOW_VECTOR_CLONES
#endif
WINNOW_VECTOR_CLONES void update_minima(std::uint32_t x, const std::uint32_t* a,
                                                                    const std::uint32_t* b, std::uint32_t* m,
                                                                    std::size_t n) {
  for (std::size_t h = 0; h < n; ++h) {
    std::uint32_t v = (x ^ b[h]) * a[h];
    v ^= v >> 16;
    m[h] = v < m[h] ? v : m[h];
  }
}

}  // namespace

std::uint64_t date_rank(std::string_view s) {
  std::size_t i = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(s, &i, 4, &y) || i >= s.size() || s[i++] != '-' || !digits(s, &i, 2, &mo) || i >= s.size() ||
      s[i++] != '-' || !digits(s, &i, 2, &d) || mo < 1 || mo > 12 || d < 1 || d > 31) {
    return kNoDate;
  }
  std::int64_t offset = 0;
  if (i < s.size() && (s[i] == 'T' || s[i] == ' ')) {
    ++i;
    if (!digits(s, &i, 2, &h) || i >= s.size() || s[i++] != ':' || !digits(s, &i, 2, &mi) || h > 24 || mi > 59) {
      return kNoDate;
    }
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!digits(s, &i, 2, &sec) || sec > 60) return kNoDate;
    }
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    }
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      int sign = s[i++] == '-' ? -1 : 1, oh = 0, om = 0;
      if (!digits(s, &i, 2, &oh)) return kNoDate;
      if (i < s.size() && s[i] == ':') ++i;
      if (i < s.size()) {
        if (!digits(s, &i, 2, &om)) return kNoDate;
      }
      offset = sign * (oh * 3600 + om * 60);
    } else if (i < s.size() && s[i] == 'Z') {
      ++i;
    }
  }
  if (i != s.size()) return kNoDate;
  // Days since 0000-03-01 (H. Hinnant's days_from_civil without the 1970 shift).
  const int yy = y - (mo <= 2);
  const int era = yy / 400;
  const int yoe = yy - era * 400;
  const int doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = std::int64_t{era} * 146097 + doe;
  std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + sec - offset;
  return secs < 0 ? 0 : static_cast<std::uint64_t>(secs);
}

struct CorpusIndex::Impl {
  CorpusDedupeParams params;
  std::size_t hashes;  // bands * rows
  std::vector<Record> records;
  std::vector<std::uint16_t> mins;  // hashes per record, in record order
  std::string ids;                  // the id strings, referenced by the records
  std::vector<std::uint32_t> mul, add;  // the MinHash functions
  bool decided = false;
  bool canonical = true;  // records sorted by identity without repeats, ids in record order

  // Scratch space of add(), kept to avoid allocations per document.
  internal::Words words;
  std::string scratch;
  std::vector<std::uint64_t> word_hashes;
  std::vector<std::uint32_t> minima;
  std::vector<std::uint16_t> signature;

  explicit Impl(const CorpusDedupeParams& p) : params(p), hashes(std::size_t{p.bands} * p.rows) {
    std::uint64_t state = kSeed;
    for (std::size_t i = 0; i < hashes; ++i) {
      mul.push_back(static_cast<std::uint32_t>(splitmix64(state)) | 1);
      add.push_back(static_cast<std::uint32_t>(splitmix64(state)));
    }
  }

  std::size_t record_size() const { return kFixedRecordSize + 2 * hashes; }
  std::string_view id_of(const Record& r) const { return std::string_view(ids).substr(r.id_offset, r.id_size); }
  const std::uint16_t* mins_of(std::size_t i) const { return mins.data() + i * hashes; }

  Hash128 text_hash(std::string_view text) {
    internal::comparison_words(text, words, scratch);
    return internal::murmur3_128(words.key, 0);
  }

  void minhash(std::uint16_t* out) {
    const std::size_t n = words.size(), k = params.shingle_words;
    word_hashes.resize(n);
    for (std::size_t i = 0; i < n; ++i) word_hashes[i] = word_hash(words[i]);
    minima.assign(hashes, std::numeric_limits<std::uint32_t>::max());
    for (std::size_t i = 0; i + k <= n; ++i) {
      std::uint64_t s = 0;
      for (std::size_t j = 0; j < k; ++j) s = s * 0x9E3779B97F4A7C15ULL + word_hashes[i + j];
      update_minima(static_cast<std::uint32_t>(internal::fmix64(s)), mul.data(), add.data(), minima.data(), hashes);
    }
    for (std::size_t h = 0; h < hashes; ++h) out[h] = static_cast<std::uint16_t>(minima[h]);
  }

  void append(const Record& r, std::string_view id, const std::uint16_t* sig) {
    Record copy = r;
    copy.id_offset = ids.size();
    copy.id_size = static_cast<std::uint32_t>(id.size());
    ids.append(id);
    records.push_back(copy);
    mins.insert(mins.end(), sig, sig + hashes);
    decided = false;
    canonical = false;
  }

  // Sorts by identity, folds repeated identities (keeping the earliest date) and rebuilds the
  // string table in record order, so that the bytes written depend on the set of records only.
  void canonicalize() {
    if (canonical) return;
    std::vector<std::uint32_t> order(records.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
      if (identity_less(records[x], records[y])) return true;
      if (identity_less(records[y], records[x])) return false;
      return records[x].date < records[y].date;
    });
    std::vector<Record> r;
    std::vector<std::uint16_t> m;
    std::string s;
    for (std::uint32_t i : order) {
      if (!r.empty() && same_identity(r.back(), records[i])) continue;
      Record rec = records[i];
      std::string_view id = id_of(rec);
      rec.id_offset = s.size();
      s.append(id);
      r.push_back(rec);
      m.insert(m.end(), mins_of(i), mins_of(i) + hashes);
    }
    records = std::move(r);
    mins = std::move(m);
    ids = std::move(s);
    canonical = true;
  }

  double similarity(std::size_t x, std::size_t y) const {
    const std::uint16_t* a = mins_of(x);
    const std::uint16_t* b = mins_of(y);
    std::size_t equal = 0;
    for (std::size_t h = 0; h < hashes; ++h) equal += a[h] == b[h];
    return static_cast<double>(equal) / static_cast<double>(hashes);
  }

  void decide();
  void load(const std::string& path, const std::string& data, bool need_index);

  // What a state file's header says, once checked against this index's parameters.
  struct FileHeader {
    std::uint32_t kind = 0, threshold = 0;
    std::uint64_t count = 0, strings = 0;
  };
  FileHeader read_header(const std::string& path, const std::string& data, bool need_index) const;
  // Record I of a file of KIND with COUNT records, at REC; ID_TABLE is the file's string table.
  // Checks what the record can be checked for alone; PREVIOUS is record I - 1 (for the order).
  Record read_record(const std::string& path, const unsigned char* rec, std::uint64_t i, const FileHeader& header,
                     std::string_view id_table, const Record* previous, std::uint16_t* sig) const;
};

void CorpusIndex::Impl::decide() {
  canonicalize();
  const std::size_t n = records.size();
  for (Record& r : records) {
    r.kept = kUndecided;
    r.similarity = 1000;
  }
  // Exact duplicates: the best-ranked document of each text hash represents the others.
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
    if (records[x].text_hash != records[y].text_hash) return records[x].text_hash < records[y].text_hash;
    return rank_less(records[x], records[y]);
  });
  std::vector<std::uint32_t> rep(n);
  std::vector<std::uint32_t> near;  // representatives long enough for MinHash
  for (std::size_t i = 0; i < n; ++i) {
    bool first = i == 0 || records[order[i]].text_hash != records[order[i - 1]].text_hash;
    rep[order[i]] = first ? order[i] : rep[order[i - 1]];
    if (first && records[order[i]].words >= params.min_words) near.push_back(order[i]);
  }

  // Near duplicates among the representatives, best-ranked first.
  std::sort(near.begin(), near.end(), [&](std::uint32_t x, std::uint32_t y) { return rank_less(records[x], records[y]); });
  const std::size_t m = near.size(), bands = params.bands, rows = params.rows;
  struct Bucket {
    std::uint64_t hash;
    std::uint32_t band, rank;
    bool operator<(const Bucket& o) const { return std::tie(hash, band, rank) < std::tie(o.hash, o.band, o.rank); }
  };
  std::vector<Bucket> buckets;
  buckets.reserve(m * bands);
  for (std::size_t r = 0; r < m; ++r) {
    const std::uint16_t* sig = mins_of(near[r]);
    for (std::size_t b = 0; b < bands; ++b) {
      std::string_view bytes(reinterpret_cast<const char*>(sig + b * rows), rows * sizeof(std::uint16_t));
      buckets.push_back({internal::murmur3_128(bytes, static_cast<std::uint32_t>(b)).lo, static_cast<std::uint32_t>(b),
                         static_cast<std::uint32_t>(r)});
    }
  }
  std::sort(buckets.begin(), buckets.end());
  // where[r * bands + b]: the position of document r's entry for band b in buckets.
  std::vector<std::size_t> where(m * bands);
  for (std::size_t i = 0; i < buckets.size(); ++i) where[std::size_t{buckets[i].rank} * bands + buckets[i].band] = i;
  const auto threshold_milli = static_cast<std::uint32_t>(params.threshold * 1000 + 0.5);
  std::vector<std::uint32_t> center(m, kUndecided);
  for (std::size_t r = 0; r < m; ++r) {
    if (center[r] != kUndecided) continue;
    center[r] = static_cast<std::uint32_t>(r);
    for (std::size_t b = 0; b < bands; ++b) {
      const Bucket& mine = buckets[where[r * bands + b]];
      // Entries of a bucket are sorted by rank: the ones after r are the worse-ranked ones.
      for (std::size_t i = where[r * bands + b] + 1;
           i < buckets.size() && buckets[i].hash == mine.hash && buckets[i].band == mine.band; ++i) {
        std::uint32_t other = buckets[i].rank;
        if (center[other] != kUndecided) continue;
        double sim = similarity(near[r], near[other]);
        auto milli = static_cast<std::uint32_t>(sim * 1000 + 0.5);
        if (milli < threshold_milli) continue;
        center[other] = static_cast<std::uint32_t>(r);
        records[near[other]].kept = near[r];
        records[near[other]].similarity = static_cast<std::uint16_t>(milli);
      }
    }
  }
  // Every document now points at its kept document.
  for (std::size_t i = 0; i < n; ++i) {
    const Record& head = records[rep[i]];
    Record& r = records[i];
    if (head.kept == kUndecided || head.kept == rep[i]) {
      r.kept = rep[i];
      r.similarity = 1000;
    } else {
      r.kept = head.kept;
      r.similarity = head.similarity;
    }
  }
  decided = true;
}

CorpusIndex::Impl::FileHeader CorpusIndex::Impl::read_header(const std::string& path, const std::string& data,
                                                             bool need_index) const {
  auto bad = [&](const std::string& message) { return IoError(path, message); };
  if (data.size() < kHeaderSize || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0) {
    throw bad("not a winnow dedupe file");
  }
  const auto* h = reinterpret_cast<const unsigned char*>(data.data());
  FileHeader out;
  std::uint32_t version = get32(h + 8), record_bytes = get32(h + 16);
  out.kind = get32(h + 12);
  if (version != kFormatVersion) {
    throw bad("dedupe file format version " + std::to_string(version) + " (this winnow reads version " +
              std::to_string(kFormatVersion) + "; sign the documents again)");
  }
  if (out.kind != kKindSignatures && out.kind != kKindIndex) {
    throw bad("corrupt dedupe file: unknown kind " + std::to_string(out.kind));
  }
  if (need_index && out.kind != kKindIndex) throw bad("holds signatures, not an index (run winnow dedupe --merge first)");
  struct Param {
    const char* name;
    std::uint64_t found, expected;
  };
  const Param checks[] = {{"bands", get32(h + 20), params.bands},
                          {"rows", get32(h + 24), params.rows},
                          {"shingle size", get32(h + 28), params.shingle_words},
                          {"minimum words", get32(h + 32), params.min_words},
                          {"seed", get64(h + 40), kSeed}};
  for (const Param& p : checks) {
    if (p.found != p.expected) {
      throw bad("made with " + std::string(p.name) + " " + std::to_string(p.found) + ", expected " +
                std::to_string(p.expected));
    }
  }
  if (record_bytes != record_size()) throw bad("corrupt dedupe file: record size " + std::to_string(record_bytes));
  out.threshold = get32(h + 36);
  out.count = get64(h + 48);
  out.strings = get64(h + 56);
  std::uint64_t body = data.size() - kHeaderSize;
  if (out.count > body / record_bytes || out.strings != body - out.count * record_bytes) {
    throw bad("corrupt dedupe file: size " + std::to_string(data.size()) + " does not match its header (" +
              std::to_string(out.count) + " records)");
  }
  if (out.kind == kKindIndex && (out.threshold == 0 || out.threshold > 1000)) throw bad("corrupt dedupe file: threshold");
  return out;
}

Record CorpusIndex::Impl::read_record(const std::string& path, const unsigned char* rec, std::uint64_t i,
                                      const FileHeader& header, std::string_view id_table, const Record* previous,
                                      std::uint16_t* sig) const {
  const std::string where = "record " + std::to_string(i + 1);
  auto bad = [&](const std::string& message) { return IoError(path, "corrupt dedupe file: " + where + message); };
  Record r;
  r.id_hash = {get64(rec), get64(rec + 8)};
  r.text_hash = {get64(rec + 16), get64(rec + 24)};
  r.place_hash = {get64(rec + 32), get64(rec + 40)};
  r.date = get64(rec + 48);
  r.id_offset = get64(rec + 56);
  r.id_size = get32(rec + 64);
  r.words = get32(rec + 68);
  r.kept = get32(rec + 72);
  r.similarity = static_cast<std::uint16_t>(rec[76] | rec[77] << 8);
  if (rec[78] || rec[79]) throw bad(": reserved bytes set");
  if (r.id_offset > header.strings || r.id_size > header.strings - r.id_offset) throw bad(": id out of range");
  if (internal::murmur3_128(id_table.substr(r.id_offset, r.id_size), 0) != r.id_hash) {
    throw bad(": id does not match its hash");
  }
  if (previous && !identity_less(*previous, r)) throw bad(" out of order");
  bool ok = header.kind == kKindSignatures ? r.kept == kUndecided && r.similarity == 0
                                           : r.kept < header.count && r.similarity <= 1000;
  if (!ok) throw bad(": bad verdict");
  for (std::size_t k = 0; k < hashes; ++k) {
    sig[k] = static_cast<std::uint16_t>(rec[kFixedRecordSize + 2 * k] | rec[kFixedRecordSize + 1 + 2 * k] << 8);
  }
  return r;
}

void CorpusIndex::Impl::load(const std::string& path, const std::string& data, bool need_index) {
  const FileHeader header = read_header(path, data, need_index);
  const std::uint64_t count = header.count;
  const unsigned char* rec = reinterpret_cast<const unsigned char*>(data.data()) + kHeaderSize;
  const std::string_view table(data.data() + kHeaderSize + count * record_size(), header.strings);
  std::vector<Record> loaded(count);
  std::vector<std::uint16_t> sigs(count * hashes);
  for (std::uint64_t i = 0; i < count; ++i, rec += record_size()) {
    loaded[i] = read_record(path, rec, i, header, table, i ? &loaded[i - 1] : nullptr, sigs.data() + i * hashes);
  }
  if (header.kind == kKindIndex) {
    for (std::uint64_t i = 0; i < count; ++i) {
      if (loaded[loaded[i].kept].kept != loaded[i].kept) {
        throw IoError(path, "corrupt dedupe file: record " + std::to_string(i + 1) + " names a removed document as kept");
      }
    }
  }
  if (records.empty()) {
    records = std::move(loaded);
    mins = std::move(sigs);
    ids = std::string(table);
    canonical = true;
    // An index read for --apply keeps its verdicts; one merged with others is decided again.
    decided = need_index;
    if (need_index) params.threshold = header.threshold / 1000.0;
    return;
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    Record r = loaded[i];
    r.kept = kUndecided;
    append(r, table.substr(r.id_offset, r.id_size), sigs.data() + i * hashes);
  }
}

CorpusIndex::CorpusIndex(const CorpusDedupeParams& params) {
  if (params.bands < 1 || params.bands > 64 || params.rows < 1 || params.rows > 64 || !(params.threshold > 0) ||
      params.threshold > 1) {
    throw std::invalid_argument("winnow: dedupe parameters out of range");
  }
  impl_ = std::make_unique<Impl>(params);
}
CorpusIndex::~CorpusIndex() = default;
CorpusIndex::CorpusIndex(CorpusIndex&&) noexcept = default;
CorpusIndex& CorpusIndex::operator=(CorpusIndex&&) noexcept = default;

void CorpusIndex::add(std::string_view id, std::string_view text, std::string_view date, std::string_view place) {
  Impl& m = *impl_;
  Record r;
  r.id_hash = internal::murmur3_128(id, 0);
  r.text_hash = m.text_hash(text);
  r.place_hash = internal::murmur3_128(place, 0);
  r.date = date_rank(date);
  r.words = static_cast<std::uint32_t>(std::min<std::size_t>(m.words.size(), 0xFFFFFFFF));
  m.signature.assign(m.hashes, 0);
  if (r.words >= m.params.min_words) m.minhash(m.signature.data());
  m.append(r, id, m.signature.data());
}

void CorpusIndex::add_file(const std::string& path) { impl_->load(path, internal::read_file(path), false); }

CorpusIndex CorpusIndex::read_index(const std::string& path) {
  std::string data = internal::read_file(path);
  CorpusDedupeParams params;
  if (data.size() >= kHeaderSize && std::memcmp(data.data(), kMagic, sizeof kMagic) == 0) {
    // The parameters come from the file itself; load() still checks the ones fixed by the format.
    const auto* h = reinterpret_cast<const unsigned char*>(data.data());
    params.bands = get32(h + 20);
    params.rows = get32(h + 24);
    if (params.bands < 1 || params.bands > 64 || params.rows < 1 || params.rows > 64) {
      throw IoError(path, "corrupt dedupe file: bands or rows out of range");
    }
  }
  CorpusIndex index(params);
  index.impl_->load(path, data, true);
  return index;
}

void CorpusIndex::decide() {
  if (!impl_->decided) impl_->decide();
}

void CorpusIndex::write(const std::string& path) {
  Impl& m = *impl_;
  m.canonicalize();
  const std::size_t size = m.record_size();
  std::string out(kHeaderSize + m.records.size() * size, '\0');
  auto* h = reinterpret_cast<unsigned char*>(out.data());
  std::memcpy(h, kMagic, sizeof kMagic);
  put32(h + 8, kFormatVersion);
  put32(h + 12, m.decided ? kKindIndex : kKindSignatures);
  put32(h + 16, static_cast<std::uint32_t>(size));
  put32(h + 20, m.params.bands);
  put32(h + 24, m.params.rows);
  put32(h + 28, m.params.shingle_words);
  put32(h + 32, m.params.min_words);
  put32(h + 36, m.decided ? static_cast<std::uint32_t>(m.params.threshold * 1000 + 0.5) : 0);
  put64(h + 40, kSeed);
  put64(h + 48, m.records.size());
  put64(h + 56, m.ids.size());
  unsigned char* p = h + kHeaderSize;
  for (std::size_t i = 0; i < m.records.size(); ++i, p += size) {
    const Record& r = m.records[i];
    put64(p, r.id_hash.hi);
    put64(p + 8, r.id_hash.lo);
    put64(p + 16, r.text_hash.hi);
    put64(p + 24, r.text_hash.lo);
    put64(p + 32, r.place_hash.hi);
    put64(p + 40, r.place_hash.lo);
    put64(p + 48, r.date);
    put64(p + 56, r.id_offset);
    put32(p + 64, r.id_size);
    put32(p + 68, r.words);
    put32(p + 72, m.decided ? r.kept : kUndecided);
    p[76] = static_cast<unsigned char>(m.decided ? r.similarity : 0);
    p[77] = static_cast<unsigned char>(m.decided ? r.similarity >> 8 : 0);
    const std::uint16_t* sig = m.mins_of(i);
    for (std::size_t k = 0; k < m.hashes; ++k) {
      p[kFixedRecordSize + 2 * k] = static_cast<unsigned char>(sig[k]);
      p[kFixedRecordSize + 1 + 2 * k] = static_cast<unsigned char>(sig[k] >> 8);
    }
  }
  OutputFile file(path);
  file.write(out);
  file.write(m.ids);
  file.commit();
}

DedupeVerdict CorpusIndex::lookup(std::string_view id, std::string_view text, std::string_view place) const {
  Impl& m = *impl_;
  Record key;
  key.id_hash = internal::murmur3_128(id, 0);
  key.text_hash = m.text_hash(text);
  key.place_hash = internal::murmur3_128(place, 0);
  DedupeVerdict v;
  auto it = std::lower_bound(m.records.begin(), m.records.end(), key, identity_less);
  if (!m.decided || it == m.records.end() || !same_identity(*it, key)) return v;
  v.found = true;
  const std::size_t self = static_cast<std::size_t>(it - m.records.begin());
  v.removed = it->kept != self;
  v.kept_id = m.id_of(m.records[it->kept]);
  v.similarity = it->similarity / 1000.0;
  return v;
}

std::size_t CorpusIndex::size() const {
  impl_->canonicalize();
  return impl_->records.size();
}

const CorpusDedupeParams& CorpusIndex::params() const { return impl_->params; }

std::string document_id(const JsonRecord* record, std::string_view text) {
  if (!record) return document_id({}, {}, text);
  std::optional<std::string> id = record->string("id");
  std::optional<std::string_view> raw = record->raw("id");
  if (!id && raw && *raw != "null") id = std::string(*raw);
  return document_id(id.value_or(""), record->string("url").value_or(""), text);
}

std::string document_id(std::string_view id, std::string_view url, std::string_view text) {
  if (!id.empty()) return std::string(id);
  if (!url.empty()) return std::string(url);
  static const char kHex[] = "0123456789abcdef";
  internal::Hash128 h = internal::murmur3_128(text, 0);
  std::string out = "text:";
  for (std::uint64_t half : {h.hi, h.lo}) {
    for (int shift = 60; shift >= 0; shift -= 4) out.push_back(kHex[(half >> shift) & 0xF]);
  }
  return out;
}

std::optional<CorpusRecord> corpus_record(const JsonRecord& rec, std::string_view field, std::string* error) {
  bool present = false;
  std::optional<std::string> text = rec.string(field, &present);
  if (!text) {
    *error = std::string(present ? "field '" : "no field '") + std::string(field) + (present ? "' is not a string" : "'");
    return std::nullopt;
  }
  CorpusRecord out;
  out.id = document_id(&rec, *text);
  out.date = rec.string("date").value_or("");
  out.text = std::move(*text);
  return out;
}

namespace {

// An id as one field of a report line: backslash, tab, CR and LF escaped.
std::string report_field(std::string_view id) {
  std::string out;
  for (char c : id) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace

std::string removed_line(std::string_view id, const DedupeVerdict& verdict) {
  // Thousandths by hand: the decimal point must not depend on the locale.
  auto milli = static_cast<unsigned>(verdict.similarity * 1000 + 0.5);
  char sim[16];
  std::snprintf(sim, sizeof sim, "%u.%03u", milli / 1000, milli % 1000);
  return report_field(id) + "\t" + report_field(verdict.kept_id) + "\t" + sim + "\n";
}

std::string canonical_file_name(const std::string& file) {
  if (file == "-") return file;
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(file, ec);
  return ec ? file : p.string();
}

std::string record_place(const std::string& file, std::uint64_t record) {
  return canonical_file_name(file) + "#" + std::to_string(record);
}

}  // namespace winnow
