// winnow dedupe on the command line: sharded runs give the same remove list as one run, in
// any order; the Makefile and Slurm examples run the same pipeline; damaged state files and
// bad usage are clear errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>

#include "planted_corpus.h"
#include "run_tool.h"
#include "winnow/jsonl.h"

namespace winnow::testing {
namespace {

namespace fs = std::filesystem;

std::string sorted_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

std::size_t count_lines(const std::string& text) { return std::count(text.begin(), text.end(), '\n'); }

// The planted corpus as one JSON Lines file and as 8 shards of a shuffled copy.
class DedupeCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(temp_dir());
    docs_ = new std::vector<PlantedDocument>(planted_corpus());
    std::string all;
    for (const PlantedDocument& d : *docs_) all += to_jsonl(d) + "\n";
    write_file(*dir_ + "/all.jsonl", all);
    std::vector<PlantedDocument> shuffled = *docs_;
    std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(8));
    fs::create_directories(*dir_ + "/shards");
    std::vector<std::string> shards(8);
    for (std::size_t i = 0; i < shuffled.size(); ++i) shards[i % 8] += to_jsonl(shuffled[i]) + "\n";
    for (int s = 0; s < 8; ++s) write_file(shard(s), shards[s]);
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
    delete docs_;
  }
  static std::string shard(int s) { return *dir_ + "/shards/shard" + std::to_string(s) + ".jsonl"; }

  static std::string* dir_;
  static std::vector<PlantedDocument>* docs_;
};
std::string* DedupeCli::dir_ = nullptr;
std::vector<PlantedDocument>* DedupeCli::docs_ = nullptr;

TEST_F(DedupeCli, EightShardsInAnyOrderGiveTheSameRemoveList) {
  const std::string d = *dir_;
  ToolResult r = run_tool({"dedupe", "--jsonl", "--sign", d + "/all.sig", d + "/all.jsonl"});
  ASSERT_EQ(r.status, 0) << r.err;
  r = run_tool({"dedupe", "--merge", d + "/one.idx", d + "/all.sig"});
  ASSERT_EQ(r.status, 0) << r.err;
  ToolResult one = run_tool({"dedupe", "--jsonl", "--apply", d + "/one.idx", "--report", d + "/all.jsonl"});
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_TRUE(one.err.empty());

  std::vector<std::string> merge = {"dedupe", "--merge", d + "/eight.idx"};
  for (int s = 7; s >= 0; --s) {
    r = run_tool({"dedupe", "--jsonl", "--sign", d + "/shard" + std::to_string(s) + ".sig", shard(s)});
    ASSERT_EQ(r.status, 0) << r.err;
    merge.push_back(d + "/shard" + std::to_string((s * 3) % 8) + ".sig");
  }
  r = run_tool(merge);
  ASSERT_EQ(r.status, 0) << r.err;
  // The index is a function of the documents and their places (file and record): the shards
  // signed in one run, in another order, give the same bytes.
  std::vector<std::string> together = {"dedupe", "--jsonl", "--sign", d + "/together.sig"};
  for (int s : {3, 1, 4, 0, 5, 2, 6, 7}) together.push_back(shard(s));
  ASSERT_EQ(run_tool(together).status, 0);
  ASSERT_EQ(run_tool({"dedupe", "--merge", d + "/together.idx", d + "/together.sig"}).status, 0);
  EXPECT_EQ(read_file(d + "/eight.idx"), read_file(d + "/together.idx"));
  std::string eight;
  for (int s : {5, 2, 7, 0, 3, 6, 1, 4}) {
    r = run_tool({"dedupe", "--jsonl", "--apply", d + "/eight.idx", "--report", shard(s)});
    ASSERT_EQ(r.status, 0) << r.err;
    eight += r.out;
  }
  EXPECT_EQ(sorted_lines(eight), sorted_lines(one.out));
  // --corpus is the same pipeline in one process.
  ToolResult corpus = run_tool({"dedupe", "--corpus", "--jsonl", "--report", d + "/all.jsonl"});
  ASSERT_EQ(corpus.status, 0) << corpus.err;
  EXPECT_EQ(corpus.out, one.out);

  // The kept documents are the others, passed through byte for byte.
  ToolResult kept = run_tool({"dedupe", "--jsonl", "--apply", d + "/one.idx", d + "/all.jsonl"});
  ASSERT_EQ(kept.status, 0) << kept.err;
  EXPECT_EQ(count_lines(kept.out) + count_lines(one.out), docs_->size());
  EXPECT_EQ(kept.out.substr(0, kept.out.find('\n') + 1), to_jsonl(docs_->front()) + "\n");
  // Each report line is REMOVED_ID TAB KEPT_ID TAB SIMILARITY.
  std::string first = one.out.substr(0, one.out.find('\n'));
  EXPECT_EQ(std::count(first.begin(), first.end(), '\t'), 2) << first;
}

