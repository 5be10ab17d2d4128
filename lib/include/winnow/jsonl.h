// winnow/jsonl.h: one JSON Lines record, edited without disturbing the rest of it.
//
// A JsonRecord validates a line as a JSON object (RFC 8259, via Boost.JSON) and locates its
// top-level members in the raw bytes. with_string() replaces one member's value and leaves
// every other byte of the line exactly as it was: field order, spacing, number spelling and
// escapes of the fields winnow does not own pass through untouched. When a key occurs more
// than once, the last occurrence is the one read and replaced (as JSON.parse does).
// Strings may hold ill-formed UTF-8, and escapes may name lone surrogates ("\ud800", as
// Python's json.dumps writes for broken text); string() returns both as U+FFFD. The other bytes
// of the line pass through unchanged, except that with_string() and repaired_line() replace
// ill-formed UTF-8 and lone surrogate escapes by U+FFFD and count them, so that what they
// return is always valid UTF-8 and valid JSON that any strict parser accepts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winnow {

class JsonRecord {
 public:
  // Parses LINE (without its newline; a trailing '\r' is ignored). On failure returns nullopt
  // and sets *error to a short message such as "invalid JSON at byte 17" or "not an object".
  static std::optional<JsonRecord> parse(std::string_view line, std::string* error);

  // The value of top-level member KEY when it is a JSON string; nullopt when absent or when
  // it is another type (*present then tells which).
  std::optional<std::string> string(std::string_view key, bool* present = nullptr) const;

  // The raw JSON text of member KEY's value, or nullopt.
  std::optional<std::string_view> raw(std::string_view key) const;

  // The line with member KEY's value replaced by VALUE (a UTF-8 string, quoted here), or with
  // "KEY": VALUE appended when KEY is absent; ill-formed UTF-8 and lone surrogate escapes in the
  // rest of the line are replaced by U+FFFD, and *REPAIRED (if given) grows by their number.
  std::string with_string(std::string_view key, std::string_view value, std::size_t* repaired = nullptr) const;

  // One member to set with with_strings(): KEY's value becomes VALUE when KEY is absent, or
  // when it is present and REPLACE is true.
  struct Edit {
    std::string_view key, value;
    bool replace = true;
  };
  // The line with every edit of EDITS made as with_string() makes one: present members are
  // replaced where they stand, absent ones appended in the order of EDITS.
  std::string with_strings(const std::vector<Edit>& edits, std::size_t* repaired = nullptr) const;

  // The whole line repaired in the same way.
  std::string repaired_line(std::size_t* repaired = nullptr) const;

  std::string_view line() const { return line_; }

 private:
  struct Member {
    std::string key;                   // unescaped
    std::size_t value_begin, value_end;  // byte range of the raw value in line_
  };
  const Member* find(std::string_view key) const;
  void append_repaired(std::string& out, std::size_t begin, std::size_t end, std::size_t* repaired) const;

  std::string_view line_;
  // LINE_ with each lone surrogate escape replaced by \ufffd (same length, so the offsets of
  // members_ hold for both); empty when the line had none.
  std::string repaired_;
  std::vector<std::size_t> surrogates_;  // offsets of the lone surrogate escapes repaired_ replaced
  std::vector<Member> members_;
  std::size_t close_brace_ = 0;  // offset of the object's closing '}'
};

// VALUE as a JSON string literal: quotes, backslash and control characters escaped,
// everything else (valid UTF-8) written as it is.
std::string json_quote(std::string_view value);

// What `--jsonl` does with one line (LINE without its newline) whose text is in member FIELD,
// so that line N of the output is record N of the input. The command line's runner and the
// Python module share it.
struct JsonLine {
  enum class Kind {
    kText,         // RECORD's FIELD is TEXT: transform it and write record->with_string()
    kBlank,        // a blank line: written as it is, with a warning
    kPassThrough,  // JSON without a string FIELD: written repaired (OUTPUT), an error
    kErrorRecord,  // not JSON: replaced by an error record (OUTPUT), an error
  };
  Kind kind = Kind::kText;
  std::optional<JsonRecord> record;  // kText and kPassThrough; views LINE
  std::string text;                  // kText
  std::string output;                // the line to write for the other kinds, newline included
  std::string message;               // the diagnostic for the other kinds
  std::size_t repaired = 0;          // kPassThrough: sequences replaced by U+FFFD
};
JsonLine read_json_line(std::string_view line, std::string_view field);

// The record written in place of a line that is not JSON: {"winnow_error": MESSAGE}.
std::string json_error_record(std::string_view message);

}  // namespace winnow
