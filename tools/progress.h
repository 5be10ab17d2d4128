// progress.h: a one-line progress bar on standard error for long runs.
//
// Drawn only when asked to (the runner asks when stderr is a terminal and -q was not given),
// and only once the run has lasted a second, so short runs and pipelines never see it.
// It shows documents, megabytes read, the rate and, when the total size is known, the share
// done and the time left. Redrawn at most ten times a second; clear() erases it before other
// output goes to the same stream.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

namespace winnow::tools {

// The bar's text, e.g. "[=====>    ]  52% 1234 docs, 56.7 MB, 12.3 MB/s, ETA 0:04" (TOTAL_BYTES
// known) or "1234 docs, 56.7 MB, 12.3 MB/s" (0: unknown).
std::string format_progress(std::uint64_t documents, std::uint64_t bytes, std::uint64_t total_bytes, double seconds);

class Progress {
 public:
  using Clock = std::function<double()>;  // monotonic seconds

  // Draws on OUT when ENABLED. TOTAL_BYTES is the size of all inputs, 0 when unknown.
  Progress(std::FILE* out, bool enabled, std::uint64_t total_bytes, Clock clock = steady_seconds);
  ~Progress() { clear(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Reports DOCUMENTS done and BYTES of input read so far.
  void update(std::uint64_t documents, std::uint64_t bytes);
  // Erases the bar, if drawn; the next update() draws it again.
  void clear();

  static double steady_seconds();

 private:
  std::FILE* out_;
  bool enabled_;
  std::uint64_t total_;
  Clock clock_;
  double start_, last_draw_ = -1;
  bool drawn_ = false;
};

}  // namespace winnow::tools
