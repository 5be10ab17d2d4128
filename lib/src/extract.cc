#include "winnow/extract.h"

#include <algorithm>
#include <functional>
#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <unordered_map>
#include <unordered_set>

#include "data.h"
#include "html_page.h"
#include "url.h"
#include "winnow/date.h"
#include "winnow/utf8.h"

namespace winnow {
namespace {

using html::Element;
using html::Page;
using html::Tag;
using html::TextBlock;

// ---- metadata ------------------------------------------------------------------------------

struct LinkedData {
  std::string headline, body, author, date, modified, description, url, lang;
};

std::string json_string(const boost::json::value* v) {
  if (!v) return {};
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_object()) {
    const boost::json::object& o = v->get_object();
    for (const char* key : {"name", "@id", "url"}) {
      if (auto it = o.find(key); it != o.end() && it->value().is_string()) return std::string(it->value().get_string());
    }
  }
  if (v->is_array()) {
    std::string all;
    for (const boost::json::value& item : v->get_array()) {
      std::string s = json_string(&item);
      if (s.empty()) continue;
      if (!all.empty()) all += ", ";
      all += s;
    }
    return all;
  }
  return {};
}

bool is_article_type(const boost::json::value* type) {
  if (!type) return false;
  if (type->is_array()) {
    for (const boost::json::value& t : type->get_array()) {
      if (is_article_type(&t)) return true;
    }
    return false;
  }
  if (!type->is_string()) return false;
  std::string_view t = type->get_string();
  return t.find("Article") != std::string_view::npos || t == "BlogPosting" || t == "Report" || t == "LiveBlogPosting";
}

// Finds the first article object of a JSON-LD value (top level, array or @graph).
void find_article(const boost::json::value& v, LinkedData& ld, int depth = 0) {
  if (depth > 8) return;
  if (v.is_array()) {
    for (const boost::json::value& item : v.get_array()) find_article(item, ld, depth + 1);
    return;
  }
  if (!v.is_object()) return;
  const boost::json::object& o = v.get_object();
  if (is_article_type(o.if_contains("@type"))) {
    auto take = [&](std::string& field, const char* key) {
      if (field.empty()) field = json_string(o.if_contains(key));
    };
    take(ld.headline, "headline");
    take(ld.body, "articleBody");
    take(ld.author, "author");
    take(ld.date, "datePublished");
    take(ld.modified, "dateModified");
    take(ld.description, "description");
    take(ld.url, "url");
    take(ld.lang, "inLanguage");
  }
  if (const boost::json::value* graph = o.if_contains("@graph")) find_article(*graph, ld, depth + 1);
}

LinkedData linked_data(const Page& page) {
  LinkedData ld;
  for (const std::string& script : page.json_ld) {
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(script, ec);
    if (!ec) find_article(v, ld);
  }
  return ld;
}

// Whether KEY is one of the space-separated names of NAMES (itemprop="datePublished dateCreated").
bool names_include(std::string_view names, std::string_view key) {
  for (std::size_t start = 0; start < names.size();) {
    std::size_t end = std::min(names.find(' ', start), names.size());
    if (names.substr(start, end - start) == key) return true;
    start = end + 1;
  }
  return false;
}

std::string meta(const Page& page, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    for (const auto& [k, v] : page.meta) {
      if (names_include(k, key) && !v.empty()) return v;
    }
  }
  return {};
}

// The publication date: the first of the page's sources that reads as a date (see date.h),
// as it is written there: meta tags, JSON-LD, <time itemprop=datePublished>, the first
// <time datetime>, the date in the URL's path.
std::string publication_date(const Page& page, const LinkedData& ld, std::string_view url) {
  std::vector<std::string> candidates = {
      meta(page, {"article:published_time", "datepublished", "date", "pubdate", "dc.date", "dc.date.issued",
                  "og:published_time", "publish-date", "sailthru.date", "parsely-pub-date"}),
      ld.date};
  for (const auto& [prop, when] : page.times) {
    if (names_include(prop, "datepublished")) candidates.push_back(when);
  }
  if (!page.times.empty()) candidates.push_back(page.times.front().second);
  candidates.push_back(date_in_url(url));
  for (const std::string& c : candidates) {
    if (!iso8601_date(c).empty()) return c;
  }
  return {};
}

std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// Text reduced to its letters and digits in lower case (ASCII folded), without ASCII and
// general punctuation (U+2000..U+206F: curly quotes, dashes) and no-break spaces, to compare
// headings and phrases.
std::string fold(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = s[i];
    if (c == 0xE2 && i + 2 < s.size() && (s[i + 1] == '\x80' || s[i + 1] == '\x81')) {
      i += 2;
    } else if (c == 0xC2 && i + 1 < s.size() && s[i + 1] == '\xA0') {
      ++i;  // no-break space
    } else if (c >= 0x80) {
      out += static_cast<char>(c);
    } else if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    }
  }
  return out;
}

// True when folded heading F is most of folded <title> TITLE ("Headline - Site"), not just a
// word of it.
bool in_title(const std::string& f, const std::string& title) {
  return f.size() * 2 >= title.size() && title.find(f) != std::string::npos;
}

// ---- candidate selection -------------------------------------------------------------------

bool structural_boilerplate(Tag tag) { return tag == Tag::kNav || tag == Tag::kAside || tag == Tag::kFooter; }

std::string_view tag_reason(Tag tag) {
  switch (tag) {
    case Tag::kNav:
      return "nav";
    case Tag::kAside:
      return "aside";
    case Tag::kFooter:
      return "footer";
    default:
      return {};
  }
}

int tag_weight(const Element& e) {
  switch (e.tag) {
    case Tag::kArticle:  // a hint, weaker than a class name: pages use it for teasers too
      return 15;
    case Tag::kDiv:
    case Tag::kSection:
    case Tag::kMain:
      return 5;
    case Tag::kPre:
    case Tag::kCell:
    case Tag::kBlockquote:
      return 3;
    case Tag::kList:
    case Tag::kListItem:
    case Tag::kForm:
      return -3;
    case Tag::kHeading:
      return -5;
    default:
      return 0;
  }
}