// Records without an id or url are identified by their text (document_id), not by where they
// are: the same corpus cut into shards another way keeps the same documents.
TEST_F(DedupeCli, IdLessCorpusKeepsTheSameDocumentsAtOneAndFourShards) {
  const std::string d = *dir_ + "/idless";
  fs::create_directories(d);
  std::string all;
  std::vector<std::string> shards(4);
  std::vector<PlantedDocument> shuffled = *docs_;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(4));
  for (std::size_t i = 0; i < shuffled.size(); ++i) {
    std::string line = "{\"text\": " + json_quote(shuffled[i].text) + "}\n";
    all += line;
    shards[i % 4] += line;
  }
  write_file(d + "/all.jsonl", all);
  ToolResult one = run_tool({"dedupe", "--corpus", "--jsonl", d + "/all.jsonl"});
  ASSERT_EQ(one.status, 0) << one.err;
  std::vector<std::string> merge = {"dedupe", "--merge", d + "/four.idx"};
  for (int s = 0; s < 4; ++s) {
    std::string name = d + "/shard" + std::to_string(s);
    write_file(name + ".jsonl", shards[s]);
    ASSERT_EQ(run_tool({"dedupe", "--jsonl", "--sign", name + ".sig", name + ".jsonl"}).status, 0);
    merge.push_back(name + ".sig");
  }
  ASSERT_EQ(run_tool(merge).status, 0);
  std::string four;
  for (int s = 0; s < 4; ++s) {
    ToolResult r = run_tool({"dedupe", "--jsonl", "--apply", d + "/four.idx", d + "/shard" + std::to_string(s) + ".jsonl"});
    ASSERT_EQ(r.status, 0) << r.err;
    four += r.out;
  }
  EXPECT_LT(count_lines(one.out), shuffled.size());  // some were removed
  EXPECT_EQ(sorted_lines(four), sorted_lines(one.out));
}

// dedupe --corpus and check --corpus take a document's id the same way (a numeric id too) and
// so agree on which copy is the duplicate.
TEST_F(DedupeCli, CheckAndDedupeAgreeOnTheDuplicate) {
  const std::string text = docs_->front().text;
  for (const std::string& ids : {std::string("7 3"), std::string("3 7"), std::string("\"b\" 12")}) {
    std::istringstream in(ids);
    std::string first, second;
    in >> first >> second;
    const std::string corpus = "{\"id\": " + first + ", \"text\": " + json_quote(text) + "}\n{\"id\": " + second +
                               ", \"text\": " + json_quote(text) + "}\n";
    const std::string file = *dir_ + "/pair.jsonl";
    write_file(file, corpus);
    ToolResult dedupe = run_tool({"dedupe", "--corpus", "--jsonl", "--report", file});
    ASSERT_EQ(dedupe.status, 0) << dedupe.err;
    std::string removed = dedupe.out.substr(0, dedupe.out.find('\t'));
    int removed_line = removed == (first[0] == '"' ? first.substr(1, first.size() - 2) : first) ? 1 : 2;
    ToolResult check = run_tool({"check", "--corpus", "--jsonl", "--select", "duplicate-document", file});
    EXPECT_EQ(check.status, 1) << check.err;
    EXPECT_NE(check.out.find(file + ":" + std::to_string(removed_line) + ":1: duplicate-document"),
              std::string::npos)
        << ids << "\n" << dedupe.out << check.out;
    EXPECT_EQ(check.out.find(file + ":" + std::to_string(3 - removed_line) + ":"), std::string::npos)
        << check.out;
  }
}

