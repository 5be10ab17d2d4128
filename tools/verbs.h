// verbs.h: the verbs of the winnow executable. Each is a thin main over the library.
#pragma once

namespace winnow::tools {

struct VerbEntry {
  const char* name;
  const char* summary;
  int (*main)(int argc, char** argv);  // argv[0] is the verb name
};

int extract_main(int argc, char** argv);
int fix_main(int argc, char** argv);
int norm_main(int argc, char** argv);
int clean_main(int argc, char** argv);
int strip_main(int argc, char** argv);
int dedupe_main(int argc, char** argv);
int check_main(int argc, char** argv);
int help_main(int argc, char** argv);

// Every verb, in the order `winnow help` lists them.
inline constexpr VerbEntry kVerbs[] = {
    {"clean", "run every stage: decode, extract (HTML), fix, strip, dedupe, norm", clean_main},
    {"extract", "the article of an HTML page: headline, paragraphs, lists, tables", extract_main},
    {"fix", "repair mojibake, entities, stray tags, controls and other character damage", fix_main},
    {"strip", "remove web boilerplate (menus, share bars, footers) from scraped text", strip_main},
    {"dedupe", "repeated blocks in a document; duplicate documents across a corpus", dedupe_main},
    {"norm", "canonical text: NFC, spaces, line ends, paragraphs", norm_main},
    {"check", "report what clean would change, for CI data checks (exit 1 on findings)", check_main},
    {"help", "list the verbs, or show the help of one", help_main},
};

// Runs VERB's main with the usage-error handling every verb shares; 2 on usage errors.
int run_verb(const VerbEntry& verb, int argc, char** argv);

}  // namespace winnow::tools