std::uint32_t commas(std::string_view s) {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ',') ++n;
    // U+FF0C fullwidth comma, U+3001 ideographic comma, U+3002 ideographic full stop
    if (static_cast<unsigned char>(s[i]) == 0xEF && s.substr(i, 3) == "\xEF\xBC\x8C") ++n;
    if (static_cast<unsigned char>(s[i]) == 0xE3 &&
        (s.substr(i, 3) == "\xE3\x80\x81" || s.substr(i, 3) == "\xE3\x80\x82"))
      ++n;
  }
  return n;
}

double link_density(const Element& e) { return e.text ? static_cast<double>(e.links) / e.text : 0; }

// The paragraphs of a JSON-LD articleBody: its lines, or its blocks when a CMS put HTML in it.
std::vector<std::string> paragraphs(std::string_view body) {
  std::vector<std::string> out;
  if (body.find("</") != std::string_view::npos || body.find("<br") != std::string_view::npos) {
    for (html::TextBlock& b : html::parse_page(body).blocks) out.push_back(std::move(b.text));
    return out;
  }
  for (std::string_view rest = body; !rest.empty();) {
    std::size_t nl = rest.find('\n');
    std::string line = collapse(rest.substr(0, nl));
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (!line.empty()) out.push_back(std::move(line));
  }
  return out;
}

class Extractor {
 public:
  Extractor(const Page& page, const ExtractOptions& options) : page_(page), options_(options) {}

  Document run() {
    Document doc;
    LinkedData ld = linked_data(page_);
    fill_metadata(doc.meta, ld);
    mark_excluded();
    int top = choose_candidate();
    select(top);
    reasons_.assign(page_.blocks.size(), {});
    std::string headline = find_headline(ld);
    judge(headline);
    if (options_.title && !headline.empty()) {
      Block b;
      b.text = headline;
      b.kind = BlockKind::kHeading;
      b.shape.level = 1;
      b.edit_markup().dom_path = "title";
      doc.blocks.push_back(std::move(b));
    }
    std::uint32_t kept = 0;
    for (std::size_t i = 0; i < page_.blocks.size(); ++i) kept += reasons_[i].empty() ? page_.blocks[i].length : 0;
    bool use_ld = html::weighted_length(ld.body) > 2 * kept;
    for (std::size_t i = 0; i < page_.blocks.size(); ++i) {
      const TextBlock& t = page_.blocks[i];
      Block b;
      b.text = t.text;
      b.kind = t.kind;
      b.shape = t.shape;
      Block::Markup& markup = b.edit_markup();
      markup.cells = t.cells;
      markup.links = t.links;
      markup.dom_path = html::dom_path(page_, t.owner);
      b.link_chars = t.link_chars;
      if (use_ld && reasons_[i].empty()) reasons_[i] = "json-ld";
      if (!reasons_[i].empty()) {
        b.verdict = Verdict::kDrop;
        b.reason = std::string(reasons_[i]);
      }
      doc.blocks.push_back(std::move(b));
    }
    if (use_ld) {
      for (std::string& text : paragraphs(ld.body)) {
        Block b;
        b.text = std::move(text);
        b.edit_markup().dom_path = "json-ld/articleBody";
        doc.blocks.push_back(std::move(b));
      }
    }
    doc.meta.title = headline;
    return doc;
  }

 private:
  void fill_metadata(Metadata& m, const LinkedData& ld) {
    m.url = !page_.canonical.empty() ? page_.canonical : meta(page_, {"og:url"});
    if (m.url.empty()) m.url = ld.url;
    m.byline = ld.author;
    if (m.byline.empty()) m.byline = meta(page_, {"author", "article:author", "byl", "dc.creator"});
    m.date = publication_date(page_, ld, m.url);
    m.lang = page_.lang;
    if (m.lang.empty()) m.lang = meta(page_, {"content-language", "og:locale"});
    if (m.lang.empty()) m.lang = ld.lang;
    m.site = meta(page_, {"og:site_name", "application-name"});
    m.modified = meta(page_, {"article:modified_time", "datemodified", "og:updated_time", "dc.date.modified",
                              "last-modified"});
    if (m.modified.empty()) m.modified = ld.modified;
    m.description = collapse(meta(page_, {"og:description", "description", "twitter:description", "dc.description"}));
    if (m.description.empty()) m.description = collapse(ld.description);
    m.byline = collapse(m.byline);
    // article:author and JSON-LD author often hold a profile URL rather than a name.
    if (m.byline.rfind("http://", 0) == 0 || m.byline.rfind("https://", 0) == 0) m.byline.clear();
  }

  // Elements that never hold the article: <nav>, <aside>, <footer> and what their class or
  // id names as boilerplate, with everything inside them.
  void mark_excluded() {
    const std::vector<Element>& els = page_.elements;
    excluded_.assign(els.size(), false);
    mark_listings();
    mark_comment_thread();
    // A class name that would exclude most of the page is on a wrapper, not on chrome
    // (e.g. <body class="has-sidebar">); comment sections may be longer than the article.
    for (std::size_t i = 1; i < els.size(); ++i) {
      const Element& e = els[i];
      bool chrome = !e.reason.empty() && (e.class_weight < 0 || e.reason == "comments") &&
                    ((e.text * 2 < els[0].text || e.paragraphs * 2 < els[0].paragraphs) || e.reason == "comments");
      // An <aside> or <footer> that holds most of the page's prose is a misused wrapper.
      bool structural = structural_boilerplate(e.tag) && !(e.paragraphs >= 2 && e.paragraphs * 2 > els[0].paragraphs);
      excluded_[i] = (excluded_[e.parent] || structural || chrome || listing_[i] || thread_[i]) && !e.article_hint;
    }
  }

