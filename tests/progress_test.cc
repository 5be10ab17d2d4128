#include "progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

namespace winnow::tools {
namespace {

TEST(Progress, Text) {
  // Total known: bar, share, rate and time left (30 MB of 100 MB at 10 MB/s: 7 s to go).
  EXPECT_EQ(format_progress(1234, 30'000'000, 100'000'000, 3.0),
            "[======>             ]  30% 1234 docs, 30.0 MB, 10.0 MB/s, ETA 0:07");
  EXPECT_EQ(format_progress(5, 100'000'000, 100'000'000, 4.0),
            "[====================] 100% 5 docs, 100.0 MB, 25.0 MB/s, ETA 0:00");
  // Total unknown (standard input): no bar, no ETA.
  EXPECT_EQ(format_progress(7, 2'500'000, 0, 2.0), "7 docs, 2.5 MB, 1.2 MB/s");
  // Hours.
  EXPECT_EQ(format_progress(1, 1'000'000, 4'601'000'000, 1.0),
            "[>                   ]   0% 1 docs, 1.0 MB, 1.0 MB/s, ETA 1:16:40");
}

// Draws through a fake clock into a memory stream.
struct Screen {
  char* buf = nullptr;
  std::size_t size = 0;
  std::FILE* f = open_memstream(&buf, &size);
  double now = 100;
  ~Screen() {
    std::fclose(f);
    std::free(buf);
  }
  std::string text() {
    std::fflush(f);
    return std::string(buf, size);
  }
};

TEST(Progress, DrawsOnlyAfterASecondAndAtMostTenTimesASecond) {
  Screen s;
  {
    Progress p(s.f, true, 0, [&] { return s.now; });
    s.now = 100.9;
    p.update(1, 1'000'000);
    EXPECT_EQ(s.text(), "");  // runs shorter than a second never see it
    s.now = 101.0;
    p.update(2, 2'000'000);
    EXPECT_EQ(s.text(), "\r\033[K2 docs, 2.0 MB, 2.0 MB/s");
    s.now = 101.05;
    p.update(3, 3'000'000);
    EXPECT_EQ(s.text(), "\r\033[K2 docs, 2.0 MB, 2.0 MB/s");  // too soon to redraw
    p.clear();
    EXPECT_EQ(s.text(), "\r\033[K2 docs, 2.0 MB, 2.0 MB/s\r\033[K");
    p.clear();  // nothing drawn: nothing to erase
    s.now = 101.2;
    p.update(4, 4'000'000);
  }
  // The destructor erases what is drawn.
  EXPECT_EQ(s.text(), "\r\033[K2 docs, 2.0 MB, 2.0 MB/s\r\033[K\r\033[K4 docs, 4.0 MB, 3.3 MB/s\r\033[K");
}

TEST(Progress, DisabledDrawsNothing) {
  Screen s;
  {
    Progress p(s.f, false, 100, [&] { return s.now; });
    s.now = 200;
    p.update(1, 50);
    p.clear();
  }
  EXPECT_EQ(s.text(), "");
}

}  // namespace
}  // namespace winnow::tools
