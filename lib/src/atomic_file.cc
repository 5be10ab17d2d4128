#include "winnow/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>

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

std::string dir_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? "" : path.substr(0, slash + 1);
}

// PATH with symbolic links to it followed, as a shell redirection would: the file that
// writing to PATH changes (it need not exist yet). A loop of links is left to open() to report.
std::string follow_links(std::string path) {
  for (int hops = 0; hops < 40; ++hops) {
    char target[kPathMax];
    ssize_t n = readlink(path.c_str(), target, sizeof target - 1);
    if (n < 0) break;
    std::string next(target, static_cast<std::size_t>(n));
    path = next[0] == '/' ? next : dir_of(path) + next;
  }
  return path;
}

// True when NAME is ".BASE.winnow-PID-N" with digits for PID and N; sets *PID.
bool temp_name(const char* name, long* pid) {
  const std::string_view s(name);
  const std::size_t mark = s.rfind(".winnow-");  // the last one: BASE may hold the word too
  if (s.empty() || s[0] != '.' || mark == std::string_view::npos || mark == 0) return false;
  const char* p = name + mark + 8;
  char* end = nullptr;
  *pid = std::strtol(p, &end, 10);
  if (end == p || *end != '-' || *pid <= 0) return false;
  p = end + 1;
  std::strtol(p, &end, 10);
  return end != p && *end == '\0';
}

// Removes the temporary files that processes no longer running left in DIR (a SIGKILL, a
// SIGPIPE, a power cut), once a directory and process. A process that cannot be signalled for
// another reason than its absence (EPERM) is alive: its files stay.
void remove_stale_temps(const std::string& dir) {
  static std::mutex mu;
  static std::set<std::string> done;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (!done.insert(dir).second) return;
  }
  DIR* d = opendir(dir.empty() ? "." : dir.c_str());
  if (!d) return;
  while (dirent* e = readdir(d)) {
    long pid = 0;
    if (temp_name(e->d_name, &pid) && pid != getpid() && kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      unlinkat(dirfd(d), e->d_name, 0);
    }
  }
  closedir(d);
}

// Makes a completed rename durable; a file system that cannot sync a directory is no error.
void sync_directory(const std::string& dir) {
  int fd = open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);
  close(fd);
}

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
  target_ = follow_links(path_);
  struct stat st;
  const bool exists = stat(target_.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode)) {
    open_through();
  } else {
    open_temp(exists ? static_cast<int>(st.st_mode & 0777) : -1);  // not set-user-ID on new contents
  }
  setvbuf(file_, nullptr, _IOFBF, 1 << 20);
}

// A device, FIFO or socket is written as it is, as a shell redirection would (no temporary
// file: renaming over it would replace it); a directory fails here, naming the path.
void OutputFile::open_through() {
  int fd = open(target_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) throw IoError(path_, errno_text());
  attach(fd);
}

// KEEP_MODE is the permission bits of the file replaced, or -1 when there is none.
void OutputFile::open_temp(int keep_mode) {
  const std::string dir = dir_of(target_);
  const std::string base = target_.substr(dir.size());
  remove_stale_temps(dir);
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
  // Replacing a file keeps its permissions (a 0640 file must not become world-readable).
  if (keep_mode >= 0) fchmod(fd, static_cast<mode_t>(keep_mode));
  attach(fd);
}

void OutputFile::attach(int fd) {
  file_ = fdopen(fd, "wb");
  if (!file_) {
    int saved = errno;
    close(fd);
    discard();
    errno = saved;
    throw IoError(path_, errno_text());
  }
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
  // A renamed file whose data is still in the page cache is atomic but not durable.
  if (ok && !temp_.empty() && fsync(fileno(f)) != 0) ok = false;
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
  if (temp_.empty()) {  // written through
    committed_ = true;
    return;
  }
  if (std::rename(temp_.c_str(), target_.c_str()) != 0) {
    std::string msg = errno_text();
    discard();
    throw IoError(path_, msg);
  }
  sync_directory(dir_of(target_));
  unregister_temp(slot_);
  slot_ = -1;
  committed_ = true;
}

}  // namespace winnow
