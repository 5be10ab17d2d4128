#include "winnow/config.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "run_tool.h"

namespace winnow {
namespace {

TEST(Config, ParsesTheSubset) {
  Config c = Config::parse(
      "# comment\n"
      "top = 'literal \\n kept'\n"
      "\n"
      "[check]\r\n"
      "select = [\"mojibake\", 'boilerplate',]  # trailing comma allowed\n"
      "min-words = 30\n"
      "strict = false\n"
      "name = \"caf\\u00e9 \\\"q\\\"\"\n");
  EXPECT_EQ(std::get<std::string>(*c.get("", "top")), "literal \\n kept");
  EXPECT_EQ(std::get<std::vector<std::string>>(*c.get("check", "select")),
            (std::vector<std::string>{"mojibake", "boilerplate"}));
  EXPECT_EQ(std::get<std::int64_t>(*c.get("check", "min-words")), 30);
  EXPECT_EQ(std::get<bool>(*c.get("check", "strict")), false);
  EXPECT_EQ(std::get<std::string>(*c.get("check", "name")), "caf\xC3\xA9 \"q\"");
  EXPECT_EQ(c.line_of("check", "min-words"), 6u);
  EXPECT_EQ(c.get("check", "absent"), nullptr);
}

TEST(Config, ReadsTomlAsTomlIs) {
  // A multi-line array, a float, a dotted key and an inline comment: all valid TOML.
  Config c = Config::parse(
      "[check]\n"
      "select = [\n"
      "  \"mojibake\",  # the worst\n"
      "  \"boilerplate\",\n"
      "]\n"
      "[strip]\n"
      "keep-threshold = 0.6\n");
  EXPECT_EQ(std::get<std::vector<std::string>>(*c.get("check", "select")),
            (std::vector<std::string>{"mojibake", "boilerplate"}));
  EXPECT_EQ(c.line_of("check", "select"), 2u);
  EXPECT_DOUBLE_EQ(std::get<double>(*c.get("strip", "keep-threshold")), 0.6);
  EXPECT_THROW(Config::parse("[a]\nb.c = 1\n"), ParseError);  // tables go one level deep
}

TEST(Config, ErrorsNameTheLine) {
  struct Bad {
    const char* text;
    std::uint32_t line;
  };
  const Bad cases[] = {
      {"a = 1\nb = \"open\n", 2},      // unterminated string
      {"[check\n", 1},                 // missing ]
      {"a = 1\na = 2\n", 2},           // set twice
      {"x = [1, 2]\n", 1},             // arrays hold strings only
      {"x = yes\n", 1},                // not a value
      {"x = 1 2\n", 1},                // trailing text
      {"= 3\n", 1},                    // no key
      {"s = \"\\q\"\n", 1},            // unknown escape
  };
  for (const Bad& b : cases) {
    try {
      Config::parse(b.text);
      ADD_FAILURE() << "accepted: " << b.text;
    } catch (const ParseError& e) {
      EXPECT_EQ(e.line(), b.line) << b.text;
    }
  }
}

TEST(Config, FoundUpwardFromADirectory) {
  namespace fs = std::filesystem;
  std::string root = testing::temp_dir();
  fs::create_directories(root + "/a/b/c");
  testing::write_file(root + "/a/.winnow.toml", "[check]\n");
  EXPECT_EQ(Config::find(root + "/a/b/c"), root + "/a/.winnow.toml");
  EXPECT_EQ(Config::find(root + "/a"), root + "/a/.winnow.toml");
  EXPECT_EQ(Config::find(root), Config::find(fs::path(root).parent_path().string()));
}

}  // namespace
}  // namespace winnow