  // Listings of teasers: an element whose text is mostly three or more cards (a child holding a
  // heading that is a link, plus a little more, under 600 characters) lists other articles,
  // however much its short summaries read like prose. A listicle (headings and paragraphs as
  // siblings, without a card around each) is not one.
  // A comment thread without a class name: a comment-section heading (data/extract-comment-
  // headings.txt) that follows prose in the same wrapper starts it; the elements after it in
  // that wrapper cannot hold the article (a long comment would otherwise outscore a short post).
  void mark_comment_thread() {
    const std::vector<Element>& els = page_.elements;
    thread_.assign(els.size(), false);
    std::vector<std::uint32_t> prose(els.size(), 0);  // prose seen so far inside each element
    for (const TextBlock& b : page_.blocks) {
      if (b.kind == BlockKind::kHeading && b.length <= 80 && opens_comments(b.text, true)) {
        int parent = els[b.owner].parent;
        int scope = parent > 0 ? els[parent].parent : -1;
        if (scope > 0 && prose[scope] >= 200) {
          for (std::size_t e = b.owner + 1; e < els.size(); ++e) {
            if (is_inside(static_cast<int>(e), scope)) thread_[e] = true;
          }
          return;
        }
      }
      if (is_prose(b)) {
        for (int a = b.owner; a > 0; a = els[a].parent) prose[a] += b.length;
      }
    }
  }

  void mark_listings() {
    const std::vector<Element>& els = page_.elements;
    listing_.assign(els.size(), false);
    // A card's title: a heading that is mostly a link, or a short line that is all link (and
    // opens its card).
    auto is_title = [](const TextBlock& b) {
      return b.kind == BlockKind::kHeading ? b.length > 0 && b.link_length * 2 >= b.length
                                           : b.kind == BlockKind::kParagraph && b.length >= 10 && b.length <= 100 &&
                                                 b.link_length * 10 >= b.length * 9;
    };
    std::vector<std::uint16_t> titles(els.size(), 0);  // titles in each subtree
    for (const TextBlock& b : page_.blocks) {
      if (!is_title(b)) continue;
      for (int a = b.owner; a > 0 && titles[a] < 2; a = els[a].parent) ++titles[a];
    }
    std::vector<std::uint16_t> cards(els.size(), 0);
    std::vector<std::uint32_t> card_text(els.size(), 0);
    for (std::size_t k = 0; k < page_.blocks.size(); ++k) {
      const TextBlock& b = page_.blocks[k];
      if (!is_title(b)) continue;
      // The card: the largest element around the title holding no other title, under 600.
      int card = b.owner;
      while (els[card].parent > 0 && titles[els[card].parent] == 1 && els[els[card].parent].text < 600)
        card = els[card].parent;
      if (card == b.owner || els[card].parent <= 0 || els[card].text >= 600) continue;
      if (b.kind != BlockKind::kHeading && k > 0 && is_inside(page_.blocks[k - 1].owner, card)) continue;
      ++cards[els[card].parent];
      card_text[els[card].parent] += els[card].text;
    }
    for (std::size_t i = 1; i < els.size(); ++i) {
      listing_[i] = cards[i] >= 3 && card_text[i] * 10 >= els[i].text * 7;
    }
  }

  int choose_candidate() {
    const std::vector<Element>& els = page_.elements;
    std::vector<double>& score = scores_;
    score.assign(els.size(), 0);
    std::vector<bool> scored(els.size(), false);
    auto init = [&](int i) {
      if (scored[i]) return;
      scored[i] = true;
      const Element& e = els[i];
      score[i] = tag_weight(e) + e.class_weight + (e.article_hint ? 50 : 0);
    };
    for (const TextBlock& b : page_.blocks) {
      if (excluded_[b.owner] || b.length < 25) continue;
      if (b.kind == BlockKind::kHeading || b.kind == BlockKind::kCaption) continue;
      double s = 1 + commas(b.text) + std::min(b.length / 100.0, 3.0);
      // Text directly inside a container (a <div> with <br>s) makes the container itself a
      // candidate; a paragraph's text makes its parent one.
      Tag owner = els[b.owner].tag;
      bool container = owner == Tag::kDiv || owner == Tag::kSection || owner == Tag::kArticle || owner == Tag::kMain ||
                       owner == Tag::kCell;
      int level = 0;
      for (int a = container ? b.owner : els[b.owner].parent; a > 0 && level < 5; a = els[a].parent, ++level) {
        init(a);
        score[a] += level == 0 ? s : level == 1 ? s / 2 : s / (level * 3);
      }
    }
    std::vector<int> ranked;
    for (std::size_t i = 1; i < els.size(); ++i) {
      if (!scored[i]) continue;
      score[i] *= 1 - link_density(els[i]);
      ranked.push_back(static_cast<int>(i));
    }
    std::sort(ranked.begin(), ranked.end(),
              [&](int a, int b) { return score[a] > score[b] || (score[a] == score[b] && a < b); });
    // Without a paragraph anywhere, the whole page is the candidate and the block rules decide.
    if (ranked.empty()) return 0;
    // A candidate without a single prose paragraph (a tagline under a content class name)
    // yields to the best one that has some.
    measure_prose();
    int top = ranked[0];
    for (int r : ranked) {
      if (sentences_[r] > 0) {
        top = r;
        break;
      }
    }
    // When several of the best candidates share an ancestor, the article spans them.
    std::vector<int> alternatives;
    for (std::size_t k = 1; k < ranked.size() && k < 5; ++k) {
      if (score[ranked[k]] >= 0.75 * score[top]) alternatives.push_back(ranked[k]);
    }
    if (alternatives.size() >= 3) {
      for (int a = els[top].parent; a > 0; a = els[a].parent) {
        int containing = 0;
        for (int alt : alternatives) containing += is_inside(alt, a);
        if (containing >= 3) {
          top = a;
          break;
        }
      }
    }
    // Climb while what the parent adds to the candidate is mostly prose: the article's first
    // paragraphs are often in a sibling of the element that holds the rest.
    // Wrappers that add nothing are passed without committing to them. An element that says
    // it is the article (<article>, itemprop="articleBody") may be reached but not left.
    auto says_article = [&](int i) { return els[i].tag == Tag::kArticle || els[i].article_hint; };
    bool bounded = says_article(top);
    for (int a = els[top].parent; a > 0 && !bounded && els[a].tag != Tag::kBody && !excluded_[a]; a = els[a].parent) {
      bounded = says_article(a);
      std::uint32_t added = plain_[a] - plain_[top], added_prose = prose_[a] - prose_[top];
      if (added == 0) continue;
      if (added_prose * 3 < added * 2) break;
      top = a;
    }
    return top;
  }

