#include "winnow/atomic_file.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace winnow {
namespace {

// Temporary paths to unlink from a signal handler: fixed storage, no allocation, flags set
// with release order after the path is written.
constexpr int kSlots = 64;
constexpr std::size_t kPathMax = 4096;
char g_paths[kSlots][kPathMax];
std::atomic<bool> g_claimed[kSlots];  // slot taken by an OutputFile
std::atomic<bool> g_ready[kSlots];    // path written; the signal handler may unlink it
std::atomic<unsigned> g_counter{0};

int register_temp(const std::string& path) {
  if (path.size() >= kPathMax) return -1;
  for (int i = 0; i < kSlots; ++i) {
    bool expected = false;
    if (g_claimed[i].compare_exchange_strong(expected, true)) {
      std::memcpy(g_paths[i], path.c_str(), path.size() + 1);
      g_ready[i].store(true, std::memory_order_release);
      return i;
    }
  }
  return -1;
}

void unregister_temp(int slot) {
  if (slot < 0) return;
  g_ready[slot].store(false, std::memory_order_release);
  g_claimed[slot].store(false, std::memory_order_release);
}

extern "C" void cleanup_and_reraise(int sig) {
  for (int i = 0; i < kSlots; ++i) {
    if (g_ready[i].load(std::memory_order_acquire)) unlink(g_paths[i]);
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

std::string errno_text() { return std::strerror(errno); }

}  // namespace

void install_cleanup_handlers() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction sa {};
    sa.sa_handler = cleanup_and_reraise;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, nullptr);
  }
}

OutputFile::OutputFile(std::string path) : path_(std::move(path)) {
  if (path_ == "-") {
    file_ = stdout;
    return;
  }
  std::size_t slash = path_.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path_.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path_ : path_.substr(slash + 1);
  // The name is chosen and registered before the file exists, so a signal at any moment
  // finds it in the registry; O_EXCL makes the name ours, and open() applies the umask.
  int fd = -1;
  for (int attempt = 0; fd < 0; ++attempt) {
    temp_ = dir + "." + base + ".winnow-" + std::to_string(getpid()) + "-" + std::to_string(g_counter++);
    slot_ = register_temp(temp_);
    fd = open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
      int saved = errno;
      unregister_temp(slot_);
      slot_ = -1;
      if (saved != EEXIST || attempt > 100) {
        temp_.clear();
        errno = saved;
        throw IoError(path_, errno_text());
      }
    }
  }
  file_ = fdopen(fd, "wb");
  if (!file_) {
    int saved = errno;
    close(fd);
    discard();
    errno = saved;
    throw IoError(path_, errno_text());
  }
  setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

OutputFile::~OutputFile() {
  if (!committed_) discard();
}

void OutputFile::discard() {
  if (file_ && file_ != stdout) fclose(file_);
  file_ = nullptr;
  if (!temp_.empty()) unlink(temp_.c_str());
  unregister_temp(slot_);
  slot_ = -1;
}

void OutputFile::write(std::string_view bytes) {
  if (bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    throw IoError(path_ == "-" ? "standard output" : path_, "write error: " + errno_text());
  }
}

void OutputFile::commit() {
  if (file_ == stdout) {
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) throw IoError("standard output", "write error: " + errno_text());
    committed_ = true;
    return;
  }
  std::FILE* f = file_;
  file_ = nullptr;
  bool ok = std::fflush(f) == 0 && !std::ferror(f);
  int saved = errno;
  if (std::fclose(f) != 0 && ok) {
    ok = false;
    saved = errno;
  }
  if (!ok) {
    errno = saved;
    std::string msg = "write error: " + errno_text();
    discard();
    throw IoError(path_, msg);
  }
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    std::string msg = errno_text();
    discard();
    throw IoError(path_, msg);
  }
  unregister_temp(slot_);
  slot_ = -1;
  committed_ = true;
}

}  // namespace winnow
