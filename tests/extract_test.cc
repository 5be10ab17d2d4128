#include "winnow/extract.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "html_page.h"
#include "winnow/utf8.h"

namespace winnow {
namespace {

const char kP1[] =
    "The city council voted on Tuesday to expand the bus network, adding three new routes that will connect the "
    "northern suburbs with the hospital district, the university and the main railway station.";
const char kP2[] =
    "Officials said the new routes would start running in March, after drivers have been hired and trained, and "
    "that fares would stay the same for at least two years despite rising fuel costs.";

std::string page(const std::string& body, const std::string& head = "") {
  return "<!DOCTYPE html><html lang=\"en\"><head><title>Buses | Courier</title>" + head + "</head><body>" + body +
         "</body></html>";
}

std::string article(const std::string& extra = "") {
  return std::string("<article><h1>Buses</h1><p>") + kP1 + "</p>" + extra + "<p>" + kP2 + "</p></article>";
}

std::vector<std::string> kept(const Document& doc) {
  std::vector<std::string> out;
  for (const Block& b : doc.blocks) {
    if (b.kept()) out.push_back(b.text);
  }
  return out;
}

const Block* find(const Document& doc, std::string_view text) {
  for (const Block& b : doc.blocks) {
    if (b.text.find(text) != std::string::npos) return &b;
  }
  return nullptr;
}

TEST(Extract, ArticleWithTitleFirstAndChromeDropped) {
  Document doc = extract(
      page("<nav><a href=/>Home</a><a href=/n>News</a></nav>" + article() + "<footer>Copyright 2019 Courier</footer>"));
  EXPECT_EQ(kept(doc), (std::vector<std::string>{"Buses", kP1, kP2}));
  ASSERT_FALSE(doc.blocks.empty());
  EXPECT_EQ(doc.blocks[0].markup().dom_path, "title");
  EXPECT_EQ(doc.blocks[0].kind, BlockKind::kHeading);
  const Block* home = find(doc, "Home");
  ASSERT_NE(home, nullptr);
  EXPECT_EQ(home->verdict, Verdict::kDrop);
  EXPECT_EQ(home->reason, "nav");
  EXPECT_EQ(home->link_chars, 8u);  // "Home" + "News"
  const Block* footer = find(doc, "Copyright");
  ASSERT_NE(footer, nullptr);
  EXPECT_EQ(footer->reason, "footer");
  const Block* p2 = find(doc, "Officials said");
  ASSERT_NE(p2, nullptr);
  EXPECT_EQ(p2->markup().dom_path, "html/body/article/p[2]");
  EXPECT_EQ(render(doc), std::string("Buses\n\n") + kP1 + "\n\n" + kP2 + "\n");
}

TEST(Extract, NoTitleDropsTheHeadlineCopy) {
  ExtractOptions options;
  options.title = false;
  Document doc = extract(page(article()), options);
  EXPECT_EQ(kept(doc), (std::vector<std::string>{kP1, kP2}));
  const Block* h1 = find(doc, "Buses");
  ASSERT_NE(h1, nullptr);
  EXPECT_EQ(h1->reason, "title");
  EXPECT_EQ(doc.meta.title, "Buses");
}

TEST(Extract, BoilerplateInsideTheArticleIsDroppedWithItsReason) {
  struct Case {
    const char* html;
    const char* reason;
  } cases[] = {
      {"<div class=\"share-tools\"><a href=#>Facebook</a> <a href=#>Twitter</a></div>", "share"},
      {"<div id=\"newsletterSignup\"><p>Get our morning briefing in your inbox every day.</p></div>", "newsletter"},
      {"<section class=\"comments\"><p>Great article, thanks for writing it, I agree with every word.</p></section>",
       "comments"},
      {"<div class=\"ad-slot\">Buy one ticket, get one free</div>", "ad"},
      {"<figure><figcaption>A bus at the station on Monday.</figcaption></figure>", "caption"},
      {"<ul class=\"tags\"><li>Transport</li><li>Council</li></ul>", "tags"},
      {"<p>Advertisement</p>", "boilerplate"},
      {"<p>Read more: <a href=/x>Airport link delayed again, officials say</a></p>", "link-dense"},
  };
  for (const Case& c : cases) {
    Document doc = extract(page(article(c.html)));
    EXPECT_EQ(kept(doc), (std::vector<std::string>{"Buses", kP1, kP2})) << c.html;
    bool found =
        std::any_of(doc.blocks.begin(), doc.blocks.end(), [&](const Block& b) { return b.reason == c.reason; });
    EXPECT_TRUE(found) << c.html << " has no block dropped as " << c.reason;
  }
}

TEST(Extract, EmbeddedPostsAreNotShareBars) {
  const char tweet[] = "Yes this is real and the state spent half a million dollars on it.";
  Document doc =
      extract(page(article(std::string("<div class=\"social-media-embed\"><blockquote class=\"twitter-tweet\"><p>") +
                           tweet + "</p></blockquote></div><div class=\"social-share\"><a href=#>Share</a></div>")));
  EXPECT_EQ(kept(doc), (std::vector<std::string>{"Buses", kP1, tweet, kP2}));
  EXPECT_EQ(find(doc, "Share")->reason, "share");
}

TEST(Extract, ClassTokensMatchWholeWordsOnly) {
  html::Page p = html::parse_page(
      "<div class=\"header-shadow\"></div><div class=\"ad-slot\"></div><div id=\"shareBar\"></div>"
      "<div class=\"loading\"></div><div class=\"article-body\"></div>");
  std::vector<std::pair<std::string, std::string>> got;
  for (const html::Element& e : p.elements) {
    if (e.name == "div") got.emplace_back(std::string(e.reason), std::to_string(e.class_weight));
  }
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0], std::make_pair(std::string(), std::string("0")));  // "header", "shadow": no "ad"
  EXPECT_EQ(got[1], std::make_pair(std::string("ad"), std::string("-25")));
  EXPECT_EQ(got[2], std::make_pair(std::string("share"), std::string("-25")));  // camelCase split
  EXPECT_EQ(got[3], std::make_pair(std::string(), std::string("0")));           // "loading": no "ad"
  EXPECT_EQ(got[4], std::make_pair(std::string(), std::string("25")));
}

