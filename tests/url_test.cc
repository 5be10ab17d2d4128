// resolve_url(): the examples of RFC 3986 section 5.4, and what pages give.
#include "url.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace winnow::internal {
namespace {

TEST(Url, ResolvesTheExamplesOfRfc3986) {
  const std::string base = "http://a/b/c/d;p?q";
  const std::pair<const char*, const char*> cases[] = {
      // 5.4.1 normal examples
      {"g:h", "g:h"},
      {"g", "http://a/b/c/g"},
      {"./g", "http://a/b/c/g"},
      {"g/", "http://a/b/c/g/"},
      {"/g", "http://a/g"},
      {"//g", "http://g"},
      {"?y", "http://a/b/c/d;p?y"},
      {"g?y", "http://a/b/c/g?y"},
      {"#s", "http://a/b/c/d;p?q#s"},
      {"g#s", "http://a/b/c/g#s"},
      {"g?y#s", "http://a/b/c/g?y#s"},
      {";x", "http://a/b/c/;x"},
      {"g;x", "http://a/b/c/g;x"},
      {"g;x?y#s", "http://a/b/c/g;x?y#s"},
      {"", "http://a/b/c/d;p?q"},
      {".", "http://a/b/c/"},
      {"./", "http://a/b/c/"},
      {"..", "http://a/b/"},
      {"../", "http://a/b/"},
      {"../g", "http://a/b/g"},
      {"../..", "http://a/"},
      {"../../", "http://a/"},
      {"../../g", "http://a/g"},
      // 5.4.2 abnormal examples
      {"../../../g", "http://a/g"},
      {"../../../../g", "http://a/g"},
      {"/./g", "http://a/g"},
      {"/../g", "http://a/g"},
      {"g.", "http://a/b/c/g."},
      {".g", "http://a/b/c/.g"},
      {"g..", "http://a/b/c/g.."},
      {"..g", "http://a/b/c/..g"},
      {"./../g", "http://a/b/g"},
      {"./g/.", "http://a/b/c/g/"},
      {"g/./h", "http://a/b/c/g/h"},
      {"g/../h", "http://a/b/c/h"},
      {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
      {"g;x=1/../y", "http://a/b/c/y"},
      {"g?y/./x", "http://a/b/c/g?y/./x"},
      {"g?y/../x", "http://a/b/c/g?y/../x"},
      {"g#s/./x", "http://a/b/c/g#s/./x"},
      {"g#s/../x", "http://a/b/c/g#s/../x"},
      {"http:g", "http:g"},
  };
  for (const auto& [ref, want] : cases) EXPECT_EQ(resolve_url(base, ref), want) << ref;
}

TEST(Url, LeavesLinksAloneWithoutAnAbsoluteBase) {
  EXPECT_EQ(resolve_url("", "/news/1"), "/news/1");
  EXPECT_EQ(resolve_url("/relative/page", "x"), "x");
  EXPECT_EQ(resolve_url("http://news.example/a/b", "mailto:desk@news.example"), "mailto:desk@news.example");
}

TEST(Url, ResolvesWhatPagesGive) {
  EXPECT_EQ(resolve_url("https://news.example", "story"), "https://news.example/story");
  EXPECT_EQ(resolve_url("https://news.example/2019/11/18/europa.html", "/tags/space"),
            "https://news.example/tags/space");
  EXPECT_EQ(resolve_url("https://news.example/2019/11/18/europa.html", "//cdn.example/i.png"),
            "https://cdn.example/i.png");
  EXPECT_EQ(resolve_url("https://news.example/a/b.html?page=2#c", "?page=3"), "https://news.example/a/b.html?page=3");
}

}  // namespace
}  // namespace winnow::internal
