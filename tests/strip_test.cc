// Tests of winnow/strip.h and winnow/site_model.h: line features, scores, smoothing, whole
// documents, idempotence, and the site model's learning, file format and merging.
#include "winnow/strip.h"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

#include "winnow/site_model.h"
#include "winnow/utf8.h"

namespace winnow {
namespace {

const char kProse[] =
    "The governor of the province said on Thursday that the talks would go on for as long as "
    "they were needed, and that he expected an answer from the capital before the end of the month.";
const char kProse2[] =
    "Officials in the region have been trying for years to bring the two sides to the table, but "
    "every round of talks so far has ended without an agreement that either of them could accept.";
const char kProse3[] =
    "Several groups are active in the area, which borders three countries, and the authorities "
    "say that they have not been able to stop the movement of fighters and weapons across it.";

TEST(StripFeatures, Table) {
  struct Case {
    const char* line;
    const char* lang;
    std::uint32_t words, stopwords;
    bool sentence_end, link, date, byline, cut_off;
    std::uint32_t separators;
  };
  const Case cases[] = {
      {"The cat sat on the mat.", "en", 6, 3, true, false, false, false, false, 0},
      // Closing quotation mark (U+201D) after the full stop.
      {"He said \xE2\x80\x9Cno.\xE2\x80\x9D", "en", 3, 3, true, false, false, false, false, 0},
      {"Home | News | World", "en", 3, 0, false, false, false, false, false, 2},
      {"Home \xC2\xBB World \xC2\xBB Asia", "en", 3, 0, false, false, false, false, false, 2},  // U+00BB
      {"Nov. 19, 2019, 8:41 AM UTC", "en", 7, 0, false, false, true, false, false, 0},
      {"Fri Sep 30 2022, 02:32 AM", "en", 7, 0, false, false, true, false, false, 0},
      {"By Phil Helsel", "en", 3, 1, false, false, false, true, false, 0},
      {"www.example.com\tinfo@example.com", "en", 6, 0, false, true, false, false, false, 1},
      {"Islam and Politics ( 22 Jun 2015, NewAgeIslam.Com)", "en", 8, 1, false, true, false, false, false, 0},
      {"Follow @someone for more", "en", 4, 2, false, true, false, false, false, 0},
      {"A soldier directs his rocket launcher at a base in the south, ...", "en", 12, 6, true, false, false, false,
       true, 0},
      // Chinese: each Han character is a token; 的 and 是 are stopwords.
      {"\xE8\xBF\x99\xE6\x98\xAF\xE6\x88\x91\xE7\x9A\x84\xE4\xB9\xA6\xE3\x80\x82", "zh", 5, 4, true, false, false,
       false, false, 0},
      // Russian: "и" and "в" are stopwords.
      {"\xD0\x9C\xD0\xB8\xD1\x80 \xD0\xB8 \xD0\xB2\xD0\xBE\xD0\xB9\xD0\xBD\xD0\xB0", "ru", 3, 1, false, false, false,
       false, false, 0},
  };
  for (const Case& c : cases) {
    LineFeatures f = line_features(c.line, c.lang);
    EXPECT_EQ(f.words, c.words) << c.line;
    EXPECT_EQ(f.stopwords, c.stopwords) << c.line;
    EXPECT_EQ(f.sentence_end, c.sentence_end) << c.line;
    EXPECT_EQ(f.link, c.link) << c.line;
    EXPECT_EQ(f.date, c.date) << c.line;
    EXPECT_EQ(f.byline, c.byline) << c.line;
    EXPECT_EQ(f.cut_off, c.cut_off) << c.line;
    EXPECT_EQ(f.separators, c.separators) << c.line;
  }
}

TEST(StripFeatures, PhrasesCoverAndKind) {
  struct Case {
    const char* line;
    double min_cover;
    const char* kind;
    bool label;
  };
  const Case cases[] = {
      {"Get The Beast In Your Inbox!", 0.5, "subscribe", false},
      {"leave a reply:", 1.0, "comment", false},
      {"Comment | Comment", 1.0, "comment", false},
      {"Share this article", 1.0, "share", false},
      {"Tags: Taliban, Russia", 0.3, "navigation", true},
      {"20 Responses to Why Lazy", 0.5, "comment", true},  // '#' in a phrase is any number
      {"7 Responses", 1.0, "comment", false},
      {"Lire la suite", 1.0, "readmore", false},             // French
      {"Alle Rechte vorbehalten", 1.0, "copyright", false},  // German
      {"\xD0\xA7\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB9\xD1\x82\xD0\xB5 \xD1\x82\xD0\xB0\xD0\xBA\xD0\xB6\xD0\xB5", 1.0,
       "readmore", false},                                        // Russian "Читайте также"
      {"\xE5\xB9\xBF\xE5\x91\x8A", 1.0, "advertisement", false},  // Chinese 广告
      {"\xD8\xAC\xD9\x85\xD9\x8A\xD8\xB9 \xD8\xA7\xD9\x84\xD8\xAD\xD9\x82\xD9\x88\xD9\x82 "
       "\xD9\x85\xD8\xAD\xD9\x81\xD9\x88\xD8\xB8\xD8\xA9",
       1.0, "copyright", false},  // Arabic
  };
  for (const Case& c : cases) {
    LineFeatures f = line_features(c.line, "en");
    EXPECT_GE(f.phrase_cover, c.min_cover) << c.line;
    EXPECT_EQ(f.phrase_kind, c.kind) << c.line;
    EXPECT_EQ(f.label, c.label) << c.line;
  }
  // '#' stands for a number only: a word there is no match.
  EXPECT_EQ(line_features("Many responses to the plan", "en").label, false);
  // A word of a phrase inside running prose covers little.
  LineFeatures prose = line_features("Investors will share the cost of the new plant with the city, he said.", "en");
  EXPECT_LT(prose.phrase_cover, 0.2);
  // "Home" alone is navigation; inside a sentence it is not a phrase (anchored ^home$).
  EXPECT_EQ(line_features("Home", "en").phrase_cover, 1.0);
  EXPECT_EQ(line_features("She went home", "en").phrase_cover, 0.0);
}

TEST(Strip, DetectsTheLanguageForStopwordShares) {
  // French prose scores as prose only with the French stopwords.
  const char fr[] =
      "Le gouvernement a dit que les discussions sont dans une impasse et que la paix est encore loin, "
      "selon le ministre qui a parl\xC3\xA9 devant les d\xC3\xA9put\xC3\xA9s mardi.";
  LineFeatures as_fr = line_features(fr, "fr");
  LineFeatures as_en = line_features(fr, "en");
  EXPECT_GT(as_fr.stopwords, 8u);
  EXPECT_LE(as_en.stopwords, 2u);
  EXPECT_GT(content_score(as_fr, 0, true, nullptr), content_score(as_en, 0, true, nullptr));
  std::string page = std::string("Accueil\nMonde\n\n") + fr + "\n\n" + fr + " Encore.\n\nPartager\n";
  EXPECT_EQ(strip(page), std::string(fr) + "\n\n" + fr + " Encore.\n");
}

TEST(StripScore, JunkHasReasonProseScoresHigh) {
  std::string_view reason;
  double prose = content_score(line_features(kProse, "en"), 0, true, &reason);
  EXPECT_TRUE(reason.empty());
  EXPECT_GT(prose, 0.8);
  double nav = content_score(line_features("Home | News | World", "en"), 0, true, &reason);
  EXPECT_EQ(reason, "navigation");
  EXPECT_LT(nav, 0.2);
  content_score(line_features("By Phil Helsel", "en"), 0, true, &reason);
  EXPECT_EQ(reason, "byline");
  // A short subheading is weak but not junk.
  double heading = content_score(line_features("Kunduz remains a hot spot", "en"), 0, true, &reason);
  EXPECT_TRUE(reason.empty());
  EXPECT_LT(heading, 0.5);
  EXPECT_GT(heading, 0.2);
}

TEST(StripSmoothing, ArticleSpanIsTheBestRun) {
  // menu menu prose junk prose prose menu
  std::vector<double> scores = {0.2, 0.2, 0.9, 0.1, 0.9, 0.9, 0.2};
  std::vector<std::uint32_t> weights = {10, 10, 300, 20, 300, 300, 10};
  Span s = article_span(scores, weights, 0.5);
  EXPECT_EQ(s.first, 2u);
  EXPECT_EQ(s.last, 6u);
  EXPECT_GT(s.sum, 0);
  // A long run of junk between two pieces of prose splits them; the larger one wins.
  std::vector<double> split_scores = {0.9, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.9, 0.9};
  std::vector<std::uint32_t> split_weights = {100, 60, 60, 60, 60, 60, 60, 300, 300};
  Span t = article_span(split_scores, split_weights, 0.5);
  EXPECT_EQ(t.first, 7u);
  EXPECT_EQ(t.last, 9u);
  // Nothing above the threshold: no article.
  Span none = article_span({0.1, 0.2}, {50, 50}, 0.5);
  EXPECT_EQ(none.first, none.last);
}

std::string article(const std::string& inside) {
  return std::string("Talks Go On In The Province\n\nHome\nNews\nWorld\nSport\n\n") + kProse + "\n\n" + inside +
         "\n\n" + kProse2 + "\n\n" + kProse3 +
         "\n\nShare this article\nFacebook\nTwitter\n\nCopyright 2019 Example News\n";
}

TEST(Strip, KeepsHeadlineAndArticleDropsMenusAndFooters) {
  Report report(true);
  std::string out = strip(article("Kunduz remains a hot spot"), {}, &report);
  EXPECT_EQ(out, std::string("Talks Go On In The Province\n\n") + kProse + "\n\nKunduz remains a hot spot\n\n" +
                     kProse2 + "\n\n" + kProse3 + "\n");
  ASSERT_FALSE(report.changes().empty());
  EXPECT_EQ(report.changes().front().stage, "strip");
  EXPECT_EQ(report.changes().front().line, 3u);
  EXPECT_GT(report.counts().at("strip/tail"), 0u);
}

TEST(Strip, ShortJunkInsideTheArticleIsCutShortContentKept) {
  std::string out = strip(article("Advertisement"));
  EXPECT_EQ(out.find("Advertisement"), std::string::npos);
  out = strip(article("\xE2\x80\x9CWe will not give up.\xE2\x80\x9D"));  // a one-line quote
  EXPECT_NE(out.find("We will not give up."), std::string::npos);
}

TEST(Strip, ParagraphOfIndependentLinesIsClassifiedLineWise) {
  // The newsletter box of seed 000: one paragraph of four lines inside the article.
  std::string box =
      "Get The Beast In Your Inbox!\nBy clicking \"Subscribe,\" you agree to have read the Terms of Use and Privacy "
      "Policy\nThank You!\nYou are now subscribed to the Daily Digest and Cheat Sheet. We will not share your email "
      "with anyone for any reason";
  std::string out = strip(article(box));
  EXPECT_EQ(out.find("Inbox"), std::string::npos) << out;
  EXPECT_EQ(out.find("subscribed"), std::string::npos) << out;
  EXPECT_NE(out.find(kProse2), std::string::npos);
  // A block whose lines get different verdicts is cut into runs, keeping line numbers.
  Document doc = split(std::string(kProse) + "\n" + kProse2 + "\nShare\nFacebook\n\n" + kProse3 + "\n");
  strip(doc);
  ASSERT_GE(doc.blocks.size(), 3u);
  EXPECT_TRUE(doc.blocks[0].kept());
  EXPECT_EQ(doc.blocks[0].first_line, 1u);
  EXPECT_EQ(doc.blocks[0].last_line, 2u);
  EXPECT_FALSE(doc.blocks[1].kept());
  EXPECT_EQ(doc.blocks[1].first_line, 3u);
  EXPECT_EQ(doc.blocks[1].last_line, 4u);
  EXPECT_EQ(doc.blocks[1].reason, "share");
}

TEST(Strip, CleanTextIsReturnedUnchanged) {
  std::string clean = std::string(kProse) + "\n\n\n" + kProse2 + "\n";
  EXPECT_EQ(strip(clean), clean);
}

TEST(Strip, ThresholdTradesRecallForPrecision) {
  std::string doc = article("Kunduz remains a hot spot");
  StripOptions strict;
  strict.keep_threshold = 0.9;
  StripOptions lax;
  lax.keep_threshold = 0.3;
  EXPECT_LE(strip(doc, strict).size(), strip(doc).size());
  EXPECT_GE(strip(doc, lax).size(), strip(doc).size());
}

TEST(Strip, ExtractedArticleKeepsListsTablesAndEmbeds) {
  // What extract chose is not cut at a list, a table or a short line: only boilerplate by its
  // phrases goes, and junk at the edges.
  std::string text = std::string("Council Expands Bus Network\n\n") + kProse +
                     "\n\nThe plan includes:\n\nthree new routes\n\na ticket office\n\n"
                     "Route | Stops | Start\n1 | 12 | March\n2 | 9 | April\n\n" +
                     kProse2 + "\n\nShare this article\n\n\u2014 Jane Doe (@janedoe) November 18, 2019\n\n" + kProse3 +
                     "\n\nwww.example.com\n";
  Document doc = split(text);
  StripOptions extracted;
  extracted.extracted = true;
  strip(doc, extracted);
  std::string out = render(doc);
  for (const char* kept : {"The plan includes:", "three new routes", "a ticket office", "1 | 12 | March", "(@janedoe)"}) {
    EXPECT_NE(out.find(kept), std::string::npos) << kept << "\n" << out;
  }
  EXPECT_EQ(out.find("Share this article"), std::string::npos) << out;
  EXPECT_EQ(out.find("www.example.com"), std::string::npos) << out;  // junk at the end
  // As text, the same lines are a page dump: the list and the table are cut.
  std::string as_text = strip(text);
  EXPECT_EQ(as_text.find("a ticket office"), std::string::npos) << as_text;
  // Either output is an article: stripping it again as text keeps it whole.
  EXPECT_EQ(strip(out), out);
  EXPECT_EQ(strip(as_text), as_text);
}

TEST(Strip, TextWithoutJunkIsKeptWhole) {
  std::string article = std::string("Council Expands Bus Network\n\n") + kProse +
                        "\n\nThe plan includes:\n\nthree new routes\n\na ticket office\n\n" + kProse2 + "\n";
  EXPECT_EQ(strip(article), article);
  // One line of boilerplate by its phrases makes it a page dump again, cut as one.
  std::string dump = strip("Subscribe to our newsletter\n\n" + article);
  EXPECT_EQ(dump.find("Subscribe"), std::string::npos) << dump;
  EXPECT_EQ(dump.find("a ticket office"), std::string::npos) << dump;
}

TEST(Strip, TableRowsAreNotMenus) {
  LineFeatures row = line_features("Ann | Reds | Leeds", "en");
  std::string_view reason;
  content_score(row, 0, false, &reason);
  EXPECT_EQ(reason, "navigation");  // alone, a row of separators reads as a menu ...
  const std::string table = "Name | Team | Town\nAnn | Reds | Leeds\nBob | Blues | York";
  for (bool extracted : {true, false}) {
    Document doc = split(std::string(kProse) + "\n\n" + table + "\n\n" + kProse2 + "\n\n" + kProse3 + "\n");
    StripOptions options;
    options.extracted = extracted;
    Report report(true);
    strip(doc, options, &report);
    for (const Change& c : report.changes()) EXPECT_NE(c.kind, "navigation") << c.detail;  // ... rows of a table do not
  }
}

TEST(Strip, TableOfFiguresInsideTheArticleIsKept) {
  // Rows of numbers beside names look like time stamps one by one; three or more are a table.
  std::string table = "Pos Driver Points Wins\n1 Kyle Busch 5040 5\n2 Martin Truex 5035 7\n3 Kevin Harvick 5033 4";
  std::string out = strip(article(table));
  EXPECT_NE(out.find("2 Martin Truex 5035 7"), std::string::npos) << out;
  EXPECT_EQ(out.find("Facebook"), std::string::npos) << out;
}

TEST(Strip, ListItemsWithBulletsInsideTheArticleAreKept) {
  std::string list = "- ribbon\n- white glue\n- an inflated balloon\n- water";
  std::string out = strip(article(list));
  EXPECT_NE(out.find("- white glue"), std::string::npos) << out;
  // The list does not end the article: the paragraph above it is kept.
  EXPECT_NE(out.find(kProse), std::string::npos) << out;
}

TEST(Strip, EmbeddedPostDoesNotEndTheArticle) {
  // A tweet quoted in the article: its text with a short link, then its credit line.
  std::string tweet =
      "Interesting to see the talks go on. https://t.co/abc123\n"
      "\xE2\x80\x94 Some Reporter (@somereporter) November 18, 2019";
  std::string out = strip(article(tweet));
  EXPECT_NE(out.find("(@somereporter)"), std::string::npos) << out;
  EXPECT_NE(out.find(kProse2), std::string::npos) << out;
  EXPECT_NE(out.find(kProse), std::string::npos) << out;
}

TEST(Strip, LastParagraphCutByAPaywallIsKept) {
  std::string cut =
      "The minister is expected to present the plan to parliament next week, and officials said that "
      "the first measures could take effect as early as...";
  std::string page = std::string("Talks Go On In The Province\n\nHome\nNews\nWorld\nSport\n\n") + kProse +
                     "\n\n" + kProse2 + "\n\n" + kProse3 + "\n\n" + cut +
                     "\n\nSubscribe to read more\nShare this article\nFacebook\n";
  std::string out = strip(page);
  EXPECT_NE(out.find("as early as..."), std::string::npos) << out;
  EXPECT_EQ(out.find("Subscribe"), std::string::npos) << out;
}

TEST(Strip, ArticleStopsAtACommentThreadAndExplainNamesIt) {
  std::string page = std::string("Talks Go On In The Province\n\nHome\nNews\nWorld\n\n") + kProse + "\n\n" +
                     kProse2 + "\n\n" + kProse3 + "\n\n3 Comments\n\n";
  const char* const names[] = {"Mary", "Tim", "Ann", "Joe", "Sam"};
  for (int i = 0; i < 5; ++i) {
    page += std::string(names[i]) + "\nJuly " + std::to_string(20 + i) +
            ", 2012 at 9:" + std::to_string(10 + i) +
            " am\nI have been following these talks for years and I do not think that anyone in the capital "
            "has any intention of giving the province what it asks for, whatever the governor says.\nReply\n\n";
  }
  Report report(true);
  std::string out = strip(page, {}, &report);
  EXPECT_NE(out.find(kProse3), std::string::npos) << out;
  EXPECT_EQ(out.find("I have been following"), std::string::npos) << out;
  EXPECT_GT(report.counts().count("strip/feed"), 0u);
}

TEST(Strip, ExtractedArticleKeepsItsShape) {
  // Contract of StripOptions::extracted: only phrase-level boilerplate goes, never a short
  // line, a list, a time stamp or a line after a comment prompt.
  std::string text = std::string("Talks Go On\n\nNov. 19, 2019\n\n") + kProse + "\n\nKabul\nKunduz\nHerat\n\n" +
                     kProse2 + "\n\nShare this article\n";
  StripOptions options;
  options.extracted = true;
  std::string out = strip(text, options);
  EXPECT_EQ(out, std::string("Talks Go On\n\nNov. 19, 2019\n\n") + kProse + "\n\nKabul\nKunduz\nHerat\n\n" +
                     kProse2 + "\n");
  // And a text without phrase-level boilerplate is an article: kept whole.
  std::string plain = std::string("Nov. 19, 2019\n\n") + kProse + "\n\nKabul\nKunduz\nHerat\n";
  EXPECT_EQ(strip(plain), plain);
}

// Random documents from pieces of prose and junk, in random paragraph layouts.
std::string random_page(std::uint32_t& seed, int pieces) {
  static const char* const kPieces[] = {kProse,
                                        kProse2,
                                        kProse3,
                                        "Home",
                                        "News | World | Sport",
                                        "Share",
                                        "Subscribe to our newsletter",
                                        "By John Smith",
                                        "Nov. 19, 2019",
                                        "Kunduz remains a hot spot",
                                        "Related articles",
                                        "\xC2\xA9 2019 Example",
                                        "Read more...",
                                        "Comments",
                                        "www.example.com",
                                        "\xE5\xB9\xBF\xE5\x91\x8A",
                                        "Talks Go On In The Province",
                                        "\xD0\x9C\xD0\xB8\xD1\x80",
                                        "   ",
                                        "\t"};
  static const char* const kBreaks[] = {"\n", "\n\n", "\n", "\r\n", "\n\n\n"};
  std::string s;
  for (int i = 0; i < pieces; ++i) {
    seed = seed * 1664525u + 1013904223u;
    s += kPieces[(seed >> 8) % (sizeof kPieces / sizeof *kPieces)];
    s += kBreaks[(seed >> 20) % (sizeof kBreaks / sizeof *kBreaks)];
  }
  return s;
}

TEST(Strip, PropertyIdempotentAndValidOnRandomPages) {
  std::uint32_t seed = 7;
  for (int round = 0; round < 2000; ++round) {
    std::string in = random_page(seed, round % 40);
    std::string once = strip(in);
    ASSERT_TRUE(utf8::valid(once));
    ASSERT_EQ(strip(once), once) << ::testing::PrintToString(in);
  }
}

// Clean's selection round ends when dedupe and resplit change nothing after strip, which is
// right only if strip run again on its own result keeps every block it kept, as a page dump
// and as an extracted article.
TEST(Strip, PropertyIdempotentOnItsOwnBlocks) {
  std::uint32_t seed = 11;
  auto kept = [](const Document& doc) {
    std::vector<std::string> texts;
    for (const Block& b : doc.blocks) {
      if (b.kept()) texts.push_back(b.text);
    }
    return texts;
  };
  for (int round = 0; round < 2000; ++round) {
    std::string in = random_page(seed, round % 40);
    for (bool extracted : {false, true}) {
      StripOptions options;
      options.extracted = extracted;
      Document doc = split(in, SplitMode::kParagraphs);
      strip(doc, options);
      const std::vector<std::string> once = kept(doc);
      strip(doc, options);
      ASSERT_EQ(kept(doc), once) << (extracted ? "extracted: " : "") << ::testing::PrintToString(in);
    }
  }
}

// Issue 12 item 2: strip was quadratic (16,000 short lines "Link N text, more text here."
// took about a minute: each of its unbounded rounds could drop one line). Its work, counted in
// line visits (StripOptions::work), must grow linearly: four times the lines, at most 4.5
// times the work, on pages of several shapes, as a page dump and as an extracted article.
std::string short_line_page(int lines, int shape) {
  std::string s = shape == 2 ? "Link text, more text here\n" : "Share this article\n";
  for (int i = 0; i < lines; ++i) {
    std::string n = std::to_string(i);
    switch (shape) {
      case 0:  // the page of the issue: one share line, then short sentences
      case 2:  // every line a copy of the title (a page of headline candidates)
        s += "Link " + n + " text, more text here.\n";
        break;
      case 1:  // junk and text in turns, in one paragraph
        s += i % 3 ? "Link " + n + " text, more text here.\n" : "Share on Facebook " + n + "\n";
        break;
      default:  // paragraphs of prose and menus of short lines, partly covered by phrases
        s += i % 4 ? std::string(kProse) + "\n\n" : "Home | News " + n + "\nSign up for our newsletter " + n + "\n";
    }
  }
  return s;
}

std::uint64_t strip_work(const std::string& text, bool extracted) {
  std::uint64_t work = 0;
  StripOptions options;
  options.work = &work;
  options.extracted = extracted;
  strip(text, options);
  return work;
}

TEST(Strip, WorkIsLinearInTheLines) {
  for (int shape = 0; shape < 4; ++shape) {
    for (bool extracted : {false, true}) {
      std::uint64_t small = strip_work(short_line_page(4000, shape), extracted);
      std::uint64_t large = strip_work(short_line_page(16000, shape), extracted);
      EXPECT_GT(small, 4000u) << shape;
      EXPECT_LE(large * 2, small * 9) << "shape " << shape << (extracted ? " extracted" : "") << ": " << small
                                      << " then " << large;
    }
  }
}

TEST(Strip, SixtyFourThousandShortLinesInSeconds) {
  // A very generous wall-clock bound (about 0.4 s on one core; quadratic, it was 15 minutes).
  std::string page = short_line_page(64000, 0);
  auto start = std::chrono::steady_clock::now();
  std::string out = strip(page);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 60.0);
  EXPECT_EQ(strip(out), out);
}

TEST(SiteModel, LearnsRecurringLinesPerSiteOnly) {
  SiteModel model;
  std::uint64_t footer = line_key("Copyright Example News, all rights reserved");
  EXPECT_EQ(footer, line_key("copyright: example news -- ALL rights reserved!"));
  EXPECT_EQ(line_key("?!"), 0u);
  for (int page = 0; page < 4; ++page) {
    Document doc = split("Page " + std::to_string(page) + " title\n\n" + kProse +
                         "\n\nCopyright Example News, all rights reserved\n");
    model.add_page("example.com", page_keys(doc));
  }
  model.add_page("other.org", {footer});
  EXPECT_TRUE(model.is_boilerplate("example.com", footer));
  EXPECT_FALSE(model.is_boilerplate("other.org", footer));  // one page: below kMinPages
  EXPECT_FALSE(model.is_boilerplate("example.com", line_key("Page 1 title")));
  EXPECT_FALSE(model.is_boilerplate("nowhere.net", footer));

  StripOptions opts;
  opts.model = &model;
  opts.site = "example.com";
  Report report;
  std::string out =
      strip(std::string("New page\n\n") + kProse2 + "\n\nCopyright Example News, all rights reserved\n", opts, &report);
  EXPECT_EQ(out.find("Copyright"), std::string::npos);
  EXPECT_EQ(report.counts().at("strip/site"), 1u);
}

TEST(SiteModel, FileFormatRoundTripsAndMergesExactly) {
  SiteModel a, b;
  a.add_page("b.example", {1, 5, 9});
  a.add_page("a.example", {7});
  b.add_page("b.example", {5, 11});
  std::string text = a.serialize();
  EXPECT_EQ(text,
            "winnow-site-model 1\n"
            "S a.example 1\n"
            "L 0000000000000007 1\n"
            "S b.example 1\n"
            "L 0000000000000001 1\n"
            "L 0000000000000005 1\n"
            "L 0000000000000009 1\n");
  EXPECT_EQ(SiteModel::parse(text).serialize(), text);
  SiteModel merged = SiteModel::parse(text);
  merged.merge(b);
  SiteModel together;
  together.add_page("b.example", {1, 5, 9});
  together.add_page("a.example", {7});
  together.add_page("b.example", {5, 11});
  EXPECT_EQ(merged.serialize(), together.serialize());
}

TEST(SiteModel, RejectsBadFiles) {
  const char* const bad[] = {
      "",
      "winnow-site-model 2\n",
      "winnow-site-model 1\nL 0000000000000001 1\n",
      "winnow-site-model 1\nS b 1\nS a 1\n",
      "winnow-site-model 1\nS a 1\nL 0000000000000002 1\nL 0000000000000001 1\n",
      "winnow-site-model 1\nS a 1\nL 12 1\n",
      "winnow-site-model 1\nS a x\n",
      "winnow-site-model 1\nX a 1\n",
  };
  for (const char* text : bad) EXPECT_THROW(SiteModel::parse(text), ParseError) << text;
}

TEST(SiteModel, SiteOfUrl) {
  EXPECT_EQ(site_of_url("https://www.Example.com/a/b?c"), "example.com");
  EXPECT_EQ(site_of_url("http://user@news.example.org:8080/x"), "news.example.org");
  EXPECT_EQ(site_of_url("not a url"), "");
}

}  // namespace
}  // namespace winnow