TEST(Extract, StateTaxonomyAndPageClassesNameNoChrome) {
  html::Page p = html::parse_page(
      "<html class=\"has-sidebar\"><body class=\"no-comments\"><div class=\"no-sidebar\"></div>"
      "<div class=\"cookies-not-set\"></div><div class=\"tag-footer category-ads\"></div>"
      "<div class=\"menu-enabled\"></div><div class=\"produits-bio\"></div><div class=\"bio\"></div>"
      "<div class=\"post-comments\"></div><div class=\"sidebar-open-menu\"></div></body></html>");
  std::vector<std::pair<std::string, std::string>> got;
  for (const html::Element& e : p.elements) {
    if (!e.name.empty()) got.emplace_back(e.name + ":" + std::string(e.reason), std::to_string(e.class_weight));
  }
  std::vector<std::pair<std::string, std::string>> want = {
      {"html:", "0"},           // classes of <html> and <body> describe the page
      {"body:", "0"},
      {"div:", "0"},            // no-sidebar: a negated state
      {"div:", "0"},            // cookies-not-set: "not" anywhere
      {"div:", "0"},            // tag-footer category-ads: taxonomy terms
      {"div:", "0"},            // menu-enabled: a state suffix
      {"div:", "0"},            // produits-bio: "bio" counts only as the whole name
      {"div:bio", "-25"},       // bio
      {"div:comments", "-25"},  // post-comments: "post" does not cancel "comments"
      {"div:sidebar", "-25"},   // a state word inside the name is not a state
  };
  EXPECT_EQ(got, want);
}

TEST(Extract, CommentThreadAfterAHeadingIsDropped) {
  Document doc = extract(page("<article><h1>Buses</h1><p>" + std::string(kP1) + "</p><p>" + kP2 +
                              "</p><h2>12 Comments</h2><p>I was there and it was great, thanks to everybody who "
                              "organised it and to the bakery for the cakes.</p></article>"));
  EXPECT_EQ(kept(doc), (std::vector<std::string>{"Buses", kP1, kP2}));
  EXPECT_EQ(find(doc, "bakery")->reason, "comments");
}

