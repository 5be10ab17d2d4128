#include "winnow/binary.h"

#include <array>
#include <cstdint>

#include "wide_text.h"

namespace winnow {
namespace {

struct Magic {
  std::string_view bytes;
  std::size_t at;  // offset of BYTES in the data
  std::string_view format;
  bool compression = false;  // a compressed stream winnow does not read
};

using namespace std::string_view_literals;

// Signatures long or odd enough that text does not start with them (a two-letter one like
// "MZ" or "BM" is checked further below or left to the general rule).
constexpr Magic kMagics[] = {
    {"\x89PNG\r\n\x1A\n"sv, 0, "PNG image"},
    {"\xFF\xD8\xFF"sv, 0, "JPEG image"},
    {"GIF87a"sv, 0, "GIF image"},
    {"GIF89a"sv, 0, "GIF image"},
    {"WEBP"sv, 8, "WebP image"},
    {"WAVE"sv, 8, "WAV audio"},
    {"AVI "sv, 8, "AVI video"},
    {"II*\0"sv, 0, "TIFF image"},
    {"MM\0*"sv, 0, "TIFF image"},
    {"%PDF-"sv, 0, "PDF document"},
    {"\x7F" "ELF"sv, 0, "ELF executable"},
    {"\xFE\xED\xFA\xCE"sv, 0, "Mach-O executable"},
    {"\xFE\xED\xFA\xCF"sv, 0, "Mach-O executable"},
    {"\xCE\xFA\xED\xFE"sv, 0, "Mach-O executable"},
    {"\xCF\xFA\xED\xFE"sv, 0, "Mach-O executable"},
    {"\xCA\xFE\xBA\xBE"sv, 0, "Mach-O universal binary or Java class"},
    {"\0asm"sv, 0, "WebAssembly module"},
    {"PK\x03\x04"sv, 0, "ZIP archive"},
    {"PK\x05\x06"sv, 0, "ZIP archive"},
    {"PK\x07\x08"sv, 0, "ZIP archive"},
    {"7z\xBC\xAF\x27\x1C"sv, 0, "7z archive"},
    {"Rar!\x1A\x07"sv, 0, "RAR archive"},
    {"\xFD" "7zXZ\0"sv, 0, "xz-compressed data", true},
    {"LZIP\x01"sv, 0, "lzip-compressed data", true},
    {"\x04\x22\x4D\x18"sv, 0, "LZ4-compressed data", true},
    {"\x1F\x9D"sv, 0, "compress (.Z) data", true},
    {"SQLite format 3\0"sv, 0, "SQLite database"},
    {"ftyp"sv, 4, "MP4/ISO media"},
    {"\x1A\x45\xDF\xA3"sv, 0, "Matroska/WebM video"},
    {"OggS\0"sv, 0, "Ogg media"},
    {"fLaC\0"sv, 0, "FLAC audio"},
    {"wOFF"sv, 0, "web font"},
    {"wOF2"sv, 0, "web font"},
};

constexpr std::string_view kBzip2 = "bzip2-compressed data";
constexpr std::size_t kSample = 8192;

std::uint8_t byte(std::string_view s, std::size_t i) { return static_cast<std::uint8_t>(s[i]); }

// bzip2: "BZh", the block size 1-9, then the magic of a block (pi) or of the end (sqrt pi).
bool is_bzip2(std::string_view b) {
  if (b.size() < 10 || b.substr(0, 3) != "BZh" || b[3] < '1' || b[3] > '9') return false;
  return b.substr(4, 6) == "\x31\x41\x59\x26\x53\x59"sv || b.substr(4, 6) == "\x17\x72\x45\x38\x50\x90"sv;
}

// A PE executable: "MZ", and at the offset stored at 0x3C, "PE\0\0".
bool is_pe(std::string_view b) {
  if (b.size() < 64 || b.substr(0, 2) != "MZ") return false;
  std::uint32_t at = byte(b, 60) | byte(b, 61) << 8 | byte(b, 62) << 16 | std::uint32_t{byte(b, 63)} << 24;
  return at <= b.size() - 4 && b.substr(at, 4) == "PE\0\0"sv;
}

// ID3v2 (MP3): "ID3", a major version 2 to 4 and a revision of 0.
bool is_id3(std::string_view b) { return b.size() >= 5 && b.substr(0, 3) == "ID3" && b[3] >= 2 && b[3] <= 4 && b[4] == 0; }

// Control bytes that text does not use: C0 (NUL included) but tab, LF, VT, FF, CR, SO, SI,
// ESC; and DEL. A table, since every document's first 8 KiB go through it.
constexpr std::array<std::uint8_t, 256> kOddControl = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 0x20; ++c) t[c] = !(c >= 0x09 && c <= 0x0F) && c != 0x1B;
  t[0x7F] = 1;
  return t;
}();

// The general rule on SAMPLE (the first 8 KiB), before the exceptions for UTF-16 and UTF-32.
std::string_view general_rule(std::string_view sample) {
  if (sample.find(std::string_view("\0\0\0\0\0\0\0\0", 8)) != std::string_view::npos) return "NUL bytes";
  // A quarter in a short sample; a twelfth in one of 1 KiB or more, where random bytes (a tenth
  // of which are such controls) show it steadily.
  const std::size_t n = sample.size();
  auto many = [n](std::size_t controls) { return (n >= 32 && controls * 4 > n) || (n >= 1024 && controls * 12 > n); };
  // First all C0 and DEL, a loop the compiler vectorises: text, with a line end every few dozen
  // bytes, stops here.
  std::size_t c0 = 0;
  for (char c : sample) c0 += static_cast<std::uint8_t>(c) < 0x20 || c == 0x7F;
  if (!many(c0)) return {};
  std::size_t controls = 0;
  for (char c : sample) controls += kOddControl[static_cast<std::uint8_t>(c)];
  return many(controls) ? "control bytes" : std::string_view();
}

}  // namespace

std::string_view binary_magic(std::string_view head) {
  for (const Magic& m : kMagics) {
    if (head.size() >= m.at + m.bytes.size() && head.substr(m.at, m.bytes.size()) == m.bytes) return m.format;
  }
  if (is_bzip2(head)) return kBzip2;
  if (is_pe(head.substr(0, 1 << 16))) return "PE executable";
  if (is_id3(head)) return "MP3 audio";
  return {};
}

std::string_view binary_format(std::string_view bytes) {
  if (std::string_view format = binary_magic(bytes); !format.empty()) return format;
  std::string_view verdict = general_rule(bytes.substr(0, kSample));
  if (verdict.empty()) return {};
  // Only then the exceptions, so that text costs one pass: UTF-16 and UTF-32, whose zero and
  // control bytes are those of their characters.
  for (std::string_view bom : {"\xEF\xBB\xBF"sv, "\xFE\xFF"sv, "\xFF\xFE"sv, "\0\0\xFE\xFF"sv}) {
    if (bytes.substr(0, bom.size()) == bom) return {};
  }
  if (internal::utf16_or_32_by_zeros(bytes) || internal::utf16_cjk(bytes)) return {};
  return verdict;
}

bool is_unread_compression(std::string_view format) {
  if (format == kBzip2) return true;
  for (const Magic& m : kMagics) {
    if (m.format == format) return m.compression;
  }
  return false;
}

}  // namespace winnow
