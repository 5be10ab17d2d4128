// winnow/fix.h: repair of damaged text: mojibake and character-level debris.
//
// Scraped text is often damaged on its way to us: UTF-8 decoded as Windows-1252 or another
// single-byte code page ("cafÃ©", "â€œ", "Ã¢â‚¬â„¢" for two layers), one legacy code page
// shown as another ("Ðóññêèé" for "Русский"), C1 control characters where Windows-1252
// punctuation was meant, HTML entities left in text ("&amp;quot;", "&#8217;", "&#150;"),
// stray inline tags ("<u>"), terminal escape sequences, NULs and other control characters,
// and surrogates from CESU-8 or Java's modified UTF-8. fix() undoes each of these.
//
// Mojibake repair works per span: a maximal run of non-ASCII characters that a table compiled
// from the code pages (generated from ICU at build time) marks as a possible UTF-8 lead byte
// followed by continuation bytes. The span is re-encoded in each plausible code page (the
// sloppy variants, where undefined bytes map to themselves) and decoded as UTF-8, up to three
// layers deep; a candidate replaces the span only when a cost over character classes and
// scripts (symbols inside words, case and script changes, C1 controls, rare blocks) says it is
// clearly better. The words of one line agree on the code page (it is elected by the line's
// runs), and in a line with clean Cyrillic or Greek words, Windows-1251, KOI8-R and
// Windows-1253 may only decode to that script (or to Latin letters glued to a Latin word). So
// one damaged sentence in a clean article is repaired and the rest of the article is never
// touched. Single-byte mix-ups are repaired only when most of a line's letters are in words
// of three or more accented Latin-1 letters that decode to one consistent script.
//
// A repair needs evidence. A span that decodes to one character is not repaired on its own
// evidence when it is made of symbols beside no letter ("2×£5" is not Hebrew, "√π" not "ù"),
// when it is a letter of a script the line has nowhere else and stands as a word of its own,
// or when it follows a capital in a word of capitals and ends in marks that follow words
// ("BRANDĂ™", "IRMÃ…"): the line's other repairs are the evidence it needs. Mojibake quoted
// on purpose (a word of its own or in quotes, in a sentence that names an encoding or already
// holds the repaired word) is left. Lossy damage is repaired as far as it can be: a sequence
// whose byte became U+FFFD (or '?' after "â€") is completed where only one character fits
// ("â€" and U+FFFD is "”") and else becomes one U+FFFD; surrogate pairs encoded one by one and
// then read in a code page are joined; a lone "Â" or "Ã" before a space, the trace of a
// no-break space or "à" whose second byte became a space, is repaired in a line repaired as
// Windows-1252, after a small letter (and "Ã" as a word, "Â" after a digit), and in two layers.
//
// Legitimate text is left alone: Greek diaereses, Spanish "¿", mathematics, "Ñoño", "SÃO
// PAULO", Cyrillic next to guillemets, emoticons, box drawing, Nordic and decorative capitals.
// Text that is not damaged comes back byte for byte. Work is linear in the size of the text,
// also for one long line: lines without a candidate span cost one scan, and a text longer than
// 64 KiB is repaired a chunk of whole lines at a time (every repair is local to a line).
//
// Pure, deterministic, locale-independent and thread-safe (the tables are built once, on first
// use, under C++ static initialisation). Idempotent: fix(fix(x)) == fix(x). Any input is
// accepted; ill-formed UTF-8 is repaired (surrogate pairs encoded separately, as CESU-8 and
// Java do, are joined; a NUL encoded as C0 80 becomes U+0000, a control character; any other
// maximal ill-formed subsequence becomes U+FFFD), so the output is always valid UTF-8.
#pragma once

#include <string>
#include <string_view>

#include "winnow/document.h"
#include "winnow/report.h"

namespace winnow {

struct FixOptions {
  bool mojibake = true;    // UTF-8 read in a single-byte code page, one or more layers
  bool mixups = true;      // one single-byte code page shown as another (Windows-1251 as 1252)
  bool c1 = true;          // C1 control characters (U+0080..U+009F) as their Windows-1252 meaning
  bool entities = true;    // HTML entities: named (HTML5), numeric, Windows-1252 numerics, double-escaped
  bool tags = true;        // stray inline tags (<b>, <u>, <span ...>, <br>) in plain text
  bool escapes = true;     // terminal escape sequences (ESC [ ... m and the like)
  bool controls = true;    // control characters other than tab, newline and carriage return
  bool surrogates = true;  // CESU-8 / modified UTF-8 surrogates joined, lone ones to U+FFFD
  bool compat = false;     // Latin ligatures and full-width ASCII as plain ASCII
  // The input is markup (HTML/XML), where entities and tags are not damage: entities and tags
  // are then left alone whatever their switches say.
  bool markup = false;
};

// The repaired form of TEXT. REPORT, if given, records each change under stage "fix" with
// its kind ("mojibake", "mixup", "c1-control", "entity", "tag", "escape", "control",
// "surrogate", "invalid-utf8", "compat"), its 1-based line in TEXT and, when details are kept,
// the span and the steps taken (e.g. "'Ã©' -> 'é': utf-8 read as windows-1252, 1 layer").
std::string fix(std::string_view text, const FixOptions& options = {}, Report* report = nullptr);

// Repairs the text of every kept block of DOC in place; changes are reported with the
// block's source lines (line 0 for blocks from HTML). Blocks left empty are dropped with reason
// "empty". The block structure is never changed; a table's cells (Block::Markup::cells) are repaired
// too, without being reported again.
void fix(Document& doc, const FixOptions& options = {}, Report* report = nullptr);

// fix() of one kept block of a document, in place; returns whether its text changed (its
// cells and links are repaired too, whatever this says). Text no pass acts on is not copied.
bool fix(Block& block, const FixOptions& options = {}, Report* report = nullptr);

}  // namespace winnow