TEST(Extract, EndMatterAtTheTailIsDropped) {
  Document doc = extract(page(article() + "<p>Sign up for our newsletter to get the news in your inbox.</p>"));
  EXPECT_EQ(find(doc, "Sign up")->reason, "tail");
  // The same words in the middle of the article are the article's.
  doc = extract(page(article("<p>Residents can sign up for the new service at the town hall.</p>")));
  EXPECT_TRUE(find(doc, "sign up")->kept());
}

TEST(Extract, NumberedLinesAndPartlyLinkedListsAreLists) {
  Document doc = extract(page(article("<p>1. North route</p><p>2. <a href=/h>Hospital route</a></p><p>3. Station "
                                      "route</p><ul><li>Monday: <a href=/a>first buses on the north route</a></li>"
                                      "<li>Tuesday: <a href=/b>first buses to the hospital</a></li></ul>")));
  for (const char* text : {"1. North", "2. Hospital", "3. Station", "Monday", "Tuesday"}) {
    EXPECT_TRUE(find(doc, text)->kept()) << text;
  }
}

TEST(Extract, AnArticleCarriedTwiceIsGivenOnce) {
  Document doc = extract(page("<article><h1>Buses</h1><div><p>" + std::string(kP1) + "</p><p>" + kP2 +
                              "</p></div><div><p>" + kP1 + "</p><p>" + kP2 + "</p></div></article>"));
  EXPECT_EQ(kept(doc), (std::vector<std::string>{"Buses", kP1, kP2}));
}

TEST(Extract, SoftHyphensAreRemoved) {
  Document doc = extract(page("<article><h1>Buses</h1><p>The bus net\xC2\xADwork grows: " + std::string(kP1) +
                              "</p></article>"));
  EXPECT_NE(find(doc, "The bus network grows"), nullptr);
}

TEST(Extract, GuardKeepsAnArticleWhoseWrapperHasAChromeClass) {
  // Every paragraph sits inside an element whose class says "share"; pruning it would remove
  // the whole article, so it stays.
  Document doc = extract(page("<div class=\"post\"><h1>Buses</h1><div class=\"share-enabled\"><p>" + std::string(kP1) +
                              "</p><p>" + kP2 + "</p></div></div>"));
  EXPECT_EQ(kept(doc), (std::vector<std::string>{"Buses", kP1, kP2}));
}

TEST(Extract, ListsTablesHeadingsAndQuotesKeptInReadingOrder) {
  Document doc = extract(page(
      article("<h2>What changes</h2><ul><li>three new routes from the north</li><li>twenty new electric buses</li>"
              "<li>longer opening hours at the station</li></ul><blockquote><p>The biggest change in a generation.</p>"
              "</blockquote><table><tr><th>Route</th><th>Every</th></tr><tr><td>41</td><td>10 min</td></tr></table>")));
  EXPECT_EQ(kept(doc),
            (std::vector<std::string>{"Buses", kP1, "What changes", "three new routes from the north",
                                      "twenty new electric buses", "longer opening hours at the station",
                                      "The biggest change in a generation.", "Route | Every\n41 | 10 min", kP2}));
  EXPECT_EQ(find(doc, "What changes")->kind, BlockKind::kHeading);
  EXPECT_EQ(find(doc, "twenty new")->kind, BlockKind::kListItem);
  EXPECT_EQ(find(doc, "biggest change")->kind, BlockKind::kQuote);
  EXPECT_EQ(find(doc, "Route |")->kind, BlockKind::kTable);
}

