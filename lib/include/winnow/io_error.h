// winnow/io_error.h: the one exception the library throws, for I/O and set-up failures.
//
// Bad input data is never an error (it is repaired and reported); failing to open, read or
// write a file is. Tools catch IoError at their boundary and print `winnow: WHAT: MESSAGE`.
#pragma once

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

}  // namespace winnow
