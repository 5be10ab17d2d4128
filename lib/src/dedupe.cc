#include "winnow/dedupe.h"

#include <algorithm>
#include <array>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "words.h"

namespace winnow {
namespace {

using internal::Words;

// A site name after one of these, at the end of a one-line block, is not part of the title.
constexpr std::string_view kSuffixSeparators[] = {
    " - ", " | ", " :: ", " \xE2\x80\x93 " /* EN DASH */, " \xE2\x80\x94 " /* EM DASH */,
    " \xC2\xB7 " /* MIDDLE DOT */, " \xE2\x80\xA2 " /* BULLET */,
};
constexpr std::size_t kMaxSuffixWords = 4;
// A block with more than one line or this many words is body text: the head ends there.
constexpr std::size_t kBodyWords = 30;
// Bounds the truncation check on pathological input (thousands of blocks that all start with
// the same words): only the most recent blocks with the same first words are compared.
constexpr std::size_t kMaxTruncationCandidates = 32;

constexpr std::size_t kNone = ~std::size_t{0};

struct Seen {
  bool head;                // one of the leading title-like blocks (see dedupe.h)
  std::uint32_t line;       // first line, for the report
  std::string_view key;     // comparison words joined by spaces, in the KeyStore
  std::size_t words;
  std::size_t same_prefix;  // the block before it with the same first head_words words, or kNone
};

// The keys of the blocks seen, packed into chunks that never move (so views of them stay
// valid): one allocation for many keys, where a string for each block was most of dedupe's
// allocations on text of many short lines.
class KeyStore {
 public:
  std::string_view add(std::string_view key) {
    if (chunks_.empty() || chunks_.back().capacity() - chunks_.back().size() < key.size()) {
      chunks_.emplace_back().reserve(std::max(kChunk, key.size()));
    }
    std::string& chunk = chunks_.back();
    const std::size_t at = chunk.size();
    chunk.append(key);  // within the capacity: the chunk's buffer does not move
    return std::string_view(chunk).substr(at);
  }

 private:
  static constexpr std::size_t kChunk = 16384;
  std::deque<std::string> chunks_;
};

// The block's text without a trailing " - Site Name", or empty when it has none.
std::string_view without_site_suffix(std::string_view text) {
  if (text.find('\n') != std::string_view::npos) return {};
  // A separator that starts before the (kMaxSuffixWords + 1)th space from the end leaves a
  // suffix of more than kMaxSuffixWords words, so only the text from that space on is
  // searched (an rfind over a whole paragraph for each separator dominated `clean`'s time).
  std::size_t start = text.size();
  std::size_t spaces = 0;
  while (start > 0 && spaces <= kMaxSuffixWords) spaces += text[--start] == ' ';
  // Every separator starts with a space: look for the last one that starts a separator.
  std::size_t best = std::string_view::npos, sep_size = 0;
  for (std::size_t at = text.size(); best == std::string_view::npos && at-- > start;) {
    if (text[at] != ' ') continue;
    for (std::string_view sep : kSuffixSeparators) {
      if (text.substr(at, sep.size()) == sep) {
        best = at;
        sep_size = sep.size();
        break;
      }
    }
  }
  if (best == std::string_view::npos) return {};
  std::string_view suffix = text.substr(best + sep_size);
  std::size_t words = 1;
  for (char c : suffix) words += c == ' ';
  return words <= kMaxSuffixWords ? text.substr(0, best) : std::string_view();
}

class Deduper {
 public:
  Deduper(const BlockDedupeOptions& options, Report* report) : opt_(options), report_(report) {}

  void run(Document& doc) {
    // Sized once for the blocks: rehashing as they came was a tenth of the time on a text of
    // many short lines.
    std::size_t kept = 0;
    for (const Block& block : doc.blocks) kept += block.kept();
    seen_.reserve(kept);
    by_key_.reserve(kept);
    by_prefix_.reserve(kept);
    // See first_words_counts(): a block whose first words no other block begins with is in
    // no match; its words are not folded unless the head is still open (where a block's
    // length decides the head's end).
    const std::vector<std::uint32_t> begins = first_words_counts(doc, kept);
    std::size_t ordinal = 0;  // of the block among the kept blocks with words that this stage keeps
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      Block& block = doc.blocks[i];
      if (!block.kept()) continue;
      if (begins[i] == 1 && (!head_open_ || ordinal >= opt_.head_blocks)) {
        ++ordinal;
        continue;
      }
      internal::comparison_words(block.text, words_, scratch_);
      if (words_.size() == 0) continue;  // "* * *" and the like are not ours to judge
      base_ = without_site_suffix(block.text);
      base_folded_ = false;
      if (const char* kind = repeat_kind(ordinal)) {
        block.verdict = Verdict::kDrop;
        block.reason = kind;
        if (report_) {
          std::string detail = "repeats line " + std::to_string(match_line_) + ": " + excerpt(block.text);
          report_->add("dedupe", kind, block.first_line, detail);
        }
        continue;
      }
      remember(block, ordinal++);
      if (block.text.find('\n') != std::string::npos || words_.size() >= kBodyWords) head_open_ = false;
    }
  }