  // prose_: the length of prose paragraphs in each subtree, plain_: of all its text, both
  // outside excluded elements.
  void measure_prose() {
    const std::vector<Element>& els = page_.elements;
    prose_.assign(els.size(), 0);
    plain_.assign(els.size(), 0);
    sentences_.assign(els.size(), 0);
    for (const TextBlock& b : page_.blocks) {
      if (excluded_[b.owner]) continue;
      plain_[b.owner] += b.length;
      if (is_prose(b)) prose_[b.owner] += b.length;
      if (b.kind != BlockKind::kHeading && b.length >= 40 && b.link_length * 3 < b.length) sentences_[b.owner] += b.length;
    }
    for (std::size_t i = els.size(); i-- > 1;) {
      prose_[els[i].parent] += prose_[i];
      plain_[els[i].parent] += plain_[i];
      sentences_[els[i].parent] += sentences_[i];
    }
  }

  static bool is_prose(const TextBlock& b) {
    return (b.kind == BlockKind::kParagraph || b.kind == BlockKind::kQuote) && b.length >= 40 &&
           b.link_length * 3 < b.length;
  }

  // A sentence-like paragraph long enough to be a standfirst rather than a byline or kicker.
  static bool is_lead(const TextBlock& b) {
    return (b.kind == BlockKind::kParagraph || b.kind == BlockKind::kQuote) && b.length >= 60 &&
           b.link_length * 4 < b.length && ends_sentence(b.text);
  }

  // True when element I is inside an element that says it is an article (<article>,
  // itemprop="articleBody"), not the page's own header.
  bool in_article_element(int i) const {
    const std::vector<Element>& els = page_.elements;
    for (int a = els[i].parent; a > 0 && els[a].tag != Tag::kBody; a = els[a].parent) {
      if (els[a].tag == Tag::kArticle || els[a].article_hint) return true;
    }
    return false;
  }

  bool in_form(int i) const {
    for (; i > 0; i = page_.elements[i].parent) {
      if (page_.elements[i].tag == Tag::kForm) return true;
    }
    return false;
  }

  bool is_inside(int i, int ancestor) const {
    for (; i > 0; i = page_.elements[i].parent) {
      if (i == ancestor) return true;
    }
    return ancestor == 0;
  }

  // The candidate plus its siblings that read as part of the article.
  void select(int top) {
    const std::vector<Element>& els = page_.elements;
    selected_.assign(els.size(), false);
    selected_[top] = true;
    int parent = els[top].parent;
    double threshold = std::max(10.0, scores_[top] * 0.2);
    for (std::size_t i = 1; i < els.size(); ++i) {
      if (parent < 0 || els[i].parent != parent || static_cast<int>(i) == top || excluded_[i]) continue;
      const Element& e = els[i];
      double s = scores_[i];
      bool take = s >= threshold;
      if (!take && (e.tag == Tag::kP || e.tag == Tag::kBlockquote || e.tag == Tag::kList)) {
        double density = link_density(e);
        take = (e.text > 80 && density < 0.25) || (e.text > 0 && density == 0 && e.paragraphs > 0);
      }
      selected_[i] = take;
    }
    // An article split over sibling <article> elements (the first paragraphs in one, the rest
    // after a box in another): an earlier <article> close by, without a heading of its own
    // (a teaser has one), holding prose, is its beginning.
    int article = top;
    while (article > 0 && els[article].tag != Tag::kArticle) article = els[article].parent;
    if (article > 0 && is_inside(top, article)) {
      int scope = els[article].parent;
      for (int up = 0; up < 2 && scope > 0 && els[scope].tag != Tag::kBody; ++up) scope = els[scope].parent;
      std::vector<bool> headed(article, false);  // elements before the article holding a heading
      for (const TextBlock& b : page_.blocks) {
        if (b.owner >= article) break;
        if (b.kind != BlockKind::kHeading) continue;
        for (int a = b.owner; a > scope && !headed[a]; a = els[a].parent) headed[a] = true;
      }
      for (int e = scope + 1; e < article; ++e) {
        if (els[e].tag != Tag::kArticle || excluded_[e] || !is_inside(e, scope) || is_inside(article, e)) continue;
        if (els[e].paragraphs == 0 || els[e].links * 4 >= els[e].text || headed[e]) continue;
        selected_[e] = true;
      }
    }
    in_article_.assign(els.size(), top == 0);
    for (std::size_t i = 1; i < els.size(); ++i) in_article_[i] = selected_[i] || in_article_[els[i].parent];
  }


  std::string find_headline(const LinkedData& ld) {
    linked_headline_ = ld.headline;
    std::string title = collapse(page_.title);
    std::string folded_title = fold(title);
    // The first h1 whose text is part of <title>, else the first h1 of the article, else the
    // JSON-LD or Open Graph headline, else the first h1, else <title>.
    // Without such an h1, an h2 or h3 of the article that is most of <title> (a page whose h1
    // is the site's name) comes before the article's first h1.
    std::string first_h1, article_h1, sub_in_title;
    for (const TextBlock& b : page_.blocks) {
      const Element& e = page_.elements[b.owner];
      if (b.kind != BlockKind::kHeading || e.heading_level == 0 || e.heading_level > 3) continue;
      std::string f = fold(b.text);
      if (e.heading_level > 1) {
        if (sub_in_title.empty() && in_article_[b.owner] && f.size() >= 8 && in_title(f, folded_title))
          sub_in_title = b.text;
        continue;
      }
      if (f.size() >= 8 && in_title(f, folded_title)) return b.text;
      if (first_h1.empty() && !excluded_[b.owner]) first_h1 = b.text;
      if (article_h1.empty() && in_article_[b.owner]) article_h1 = b.text;
    }
    if (!sub_in_title.empty()) return sub_in_title;
    if (!article_h1.empty()) return article_h1;
    if (!ld.headline.empty()) return collapse(ld.headline);
    std::string og = collapse(meta(page_, {"og:title", "twitter:title"}));
    if (!og.empty()) return og;
    if (!first_h1.empty()) return first_h1;
    return title;
  }

  void drop(std::size_t i, std::string_view reason) {
    if (reasons_[i].empty()) reasons_[i] = reason;
  }

