// Telling markup from text, behind the preambles pages come with.
#include "winnow/markup.h"

#include <gtest/gtest.h>

#include <string>

namespace winnow {
namespace {

TEST(LooksLikeHtml, Table) {
  struct Case {
    const char* text;
    bool html;
  } cases[] = {
      {"<!DOCTYPE html><html><body>x</body></html>", true},
      {"<!doctype HTML>", true},
      {"\xEF\xBB\xBF  <!-- generated -->\n<html lang=en>", true},  // UTF-8 BOM, comment
      {"<?xml version=\"1.0\"?><html>", true},
      {"<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><a>\xB1</a>", true},  // any XML
      {"<HTML>", true},
      {"<p>Hello</p>", true},
      {"<div class=a>", true},
      {"<body/>", true},
      {"<html", true},  // truncated: still a start tag
      {"", false},
      {"Hello <b>world</b>", false},
      {"<3 you", false},
      {"<divine comedy>", false},  // not a tag name of the list, and text follows
      {"<divine comedy> is a poem", false},
      {"<!-- never closed <html>", false},
      {"plain text\n\nwith paragraphs\n", false},
      {"a < b and <html is mentioned", false},
      // Preambles: a corpus's wrapper tag, an HTTP header, blank lines and comments.
      {"<text id=\"http://example.com/a\">\n<!DOCTYPE html>\n<html>", true},
      {"<doc url=\"x\"><page>\n\n<html><body>", true},
      {"<text id=\"x\">\nJust words after a wrapper.\n</text>", false},
      {"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<!doctype html><p>x", true},
      {"HTTP/1.0 200 OK\nServer: x\n\n\n<html>", true},
      {"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nplain words", false},
      {"\n\n   \n<!-- a --><!-- b -->\n<body>", true},
  };
  for (const Case& c : cases) EXPECT_EQ(looks_like_html(c.text), c.html) << c.text;
}

TEST(MarkupStart, SkipsThePreambleOnly) {
  std::string page = "<text id=\"u\">\n<!-- c -->\n<!DOCTYPE html><p>x</p>";
  EXPECT_EQ(page.substr(markup_start(page), 9), "<!DOCTYPE");
  EXPECT_EQ(markup_start("plain"), 0u);
  // At most eight wrapper tags are skipped: a ninth is taken as the start of the markup.
  std::string deep;
  for (int i = 0; i < 9; ++i) deep += "<w" + std::to_string(i) + ">";
  deep += "<html>";
  EXPECT_EQ(deep.substr(markup_start(deep), 4), "<w8>");
  EXPECT_FALSE(looks_like_html(deep));
}

}  // namespace
}  // namespace winnow
