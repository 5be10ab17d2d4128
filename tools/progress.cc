#include "progress.h"

#include <algorithm>
#include <chrono>

namespace winnow::tools {
namespace {

constexpr double kDelay = 1.0;     // seconds before the first drawing
constexpr double kInterval = 0.1;  // seconds between drawings
constexpr int kBarWidth = 20;

std::string clock_text(double seconds) {
  auto s = static_cast<unsigned long long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%llu:%02llu", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

std::string format_progress(std::uint64_t documents, std::uint64_t bytes, std::uint64_t total_bytes, double seconds) {
  double mb = static_cast<double>(bytes) / 1e6;
  double rate = seconds > 0 ? mb / seconds : 0;
  std::string out;
  char buf[128];
  if (total_bytes > 0) {
    double done = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_bytes));
    int filled = static_cast<int>(done * kBarWidth);
    out = "[" + std::string(filled, '=') + (filled < kBarWidth ? ">" : "") +
          std::string(kBarWidth - filled - (filled < kBarWidth ? 1 : 0), ' ') + "] ";
    std::snprintf(buf, sizeof buf, "%3d%% ", static_cast<int>(done * 100));
    out += buf;
  }
  std::snprintf(buf, sizeof buf, "%llu docs, %.1f MB, %.1f MB/s", static_cast<unsigned long long>(documents), mb, rate);
  out += buf;
  if (total_bytes > 0 && rate > 0 && bytes <= total_bytes) {
    out += ", ETA " + clock_text(static_cast<double>(total_bytes - bytes) / 1e6 / rate);
  }
  return out;
}

double Progress::steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

Progress::Progress(std::FILE* out, bool enabled, std::uint64_t total_bytes, Clock clock)
    : out_(out), enabled_(enabled), total_(total_bytes), clock_(std::move(clock)), start_(enabled ? clock_() : 0) {}

void Progress::update(std::uint64_t documents, std::uint64_t bytes) {
  if (!enabled_) return;
  double now = clock_();
  if (now - start_ < kDelay || (last_draw_ >= 0 && now - last_draw_ < kInterval)) return;
  last_draw_ = now;
  std::fprintf(out_, "\r\033[K%s", format_progress(documents, bytes, total_, now - start_).c_str());
  std::fflush(out_);
  drawn_ = true;
}

void Progress::clear() {
  if (!drawn_) return;
  std::fputs("\r\033[K", out_);
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace winnow::tools
