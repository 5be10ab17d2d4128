#include "winnow/language.h"

#include <cld2/public/compact_lang_det.h>

#include <algorithm>

#include "winnow/utf8.h"

namespace winnow {
namespace {

constexpr std::size_t kSample = 256 * 1024;

// ISO 639 codes that were withdrawn in favour of others; CLD2 still reports some of them.
constexpr std::pair<std::string_view, std::string_view> kRenamed[] = {
    {"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"mo", "ro"}};

}  // namespace

std::string primary_language(std::string_view declared) {
  std::string code;
  for (char c : declared) {
    if (c == '-' || c == '_') break;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return {};
    code.push_back(static_cast<char>(c | 0x20));
  }
  if (code.size() < 2 || code.size() > 8) return {};
  for (const auto& [from, to] : kRenamed) {
    if (code == from) return std::string(to);
  }
  return code;
}

DetectedLanguage detect_language(std::string_view text) {
  std::string_view sample = text.substr(0, kSample);
  // Cut at a character boundary, so the detector sees whole characters.
  while (!sample.empty() && sample.size() < text.size() &&
         (static_cast<unsigned char>(text[sample.size()]) & 0xC0) == 0x80) {
    sample.remove_suffix(1);
  }
  std::string repaired;  // CLD2 reads valid UTF-8 only
  if (!utf8::valid(sample)) {
    repaired = utf8::sanitize(sample);
    sample = repaired;
  }
  CLD2::Language top3[3];
  int percent3[3] = {0, 0, 0};
  int text_bytes = 0;
  bool reliable = false;
  CLD2::Language lang = CLD2::DetectLanguageSummary(sample.data(), static_cast<int>(sample.size()), true, top3,
                                                    percent3, &text_bytes, &reliable);
  DetectedLanguage out;
  // Without letters CLD2 still answers (English, 0 %): that is no answer.
  if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE || text_bytes == 0 || percent3[0] == 0) {
    return out;
  }
  out.code = primary_language(CLD2::LanguageCode(lang));
  out.percent = percent3[0];
  out.reliable = reliable;
  return out;
}

}  // namespace winnow
