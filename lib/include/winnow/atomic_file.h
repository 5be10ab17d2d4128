// winnow/atomic_file.h: output that is either complete or absent.
//
// An OutputFile writes to a temporary file in the target's directory and renames it over the
// target on commit(), so an interrupted run (error, exception, SIGINT/SIGTERM/SIGHUP) never
// leaves a half-written target behind: make's `out/%.txt: in/%.html` rules stay correct.
// The path "-" writes to stdout instead (not atomic, but every write error is still caught,
// including the one only fclose reports). Not thread-safe; one OutputFile per thread.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "winnow/io_error.h"

namespace winnow {

class OutputFile {
 public:
  // Opens PATH for writing ("-" for stdout). Throws IoError naming PATH.
  explicit OutputFile(std::string path);
  // Removes the temporary file unless commit() succeeded.
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view bytes);  // throws IoError
  // Flushes, closes and renames into place (or flushes stdout). Throws IoError, e.g. on a
  // full disk; after a failure the target is untouched and the temporary file removed.
  void commit();

  const std::string& path() const { return path_; }

 private:
  void discard();

  std::string path_, temp_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
  int slot_ = -1;  // index in the signal-cleanup registry
};

// Installs SIGINT/SIGTERM/SIGHUP handlers that remove every uncommitted temporary file before
// the process dies of the signal. Called once by tools; safe to call more than once.
void install_cleanup_handlers();

}  // namespace winnow