TEST(Extract, CjkTextIsWeightedLikeWords) {
  // U+5E02 U+8BAE U+4F1A: three ideographs weigh as much as nine Latin letters.
  EXPECT_EQ(html::weighted_length("\xE5\xB8\x82\xE8\xAE\xAE\xE4\xBC\x9A"), 9u);
  EXPECT_EQ(html::weighted_length("abc \xC3\xA9"), 5u);  // e-acute counts one
  // A Chinese article of short sentences beats a menu of links.
  std::string sentence =
      "\xE5\xB8\x82\xE8\xAE\xAE\xE4\xBC\x9A\xE5\x91\xA8\xE4\xBA\x8C\xE6\x8A\x95\xE7\xA5\xA8"
      "\xE5\x86\xB3\xE5\xAE\x9A\xE6\x89\xA9\xE5\xA4\xA7\xE5\x85\xAC\xE4\xBA\xA4\xE7\xBD\x91"
      "\xE7\xBB\x9C\xEF\xBC\x8C\xE6\x96\xB0\xE5\xA2\x9E\xE4\xB8\x89\xE6\x9D\xA1\xE7\xBA\xBF"
      "\xE8\xB7\xAF\xE3\x80\x82";  // 市议会周二投票决定扩大公交网络，新增三条线路。
  Document doc =
      extract(page("<div class=\"menu\"><a href=/1>\xE9\xA6\x96\xE9\xA1\xB5</a></div><div class=\"main\"><p>" +
                   sentence + "</p><p>" + sentence + "</p></div>"));
  std::vector<std::string> k = kept(doc);
  ASSERT_GE(k.size(), 2u);
  EXPECT_EQ(k[k.size() - 1], sentence);
  EXPECT_EQ(find(doc, "\xE9\xA6\x96\xE9\xA1\xB5")->verdict, Verdict::kDrop);
}

TEST(Extract, MetadataFromMetaTagsAndJsonLd) {
  std::string head =
      "<meta name=\"author\" content=\"Jane Doe\"><meta property=\"article:published_time\" content=\"2019-11-19\">"
      "<link rel=\"canonical\" href=\"https://courier.example/buses\">";
  Document doc = extract(page(article(), head));
  EXPECT_EQ(doc.meta.title, "Buses");
  EXPECT_EQ(doc.meta.byline, "Jane Doe");
  EXPECT_EQ(doc.meta.date, "2019-11-19");
  EXPECT_EQ(doc.meta.url, "https://courier.example/buses");
  EXPECT_EQ(doc.meta.lang, "en");
  std::string ld =
      "<script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebPage\"},{\"@type\":\"NewsArticle\","
      "\"headline\":\"Council expands buses\",\"author\":[{\"name\":\"A. B.\"},{\"name\":\"C. D.\"}],"
      "\"datePublished\":\"2019-11-20\",\"articleBody\":\"First line.\\nSecond line.\"}]}</script>";
  doc = extract("<html><head>" + ld + "</head><body><div id=app></div></body></html>");
  EXPECT_EQ(doc.meta.title, "Council expands buses");
  EXPECT_EQ(doc.meta.byline, "A. B., C. D.");
  EXPECT_EQ(doc.meta.date, "2019-11-20");
  // The page has no text: the JSON-LD articleBody is the article.
  EXPECT_EQ(render(doc), "Council expands buses\n\nFirst line.\n\nSecond line.\n");
  // HTML inside articleBody is parsed.
  doc = extract(
      "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":\"H\","
      "\"articleBody\":\"<p>One &amp; two.</p><p>Three.</p>\"}</script>");
  EXPECT_EQ(render(doc), "H\n\nOne & two.\n\nThree.\n");
  // Broken JSON-LD is ignored.
  doc = extract("<html><head><script type=\"application/ld+json\">{\"@type\":</script></head></html>");
  EXPECT_TRUE(doc.meta.title.empty());
}

TEST(Extract, ArticleElementAndItempropAreHints) {
  // Two blocks of equal text: the one in <article>, or marked itemprop="articleBody", wins.
  // (Without an h1 the headline is the <title>.)
  std::string same = std::string("<p>") + kP1 + "</p><p>" + kP2 + "</p>";
  std::string other = std::string("<p>") + kP2 + " Again.</p><p>" + kP1 + " Again.</p>";
  Document doc = extract(page("<div><section>" + other + "</section></div><div><article>" + same + "</article></div>"));
  EXPECT_EQ(kept(doc), (std::vector<std::string>{"Buses | Courier", kP1, kP2}));
  doc = extract(page("<div><div>" + other + "</div></div><div><div itemprop=\"articleBody\">" + same + "</div></div>"));
  EXPECT_EQ(kept(doc), (std::vector<std::string>{"Buses | Courier", kP1, kP2}));
}

