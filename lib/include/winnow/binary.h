// winnow/binary.h: telling binary data (images, executables, archives) from text, so that the
// tools refuse it with a clear message instead of decoding it into mojibake.
//
// Two rules, on the first bytes only (the work is bounded whatever the size of the input):
// a known magic number (PNG, JPEG, GIF, WebP, PDF, ELF, Mach-O, PE/DOS executables, ZIP, 7z,
// RAR, xz, bzip2, lzip, LZ4, compress, SQLite, WebAssembly, MP4/ISO media, Matroska, Ogg, FLAC,
// MP3, WAV, AVI, WebP, TIFF, web fonts) names the format; otherwise
// data that is not UTF-16 or UTF-32 (by a byte order mark or by where its zero bytes fall, as
// decode() tells them) is binary when its first 8 KiB hold a run of eight NUL bytes (structured
// binary data pads and stores small numbers so; text does not), or when control bytes that text
// does not use (C0 controls, NUL included, other than tab, line feed, vertical tab, form feed,
// carriage return, escape and the shift codes of ISO-2022, and DEL) are more than a quarter of
// a sample of at least 32 bytes or more than a twelfth of one of at least 1 KiB (random bytes,
// as compressed or encrypted data without a known header, have a tenth). A few stray NUL or
// control bytes in text (scraper debris, which fix removes) keep it text, and so does UTF-16
// of CJK text without a byte order mark (recognised as decode() does).
//
// gzip and zstd are not in the list: Input decompresses them before anything looks at the
// bytes. Pure and thread-safe; any bytes are valid input.
#pragma once

#include <string_view>

namespace winnow {

// The kind of binary data BYTES starts with ("PNG image", "ELF executable", "xz-compressed
// data", or "NUL bytes" / "control bytes" for the general rule), or an empty view for text.
std::string_view binary_format(std::string_view bytes);

// Only the magic-number rule: for the start of an input whose framing has NUL bytes in text
// (-z), where the general rule applies to each document instead.
std::string_view binary_magic(std::string_view head);

// True for the compressed formats that are recognised but not read (xz, bzip2, lzip, 7z...),
// whose diagnostics say that only gzip and zstd are read.
bool is_unread_compression(std::string_view format);

}  // namespace winnow