TEST_F(DedupeCli, MakefileExample) {
  const std::string d = *dir_;
  ToolResult reference = run_tool({"dedupe", "--corpus", "--jsonl", "--report", d + "/all.jsonl"});
  ASSERT_EQ(reference.status, 0) << reference.err;
  ToolResult r = run_tool({"/usr/bin/env", "make", "--no-print-directory", "-j2", "-C", source_dir() + "/examples/dedupe",
                           "WINNOW=" + tool_path(), "IN=" + d + "/shards", "OUT=" + d + "/make-out"});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_EQ(read_file(d + "/make-out/removed.tsv"), sorted_lines(reference.out));
  std::size_t kept = 0;
  for (int s = 0; s < 8; ++s) kept += count_lines(read_file(d + "/make-out/shard" + std::to_string(s) + ".jsonl"));
  EXPECT_EQ(kept + count_lines(reference.out), docs_->size());
  // A second run has nothing to do.
  r = run_tool({"/usr/bin/env", "make", "-q", "-C", source_dir() + "/examples/dedupe", "WINNOW=" + tool_path(),
                "IN=" + d + "/shards", "OUT=" + d + "/make-out"});
  EXPECT_EQ(r.status, 0) << r.out << r.err;
}

TEST_F(DedupeCli, SlurmExampleWithALocalSbatch) {
  // An sbatch that runs each job at once (array tasks in turn), which honours the job order,
  // and writes each task's output where --output says, as Slurm does (%x, %A, %a); without
  // --output it writes slurm-ID_TASK.out in the current directory, as Slurm does.
  const std::string d = *dir_;
  fs::create_directories(d + "/bin");
  fs::create_directories(d + "/cwd");
  write_file(d + "/bin/sbatch",
             "#!/bin/bash\nset -e\narray=0-0\noutput='slurm-%A_%a.out'\nid=$RANDOM\nwhile [[ $1 == --* ]]; do\n"
             "  case $1 in --array=*) array=${1#--array=} ;; --output=*) output=${1#--output=} ;; esac\n"
             "  shift\ndone\n"
             "for ((i = ${array%-*}; i <= ${array#*-}; i++)); do\n"
             "  log=${output//%x/winnow-dedupe}; log=${log//%A/$id}; log=${log//%a/$i}\n"
             "  SLURM_JOB_ID=$id SLURM_ARRAY_TASK_ID=$i bash \"$@\" > \"$log\" 2>&1\ndone\n"
             "echo $id\n");
  fs::permissions(d + "/bin/sbatch", fs::perms::owner_all);
  ToolResult r = run_tool({"/usr/bin/env", "PATH=" + d + "/bin:" + std::getenv("PATH"), "WINNOW=" + tool_path(), "bash",
                           "-c", "cd \"$0\" && bash \"$1\" \"$2\" \"$3\"", d + "/cwd",
                           source_dir() + "/examples/dedupe/slurm.sbatch", d + "/shards", d + "/slurm-out"});
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  // No job output left in the directory sbatch ran in; the outputs are the documented ones.
  EXPECT_TRUE(fs::is_empty(d + "/cwd"));
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(d + "/slurm-out")) names.insert(e.path().filename().string());
  std::set<std::string> expected = {"corpus.idx", "removed.tsv", "log"};
  for (int s = 0; s < 8; ++s) {
    for (const char* ext : {".sig", ".jsonl", ".removed"}) expected.insert("shard" + std::to_string(s) + ext);
  }
  EXPECT_EQ(names, expected);
  std::vector<std::string> sign = {"dedupe", "--jsonl", "--sign", d + "/slurm-all.sig"};
  for (int s = 0; s < 8; ++s) sign.push_back(shard(s));
  ASSERT_EQ(run_tool(sign).status, 0);
  ASSERT_EQ(run_tool({"dedupe", "--merge", d + "/slurm-all.idx", d + "/slurm-all.sig"}).status, 0);
  EXPECT_EQ(read_file(d + "/slurm-out/corpus.idx"), read_file(d + "/slurm-all.idx"));
  std::string removed;
  for (int s = 0; s < 8; ++s) removed += read_file(d + "/slurm-out/shard" + std::to_string(s) + ".removed");
  ToolResult reference = run_tool({"dedupe", "--corpus", "--jsonl", "--report", d + "/all.jsonl"});
  EXPECT_EQ(sorted_lines(removed), sorted_lines(reference.out));
  // The combined report, as the Makefile writes it.
  EXPECT_EQ(read_file(d + "/slurm-out/removed.tsv"), sorted_lines(reference.out));
}