  // The reason an element between the article root and block I names, if any.
  // *BY_CLASS tells whether the reason comes from a class or id name.
  std::string_view ancestor_reason(const TextBlock& b, std::uint32_t article_text, bool* by_class) const {
    const std::vector<Element>& els = page_.elements;
    *by_class = false;
    for (int a = b.owner; a > 0 && !selected_[a]; a = els[a].parent) {
      const Element& e = els[a];
      if (std::string_view r = tag_reason(e.tag); !r.empty()) return r;
      if (e.tag == Tag::kFigure) return "caption";
      if (listing_[a]) return "related";
      // The article's own header holds its lead (standfirst) besides headline and byline.
      if (e.tag == Tag::kHeader && !(is_lead(b) && in_article_element(a))) return "header";
      // A class name never removes an element that holds most of the article.
      if (!e.reason.empty() && !e.article_hint && e.text * 2 < article_text) {
        *by_class = true;
        return e.reason;
      }
    }
    return {};
  }

  // The blocks of the article as the first pass sorts them: INSIDE are still to be judged by
  // their own text; RESTORABLE were dropped by a class name alone (CLASS_DROPPED characters).
  struct Sorted {
    std::vector<std::size_t> inside, restorable;
    std::uint32_t class_dropped = 0;
  };

  void judge(const std::string& headline) {
    Sorted sorted = sort_blocks(title_copies(headline), article_length());
    const std::vector<std::size_t>& inside = sorted.inside;
    judge_links_and_short(inside);
    // A post of one or two short lines is still the post: when nothing of the article would
    // be left, its short blocks stay.
    if (std::none_of(inside.begin(), inside.end(), [&](std::size_t i) { return reasons_[i].empty(); })) {
      for (std::size_t i : inside) {
        if (reasons_[i] == "short") reasons_[i] = {};
      }
    }
    judge_tail(inside);
    drop_newsletter_prompts(inside);
    drop_second_copy(inside);
    undo_class_overreach(sorted);
  }

  // Whether a block is a copy of the headline: the same text as the headline, the JSON-LD or
  // Open Graph title, or an h1 that is part of <title>.
  std::function<bool(const TextBlock&)> title_copies(const std::string& headline) const {
    std::unordered_set<std::string> titles;
    for (const std::string& t :
         {headline, linked_headline_, meta(page_, {"og:title"}), meta(page_, {"twitter:title"})}) {
      if (std::string f = fold(collapse(t)); f.size() >= 8) titles.insert(f);
    }
    return [this, titles = std::move(titles), folded_title = fold(page_.title),
            folded_headline = fold(headline)](const TextBlock& b) {
      if (b.kind != BlockKind::kHeading) return false;
      std::string f = fold(b.text);
      if (!f.empty() && f == folded_headline) return true;
      if (f.size() < 8) return false;
      return titles.count(f) > 0 || (page_.elements[b.owner].heading_level == 1 && in_title(f, folded_title));
    };
  }

  // The text length of the chosen article (of the whole page when there is no candidate).
  std::uint32_t article_length() const {
    if (selected_[0]) return page_.elements[0].text;
    std::uint32_t length = 0;
    for (std::size_t i = 1; i < page_.elements.size(); ++i) {
      if (selected_[i]) length += page_.elements[i].text;
    }
    return length;
  }

  // The first pass, in reading order: headline copies, blocks outside the article, a comment
  // thread after article text, related-content boxes, blocks whose ancestors name chrome,
  // captions and boilerplate phrases are dropped; the rest is INSIDE.
  Sorted sort_blocks(const std::function<bool(const TextBlock&)>& is_title, std::uint32_t article_text) {
    const std::vector<Element>& els = page_.elements;
    Sorted out;
    std::uint32_t prose_seen = 0;
    bool in_comments = false;
    int related_box = -1;
    for (std::size_t i = 0; i < page_.blocks.size(); ++i) {
      const TextBlock& b = page_.blocks[i];
      if (is_title(b)) {
        drop(i, "title");
        continue;
      }
      if (!in_article_[b.owner]) {
        drop(i, outside_reason(b));
        continue;
      }
      // A comment-section heading after article text: the thread follows, to the end.
      if (!in_comments && prose_seen >= 200 && b.length <= 80 &&
          (b.kind == BlockKind::kHeading || b.kind == BlockKind::kParagraph) &&
          opens_comments(b.text, b.kind == BlockKind::kHeading))
        in_comments = true;
      if (in_comments) {
        drop(i, "comments");
        continue;
      }
      // A label of a related-content box ("Also on ...:", "Related") goes with the box, the
      // element right after it.
      if (related_box > 0 && is_inside(b.owner, related_box)) {
        drop(i, "related");
        continue;
      }
      if (labels_related(b)) {
        drop(i, "related");
        int owner = b.owner, next = owner + 1;
        while (next < static_cast<int>(els.size()) && is_inside(next, owner)) ++next;
        related_box = next < static_cast<int>(els.size()) && els[next].parent == els[owner].parent ? next : -1;
        continue;
      }
      bool by_class = false;
      if (std::string_view r = ancestor_reason(b, article_text, &by_class); !r.empty()) {
        drop(i, r);
        if (by_class) {
          out.class_dropped += b.length;
          out.restorable.push_back(i);
        }
        continue;
      }
      if (std::string_view r = b.kind == BlockKind::kCaption ? "caption" : is_boilerplate_phrase(b.text) ? "boilerplate" : "";
          !r.empty()) {
        drop(i, r);
        continue;
      }
      out.inside.push_back(i);
      if (is_prose(b)) prose_seen += b.length;
    }
    return out;
  }

  // Why a block outside the article goes: the innermost tag or class of its ancestors that
  // names chrome (nav, footer, ...), else "outside".
  std::string_view outside_reason(const TextBlock& b) const {
    std::string_view reason = "outside";
    for (int a = b.owner; a > 0; a = page_.elements[a].parent) {
      if (std::string_view r = tag_reason(page_.elements[a].tag); !r.empty()) reason = r;
      if (!page_.elements[a].reason.empty()) reason = page_.elements[a].reason;
      if (reason != "outside") break;
    }
    return reason;
  }

