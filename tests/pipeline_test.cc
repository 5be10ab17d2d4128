// clean() as one document flow: markup behind a preamble, an extracted article kept whole,
// one render, a fixed point, every change accounted for.
#include "winnow/pipeline.h"

#include <gtest/gtest.h>

#include <string>

#include "winnow/extract.h"

namespace winnow {
namespace {

const std::string kSentence1 =
    "The city council voted on Tuesday to expand the bus network, adding three new routes that will connect the "
    "northern suburbs with the hospital district.";
const std::string kSentence2 =
    "Officials said the new routes would start running in March, after drivers have been hired and trained, and "
    "that fares would stay the same for two years.";

const std::string kPage = "<!DOCTYPE html><html><head><title>Buses expand | Courier</title></head><body>"
                          "<nav><a href=/>Home</a> <a href=/n>News</a></nav><article><h1>Buses expand</h1><p>" +
                          kSentence1 +
                          "</p><p>The plan includes:</p><ul><li>three new routes</li><li>a ticket office</li></ul>"
                          "<table><tr><th>Route</th><th>Start</th></tr><tr><td>North</td><td>Spring</td></tr></table>"
                          "<p>Follow us on Twitter</p><p>" +
                          kSentence2 + "</p></article><footer>Contact us</footer></body></html>";

TEST(Clean, KeepsWhatExtractChoseButBoilerplatePhrases) {
  Report report(true);
  std::string out = clean(kPage, {}, &report);
  std::string extracted = render(extract(kPage));
  EXPECT_NE(extracted.find("Follow us on Twitter"), std::string::npos);
  EXPECT_EQ(out, "Buses expand\n\n" + kSentence1 +
                     "\n\nThe plan includes:\n\nthree new routes\n\na ticket office\n\nRoute | Start\nNorth | Spring\n\n" +
                     kSentence2 + "\n");
  EXPECT_EQ(report.counts().at("strip/share"), 1u);
  CleanOptions no_title;
  no_title.extract.title = false;
  EXPECT_EQ(clean(kPage, no_title), out.substr(std::string("Buses expand\n\n").size()));
}

TEST(Clean, FindsThePageBehindAPreamble) {
  const std::string out = clean(kPage);
  for (const std::string& preamble : {std::string("<text id=\"http://example.com/buses\">\n"),
                                      std::string("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"),
                                      std::string("\n\n<!-- saved page -->\n")}) {
    EXPECT_EQ(clean(preamble + kPage + (preamble[0] == '<' && preamble[1] == 't' ? "\n</text>" : "")), out)
        << preamble;
  }
}

TEST(Clean, OutputIsAFixedPoint) {
  for (const std::string& in :
       {kPage, "Home | News\n\n" + kSentence1 + "\n\nShare this article\n\n" + kSentence2 + "\n\nCopyright 2019 Courier\n",
        std::string("Whose woods these are I think I know.\nHis house is in the village though.\n"),
        "<p>&lt;p&gt;" + kSentence1 + "&lt;/p&gt;</p>"}) {
    std::string once = clean(in);
    EXPECT_EQ(clean(once), once) << in;
  }
}

TEST(Clean, ParagraphSplitIsReported) {
  // The only paragraph left has several lines: it is written one paragraph a line, as the
  // output reads back, and that is counted.
  Report report(true);
  std::string out = clean("<html><body><pre>" + kSentence1 + "\n" + kSentence2 + "</pre></body></html>", {}, &report);
  EXPECT_EQ(out, kSentence1 + "\n\n" + kSentence2 + "\n");
  EXPECT_EQ(report.counts().at("norm/paragraph-split"), 1u);
}

TEST(Clean, KeepsOnlyTheLanguagesAsked) {
  CleanOptions english;
  english.languages = {"en"};
  Report report(true);
  EXPECT_EQ(clean(kPage, english, &report), clean(kPage));
  EXPECT_EQ(report.counts().count("clean/language"), 0u);
  CleanOptions german;
  german.languages = {"de", "fr"};
  EXPECT_EQ(clean(kPage, german, &report), "");
  EXPECT_EQ(report.counts().at("clean/language"), 1u);
  EXPECT_EQ(report.changes().back().detail, "en");  // the language found, for --explain
}

}  // namespace
}  // namespace winnow
