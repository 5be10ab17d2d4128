#include "winnow/input.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "run_tool.h"
#include "warc_builder.h"

namespace winnow {
namespace {

std::vector<std::string> records(const std::string& path, Framing framing, std::size_t max = 1 << 20,
                                 int* oversized_count = nullptr) {
  Input in(path);
  std::vector<std::string> out;
  std::string rec;
  bool oversized = false;
  while (in.next(rec, framing, max, &oversized)) {
    out.push_back(rec);
    if (oversized && oversized_count) ++*oversized_count;
  }
  return out;
}

TEST(Input, Framings) {
  std::string dir = testing::temp_dir();
  testing::write_file(dir + "/a", std::string("one\0two\0", 8));
  EXPECT_EQ(records(dir + "/a", Framing::kNul), (std::vector<std::string>{"one", "two"}));
  testing::write_file(dir + "/b", "l1\n\nl3");
  EXPECT_EQ(records(dir + "/b", Framing::kLines), (std::vector<std::string>{"l1", "", "l3"}));
  testing::write_file(dir + "/c", "");
  EXPECT_EQ(records(dir + "/c", Framing::kWhole), (std::vector<std::string>{""}));
  EXPECT_TRUE(records(dir + "/c", Framing::kLines).empty());
}

TEST(Input, GzipIsTransparentAndTruncationIsAnError) {
  std::string dir = testing::temp_dir();
  std::string path = dir + "/x.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  std::string text(300000, 'a');
  gzwrite(gz, text.data(), text.size());
  gzclose(gz);
  EXPECT_EQ(records(path, Framing::kWhole), (std::vector<std::string>{text}));
  std::string bytes = testing::read_file(path);
  testing::write_file(dir + "/t.gz", bytes.substr(0, bytes.size() / 2));
  EXPECT_THROW(records(dir + "/t.gz", Framing::kWhole), IoError);
}

TEST(Input, ZstdIsTransparentFrameByFrame) {
  using testing::zstd_frame;
  std::string dir = testing::temp_dir();
  std::string text(300000, 'a');
  // Two frames and a skippable frame between them read as one stream, as zstdcat reads them.
  const std::string skippable("\x50\x2A\x4D\x18\x03\x00\x00\x00xyz", 11);
  testing::write_file(dir + "/x.zst", zstd_frame(text) + skippable + zstd_frame(std::string("b\0c", 3)));
  std::vector<std::string> recs = records(dir + "/x.zst", Framing::kNul);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_TRUE(recs[0] == text + "b") << recs[0].size();
  EXPECT_EQ(recs[1], "c");
  // Cut short: an error, not a short document.
  std::string bytes = zstd_frame(text + "tail");
  testing::write_file(dir + "/t.zst", bytes.substr(0, bytes.size() - 3));
  try {
    records(dir + "/t.zst", Framing::kWhole);
    ADD_FAILURE() << "no error";
  } catch (const IoError& e) {
    EXPECT_EQ(e.message().rfind("corrupt zstd data: ", 0), 0u) << e.message();
  }
  // Data after the last frame is noted, zero padding is not.
  for (const auto& [tail, garbage] : {std::pair<std::string, bool>{"junk", true}, {std::string(64, '\0'), false}}) {
    testing::write_file(dir + "/g.zst", zstd_frame("doc") + tail);
    Input in(dir + "/g.zst");
    std::string rec;
    bool oversized = false;
    ASSERT_TRUE(in.next(rec, Framing::kWhole, 100, &oversized));
    EXPECT_EQ(rec, "doc");
    EXPECT_FALSE(in.next(rec, Framing::kWhole, 100, &oversized));
    EXPECT_EQ(in.trailing_garbage(), garbage);
  }
}

TEST(Input, ZstdBombIsBoundedByTheRecordLimit) {
  // 64 MiB of one byte compress to a few KiB; a record keeps only its first max_bytes.
  std::string dir = testing::temp_dir();
  testing::write_file(dir + "/bomb.zst", testing::zstd_frame(std::string(64u << 20, 'x')));
  int oversized = 0;
  auto recs = records(dir + "/bomb.zst", Framing::kWhole, 1000, &oversized);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0], std::string(1000, 'x'));
  EXPECT_EQ(oversized, 1);
}

TEST(Input, OversizedRecordsAreCappedAndSkipped) {
  std::string dir = testing::temp_dir();
  testing::write_file(dir + "/big", std::string(100, 'x') + "\nsmall\n");
  int oversized = 0;
  auto recs = records(dir + "/big", Framing::kLines, 10, &oversized);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0], std::string(10, 'x'));
  EXPECT_EQ(recs[1], "small");
  EXPECT_EQ(oversized, 1);
}

TEST(Input, MissingFileNamesThePath) {
  try {
    Input in("/nonexistent/file.txt");
    FAIL();
  } catch (const IoError& e) {
    EXPECT_EQ(e.subject(), "/nonexistent/file.txt");
  }
}

TEST(Input, PeekReadAndOffset) {
  std::string dir = testing::temp_dir();
  std::string text = "line one\n" + std::string(600000, 'b') + "tail";  // longer than one buffer fill
  testing::write_file(dir + "/p", text);
  Input in(dir + "/p");
  EXPECT_EQ(in.peek(4), "line");
  EXPECT_EQ(in.peek(4), "line");  // peeking consumes nothing
  std::string rec;
  bool oversized = false;
  ASSERT_TRUE(in.next(rec, Framing::kLines, 100, &oversized));
  EXPECT_EQ(rec, "line one");
  std::string block = "kept:";
  EXPECT_EQ(in.read(block, 600000, 10), 600000u);  // consumed in full, stored up to the cap
  EXPECT_EQ(block, "kept:bbbbb");
  EXPECT_EQ(in.peek(100), "tail");  // fewer bytes at the end of the input
  EXPECT_EQ(in.read(block, 100, 100), 4u);
  EXPECT_EQ(block, "kept:bbbbbtail");
  EXPECT_EQ(in.offset(), text.size());
}

}  // namespace
}  // namespace winnow
