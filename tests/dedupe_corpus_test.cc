// Corpus dedupe: quality on a planted corpus of real articles, determinism across input order
// and sharding, and the checks on the state files.
#include "winnow/dedupe_corpus.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <random>

#include "planted_corpus.h"
#include "run_tool.h"
#include "winnow/io_error.h"

namespace winnow {
namespace {

using testing::PlantedDocument;

struct Quality {
  std::size_t removed = 0, correct = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> found;  // kind -> (removed, planted)
};

Quality measure(const CorpusIndex& index, const std::vector<PlantedDocument>& docs) {
  std::map<std::string, int> family;
  for (const PlantedDocument& d : docs) family[d.id] = d.family;
  Quality q;
  for (const PlantedDocument& d : docs) {
    DedupeVerdict v = index.lookup(d.id, d.text);
    EXPECT_TRUE(v.found) << d.id;
    auto& [removed, planted] = q.found[d.kind];
    ++planted;
    if (!v.removed) continue;
    ++q.removed;
    ++removed;
    bool same = family.at(std::string(v.kept_id)) == d.family;
    q.correct += same;
    EXPECT_TRUE(same) << d.id << " removed as a copy of " << v.kept_id << " (" << v.similarity << ")";
  }
  return q;
}

TEST(CorpusDedupe, PrecisionAndRecallOnPlantedCopies) {
  std::vector<PlantedDocument> docs = testing::planted_corpus();
  CorpusIndex index(CorpusDedupeParams{});
  for (const PlantedDocument& d : docs) index.add(d.id, d.text, d.date);
  index.decide();
  Quality q = measure(index, docs);
  double precision = q.removed ? static_cast<double>(q.correct) / q.removed : 1;
  std::size_t near_found = 0, near_planted = 0;
  std::printf("corpus dedupe on %zu documents (threshold %.2f): removed %zu, precision %.4f\n", docs.size(),
              index.params().threshold, q.removed, precision);
  for (const auto& [kind, counts] : q.found) {
    std::printf("  %-12s %zu of %zu removed\n", kind.c_str(), counts.first, counts.second);
    if (kind != "original" && kind != "exact") {
      near_found += counts.first;
      near_planted += counts.second;
    }
  }
  double near_recall = static_cast<double>(near_found) / near_planted;
  std::printf("  near-copy recall %.4f\n", near_recall);
  EXPECT_GE(precision, 0.99);
  EXPECT_GE(near_recall, 0.95);
  EXPECT_EQ(q.found["exact"].first, q.found["exact"].second);
  EXPECT_EQ(q.found["original"].first, 0u);  // the originals are the earliest: they survive
}

TEST(CorpusDedupe, SameTopicArticlesAreKept) {
  // Only the originals: several cover the same story, none may be removed.
  std::vector<PlantedDocument> docs = testing::planted_corpus();
  CorpusIndex index(CorpusDedupeParams{});
  for (const PlantedDocument& d : docs) {
    if (d.kind == "original") index.add(d.id, d.text, d.date);
  }
  index.decide();
  for (const PlantedDocument& d : docs) {
    if (d.kind == "original") {
      EXPECT_FALSE(index.lookup(d.id, d.text).removed) << d.id;
    }
  }
}

TEST(CorpusDedupe, ShortDocumentsByExactHashOnly) {
  CorpusIndex index(CorpusDedupeParams{});
  index.add("a", "The council met on Monday and voted to close the bridge for repairs.", "");
  index.add("b", "THE COUNCIL MET ON MONDAY, AND VOTED TO CLOSE THE BRIDGE FOR REPAIRS!", "");
  index.add("c", "The council met on Monday and voted to close the bridge for repair.", "");
  index.decide();
  DedupeVerdict a = index.lookup("a", "The council met on Monday and voted to close the bridge for repairs.");
  DedupeVerdict b = index.lookup("b", "THE COUNCIL MET ON MONDAY, AND VOTED TO CLOSE THE BRIDGE FOR REPAIRS!");
  DedupeVerdict c = index.lookup("c", "The council met on Monday and voted to close the bridge for repair.");
  EXPECT_NE(a.removed, b.removed);  // one of the two exact copies goes
  EXPECT_FALSE(c.removed);          // under 50 words: no near-duplicate matching
  EXPECT_FALSE(index.lookup("a", "other text").found);
}

TEST(CorpusDedupe, EarliestDateSurvivesThenSmallestIdHash) {
  std::string text;
  for (int i = 0; i < 80; ++i) text += "word" + std::to_string(i) + " ";
  CorpusIndex index(CorpusDedupeParams{});
  index.add("late", text, "2020-01-02");
  index.add("early", text, "2020-01-02T00:00:00+05:00");  // 2020-01-01T19:00Z
  index.add("undated", text, "");
  index.decide();
  EXPECT_FALSE(index.lookup("early", text).removed);
  EXPECT_EQ(index.lookup("late", text).kept_id, "early");
  EXPECT_EQ(index.lookup("undated", text).kept_id, "early");
}

std::string temp(const std::string& name) {
  static const std::string dir = testing::temp_dir();
  return dir + "/" + name;
}

std::string remove_list(const CorpusIndex& index, const std::vector<PlantedDocument>& docs) {
  std::vector<std::string> lines;
  for (const PlantedDocument& d : docs) {
    DedupeVerdict v = index.lookup(d.id, d.text);
    if (v.removed) lines.push_back(d.id + "\t" + std::string(v.kept_id) + "\t" + std::to_string(v.similarity));
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

TEST(CorpusDedupe, ShardsAndOrderDoNotChangeTheResult) {
  std::vector<PlantedDocument> docs = testing::planted_corpus();
  CorpusIndex one(CorpusDedupeParams{});
  for (const PlantedDocument& d : docs) one.add(d.id, d.text, d.date);
  one.decide();
  one.write(temp("one.idx"));

  std::vector<PlantedDocument> shuffled = docs;
  std::mt19937 rng(8);
  std::shuffle(shuffled.begin(), shuffled.end(), rng);
  for (int shard = 0; shard < 8; ++shard) {
    CorpusIndex part(CorpusDedupeParams{});
    for (std::size_t i = shard; i < shuffled.size(); i += 8) part.add(shuffled[i].id, shuffled[i].text, shuffled[i].date);
    part.write(temp("shard" + std::to_string(shard) + ".sig"));
  }
  // Eight signature files merged in reverse order, and in two levels through indexes.
  CorpusIndex eight(CorpusDedupeParams{});
  for (int shard = 7; shard >= 0; --shard) eight.add_file(temp("shard" + std::to_string(shard) + ".sig"));
  eight.decide();
  eight.write(temp("eight.idx"));
  for (int half = 0; half < 2; ++half) {
    CorpusIndex part(CorpusDedupeParams{});
    for (int shard = half; shard < 8; shard += 2) part.add_file(temp("shard" + std::to_string(shard) + ".sig"));
    part.decide();
    part.write(temp("half" + std::to_string(half) + ".idx"));
  }
  CorpusIndex two(CorpusDedupeParams{});
  two.add_file(temp("half1.idx"));
  two.add_file(temp("half0.idx"));
  two.decide();
  two.write(temp("two.idx"));

  const std::string bytes = testing::read_file(temp("one.idx"));
  EXPECT_EQ(testing::read_file(temp("eight.idx")), bytes);
  EXPECT_EQ(testing::read_file(temp("two.idx")), bytes);
  const std::string expected = remove_list(one, docs);
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(remove_list(CorpusIndex::read_index(temp("eight.idx")), docs), expected);
  std::printf("index: %zu documents, %zu bytes, %.1f bytes per document\n", one.size(), bytes.size(),
              static_cast<double>(bytes.size()) / one.size());
}

// The IoError message of reading PATH as an index, or "" when it reads.
std::string read_error(const std::string& path) {
  try {
    CorpusIndex::read_index(path);
  } catch (const IoError& e) {
    EXPECT_EQ(e.subject(), path);
    return e.message();
  }
  return "";
}

TEST(CorpusDedupe, DamagedFilesAreClearErrors) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "term" + std::to_string(i % 17) + " x" + std::to_string(i) + " ";
  CorpusIndex index(CorpusDedupeParams{});
  index.add("doc-1", text, "2019-01-01");
  index.add("doc-2", text + " more", "");
  index.add("doc-3", "short", "");
  index.write(temp("good.sig"));
  index.decide();
  index.write(temp("good.idx"));
  const std::string good = testing::read_file(temp("good.idx"));
  ASSERT_EQ(read_error(temp("good.idx")), "");
  EXPECT_EQ(good.size(), 64 + 3 * 304 + std::string("doc-1doc-2doc-3").size());

  auto damaged = [&](const std::string& bytes) {
    testing::write_file(temp("bad.idx"), bytes);
    return read_error(temp("bad.idx"));
  };
  EXPECT_EQ(damaged(""), "not a winnow dedupe file");
  EXPECT_EQ(damaged("hello world"), "not a winnow dedupe file");
  EXPECT_NE(damaged(good.substr(0, good.size() - 1)).find("does not match its header"), std::string::npos);
  EXPECT_NE(damaged(good + "x").find("does not match its header"), std::string::npos);
  std::string v1 = good;
  v1[8] = 1;  // version 1 had no place in a document's identity
  EXPECT_EQ(damaged(v1), "dedupe file format version 1 (this winnow reads version 2; sign the documents again)");
  std::string swapped = good;
  std::swap_ranges(swapped.begin() + 64, swapped.begin() + 64 + 304, swapped.begin() + 64 + 304);
  EXPECT_NE(damaged(swapped).find("out of order"), std::string::npos);
  std::string id = good;
  id[good.size() - 1] ^= 1;
  EXPECT_NE(damaged(id).find("id does not match its hash"), std::string::npos);
  EXPECT_NE(read_error(temp("good.sig")).find("holds signatures, not an index"), std::string::npos);
  EXPECT_NE(read_error(temp("missing.idx")).find("No such file"), std::string::npos);

  // Signatures made with other parameters are refused by a merge.
  CorpusDedupeParams sixteen;
  sixteen.bands = 16;
  CorpusIndex other(sixteen);
  other.add("doc-4", text, "");
  other.write(temp("sixteen.sig"));
  CorpusIndex merge(CorpusDedupeParams{});
  merge.add_file(temp("good.sig"));
  try {
    merge.add_file(temp("sixteen.sig"));
    ADD_FAILURE() << "mismatched parameters accepted";
  } catch (const IoError& e) {
    EXPECT_EQ(e.message(), "made with bands 16, expected 14");
  }

  // Random damage is either detected or harmless, never a crash (ASan checks the reads).
  std::mt19937 rng(2);
  for (int round = 0; round < 300; ++round) {
    std::string bytes = good;
    for (int k = 0; k < 1 + static_cast<int>(rng() % 3); ++k) bytes[rng() % bytes.size()] ^= static_cast<char>(1 + rng() % 255);
    damaged(bytes);
  }
}

}  // namespace
}  // namespace winnow
