// mojibake.h: repair of text that went through the wrong decoder, for fix.cc. Internal.
//
// Two kinds of damage: UTF-8 decoded in a single-byte code page, possibly several times
// (repair_utf8_mojibake), and text in one single-byte code page decoded as another
// (repair_mixups). Both work on valid UTF-8 and touch only the spans they repair.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::mojibake {

// One repaired span.
struct Edit {
  std::size_t offset;  // byte offset of the span in the input
  const char* kind;    // "mojibake" or "mixup"
};

// What a repaired span was, what replaced it and how, for --explain.
struct EditDetail {
  std::string before;  // the damaged span
  std::string after;   // what replaced it
  std::string steps;   // e.g. "utf-8 read as windows-1252, 2 layers"
};

// The repairs' record: an Edit for every repaired span and, with DETAILS (--explain), its
// EditDetail at the same index. Without details an edit takes 16 bytes, so that a long line
// of dense mojibake costs a fraction of its size.
struct Edits {
  explicit Edits(bool with_details) : details(with_details) {}
  bool details;
  std::vector<Edit> spans;
  std::vector<EditDetail> detail;  // empty unless DETAILS
  void clear() {
    spans.clear();
    detail.clear();
  }
};

// Repairs every mojibake span of TEXT. Returns false, leaving OUT alone, when nothing needs
// repair (the common case, found without allocating); else sets OUT to the repaired text and
// appends one entry per repaired span to EDITS, if given.
bool repair_utf8_mojibake(std::string_view text, std::string& out, Edits* edits);

// Repairs lines whose words are Cyrillic or Greek letters shown as Windows-1252 (Latin-1)
// letters, with the same contract as repair_utf8_mojibake.
bool repair_mixups(std::string_view text, std::string& out, Edits* edits);

// Both repairs, line by line: mix-ups and then UTF-8 mojibake, each line again until neither
// changes it (four times at most), since a repaired span can be repairable in the light of its
// new neighbours or leave a mixed-up word. Only lines with a candidate run are looked at, so
// clean lines cost one scan, and the work is linear in the size of TEXT. MIXUPS and UTF8 turn
// each repair on. The same contract as repair_utf8_mojibake; an edit that a line's second
// round made has the offset of a place in its line.
bool repair_lines(std::string_view text, bool mixups, bool utf8, std::string& out, Edits* edits);

// How much TEXT looks like the output of a wrong decoder: 0 or close for clean text of any
// language, more for every symbol glued inside a word, case or script change mid-word, control
// character or letter from a block real text seldom uses. Decode uses it to choose between
// the encodings of one language family.
int badness(std::string_view text);

}  // namespace winnow::mojibake
