// run_tool.h: runs the real winnow executable for command-line contract and fixture tests.
#pragma once

#include <string>
#include <vector>

namespace winnow::testing {

struct ToolResult {
  int status = -1;  // exit status, or 128 + signal number
  std::string out, err;
};

// Runs build/winnow (or ARGV[0] when it is an absolute path) with ARGV, feeding INPUT on
// stdin. STDOUT_PATH, if not empty, is opened as the child's stdout (e.g. "/dev/full").
ToolResult run_tool(const std::vector<std::string>& argv, const std::string& input = "",
                    const std::string& stdout_path = "");

// The path of the built executable and of the source tree (set by CMake).
std::string tool_path();
std::string source_dir();

// Reads a whole file; throws std::runtime_error when it cannot.
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);

// The commands of a man page's EXAMPLES (the lines between .EX and .EE), roff escapes undone.
std::vector<std::string> man_examples(const std::string& page);

// A fresh empty directory under the test temp dir, removed at exit by the caller's choice.
std::string temp_dir();

}  // namespace winnow::testing