 private:
  // For each kept block with words, how many kept blocks begin with the same first
  // min(head_words, long_words) comparison words (0 for the others). Every rule compares a
  // text of at least that many words (the later block's words, or its words without a site
  // suffix, against the same of the earlier block, or against its first words), and each of
  // these texts begins with its block's first words: two blocks in a match begin alike. Only
  // the first words are folded here; folding every block's words whole was most of dedupe's
  // time on article text.
  std::vector<std::uint32_t> first_words_counts(const Document& doc, std::size_t kept) {
    std::vector<std::uint32_t> sharing(doc.blocks.size(), 0);
    const std::size_t probe_words = std::min(opt_.head_words, opt_.long_words);
    if (probe_words == 0) return sharing;
    std::vector<const std::uint32_t*> count_of(doc.blocks.size(), nullptr);  // into begins
    std::unordered_map<std::string_view, std::uint32_t> begins;  // first words -> blocks
    begins.reserve(kept);
    KeyStore firsts;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      if (!doc.blocks[i].kept()) continue;
      internal::comparison_words(doc.blocks[i].text, words_, scratch_, probe_words);
      if (words_.size() == 0) continue;
      const Words::Span& last = words_.spans[std::min(words_.size(), probe_words) - 1];
      const std::string_view first = std::string_view(words_.key).substr(0, last.begin + last.size);
      auto it = begins.find(first);
      if (it == begins.end()) it = begins.emplace(firsts.add(first), 0).first;
      ++it->second;
      count_of[i] = &it->second;  // a map's values do not move
    }
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
      if (count_of[i]) sharing[i] = *count_of[i];
    }
    return sharing;
  }

  bool counts(const Seen& original, std::size_t ordinal, std::size_t words) {
    bool repeat = words >= opt_.long_words || (words >= opt_.head_words && original.head && ordinal < opt_.head_window);
    if (repeat) match_line_ = original.line;
    return repeat;
  }

  // The block whose comparison text is KEY; *suffixed tells whether that text is the block's
  // own or its text without a site suffix.
  const Seen* find(std::string_view key, bool* suffixed) const {
    auto it = by_key_.find(key);
    if (it == by_key_.end()) return nullptr;
    *suffixed = it->second.suffixed;
    return &seen_[it->second.index];
  }

  // "duplicate", "near-duplicate" or null when the block in words_ (base_ without its site
  // suffix) is not a repeat.
  const char* repeat_kind(std::size_t ordinal) {
    bool suffixed = false;
    if (const Seen* s = find(words_.key, &suffixed); s && counts(*s, ordinal, words_.size())) {
      return suffixed ? "near-duplicate" : "duplicate";
    }
    // The same title with a site suffix on one copy or both.
    if (!base_.empty()) {
      internal::comparison_words(base_, base_words_, scratch_);
      base_folded_ = true;
      if (const Seen* s = find(base_words_.key, &suffixed); s && counts(*s, ordinal, base_words_.size())) {
        return "near-duplicate";
      }
    }
    // A truncated copy: its key is a prefix of an earlier block's key (the last word may be cut).
    if (words_.size() > opt_.head_words) {
      auto it = by_prefix_.find(prefix_key(words_));
      if (it != by_prefix_.end()) {
        // The most recent candidates, compared oldest first.
        std::array<std::size_t, kMaxTruncationCandidates> last;
        std::size_t count = 0;
        for (std::size_t i = it->second; i != kNone && count < last.size(); i = seen_[i].same_prefix) last[count++] = i;
        while (count-- > 0) {
          const Seen& s = seen_[last[count]];
          if (s.words > words_.size() && s.key.substr(0, words_.key.size()) == words_.key &&
              counts(s, ordinal, words_.size())) {
            return "near-duplicate";
          }
        }
      }
    }
    return nullptr;
  }

  // The first head_words words of W; a view into W.key.
  std::string_view prefix_key(const Words& w) const {
    const Words::Span& last = w.spans[opt_.head_words - 1];
    return std::string_view(w.key).substr(0, last.begin + last.size);
  }

  void remember(const Block& block, std::size_t ordinal) {
    std::size_t index = seen_.size();
    // The maps hold views of the keys in keys_.
    const std::string_view key = keys_.add(words_.key);
    seen_.push_back({head_open_ && ordinal < opt_.head_blocks, block.first_line, key, words_.size(), kNone});
    by_key_.emplace(key, Entry{index, false});
    if (!base_.empty()) {
      if (!base_folded_) internal::comparison_words(base_, base_words_, scratch_);
      if (base_words_.size() > 0) by_key_.emplace(keys_.add(base_words_.key), Entry{index, true});
    }
    if (words_.size() > opt_.head_words) {
      auto [it, added] = by_prefix_.try_emplace(key.substr(0, prefix_key(words_).size()), index);
      if (!added) {
        seen_.back().same_prefix = it->second;
        it->second = index;
      }
    }
  }

  const BlockDedupeOptions& opt_;
  Report* report_;
  std::vector<Seen> seen_;
  KeyStore keys_;  // the keys of the blocks, and of the blocks without their site suffix
  struct Entry {
    std::size_t index;  // in seen_
    bool suffixed;      // the key is the block's text without its site suffix
  };
  std::unordered_map<std::string_view, Entry> by_key_;
  bool head_open_ = true;
  // First head_words words -> the last block with them (the others by Seen::same_prefix).
  std::unordered_map<std::string_view, std::size_t> by_prefix_;
  Words words_, base_words_;
  std::string_view base_;  // the current block's text without its site suffix, or empty
  bool base_folded_ = false;  // base_words_ holds base_'s words (repeat_kind() folded them)
  std::string scratch_;
  std::uint32_t match_line_ = 0;
};

}  // namespace

void dedupe_blocks(Document& doc, const BlockDedupeOptions& options, Report* report) {
  Deduper(options, report).run(doc);
}

}  // namespace winnow