  // A newsletter prompt is chrome wherever it sits: a short block that asks to sign up or
  // subscribe to a newsletter or an inbox delivery.
  void drop_newsletter_prompts(const std::vector<std::size_t>& inside) {
    for (std::size_t i : inside) {
      const TextBlock& b = page_.blocks[i];
      if (!reasons_[i].empty() || b.length > 300) continue;
      std::string f = " " + letters(b.text) + " ";
      bool ask = f.find(" sign up ") != std::string::npos || f.find(" subscribe ") != std::string::npos;
      if (ask && (f.find(" newsletter") != std::string::npos || f.find(" inbox ") != std::string::npos))
        drop(i, "newsletter");
    }
  }

  // A page that carries its article twice (a second copy for another layout) gives it once; a
  // refrain or a repeated interview question is not a copy of the article.
  void drop_second_copy(const std::vector<std::size_t>& inside) {
    std::unordered_set<std::string_view> seen;
    std::vector<std::size_t> copies;
    std::uint32_t total = 0, copied = 0;
    for (std::size_t i : inside) {
      const TextBlock& b = page_.blocks[i];
      if (!reasons_[i].empty()) continue;
      total += b.length;
      if (b.length >= 80 && !seen.insert(b.text).second) {
        copies.push_back(i);
        copied += b.length;
      }
    }
    if (copied * 3 >= total) {
      for (std::size_t i : copies) drop(i, "duplicate");
    }
  }

  // The guard: class names that would remove more than two thirds of the article undo
  // themselves (the candidate was right, the class rules were wrong for this page), but only
  // for prose: the comments, menus and footers they also named stay dropped.
  void undo_class_overreach(const Sorted& sorted) {
    std::uint32_t kept = 0;
    for (std::size_t i : sorted.inside) kept += reasons_[i].empty() ? page_.blocks[i].length : 0;
    if (sorted.class_dropped < 300 || kept * 2 >= sorted.class_dropped) return;
    for (std::size_t i : sorted.restorable) {
      const TextBlock& b = page_.blocks[i];
      bool prose = is_prose(b) || (b.kind == BlockKind::kListItem && b.length >= 40 && b.link_length * 3 < b.length);
      if (prose && reasons_[i] != "comments") reasons_[i] = {};
    }
  }

  bool is_boilerplate_phrase(std::string_view text) const {
    static const std::unordered_set<std::string> kPhrases = [] {
      std::unordered_set<std::string> s;
      for (std::string_view line : data::lines("extract-boilerplate-phrases.txt")) s.insert(numbered(fold(line)));
      return s;
    }();
    if (text.size() > 120) return false;
    std::string f = fold(text);
    return kPhrases.count(f) > 0 || kPhrases.count(numbered(f)) > 0;
  }

  // Folded text with every run of ASCII digits as one '#' ("image3of12" -> "image#of#"), so
  // that a phrase with numbers stands for counters ("image 1 of 2").
  static std::string numbered(std::string_view folded) {
    std::string out;
    for (char c : folded) {
      bool digit = c >= '0' && c <= '9';
      if (digit && !out.empty() && out.back() == '#') continue;
      out += digit ? '#' : c;
    }
    return out;
  }

  // End matter: short blocks at the end of the article that hold a phrase of
  // data/extract-tail-phrases.txt (filing notes, credits, newsletter and follow-us prompts,
  // donation appeals, disclosures, comment policies).
  void judge_tail(const std::vector<std::size_t>& inside) {
    // The tail ends, going back, at a paragraph of the article (a long sentence-like block
    // without such a phrase) or 300 characters of other kept text.
    std::uint32_t after = 0;
    for (std::size_t k = inside.size(); k-- > 0 && after < 300;) {
      std::size_t i = inside[k];
      if (!reasons_[i].empty()) continue;
      const TextBlock& b = page_.blocks[i];
      if (b.length <= 300 && has_tail_phrase(b.text)) {
        drop(i, "tail");
      } else if (b.length >= 150 && ends_sentence(b.text) && b.link_length * 4 < b.length) {
        break;
      } else {
        after += b.length;
      }
    }
  }

  static bool has_tail_phrase(std::string_view text) {
    static const std::pair<std::vector<std::string>, std::vector<std::string>> kPhrases = [] {
      std::pair<std::vector<std::string>, std::vector<std::string>> p;  // anywhere, at the start
      for (std::string_view line : data::lines("extract-tail-phrases.txt")) {
        bool start = !line.empty() && line[0] == '^';
        std::string f = " " + letters(start ? line.substr(1) : line) + " ";
        (start ? p.second : p.first).push_back(std::move(f));
      }
      return p;
    }();
    std::string f = " " + letters(text) + " ";
    for (const std::string& phrase : kPhrases.second) {
      if (f.compare(0, phrase.size(), phrase) == 0) return true;
    }
    for (const std::string& phrase : kPhrases.first) {
      if (f.find(phrase) != std::string::npos) return true;
    }
    return false;
  }

  // A list of labels (whole texts, or prefixes when a line ends in "*"), compared by letters.
  struct Labels {
    std::unordered_set<std::string> whole;
    std::vector<std::string> prefixes;
    explicit Labels(std::string_view file) {
      for (std::string_view line : data::lines(file)) {
        if (!line.empty() && line.back() == '*') {
          prefixes.push_back(letters(line.substr(0, line.size() - 1)));
        } else {
          whole.insert(letters(line));
        }
      }
    }
    // PREFIXES: whether the prefix entries count too.
    bool match(std::string_view text, bool use_prefixes) const {
      std::string f = letters(text);
      if (f.empty()) return false;
      if (whole.count(f)) return true;
      if (!use_prefixes) return false;
      for (const std::string& prefix : prefixes) {
        if (f.size() > prefix.size() && f.compare(0, prefix.size(), prefix) == 0 && f[prefix.size()] == ' ') return true;
      }
      return false;
    }
  };

  // True when TEXT is a comment-section heading (data/extract-comment-headings.txt); the
  // prefix entries only for a HEADING ("Thoughts on ..." may start a paragraph).
  static bool opens_comments(std::string_view text, bool heading) {
    static const Labels kHeadings("extract-comment-headings.txt");
    return kHeadings.match(text, heading);
  }

