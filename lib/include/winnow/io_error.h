// winnow/io_error.h: the library's error model, for every header.
//
// - Bad document content is never an error: any bytes are a document, repaired where they can
//   be and reported (Report), never thrown.
// - IoError: a file the caller named cannot be opened, read or written, or a file the library
//   reads as state (a dedupe signature or index file, a site model, a .winnow.toml) is damaged
//   or invalid. subject() names it: "FILE", or "FILE:LINE" where a line is known. Tools catch it
//   at their boundary and print `winnow: SUBJECT: MESSAGE` with exit status 2.
// - ParseError: a text in one of the library's formats (Config::parse, SiteModel::parse) is not
//   valid at line(); the loaders that read such a text from a file (Config::load,
//   SiteModel::load) turn it into an IoError naming "FILE:LINE".
// - std::invalid_argument: an argument outside what the function's header documents (an
//   encoding ICU does not know, dedupe parameters out of range).
// - std::logic_error: a broken build (a rule table of data/ or ICU's data missing or
//   malformed): no input can cause it; tools report it as an internal error.
// - Functions that judge one record for their caller (JsonRecord::parse, corpus_record,
//   parse_http_response) return an empty optional and a message instead: a record that fails
//   is a verdict about data, which the caller reports and passes over.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace winnow {

class IoError : public std::runtime_error {
 public:
  IoError(std::string what, std::string message)
      : std::runtime_error(what + ": " + message), what_(std::move(what)), message_(std::move(message)) {}
  const std::string& subject() const { return what_; }  // the file (or "-" for stdin)
  const std::string& message() const { return message_; }

 private:
  std::string what_, message_;
};

class ParseError : public std::runtime_error {
 public:
  ParseError(std::uint32_t line, const std::string& message) : std::runtime_error(message), line_(line) {}
  std::uint32_t line() const { return line_; }  // 1-based

 private:
  std::uint32_t line_;
};

}  // namespace winnow
