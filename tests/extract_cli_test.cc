// Command-line contract of `winnow extract`, and `winnow clean` on HTML.
#include <gtest/gtest.h>

#include "run_tool.h"
#include "winnow/jsonl.h"

namespace winnow::testing {
namespace {

const std::string kPage =
    "<!DOCTYPE html><html lang=\"en\"><head><title>Buses</title><meta name=\"author\" content=\"Jane Doe\">"
    "</head><body><nav><a href=\"/\">Home</a></nav><article><h1>Buses</h1><p>The city council voted on Tuesday "
    "to expand the bus network, adding three new routes to the north.</p><p>Officials said the routes would "
    "start running in March, and that fares would stay the same.</p></article></body></html>";
const std::string kText =
    "Buses\n\nThe city council voted on Tuesday to expand the bus network, adding three new routes to the "
    "north.\n\nOfficials said the routes would start running in March, and that fares would stay the same.\n";

TEST(ExtractCli, ArticleTextOnStdout) {
  ToolResult r = run_tool({"extract"}, kPage);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, kText);
  EXPECT_TRUE(r.err.empty());
  r = run_tool({"extract", "--no-title"}, kPage);
  EXPECT_EQ(r.out, kText.substr(std::string("Buses\n\n").size()));
}

TEST(ExtractCli, MarkdownFromTheOptionTheSettingsAndInJsonLines) {
  const std::string markdown = "# Buses\n\n" + kText.substr(std::string("Buses\n\n").size());
  EXPECT_EQ(run_tool({"extract", "--markdown"}, kPage).out, markdown);
  EXPECT_EQ(run_tool({"clean", "--markdown"}, kPage).out, markdown);
  const std::string dir = temp_dir();
  write_file(dir + "/md.toml", "[clean]\nmarkdown = true\n");
  write_file(dir + "/page.html", kPage);
  for (const char* verb : {"extract", "clean"}) {
    EXPECT_EQ(run_tool({verb, "--config", dir + "/md.toml", dir + "/page.html"}).out, markdown) << verb;
  }
  ToolResult r = run_tool({"clean", "--markdown", "--jsonl"}, "{\"id\":1,\"text\":\"<p>1. Not a list</p>\"}\n");
  EXPECT_EQ(r.out, "{\"id\":1,\"text\":\"1\\\\. Not a list\\n\"}\n") << r.err;
}

TEST(ExtractCli, MarkdownLinksFromTheOptionAndTheSettingsNeedMarkdown) {
  const std::string page = "<html><body><article><p>Read <a href='/plan (2)'>the plan</a> and "
                           "<a href='javascript:x()'>more</a> before the meeting on Monday.</p></article></body></html>";
  const std::string linked = "Read [the plan](/plan%20%282%29) and more before the meeting on Monday.\n";
  const std::string dir = temp_dir();
  write_file(dir + "/links.toml", "[clean]\nmarkdown = true\nmarkdown-links = true\n");
  write_file(dir + "/plain.toml", "[clean]\nmarkdown-links = true\n");
  write_file(dir + "/page.html", page);
  for (const char* verb : {"extract", "clean"}) {
    EXPECT_EQ(run_tool({verb, "--no-title", "--markdown", "--markdown-links"}, page).out, linked) << verb;
    EXPECT_EQ(run_tool({verb, "--no-title", "--markdown"}, page).out,
              "Read the plan and more before the meeting on Monday.\n") << verb;
    EXPECT_EQ(run_tool({verb, "--no-title", "--config", dir + "/links.toml", dir + "/page.html"}).out, linked) << verb;
    for (const std::vector<std::string>& args : {std::vector<std::string>{verb, "--markdown-links"},
                                                  std::vector<std::string>{verb, "--config", dir + "/plain.toml"}}) {
      ToolResult r = run_tool(args, page);
      EXPECT_EQ(r.status, 2) << verb;
      EXPECT_NE(r.err.find("--markdown-links needs --markdown"), std::string::npos) << r.err;
    }
  }
  EXPECT_EQ(run_tool({"check", "--markdown-links"}, page).status, 2);
}

TEST(ExtractCli, EmptyBadAndBinaryInputGiveADefinedResult) {
  ToolResult r = run_tool({"extract"}, "");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, "");
  r = run_tool({"extract"}, "<p>unclosed <b>bold <div></span></table> text &bogus; <!--");
  EXPECT_EQ(r.status, 0);
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>((i * 7919) & 0xFF);
  // Bytes without a header, a tenth of them control bytes: binary data, refused (not read as a
  // page of mojibake), unless -a says to read them as text.
  r = run_tool({"extract"}, binary);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.err, "winnow: (standard input): binary data (control bytes), skipped\n");
  EXPECT_EQ(r.out, "");
  r = run_tool({"extract", "-a"}, binary);
  EXPECT_EQ(r.status, 0);
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(ExtractCli, NulSeparatedPagesFromFiles) {
  std::string dir = temp_dir();
  write_file(dir + "/a.html", kPage);
  write_file(dir + "/b.html", "<html><body></body></html>");  // a page without text
  ToolResult r = run_tool({"extract", "-z", dir + "/a.html", dir + "/b.html"});
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, kText + std::string("\0\0", 2));
}

