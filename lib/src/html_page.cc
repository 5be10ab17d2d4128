#include "html_page.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "data.h"
#include "winnow/utf8.h"

namespace winnow::html {
namespace {

// ---- class/id hints ------------------------------------------------------------------------

struct TokenTables {
  struct Reason {
    std::string_view reason;
    bool whole_only = false;  // counts only as the whole name
  };
  std::unordered_map<std::string_view, Reason> boilerplate;  // token -> reason
  std::unordered_set<std::string_view> content, embed;
  std::unordered_set<std::string_view> state_first, state_last, state_any;
};

const TokenTables& token_tables() {
  static const TokenTables tables = [] {
    TokenTables t;
    auto fields = [](std::string_view line) {
      std::vector<std::string_view> out;
      for (std::size_t i = 0; i < line.size();) {
        std::size_t sp = line.find(' ', i);
        if (sp == std::string_view::npos) sp = line.size();
        if (sp > i) out.push_back(line.substr(i, sp - i));
        i = sp + 1;
      }
      return out;
    };
    for (std::string_view line : data::lines("extract-boilerplate-tokens.txt")) {
      std::vector<std::string_view> f = fields(line);
      if (f.empty()) continue;
      t.boilerplate.emplace(f[0], TokenTables::Reason{f.size() > 1 ? f[1] : f[0], f.size() > 2 && f[2] == "whole"});
    }
    for (std::string_view line : data::lines("extract-content-tokens.txt")) t.content.insert(line);
    for (std::string_view line : data::lines("extract-embed-tokens.txt")) t.embed.insert(line);
    for (std::string_view line : data::lines("extract-state-words.txt")) {
      std::vector<std::string_view> f = fields(line);
      if (f.size() < 2) continue;
      (f[0] == "first" ? t.state_first : f[0] == "last" ? t.state_last : t.state_any).insert(f[1]);
    }
    return t;
  }();
  return tables;
}

bool is_alnum(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Looks up the words of the class and id values: each name whole ("sharedaddy"), then its words
// split at non-alphanumerics and lower-to-upper case changes ("articleBody" -> article, body).
// A name that is a state or a taxonomy term (data/extract-state-words.txt: "no-sidebar",
// "tag-politics") names no component and is skipped. On <html> and <body> (CHROME false) no
// word names chrome: their classes describe the page ("has-sidebar", "single-post").
// "comments" is never cancelled by a content word ("post-comments").
void apply_tokens(std::initializer_list<std::string_view> values, Element& e, bool chrome) {
  const TokenTables& t = token_tables();
  bool positive = false, embed = false;
  std::vector<std::string> words;
  auto lookup = [&](const std::string& w, bool whole) {
    if (w.empty()) return;
    embed = embed || t.embed.count(w);
    if (e.reason.empty() && chrome) {
      auto it = t.boilerplate.find(w);
      if (it != t.boilerplate.end() && (whole || !it->second.whole_only)) e.reason = it->second.reason;
    }
    if (t.content.count(w)) positive = true;
  };
  for (std::string_view value : values) {
    std::size_t i = 0;
    while (i < value.size()) {
      while (i < value.size() && (value[i] == ' ' || value[i] == '\t' || value[i] == '\n')) ++i;
      std::size_t start = i;
      while (i < value.size() && value[i] != ' ' && value[i] != '\t' && value[i] != '\n') ++i;
      std::string_view name = value.substr(start, i - start);
      if (name.empty()) continue;
      std::string whole;
      for (char c : name) whole += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      words.clear();
      std::string word;
      for (std::size_t k = 0; k < name.size(); ++k) {
        unsigned char c = name[k];
        bool upper_after_lower = c >= 'A' && c <= 'Z' && k > 0 && name[k - 1] >= 'a' && name[k - 1] <= 'z';
        if ((!is_alnum(c) || upper_after_lower) && !word.empty()) words.push_back(std::move(word)), word.clear();
        if (is_alnum(c)) word += static_cast<char>(std::tolower(c));
      }
      if (!word.empty()) words.push_back(std::move(word));
      if (words.size() >= 2) {
        bool state = t.state_first.count(words.front()) || t.state_last.count(words.back());
        for (const std::string& w : words) state = state || t.state_any.count(w);
        if (state) continue;
      }
      lookup(whole, true);
      for (const std::string& w : words) {
        if (w != whole) lookup(w, words.size() == 1);
      }
    }
  }
  if (embed && e.reason == "share") e.reason = {};
  if (!e.reason.empty()) e.class_weight -= 25;
  if (positive && e.reason != "comments") e.class_weight += 25;
}

// ---- tags ----------------------------------------------------------------------------------

enum class Kind : std::uint8_t { kInline, kBlock, kSkip };

struct TagInfo {
  Tag tag;
  Kind kind;
};

TagInfo classify(std::string_view name) {
  static const std::unordered_map<std::string_view, TagInfo> kTags = {
      {"a", {Tag::kA, Kind::kInline}},
      {"article", {Tag::kArticle, Kind::kBlock}},
      {"aside", {Tag::kAside, Kind::kBlock}},
      {"blockquote", {Tag::kBlockquote, Kind::kBlock}},
      {"body", {Tag::kBody, Kind::kBlock}},
      {"div", {Tag::kDiv, Kind::kBlock}},
      {"figcaption", {Tag::kFigcaption, Kind::kBlock}},
      {"figure", {Tag::kFigure, Kind::kBlock}},
      {"footer", {Tag::kFooter, Kind::kBlock}},
      {"form", {Tag::kForm, Kind::kBlock}},
      {"h1", {Tag::kHeading, Kind::kBlock}},
      {"h2", {Tag::kHeading, Kind::kBlock}},
      {"h3", {Tag::kHeading, Kind::kBlock}},
      {"h4", {Tag::kHeading, Kind::kBlock}},
      {"h5", {Tag::kHeading, Kind::kBlock}},
      {"h6", {Tag::kHeading, Kind::kBlock}},
      {"header", {Tag::kHeader, Kind::kBlock}},
      {"ul", {Tag::kList, Kind::kBlock}},
      {"ol", {Tag::kList, Kind::kBlock}},
      {"dl", {Tag::kList, Kind::kBlock}},
      {"li", {Tag::kListItem, Kind::kBlock}},
      {"dt", {Tag::kListItem, Kind::kBlock}},
      {"dd", {Tag::kListItem, Kind::kBlock}},
      {"main", {Tag::kMain, Kind::kBlock}},
      {"nav", {Tag::kNav, Kind::kBlock}},
      {"p", {Tag::kP, Kind::kBlock}},
      {"pre", {Tag::kPre, Kind::kBlock}},
      {"section", {Tag::kSection, Kind::kBlock}},
      {"table", {Tag::kTable, Kind::kBlock}},
      {"td", {Tag::kCell, Kind::kBlock}},
      {"th", {Tag::kCell, Kind::kBlock}},
      {"caption", {Tag::kOtherBlock, Kind::kBlock}},
      {"address", {Tag::kOtherBlock, Kind::kBlock}},
      {"center", {Tag::kOtherBlock, Kind::kBlock}},
      {"details", {Tag::kOtherBlock, Kind::kBlock}},
      {"summary", {Tag::kOtherBlock, Kind::kBlock}},
      {"fieldset", {Tag::kOtherBlock, Kind::kBlock}},
      {"hgroup", {Tag::kOtherBlock, Kind::kBlock}},
      {"tr", {Tag::kOtherBlock, Kind::kBlock}},
      {"tbody", {Tag::kOtherBlock, Kind::kBlock}},
      {"thead", {Tag::kOtherBlock, Kind::kBlock}},
      {"tfoot", {Tag::kOtherBlock, Kind::kBlock}},
      {"dialog", {Tag::kOtherBlock, Kind::kBlock}},
      {"script", {Tag::kOther, Kind::kSkip}},
      {"style", {Tag::kOther, Kind::kSkip}},
      {"noscript", {Tag::kOther, Kind::kSkip}},
      {"template", {Tag::kOther, Kind::kSkip}},
      {"svg", {Tag::kOther, Kind::kSkip}},
      {"math", {Tag::kOther, Kind::kSkip}},
      {"iframe", {Tag::kOther, Kind::kSkip}},
      {"object", {Tag::kOther, Kind::kSkip}},
      {"embed", {Tag::kOther, Kind::kSkip}},
      {"canvas", {Tag::kOther, Kind::kSkip}},
      {"select", {Tag::kOther, Kind::kSkip}},
      {"button", {Tag::kOther, Kind::kSkip}},
      {"input", {Tag::kOther, Kind::kSkip}},
      {"textarea", {Tag::kOther, Kind::kSkip}},
      {"video", {Tag::kOther, Kind::kSkip}},
      {"audio", {Tag::kOther, Kind::kSkip}},
      {"map", {Tag::kOther, Kind::kSkip}},
      {"head", {Tag::kOther, Kind::kSkip}},
      {"title", {Tag::kOther, Kind::kSkip}},
      {"meta", {Tag::kOther, Kind::kSkip}},
      {"link", {Tag::kOther, Kind::kSkip}},
  };
  auto it = kTags.find(name);
  return it == kTags.end() ? TagInfo{Tag::kOther, Kind::kInline} : it->second;
}

const char* attr(xmlNode* n, const char* name) {
  for (xmlAttr* a = n->properties; a; a = a->next) {
    if (std::strcmp(reinterpret_cast<const char*>(a->name), name) == 0) {
      if (a->children && a->children->content) return reinterpret_cast<const char*>(a->children->content);
      return "";
    }
  }
  return nullptr;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool contains_ci(std::string_view haystack, std::string_view needle) {
  return lower(haystack).find(needle) != std::string::npos;
}

bool hidden(xmlNode* n) {
  if (attr(n, "hidden")) return true;
  const char* aria = attr(n, "aria-hidden");
  if (aria && std::strcmp(aria, "true") == 0) return true;
  const char* style = attr(n, "style");
  if (!style) return false;
  std::string s;
  for (const char* p = style; *p; ++p) {
    if (*p != ' ') s += static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
  }
  return s.find("display:none") != std::string::npos || s.find("visibility:hidden") != std::string::npos;
}

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Text content of a subtree with whitespace collapsed, skipping what the walk skips.
void gather_text(xmlNode* n, std::string& out) {
  for (xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      for (const char* p = reinterpret_cast<const char*>(c->content); p && *p; ++p) {
        if (is_space(*p)) {
          if (!out.empty() && out.back() != ' ') out += ' ';
        } else if (*p == '\xC2' && p[1] == '\xAD') {
          ++p;  // soft hyphen
        } else {
          out += *p;
        }
      }
    } else if (c->type == XML_ELEMENT_NODE) {
      std::string_view name = reinterpret_cast<const char*>(c->name);
      if (classify(name).kind == Kind::kSkip || hidden(c)) continue;
      if (name == "br" && !out.empty() && out.back() != ' ') out += ' ';
      gather_text(c, out);
    }
  }
}

std::string trimmed(std::string s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

// The href of link N worth writing: as given (trimmed), empty when it has none, or one that
// leads nowhere outside the page (a fragment such as "#top", a javascript: URL).
std::string link_target(xmlNode* n) {
  const char* href = attr(n, "href");
  std::string url = trimmed(href ? href : "");
  if (url.empty() || url[0] == '#' || lower(url.substr(0, 11)) == "javascript:") return {};
  return url;
}

// The links of table cell N with a target, their text as gather_text() gives it, into OUT.
void cell_links(xmlNode* n, std::vector<Block::Link>& out) {
  for (xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || classify(reinterpret_cast<const char*>(c->name)).kind == Kind::kSkip ||
        hidden(c)) {
      continue;
    }
    if (!xmlStrEqual(c->name, BAD_CAST "a")) {
      cell_links(c, out);
      continue;
    }
    Block::Link link{{}, link_target(c)};
    gather_text(c, link.text);
    link.text = trimmed(std::move(link.text));
    if (!link.url.empty() && !link.text.empty()) out.push_back(std::move(link));
  }
}

// A table holding data rather than page layout: no nested table and no long cell.
bool is_data_table(xmlNode* table, int depth = 0) {
  for (xmlNode* c = table->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    std::string_view name = reinterpret_cast<const char*>(c->name);
    if (depth > 0 && name == "table") return false;
    if (name == "td" || name == "th") {
      std::string text;
      gather_text(c, text);
      if (weighted_length(text) > 400) return false;
      for (xmlNode* d = c->children; d; d = d->next) {
        if (d->type == XML_ELEMENT_NODE && !is_data_table(d, depth + 1)) return false;
      }
      continue;
    }
    if (!is_data_table(c, depth + 1)) return false;
  }
  return true;
}

// True when inline element N holds a dateline that opens a sentence: a short text ending in a
// dash or colon ("LONDON —", "WASHINGTON (Reuters) -", "PARIS:").
bool is_dateline(xmlNode* n) {
  std::string text;
  gather_text(n, text);
  std::string_view t = text;
  while (!t.empty() && is_space(t.back())) t.remove_suffix(1);
  if (t.empty() || t.size() > 60) return false;
  if (!(t[0] >= 'A' && t[0] <= 'Z')) return false;
  return t.back() == '-' || t.back() == ':' ||
         (t.size() >= 3 && (t.substr(t.size() - 3) == "\xE2\x80\x94" || t.substr(t.size() - 3) == "\xE2\x80\x93"));
}

// Counts the links of N's subtree whose text reads as a headline (20 characters or more) and
// adds the weighted length of all link text to LINKS; gives up (BUDGET exhausted) past 64
// nodes, as a hover card is small: nested inline wrappers cost no more than that each.
void headline_links(xmlNode* n, int& headlines, std::uint32_t& links, int& budget) {
  for (xmlNode* c = n->children; c && budget > 0; c = c->next) {
    --budget;
    if (c->type != XML_ELEMENT_NODE) continue;
    if (xmlStrEqual(c->name, BAD_CAST "a")) {
      std::string text;
      gather_text(c, text);
      std::uint32_t length = weighted_length(text);
      links += length;
      headlines += length >= 20;
    } else {
      headline_links(c, headlines, links, budget);
    }
  }
}

// True when inline element N is a hover card: two or more headline links and nothing else.
bool is_hover_card(xmlNode* n) {
  int headlines = 0, budget = 64;
  std::uint32_t links = 0;
  headline_links(n, headlines, links, budget);
  if (headlines < 2 || budget <= 0) return false;
  std::string text;
  gather_text(n, text);
  return links * 10 >= weighted_length(text) * 9;
}

class Walker {
 public:
  Walker(Page& page, bool links) : page_(page), record_links_(links) {}

  void walk_root(xmlNode* root) {
    open_.push_back(0);
    children(root, 0);
    flush();
    // Subtree sums: elements are in document (pre-)order, so every child follows its parent.
    for (std::size_t i = page_.elements.size(); i-- > 1;) {
      Element& e = page_.elements[i];
      Element& p = page_.elements[e.parent];
      p.text += e.text;
      p.links += e.links;
      p.paragraphs += e.paragraphs;
    }
  }

 private:
  void children(xmlNode* n, int parent) {
    std::vector<std::pair<const xmlChar*, std::uint16_t>> seen;
    for (xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (c->content) text(reinterpret_cast<const char*>(c->content));
      } else if (c->type == XML_ELEMENT_NODE) {
        std::uint16_t nth = 1;
        auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return xmlStrEqual(s.first, c->name); });
        if (it == seen.end()) {
          seen.emplace_back(c->name, 1);
        } else {
          nth = ++it->second;
        }
        element(c, parent, nth);
      }
    }
  }

