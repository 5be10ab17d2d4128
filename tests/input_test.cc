#include "winnow/input.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "run_tool.h"

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