TEST(ExtractCli, ToJsonlWritesOneRecordADocumentWithItsMetadata) {
  std::string dir = temp_dir();
  write_file(dir + "/a.html", kPage);
  write_file(dir + "/b.html", "<html><body></body></html>");  // no text, no metadata
  ToolResult r = run_tool({"extract", "--to-jsonl", "--no-title", dir + "/a.html", dir + "/b.html"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("{\"path\":\"" + dir + "/a.html\",\"text\":\"The city council", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(",\"title\":\"Buses\",\"byline\":\"Jane Doe\",\"lang\":\"en\",\"language\":\"en\"}\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("{\"path\":\"" + dir + "/b.html\",\"text\":\"\"}\n"), std::string::npos) << r.out;
  r = run_tool({"extract", "--to-jsonl", "--no-metadata", "--no-title", dir + "/b.html"});
  EXPECT_EQ(r.out, "{\"path\":\"" + dir + "/b.html\",\"text\":\"\"}\n");
  EXPECT_EQ(run_tool({"extract", "--to-jsonl", "--blocks"}, kPage).status, 2);
  EXPECT_EQ(run_tool({"extract", "--to-jsonl", "--jsonl"}, "{}\n").status, 2);
}

TEST(ExtractCli, JsonlRecordsGetTheMetadataTheyLack) {
  const std::string page =
      "<html lang=en><head><title>Buses</title><meta name=author content='Jane Doe'>"
      "<meta property='article:published_time' content='Mon, 19 Nov 2019 10:25:00 -0500'></head>"
      "<body><p>One paragraph of text, long enough to keep.</p></body></html>";
  const std::string record = "{\"id\":7,\"byline\":\"Desk\",\"text\":" + json_quote(page) + "}\n";
  ToolResult r = run_tool({"extract", "--jsonl", "--no-title"}, record);
  EXPECT_EQ(r.status, 0) << r.err;
  // The record keeps its own members (byline) and gains the others, the date as ISO 8601.
  EXPECT_EQ(r.out,
            "{\"id\":7,\"byline\":\"Desk\",\"text\":\"One paragraph of text, long enough to keep.\\n\", "
            "\"title\": \"Buses\", \"date\": \"2019-11-19T10:25:00-05:00\", \"lang\": \"en\", \"language\": \"en\"}\n");
  r = run_tool({"extract", "--jsonl", "--no-title", "--replace-metadata"}, record);
  EXPECT_NE(r.out.find("\"byline\":\"Jane Doe\""), std::string::npos) << r.out;
  r = run_tool({"extract", "--jsonl", "--no-title", "--no-metadata"}, record);
  EXPECT_EQ(r.out, "{\"id\":7,\"byline\":\"Desk\",\"text\":\"One paragraph of text, long enough to keep.\\n\"}\n");
}

TEST(ExtractCli, BlocksAndExplainShowDroppedBlocks) {
  ToolResult r = run_tool({"extract", "--blocks"}, kPage);
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("drop\tnav\tparagraph\t4\thtml/body/nav\tHome\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("keep\t-\tparagraph\t0\thtml/body/article/p[2]\tOfficials"), std::string::npos) << r.out;
  r = run_tool({"extract", "--explain"}, kPage);
  EXPECT_EQ(r.out, kText);
  EXPECT_NE(r.err.find("(standard input): extract: nav: Home\n"), std::string::npos) << r.err;
}

TEST(ExtractCli, CleanExtractsHtmlAndLeavesTextAlone) {
  // Strip does not re-cut the article extract chose: with or without it, clean keeps what
  // extract keeps here (the one-word headline "Buses" included), and the result is a fixed
  // point.
  ToolResult r = run_tool({"clean", "--no-strip"}, kPage);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, kText);
  r = run_tool({"clean"}, kPage);
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, kText);
  EXPECT_EQ(run_tool({"clean"}, r.out).out, r.out);
  r = run_tool({"clean", "--no-title"}, kPage);
  EXPECT_EQ(r.out, kText.substr(std::string("Buses\n\n").size()));
  r = run_tool({"clean"}, "<3 plain text, not a page\n");
  EXPECT_EQ(r.out, "<3 plain text, not a page\n");
  // An article whose text is markup is cleaned to a fixed point.
  const std::string sentence = "A paragraph long enough to be kept, about the tags of HTML and what they do.";
  for (const std::string& page : {"<p>&lt;p&gt;" + sentence + "&lt;/p&gt;</p><p>" + sentence + "</p>",
                                  "<title>&lt;div&gt; " + sentence + "</title><p>" + sentence + "</p>",
                                  "\xC2\xA0<p>" + sentence + "</p>"}) {
    ToolResult once = run_tool({"clean"}, page);
    EXPECT_EQ(once.status, 0);
    EXPECT_EQ(run_tool({"clean"}, once.out).out, once.out) << page;
  }
}

}  // namespace
}  // namespace winnow::testing