TEST_F(DedupeCli, DamagedOrMismatchedStateFilesExitTwo) {
  const std::string d = *dir_;
  ASSERT_EQ(run_tool({"dedupe", "--jsonl", "--sign", d + "/s0.sig", shard(0)}).status, 0);
  ASSERT_EQ(run_tool({"dedupe", "--merge", d + "/s0.idx", d + "/s0.sig"}).status, 0);
  std::string bytes = read_file(d + "/s0.idx");
  write_file(d + "/short.idx", bytes.substr(0, bytes.size() - 3));
  ToolResult r = run_tool({"dedupe", "--jsonl", "--apply", d + "/short.idx", shard(0)});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err.rfind("winnow: " + d + "/short.idx: corrupt dedupe file: size ", 0), 0u) << r.err;
  EXPECT_EQ(r.out, "");
  r = run_tool({"dedupe", "--jsonl", "--apply", d + "/s0.sig", shard(0)});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: " + d + "/s0.sig: holds signatures, not an index (run winnow dedupe --merge first)\n");
  r = run_tool({"dedupe", "--merge", d + "/m.idx", d + "/s0.sig", shard(0)});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: " + shard(0) + ": not a winnow dedupe file\n");
  EXPECT_FALSE(fs::exists(d + "/m.idx"));

  ASSERT_EQ(run_tool({"dedupe", "--jsonl", "--bands", "16", "--sign", d + "/b16.sig", shard(1)}).status, 0);
  r = run_tool({"dedupe", "--merge", d + "/m.idx", d + "/s0.sig", d + "/b16.sig"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: " + d + "/b16.sig: made with bands 16, expected 14\n");
  r = run_tool({"dedupe", "--merge", d + "/m.idx", "--bands", "16", d + "/b16.sig"});
  EXPECT_EQ(r.status, 0) << r.err;
}

TEST_F(DedupeCli, DocumentsOutsideTheIndexAreKeptAndReported) {
  const std::string d = *dir_;
  ASSERT_EQ(run_tool({"dedupe", "--jsonl", "--sign", d + "/x.sig", shard(0)}).status, 0);
  ASSERT_EQ(run_tool({"dedupe", "--merge", d + "/x.idx", d + "/x.sig"}).status, 0);
  ToolResult r = run_tool({"dedupe", "--jsonl", "--apply", d + "/x.idx"}, "{\"id\": \"new\", \"text\": \"unseen\"}\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: (standard input):1: document not in the dedupe index, kept\n");
  EXPECT_EQ(r.out, "{\"id\": \"new\", \"text\": \"unseen\"}\n");
}

TEST_F(DedupeCli, UnreadableInputWritesNoSignatures) {
  const std::string d = *dir_;
  ToolResult r = run_tool({"dedupe", "--jsonl", "--sign", d + "/partial.sig", shard(0), d + "/missing.jsonl"});
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: " + d + "/missing.jsonl: No such file or directory\n");
  EXPECT_FALSE(fs::exists(d + "/partial.sig"));
}

TEST_F(DedupeCli, PlainFilesAreIdentifiedByPath) {
  const std::string d = *dir_;
  std::string text;
  for (int i = 0; i < 60; ++i) text += "word" + std::to_string(i) + " ";
  write_file(d + "/a.txt", text);
  write_file(d + "/b.txt", "  " + text + "\n");
  ToolResult r = run_tool({"dedupe", "--corpus", "--report", d + "/b.txt", d + "/a.txt"});
  EXPECT_EQ(r.status, 0) << r.err;
  // Neither has a date: the one whose path has the smaller MurmurHash3 is kept.
  EXPECT_TRUE(r.out == d + "/a.txt\t" + d + "/b.txt\t1.000\n" || r.out == d + "/b.txt\t" + d + "/a.txt\t1.000\n") << r.out;
  ToolResult swapped = run_tool({"dedupe", "--corpus", "--report", d + "/a.txt", d + "/b.txt"});
  EXPECT_EQ(swapped.out, r.out);
}

TEST_F(DedupeCli, ManPageExamplesRun) {
  // Every line between .EX and .EE of winnow-dedupe(1), in order, in a directory holding the
  // files they name, with the built winnow first on PATH.
  const std::string page = read_file(std::string(WINNOW_MAN_DIR) + "/winnow-dedupe.1");
  const std::string work = *dir_ + "/man";
  fs::create_directories(work);
  write_file(work + "/article.txt", "Title Here Now\n\nTitle here now\n\nBody.\n");
  fs::copy_file(*dir_ + "/all.jsonl", work + "/corpus.jsonl");
  fs::copy_file(shard(1), work + "/shard1.jsonl");
  std::string script = "set -e\ncd '" + work + "'\nPATH='" + fs::path(tool_path()).parent_path().string() + "':$PATH\n";
  std::vector<std::string> examples = man_examples(page);
  for (const std::string& line : examples) script += line + "\n";
  ASSERT_GE(examples.size(), 5u);
  ToolResult r = run_tool({"/bin/sh", "-c", script});
  EXPECT_EQ(r.status, 0) << script << r.err;
  EXPECT_EQ(read_file(work + "/article.dedupe.txt"), "Title Here Now\n\nBody.\n");
  EXPECT_EQ(read_file(work + "/removed.tsv"),
            run_tool({"dedupe", "--corpus", "--jsonl", "--report", work + "/corpus.jsonl"}).out);
  EXPECT_TRUE(fs::exists(work + "/shard1.kept.jsonl"));
}

TEST_F(DedupeCli, UsageErrors) {
  struct Case {
    std::vector<std::string> argv;
    std::string message;
  } cases[] = {
      {{"dedupe", "--report"}, "--report needs --corpus or --apply"},
      {{"dedupe", "--corpus"}, "--corpus reads its input twice: give FILEs, not standard input"},
      {{"dedupe", "--corpus", "--sign", "x.sig"}, "give only one of --corpus, --sign, --merge and --apply"},
      {{"dedupe", "--merge", "x.idx"}, "--merge needs signature or index FILEs"},
      {{"dedupe", "--corpus", "--explain", "f"}, "--check, --explain, --json and --stats work on blocks, not with --corpus, --sign, --merge or --apply"},
      {{"dedupe", "--threshold", "1.5"}, "--threshold: not a number in (0, 1]: '1.5'"},
      {{"dedupe", "--bands", "0"}, "--bands: not a number from 1 to 64: '0'"},
      {{"dedupe", "--apply", "x.idx", "--threshold", "0.8"}, "--threshold needs --corpus or --merge"},
      {{"dedupe", "--rows", "4"}, "--bands and --rows need --corpus, --sign or --merge"},
      {{"dedupe", "--corpus", "--jsonl", "-z", "f"}, "--jsonl and -z cannot be combined"},
      {{"dedupe", "--sign", "x.sig", "-o", "y", "f"}, "-o does not go with --sign or --merge, which name their output file"},
  };
  for (const Case& c : cases) {
    ToolResult r = run_tool(c.argv);
    EXPECT_EQ(r.status, 2) << c.message;
    EXPECT_EQ(r.err, "winnow: dedupe: " + c.message + " (see 'winnow dedupe --help')\n");
  }
}

TEST_F(DedupeCli, BlocksModeIsATextFilter) {
  ToolResult r = run_tool({"dedupe", "--check"}, "Title Of It\n\nTitle of it\n\nBody text.\n");
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "winnow: (standard input):3: repeated blocks\n");
  // Without repeats the text passes through as it is, whatever its layout.
  r = run_tool({"dedupe", "--check"}, "One line\nAnother line\n\n\n  Indented\n");
  EXPECT_EQ(r.status, 0) << r.err;
  r = run_tool({"dedupe"}, "One line\nAnother line\n\n\n  Indented\n");
  EXPECT_EQ(r.out, "One line\nAnother line\n\n\n  Indented\n");
  r = run_tool({"dedupe", "--jsonl", "--stats"}, "{\"text\": \"Title Of It\\n\\nTitle of it\", \"n\": 1}\n");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "{\"text\": \"Title Of It\\n\", \"n\": 1}\n");
  EXPECT_NE(r.err.find("winnow: stats: dedupe/duplicate 1\n"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace winnow::testing