  void head_element(xmlNode* n, std::string_view name) {
    if (name == "title" && page_.title.empty()) {
      gather_text(n, page_.title);
      page_.title = trimmed(page_.title);
    } else if (name == "meta") {
      const char* key = attr(n, "property");
      if (!key) key = attr(n, "name");
      if (!key) key = attr(n, "itemprop");
      if (!key) key = attr(n, "http-equiv");
      const char* content = attr(n, "content");
      if (key && content) page_.meta.emplace_back(lower(key), content);
    } else if (name == "link") {
      const char* rel = attr(n, "rel");
      const char* href = attr(n, "href");
      if (rel && href && lower(rel) == "canonical" && page_.canonical.empty()) page_.canonical = href;
    } else if (name == "base") {
      const char* href = attr(n, "href");
      if (href && page_.base.empty()) page_.base = trimmed(href);
    } else if (name == "script") {
      const char* type = attr(n, "type");
      if (type && contains_ci(type, "ld+json")) {
        std::string json;
        for (xmlNode* c = n->children; c; c = c->next) {
          if (c->content) json += reinterpret_cast<const char*>(c->content);
        }
        page_.json_ld.push_back(std::move(json));
      }
    } else if (name == "head") {
      for (xmlNode* c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) head_element(c, reinterpret_cast<const char*>(c->name));
      }
    }
  }

  void element(xmlNode* n, int parent, std::uint16_t nth) {
    std::string_view name = reinterpret_cast<const char*>(n->name);
    if (name == "br" || name == "hr") {
      line_break(name == "hr");
      return;
    }
    TagInfo info = classify(name);
    if (info.kind == Kind::kSkip) {
      head_element(n, name);
      return;
    }
    if (hidden(n)) return;
    if (name == "time") {
      const char* prop = attr(n, "itemprop");
      if (const char* when = attr(n, "datetime")) page_.times.emplace_back(prop ? lower(prop) : std::string(), when);
    }
    if (name == "html") {
      if (const char* lang = attr(n, "lang")) page_.lang = lang;
    }
    int index = add_element(n, name, info.tag, parent, nth);
    // An inline element whose class names chrome (<span class="caption">) gets blocks of its
    // own, so that the reason applies to its text only.
    // A dateline ("<span class=dateline>LONDON —</span> The ...") stays in its sentence.
    if (info.kind == Kind::kInline && !page_.elements[index].reason.empty() && info.tag != Tag::kA &&
        !is_dateline(n)) {
      info.kind = Kind::kBlock;
      page_.elements[index].tag = Tag::kOtherBlock;
    }
    // A hover card inside a sentence: a name link followed by an inline element holding
    // headlines of other articles, shown on hover.
    if (info.kind == Kind::kInline && info.tag != Tag::kA && !link_depth_ && !buf_.empty() && is_hover_card(n)) return;
    if (info.kind == Kind::kInline) {
      inline_element(n, info.tag == Tag::kA, index);
      return;
    }
    flush();
    if (info.tag == Tag::kTable && is_data_table(n)) {
      table(n, index);
      return;
    }
    if (info.tag == Tag::kTable) page_.elements[index].tag = Tag::kOtherBlock;  // layout
    block(n, info.tag, index);
  }

  // The text of inline element N (a LINK when <a>) goes on in the open block. A link is
  // recorded when asked (and not inside another) by where its text stands in buf_, unless a
  // block inside it ended the block it started in.
  void inline_element(xmlNode* n, bool link, int index) {
    std::string url = link && record_links_ && !link_depth_ ? link_target(n) : std::string();
    const std::size_t begin = buf_.size(), flushes = flushes_;
    link_depth_ += link;
    children(n, index);
    link_depth_ -= link;
    if (!url.empty() && flushes == flushes_) pending_links_.push_back({begin, buf_.size(), std::move(url)});
  }

  // The links recorded since the last flush whose text is one line in buf_[B, E), the text
  // of the block being flushed, trimmed as that text is.
  std::vector<Block::Link> take_links(std::size_t b, std::size_t e) {
    std::vector<Block::Link> links;
    for (PendingLink& l : pending_links_) {
      std::size_t s = std::max(l.begin, b), t = std::min(l.end, e);
      while (s < t && is_space(buf_[s])) ++s;
      while (t > s && is_space(buf_[t - 1])) --t;
      if (s >= t || std::memchr(buf_.data() + s, '\n', t - s)) continue;
      links.push_back({buf_.substr(s, t - s), std::move(l.url)});
    }
    pending_links_.clear();
    return links;
  }

  // <br>: two line breaks in a row separate paragraphs, one is a line break inside the
  // paragraph; <hr> (RULE) ends the paragraph.
  void line_break(bool rule) {
    if (rule || (!buf_.empty() && buf_.back() == '\n')) {
      flush();
      return;
    }
    if (!buf_.empty()) {
      if (buf_.back() == ' ') buf_.pop_back();
      buf_ += '\n';
    }
    space_ = false;
  }

  // Adds the Element for N (tag TAG, child NTH of its name under PARENT): its class and id
  // tokens, its article hint. Returns its index.
  int add_element(xmlNode* n, std::string_view name, Tag tag, int parent, std::uint16_t nth) {
    Element e;
    e.parent = parent;
    e.tag = tag;
    e.nth = nth;
    e.name = std::string(name);
    if (tag == Tag::kHeading) e.heading_level = static_cast<std::uint8_t>(name[1] - '0');
    const char* c = attr(n, "class");
    const char* id = attr(n, "id");
    if (c || id) apply_tokens({c ? c : "", id ? id : ""}, e, name != "html" && name != "body");
    if (const char* prop = attr(n, "itemprop")) e.article_hint = lower(prop) == "articlebody";
    page_.elements.push_back(std::move(e));
    return static_cast<int>(page_.elements.size()) - 1;
  }

  // A block element N (Element INDEX, tag TAG): its children in their own blocks, inside the
  // context and the Markdown structure it opens.
  void block(xmlNode* n, Tag tag, int index) {
    int* depth = context(tag);
    if (depth) ++*depth;
    const std::uint8_t level = level_;
    const std::uint32_t item = item_number_;
    const std::size_t lists = lists_.size();
    open_shape(n, tag, index);
    open_.push_back(index);
    children(n, index);
    flush();
    open_.pop_back();
    level_ = level;
    item_number_ = item;
    lists_.resize(lists);
    if (depth) --*depth;
  }

  // What element N opens of the structure Markdown keeps: a heading's level, a list (ordered
  // or not, numbered from its start attribute), a list item's number.
  void open_shape(xmlNode* n, Tag tag, int index) {
    const Element& e = page_.elements[index];
    if (tag == Tag::kHeading) level_ = e.heading_level;
    if (tag == Tag::kList) {
      const char* start = e.name == "ol" ? attr(n, "start") : nullptr;
      long first = start ? std::strtol(start, nullptr, 10) : 1;
      lists_.emplace_back(e.name == "ol", static_cast<std::uint32_t>(std::clamp(first, 1L, 999999999L)));
    }
    if (tag == Tag::kListItem) {
      item_number_ = 0;
      if (!lists_.empty() && lists_.back().first && lists_.back().second < 999999999) item_number_ = lists_.back().second++;
    }
  }

  int* context(Tag tag) {
    switch (tag) {
      case Tag::kHeading:
        return &heading_;
      case Tag::kFigcaption:
        return &caption_;
      case Tag::kPre:
        return &pre_;
      case Tag::kListItem:
        return &list_item_;
      case Tag::kBlockquote:
        return &quote_;
      default:
        return nullptr;
    }
  }

  void table(xmlNode* n, int index) {
    std::string rows;
    std::string links;
    std::vector<std::vector<std::string>> cells;
    std::vector<Block::Link> targets;
    collect_rows(n, rows, links, cells, record_links_ ? &targets : nullptr);
    if (rows.empty()) return;
    TextBlock b;
    b.text = std::move(rows);
    b.cells = std::move(cells);
    b.links = std::move(targets);
    b.kind = BlockKind::kTable;
    b.owner = index;
    b.length = weighted_length(b.text);
    b.link_length = std::min(weighted_length(links), b.length);
    b.link_chars = static_cast<std::uint32_t>(utf8::length(links));
    add_block(std::move(b));
  }

  // The rows of table N as text (cells joined by " | ", empty cells left out) into ROWS, their
  // link text into LINKS, their cells (empty ones and those a colspan covers included) into
  // CELLS, and, when TARGETS is given, the links of the cells with their targets into it.
  void collect_rows(xmlNode* n, std::string& rows, std::string& links, std::vector<std::vector<std::string>>& cells,
                    std::vector<Block::Link>* targets) {
    for (xmlNode* c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      std::string_view name = reinterpret_cast<const char*>(c->name);
      if (name != "tr") {
        if (name != "caption" && classify(name).kind != Kind::kSkip) collect_rows(c, rows, links, cells, targets);
        continue;
      }
      std::string row;
      std::vector<std::string> row_cells;
      for (xmlNode* cell = c->children; cell; cell = cell->next) {
        if (cell->type != XML_ELEMENT_NODE || hidden(cell)) continue;
        std::string text;
        gather_text(cell, text);
        text = trimmed(std::move(text));
        const char* span = attr(cell, "colspan");
        long spanned = span ? std::clamp(std::strtol(span, nullptr, 10), 1L, 64L) : 1;
        row_cells.push_back(text);
        row_cells.resize(row_cells.size() + spanned - 1);
        if (text.empty()) continue;
        link_text(cell, links);
        if (targets) cell_links(cell, *targets);
        if (!row.empty()) row += " | ";
        row += text;
      }
      if (row.empty()) continue;
      if (!rows.empty()) rows += '\n';
      rows += row;
      cells.push_back(std::move(row_cells));
    }
  }

  // Appends the text of the links inside N to OUT (only its length matters).
  void link_text(xmlNode* n, std::string& out) {
    for (xmlNode* c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (xmlStrEqual(c->name, BAD_CAST "a")) {
        gather_text(c, out);
      } else {
        link_text(c, out);
      }
    }
  }

  void text(const char* s) {
    std::size_t before = buf_.size();
    if (pre_) {
      for (const char* p = s; *p; ++p) {
        if (*p != '\r') buf_ += *p;
      }
    } else {
      for (const char* p = s; *p; ++p) {
        if (is_space(*p)) {
          space_ = true;
          continue;
        }
        // A soft hyphen (U+00AD) is a line-break hint inside a word, not text.
        if (*p == '\xC2' && p[1] == '\xAD') {
          ++p;
          continue;
        }
        if (space_ && !buf_.empty() && buf_.back() != '\n' && buf_.back() != ' ') buf_ += ' ';
        space_ = false;
        buf_ += *p;
      }
    }
    if (link_depth_ && buf_.size() > before) {
      std::string_view added(buf_.data() + before, buf_.size() - before);
      link_length_ += weighted_length(added);
      link_chars_ += static_cast<std::uint32_t>(utf8::length(added));
    }
  }

  void flush() {
    space_ = false;
    ++flushes_;
    std::size_t b = 0, e = buf_.size();
    while (b < e && is_space(buf_[b])) ++b;
    while (e > b && is_space(buf_[e - 1])) --e;
    if (b == e) {
      buf_.clear();
      pending_links_.clear();
      link_length_ = link_chars_ = 0;
      return;
    }
    TextBlock block;
    block.text = buf_.substr(b, e - b);
    if (!pending_links_.empty()) block.links = take_links(b, e);
    block.owner = open_.back();
    if (heading_) block.shape.level = level_;
    if (list_item_) {
      block.shape.depth = static_cast<std::uint8_t>(std::min<std::size_t>(lists_.size(), 255));
      block.shape.number = item_number_;
    } else if (quote_) {
      block.shape.depth = static_cast<std::uint8_t>(std::min(quote_, 255));
    }
    block.kind = heading_     ? BlockKind::kHeading
                 : caption_   ? BlockKind::kCaption
                 : pre_       ? BlockKind::kPreformatted
                 : list_item_ ? BlockKind::kListItem
                 : quote_     ? BlockKind::kQuote
                              : BlockKind::kParagraph;
    block.length = weighted_length(block.text);
    block.link_length = std::min(link_length_, block.length);
    block.link_chars = link_chars_;
    buf_.clear();
    link_length_ = link_chars_ = 0;
    add_block(std::move(block));
  }

  void add_block(TextBlock b) {
    Element& owner = page_.elements[b.owner];
    owner.text += b.length;
    owner.links += b.link_length;
    if (b.kind == BlockKind::kParagraph || b.kind == BlockKind::kQuote || b.kind == BlockKind::kPreformatted) {
      owner.paragraphs += b.length >= 40 && b.link_length * 2 < b.length;
    }
    page_.blocks.push_back(std::move(b));
  }

  Page& page_;
  // Links: whether to record them, those of the open block (where their text stands in buf_,
  // and their target), and the number of flushes, which tells whether a link's text stayed in
  // one block.
  const bool record_links_;
  struct PendingLink {
    std::size_t begin, end;
    std::string url;
  };
  std::vector<PendingLink> pending_links_;
  std::size_t flushes_ = 0;
  std::vector<int> open_;  // open block-level elements
  std::string buf_;
  bool space_ = false;
  int link_depth_ = 0, heading_ = 0, caption_ = 0, pre_ = 0, list_item_ = 0, quote_ = 0;
  std::uint32_t link_length_ = 0, link_chars_ = 0;
  // The structure Markdown keeps: the open heading's level, the open lists (ordered?, the
  // number of their next item) and the open list item's number (0: a bullet).
  std::uint8_t level_ = 0;
  std::vector<std::pair<bool, std::uint32_t>> lists_;
  std::uint32_t item_number_ = 0;
};

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

}  // namespace