TEST(Extract, HeadlineIsMostOfTheTitleNotOneWordOfIt) {
  Document doc = extract(
      "<html><head><title>Bus plan approved (2019) - Comments</title></head><body><article>"
      "<h1>Council approves the bus plan</h1><p>" +
      std::string(kP1) + "</p><p>" + kP2 + "</p><h1>Comments</h1></article></body></html>");
  EXPECT_EQ(doc.meta.title, "Council approves the bus plan");
  ASSERT_GE(doc.blocks.size(), 2u);
  EXPECT_EQ(doc.blocks[1].markup().dom_path, "html/body/article/h1");  // the copy in the page, after the title block
  EXPECT_EQ(doc.blocks[1].reason, "title");
}

TEST(Extract, MetaCharsetIsIgnoredBecauseTheInputIsUtf8) {
  // "café" in UTF-8 (C3 A9) under a page that claims to be Latin-1.
  Document doc = extract(page(article("<p>Caf\xC3\xA9 owners along the new routes expect more customers.</p>"),
                              "<meta charset=\"iso-8859-1\">"));
  EXPECT_NE(find(doc, "Caf\xC3\xA9 owners"), nullptr);
}

TEST(Extract, EntitiesAndBrokenMarkupAreRecovered) {
  Document doc = extract("<title>T</title><div class=content><p>" + std::string(kP1) + " &amp; &copy; &bogus;<p>" +
                         kP2 + "</span></div></div>");
  std::vector<std::string> k = kept(doc);
  ASSERT_EQ(k.size(), 3u);
  EXPECT_EQ(k[1], std::string(kP1) + " & \xC2\xA9 &bogus;");
  EXPECT_EQ(k[2], kP2);
}

TEST(Extract, DefinedResultForAnyBytes) {
  EXPECT_TRUE(extract("").blocks.empty());
  EXPECT_EQ(render(extract("   \n")), "");
  // Ill-formed UTF-8 becomes U+FFFD.
  Document doc = extract(page(article("<p>Bad bytes \xFF\xFE here, in an otherwise ordinary sentence.</p>")));
  const Block* bad = find(doc, "Bad bytes");
  ASSERT_NE(bad, nullptr);
  EXPECT_EQ(bad->text, "Bad bytes \xEF\xBF\xBD\xEF\xBF\xBD here, in an otherwise ordinary sentence.");
  // Deep nesting, NUL bytes and random bytes: no crash, valid UTF-8, same result twice.
  std::string deep;
  for (int i = 0; i < 5000; ++i) deep += "<div>";
  deep += kP1;
  std::mt19937 rng(7);
  std::vector<std::string> inputs = {deep, std::string("<p>a\0b</p>", 10)};
  const char* pieces[] = {
      "<p>",  "</p>",  "<div class=share>", "</div>", "<a href=x>", "</a>",     "<br>", "<li>", "text ", "\xE4\xB8\xAD",
      "\xC3", "&amp;", "<table><tr><td>",   "<h1>",   "<!--",       "<script>", ", ",   ". "};
  for (int n = 0; n < 200; ++n) {
    std::string s;
    for (int k = rng() % 60; k > 0; --k) s += pieces[rng() % std::size(pieces)];
    inputs.push_back(s);
    std::string bytes;
    for (int k = rng() % 200; k > 0; --k) bytes += static_cast<char>(rng());
    inputs.push_back(bytes);
  }
  for (const std::string& in : inputs) {
    std::string out = render(extract(in));
    EXPECT_TRUE(utf8::valid(out));
    EXPECT_EQ(render(extract(in)), out);
  }
}

TEST(Extract, ReportCountsEveryDroppedBlock) {
  Report report(true);
  Document doc = extract(page("<nav><a href=/>Home</a></nav>" + article()), {}, &report);
  std::size_t dropped = std::count_if(doc.blocks.begin(), doc.blocks.end(), [](const Block& b) { return !b.kept(); });
  EXPECT_EQ(report.changes().size(), dropped);
  EXPECT_EQ(report.counts().at("extract/nav"), 1u);
  EXPECT_EQ(report.changes()[0].detail, "Home");
}

}  // namespace
}  // namespace winnow
