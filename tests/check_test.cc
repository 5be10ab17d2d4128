#include "winnow/check.h"

#include <gtest/gtest.h>

namespace winnow {
namespace {

bool has(const std::vector<Finding>& f, const std::string& category, std::uint32_t line = 0) {
  for (const Finding& x : f) {
    if (x.category == category && (line == 0 || x.line == line)) return true;
  }
  return false;
}

const char kClean[] =
    "The council voted on Tuesday to extend the library's opening hours through the winter,\n"
    "after months of debate about staffing and the cost of heating the old building.\n";

TEST(Check, CleanTextHasNoFindings) {
  std::string text = clean(kClean);
  EXPECT_TRUE(check_document(text, {}).empty());
}

TEST(Check, NonCanonicalTextIsReportedOnceAtItsLine) {
  std::string text = std::string(kClean) + "\nA second  paragraph with a double space in it, which norm collapses.\n";
  auto findings = check_document(text, {});
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].category, "noncanonical");
  EXPECT_EQ(findings[0].line, 1u);  // the wrapped first paragraph is the first difference
}

TEST(Check, LegacyEncodingAndNearEmpty) {
  auto findings = check_document("Caf\xE9 cr\xE8me br\xFBl\xE9" "e.\n", {});
  EXPECT_TRUE(has(findings, "encoding"));
  EXPECT_TRUE(has(findings, "near-empty", 1));
}

TEST(Check, AgreesWithClean) {
  // Whatever clean changes, check reports; on clean's output only document-level findings remain.
  const std::string inputs[] = {
      kClean, "a\xC2\xA0" "b\n", "x\xFFy", "Title\n\nTitle\n", std::string(kClean) + "\xE2\x80\x8B",
      "  lead\n\n\n\ntrail  ", "\xEF\xBB\xBFwith bom\r\n",
  };
  for (const std::string& in : inputs) {
    std::string out = clean(in);
    if (out != in) {
      EXPECT_FALSE(check_document(in, {}).empty()) << in;
    }
    for (const Finding& f : check_document(out, {})) {
      EXPECT_EQ(f.category, "near-empty") << in << ": " << f.message;
    }
  }
}

TEST(Check, CategoriesComeFromTheTable) {
  EXPECT_EQ(category_of("strip", "newsletter"), "boilerplate");
  EXPECT_EQ(category_of("fix", "mojibake-windows-1252"), "mojibake");
  EXPECT_EQ(category_of("norm", "format-char"), "noncanonical");
  EXPECT_EQ(category_of("nosuchstage", "x"), "other");
  const auto& all = check_categories();
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  EXPECT_NE(std::find(all.begin(), all.end(), "near-empty"), all.end());
}

}  // namespace
}  // namespace winnow
