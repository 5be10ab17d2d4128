#include "run_tool.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace winnow::testing {

std::string tool_path() { return WINNOW_TOOL_PATH; }
std::string source_dir() { return WINNOW_SOURCE_DIR; }

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string temp_dir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/winnow-test-XXXXXX";
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

// The commands between .EX and .EE in the EXAMPLES section, with roff escapes undone.
std::vector<std::string> man_examples(const std::string& page) {
  std::vector<std::string> out;
  std::istringstream lines(page);
  bool in = false, section = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(".SH", 0) == 0) section = line == ".SH EXAMPLES";
    if (!section) continue;
    if (line == ".EX") {
      in = true;
    } else if (line == ".EE") {
      in = false;
    } else if (in && !line.empty()) {
      std::string cmd;
      for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == '-' || line[i + 1] == 'e')) {
          cmd += line[i + 1] == '-' ? '-' : '\\';
          ++i;
        } else {
          cmd += line[i];
        }
      }
      out.push_back(cmd);
    }
  }
  return out;
}

ToolResult run_tool(const std::vector<std::string>& argv, const std::string& input, const std::string& stdout_path) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe(in_pipe) || pipe(out_pipe) || pipe(err_pipe)) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_pipe[0], 0);
    if (stdout_path.empty()) {
      dup2(out_pipe[1], 1);
    } else {
      int fd = open(stdout_path.c_str(), O_WRONLY);
      dup2(fd, 1);
    }
    dup2(err_pipe[1], 2);
    for (int fd : {in_pipe[0], in_pipe[1], out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]}) close(fd);
    std::vector<char*> args;
    std::string exe = !argv.empty() && argv[0].front() == '/' ? argv[0] : tool_path();
    std::vector<std::string> copy = argv;
    if (argv.empty() || argv[0].front() != '/') copy.insert(copy.begin(), exe);
    for (std::string& a : copy) args.push_back(a.data());
    args.push_back(nullptr);
    execv(exe.c_str(), args.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  ToolResult r;
  std::size_t written = 0;
  int in_fd = in_pipe[1];
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open || in_fd >= 0) {
    std::vector<pollfd> fds;
    if (out_open) fds.push_back({out_pipe[0], POLLIN, 0});
    if (err_open) fds.push_back({err_pipe[0], POLLIN, 0});
    if (in_fd >= 0) fds.push_back({in_fd, POLLOUT, 0});
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (const pollfd& p : fds) {
      if (!p.revents) continue;
      if (p.fd == in_fd) {
        ssize_t n = write(in_fd, input.data() + written, std::min<std::size_t>(input.size() - written, 65536));
        if (n > 0) written += n;
        if (n < 0 || written == input.size()) {
          close(in_fd);
          in_fd = -1;
        }
      } else {
        ssize_t n = read(p.fd, buf, sizeof buf);
        std::string& dst = p.fd == out_pipe[0] ? r.out : r.err;
        if (n > 0) {
          dst.append(buf, n);
        } else {
          (p.fd == out_pipe[0] ? out_open : err_open) = false;
        }
      }
    }
  }
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

}  // namespace winnow::testing

namespace {
// A child that exits before reading all its input must not kill the test with SIGPIPE.
const bool kIgnoreSigpipe = [] {
  signal(SIGPIPE, SIG_IGN);
  return true;
}();
}  // namespace