std::uint32_t weighted_length(std::string_view text) {
  std::uint32_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = text[i];
    if (c < 0x80) {
      ++n;
      ++i;
      continue;
    }
    char32_t cp = utf8::next(text, i);
    bool cjk = (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
               (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF);
    n += cjk ? 3 : 1;
  }
  return n;
}

Page parse_page(std::string_view utf8, bool links) {
  Page page;
  page.elements.emplace_back();  // the document node, parent of <html>
  if (utf8.empty()) return page;
  // The caller has decoded the bytes: libxml2 must neither guess an encoding nor obey <meta
  // charset> (HTML_PARSE_IGNORE_ENC), and must never touch the network.
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                           HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
  std::unique_ptr<xmlDoc, DocFree> doc(htmlReadMemory(
      utf8.data(), static_cast<int>(std::min<std::size_t>(utf8.size(), INT32_MAX)), nullptr, "UTF-8", kOptions));
  if (!doc) return page;
  Walker(page, links).walk_root(reinterpret_cast<xmlNode*>(doc.get()));
  return page;
}

std::string dom_path(const Page& page, int i) {
  std::vector<int> chain;
  for (; i > 0; i = page.elements[i].parent) chain.push_back(i);
  std::string path;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Element& e = page.elements[*it];
    if (!path.empty()) path += '/';
    path += e.name;
    if (e.nth > 1) path += "[" + std::to_string(e.nth) + "]";
  }
  return path;
}

}  // namespace winnow::html
