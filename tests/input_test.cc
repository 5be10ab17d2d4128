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

}  // namespace
}  // namespace winnow
