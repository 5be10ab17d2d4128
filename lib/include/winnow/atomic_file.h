// winnow/atomic_file.h: output that is either complete or absent.
//
// An OutputFile writes to a temporary file in the target's directory and renames it over the
// target on commit(), so an interrupted run (error, exception, SIGINT/SIGTERM/SIGHUP) never
// leaves a half-written target behind: make's `out/%.txt: in/%.html` rules stay correct.
// The path "-" writes to stdout instead (not atomic, but every write error is still caught,
// including the one only fclose reports). Not thread-safe; one OutputFile per thread.
//
// What `> FILE` in a shell would change is what changes: a symbolic link is followed and its
// final target replaced (the link stays a link); a target that exists and is not a regular
// file (a device such as /dev/null, a FIFO, a socket) is opened and written through, not
// replaced, and so not atomically. A replaced regular file keeps its permission bits. The
// temporary file is fsync'ed before the rename and its directory after it. The first output
// into a directory removes the temporary files of processes that no longer run (killed by
// SIGKILL or SIGPIPE, which cannot be caught).
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
  void open_through();
  void open_temp(int keep_mode);
  void attach(int fd);

  std::string path_, target_, temp_;  // as given; with links followed; the temporary file
  std::FILE* file_ = nullptr;
  bool committed_ = false;
  int slot_ = -1;  // index in the signal-cleanup registry
};

// Installs SIGINT/SIGTERM/SIGHUP handlers that remove every uncommitted temporary file before
// the process dies of the signal. Called once by tools; safe to call more than once.
void install_cleanup_handlers();

}  // namespace winnow