  // True when block B labels a related-content box (data/extract-related-labels.txt): a
  // heading, or a short line ending in a colon.
  static bool labels_related(const TextBlock& b) {
    static const Labels kLabels("extract-related-labels.txt");
    if (b.length > 80) return false;
    std::string_view t = b.text;
    while (!t.empty() && (t.back() == ' ' || t.back() == '.')) t.remove_suffix(1);
    bool colon = !t.empty() && t.back() == ':';
    return (b.kind == BlockKind::kHeading || colon) && kLabels.match(t, true);
  }

  // TEXT folded for comparison with a phrase list: lower-case letters, other scripts kept,
  // single spaces between words; digits and punctuation dropped.
  static std::string letters(std::string_view text) {
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      unsigned char c = text[i];
      if (c >= 0x80) {
        if (c == 0xE2 && i + 2 < text.size() && (text[i + 1] == '\x80' || text[i + 1] == '\x81')) {
          i += 2;  // general punctuation: curly quotes, dashes
          space = !out.empty();
          continue;
        }
        if (c == 0xC2 && i + 1 < text.size()) {
          ++i;  // Latin-1 punctuation and spaces
          space = !out.empty();
          continue;
        }
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(c);
      } else if (std::isalpha(c)) {
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(std::tolower(c));
      } else {
        space = !out.empty();
      }
    }
    return out;
  }

  // The number N of a line that starts "N." or "N)" followed by a space (1 to 999), else 0.
  static long item_number(std::string_view s) {
    std::size_t i = 0;
    long n = 0;
    while (i < s.size() && i < 3 && s[i] >= '0' && s[i] <= '9') n = n * 10 + (s[i++] - '0');
    if (i == 0 || i + 1 >= s.size() || (s[i] != '.' && s[i] != ')') || s[i + 1] != ' ') return 0;
    return n;
  }

  static bool is_url(std::string_view s) {
    return (s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0) && s.find(' ') == std::string_view::npos;
  }

  static bool ends_sentence(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\'' || s.back() == ')'))
      s.remove_suffix(1);
    if (s.empty()) return false;
    char c = s.back();
    if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';') return true;
    // closing quotes, CJK full stops and exclamation marks
    for (std::string_view end :
         {"\xE2\x80\x9D", "\xE2\x80\x99", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F", "\xC2\xBB"}) {
      if (s.size() >= end.size() && s.substr(s.size() - end.size()) == end) return true;
    }
    return false;
  }

  // A list item is judged with its list: a list of short items is article text when the
  // list as a whole is long and not made of links.
  bool good_list(const TextBlock& b) const {
    if (b.kind != BlockKind::kListItem) return false;
    int list = page_.elements[b.owner].parent;
    while (list > 0 && page_.elements[list].tag != Tag::kList) list = page_.elements[list].parent;
    if (list <= 0) return false;
    const Element& e = page_.elements[list];
    return e.text >= 80 && e.links * 3 < e.text;
  }

  // Link-dense blocks go; short blocks stay only when article text surrounds them.
  // What a block of the article is to its neighbours: article text, a short line that needs
  // article text around it, or chrome (dropped).
  enum Class { kGood, kShort, kBad };

  void judge_links_and_short(const std::vector<std::size_t>& inside) {
    std::vector<Class> cls = classify(inside);
    keep_numbered_lines(inside, cls);
    keep_quotations(inside, cls);
    keep_content_lists(inside, cls);
    judge_short(inside, cls);
  }

  std::vector<Class> classify(const std::vector<std::size_t>& inside) {
    std::vector<Class> cls(inside.size());
    for (std::size_t k = 0; k < inside.size(); ++k) {
      const TextBlock& b = page_.blocks[inside[k]];
      double density = b.length ? static_cast<double>(b.link_length) / b.length : 0;
      // A sentence that links half of its words is still a sentence; a list of titles is not,
      // nor is a heading that is all link (a teaser of another article).
      bool sentence = ends_sentence(b.text) && density <= 0.8;
      bool link_dense = b.kind == BlockKind::kHeading ? density > 0.8 : density > 0.5 && !sentence;
      if (link_dense && b.length - b.link_length < 100) {
        cls[k] = kBad;
        drop(inside[k], b.kind == BlockKind::kListItem ? "link-list" : "link-dense");
      } else if (is_url(b.text)) {
        cls[k] = kShort;
      } else if (b.length >= 80 || b.kind == BlockKind::kTable || good_list(b) || b.kind == BlockKind::kPreformatted ||
                 (b.length >= 30 && ends_sentence(b.text))) {
        cls[k] = kGood;
      } else {
        cls[k] = kShort;
      }
    }
    return cls;
  }

  void keep(std::size_t k, const std::vector<std::size_t>& inside, std::vector<Class>& cls) {
    cls[k] = kGood;
    reasons_[inside[k]] = {};
  }

  // Numbered lines ("1. Title", "2) Title", ...) are a list however short each line is:
  // three or more in a row, numbered one up from the other, stay unless all link.
  void keep_numbered_lines(const std::vector<std::size_t>& inside, std::vector<Class>& cls) {
    for (std::size_t k = 0; k < inside.size();) {
      long n = item_number(page_.blocks[inside[k]].text);
      std::size_t end = k + 1;
      while (n > 0 && end < inside.size() && item_number(page_.blocks[inside[end]].text) == n + static_cast<long>(end - k))
        ++end;
      for (std::size_t j = k; n > 0 && end - k >= 3 && j < end; ++j) {
        const TextBlock& b = page_.blocks[inside[j]];
        if (b.link_length * 10 < b.length * 9) keep(j, inside, cls);
      }
      k = end;
    }
  }

  // The innermost element with tag TAG holding element FROM (FROM itself included), or 0.
  int enclosing(int from, Tag tag) const {
    while (from > 0 && page_.elements[from].tag != tag) from = page_.elements[from].parent;
    return from;
  }

  // Calls RUN(k, end, container) for every run inside[k..end) of consecutive blocks of KIND
  // that share one enclosing element CONTAINER (given by CONTAINER_OF, 0 for none).
  template <typename ContainerOf, typename Run>
  void for_each_run(const std::vector<std::size_t>& inside, BlockKind kind, ContainerOf container_of, Run run) const {
    for (std::size_t k = 0; k < inside.size();) {
      const TextBlock& first = page_.blocks[inside[k]];
      int container = first.kind == kind ? container_of(first) : 0;
      std::size_t end = k + 1;
      while (container > 0 && end < inside.size() && page_.blocks[inside[end]].kind == kind &&
             container_of(page_.blocks[inside[end]]) == container)
        ++end;
      if (container > 0) run(k, end, container);
      k = end;
    }
  }

  // A quotation (an embedded post: its lines, its "— Name (@handle) date" line) is judged
  // whole: when it holds text of its own, all of it stays.
  void keep_quotations(const std::vector<std::size_t>& inside, std::vector<Class>& cls) {
    auto quote_of = [&](const TextBlock& b) { return enclosing(b.owner, Tag::kBlockquote); };
    for_each_run(inside, BlockKind::kQuote, quote_of, [&](std::size_t k, std::size_t end, int quote) {
      const Element& q = page_.elements[quote];
      if (end - k < 2 || q.text < 40 || q.links * 2 >= q.text) return;
      for (std::size_t j = k; j < end; ++j) keep(j, inside, cls);
    });
  }

  // The class of the nearest block before K (STEP -1) or after it (STEP +1) that is not
  // short; kShort when there is none.
  static Class neighbour(const std::vector<Class>& cls, std::size_t k, int step) {
    for (std::size_t j = k + step; j < cls.size(); j += step) {
      if (cls[j] != kShort) return cls[j];
    }
    return kShort;
  }

  // A list is judged as a list: between article text, a list whose items mostly carry text of
  // their own besides their link ("Title by Author", "Date: Event") is content, not a list of
  // links.
  void keep_content_lists(const std::vector<std::size_t>& inside, std::vector<Class>& cls) {
    auto list_of = [&](const TextBlock& b) { return enclosing(page_.elements[b.owner].parent, Tag::kList); };
    for_each_run(inside, BlockKind::kListItem, list_of, [&](std::size_t k, std::size_t end, int) {
      std::size_t items = end - k, own_text = 0, bad = 0;
      for (std::size_t j = k; j < end; ++j) {
        const TextBlock& b = page_.blocks[inside[j]];
        own_text += b.length - b.link_length >= 6;
        bad += cls[j] == kBad;
      }
      if (items < 2 || bad == 0 || own_text * 3 < items * 2) return;
      if (neighbour(cls, k, -1) != kGood || neighbour(cls, end - 1, +1) != kGood) return;
      for (std::size_t j = k; j < end; ++j) {
        if (cls[j] == kBad) keep(j, inside, cls);
      }
    });
  }

  // A short block needs article text on both sides; a heading, article text after it.
  void judge_short(const std::vector<std::size_t>& inside, const std::vector<Class>& cls) {
    for (std::size_t k = 0; k < inside.size(); ++k) {
      if (cls[k] != kShort) continue;
      const TextBlock& b = page_.blocks[inside[k]];
      bool headed = false;
      for (std::size_t j = k; j-- > 0 && cls[j] == kShort;) {
        headed = headed || page_.blocks[inside[j]].kind == BlockKind::kHeading;
      }
      bool before = neighbour(cls, k, -1) == kGood, after = neighbour(cls, k, +1) == kGood;
      // At the start of the article, lines under a section heading (a score line, a date
      // under "Schedule") belong to that section.
      before = before || (headed && !std::any_of(cls.begin(), cls.begin() + k, [](Class c) { return c != kShort; }));
      bool closing = before && !after && b.kind != BlockKind::kHeading && closes_article(inside, cls, k);
      bool kept = b.kind == BlockKind::kHeading || b.kind == BlockKind::kListItem ? after : (before && after) || closing;
      if (!kept) drop(inside[k], "short");
    }
  }

  // After the article's last paragraph, a few short lines (a sign-off, practical details)
  // close it; not form labels, menus ("a | b"), rules ("___"), links or addresses. Whether the
  // run of short lines around K, at the end of the article, is such a close.
  bool closes_article(const std::vector<std::size_t>& inside, const std::vector<Class>& cls, std::size_t k) const {
    std::size_t first = k, last = k;
    while (first > 0 && cls[first - 1] == kShort) --first;
    while (last + 1 < inside.size() && cls[last + 1] == kShort) ++last;
    if (last + 1 != inside.size() || last - first >= 3) return false;
    std::uint32_t run = 0;
    for (std::size_t j = first; j <= last; ++j) {
      const TextBlock& c = page_.blocks[inside[j]];
      run += c.length;
      bool plain = c.link_length * 2 < c.length && !in_form(c.owner) && c.text.find_first_of("|@_") == std::string::npos &&
                   c.text.find("://") == std::string::npos && c.text.find(".com") == std::string::npos;
      if (!plain) return false;
    }
    return run <= 160;
  }

  const Page& page_;
  const ExtractOptions& options_;
  std::vector<bool> excluded_, listing_, thread_, selected_, in_article_;
  std::vector<double> scores_;
  std::vector<std::uint32_t> prose_, plain_, sentences_;  // sentences_: any block of 40+ mostly unlinked
  std::vector<std::string_view> reasons_;
  std::string linked_headline_;
};

}  // namespace

namespace {

// The links' relative addresses made absolute against the page's: its <base href> (itself
// resolved against the page's own URL), else the URL the page names as its own (canonical
// link, og:url, JSON-LD). They stay as given when the page names no absolute one.
void resolve_links(Document& doc, const Page& page) {
  const std::string base = internal::resolve_url(doc.meta.url, page.base);
  for (Block& b : doc.blocks) {
    if (!b.has_markup()) continue;
    for (Block::Link& link : b.edit_markup().links) link.url = internal::resolve_url(base, link.url);
  }
}

}  // namespace

Document extract(std::string_view html, const ExtractOptions& options, Report* report) {
  std::string repaired;
  if (!utf8::valid(html)) {
    repaired = utf8::sanitize(html);
    html = repaired;
  }
  Page page = html::parse_page(html, options.markdown_links);
  Document doc = Extractor(page, options).run();
  if (options.markdown_links) resolve_links(doc, page);
  if (report) {
    for (const Block& b : doc.blocks) {
      if (!b.kept()) report->add("extract", b.reason, 0, report->keep_details() ? excerpt(b.text) : std::string());
    }
  }
  return doc;
}

}  // namespace winnow
