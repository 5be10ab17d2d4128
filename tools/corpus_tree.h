// corpus_tree.h: the inputs of a `-r` run and the output path of each.
//
// Directories are walked recursively (hidden entries, such as the temporary files of an
// interrupted run, are skipped) and their regular files taken in byte order of their paths,
// so every run visits them in the same order. A file operand is taken as it is. Each input's
// output is OUTDIR/RELATIVE-PATH (the path below the directory operand, or the file's name),
// with the name mapped by output_name().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::tools {

struct TreeEntry {
  std::string input;   // the path to read, or empty for an error entry
  std::string output;  // the path to write
  std::string error;   // what went wrong listing this path (a diagnostic), else empty
};

// The output name of input NAME: ".gz" or ".zst" is dropped, then ".html"/".htm" become ".txt"
// and ".warc" becomes ".jsonl" (every verb writes JSON Lines for a WARC file); any other name is
// kept.
std::string output_name(std::string_view name);

// Lists the inputs under OPERANDS in order. Problems with one path (missing, unreadable
// directory, two inputs with the same output) become error entries in their place, and the
// listing goes on; so do the entries of a tree that are not read: anything but a regular file
// (FIFOs, sockets, devices), symbolic links to directories (not followed), and symbolic links
// that lead out of the directory operand or to nothing. Throws cli::UsageError, before anything
// is written, when OUTDIR lies inside a directory operand or a directory operand inside OUTDIR,
// or when an output would replace an input (an empty OUTDIR, for runs that write nothing, is not
// checked).
std::vector<TreeEntry> list_tree(const std::vector<std::string>& operands, const std::string& outdir);

}  // namespace winnow::tools
