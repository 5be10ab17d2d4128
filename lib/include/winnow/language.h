// winnow/language.h: the language a text is written in.
//
// Detection uses CLD2 (Compact Language Detector 2, Debian's libcld2): its model is compiled
// into the library, nothing is downloaded or read at run time. Results are BCP 47 primary
// language subtags ("en", "de", "zh", "he"), so that a detected language and a declared one
// (<html lang="en-US">) compare directly.
//
// Pure, deterministic and thread-safe. Any bytes are accepted: ill-formed UTF-8 is read as
// U+FFFD, and text too short or too mixed to tell gives an empty code.
#pragma once

#include <string>
#include <string_view>

namespace winnow {

struct DetectedLanguage {
  std::string code;      // BCP 47 primary subtag, lower case; empty when unknown
  int percent = 0;       // share of the text's letters in that language, 0..100
  bool reliable = false; // CLD2's own verdict: enough text, a clear winner
};

// The language of TEXT, from its first 256 KiB (a document's language does not change further
// on often enough to pay for reading more).
DetectedLanguage detect_language(std::string_view text);

// The BCP 47 primary subtag of a declared language ("en-US" -> "en", "EN_gb" -> "en", "iw" ->
// "he"): lower case, up to the first '-' or '_', deprecated ISO 639 codes replaced. Empty when
// DECLARED is not a language tag.
std::string primary_language(std::string_view declared);

}  // namespace winnow
