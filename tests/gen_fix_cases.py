#!/usr/bin/env python3
"""Writes tests/fix_cases.inc, the table-driven cases of tests/fix_test.cc, from
tests/data/fix-sentences.txt (clean sentences, damaged here in every way `fix` repairs),
tests/data/fix-negatives.txt (legitimate odd text that must pass unchanged), and the hard
cases of issue 16 with their classes: tests/data/fix-hard.txt (damage that is hard to see or
to repair) and tests/data/fix-hard-negatives.txt (correct text that looks like mojibake).

usage: tests/gen_fix_cases.py   (from anywhere; rewrites the .inc beside this script)
Deterministic: the same data gives the same file.
"""
import html
import os
import re
import sys
import unicodedata

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "bench"))
import damage  # noqa: E402  (the one definition of mojibake, shared with the benchmarks)

# Code pages as fix knows them: Python codec, and the name --explain uses.
PAGES = {
    "windows-1252": "cp1252", "latin-1": "latin-1", "windows-1250": "cp1250", "windows-1251": "cp1251",
    "windows-1253": "cp1253", "windows-1254": "cp1254", "windows-1255": "cp1255", "windows-1256": "cp1256",
    "windows-1257": "cp1257", "windows-1258": "cp1258", "iso-8859-2": "iso8859-2", "macroman": "mac_roman",
    "cp437": "cp437", "koi8-r": "koi8_r",
}
# Which pages a language's text is plausibly misread in, beyond Windows-1252 and Latin-1.
LANG_PAGES = {
    "en": ["macroman", "cp437"], "fr": ["macroman", "cp437", "windows-1250"], "de": ["macroman", "cp437", "iso-8859-2"],
    "es": ["macroman", "cp437"], "pt": ["macroman"], "it": ["macroman"],
    "pl": ["windows-1250", "iso-8859-2", "windows-1257"], "cs": ["windows-1250", "iso-8859-2"],
    "hu": ["windows-1250", "iso-8859-2"], "tr": ["windows-1254"], "ru": ["windows-1251", "koi8-r"],
    "uk": ["windows-1251"], "bg": ["windows-1251"], "el": ["windows-1253"], "ar": ["windows-1256"],
    "he": ["windows-1255"], "ja": [], "zh": [], "ko": [], "vi": ["windows-1258"],
}
MIXUPS = {"ru": ["windows-1251", "koi8-r"], "uk": ["windows-1251"], "bg": ["windows-1251"], "el": ["windows-1253"]}


def sloppy_decode(data, page):
    return damage.sloppy(data, PAGES[page])


def mojibake(text, page, layers=1):
    return damage.mojibake(text, PAGES[page], layers)


def escape(s):
    out = []
    for b in s.encode("utf-8"):
        if b == 0x22 or b == 0x5C:
            out.append("\\" + chr(b))
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append("\\x%02X" % b)
    # Split after hex escapes so a following hex digit is not swallowed by the escape.
    s = "".join(out)
    res, i = [], 0
    while i < len(s):
        res.append(s[i])
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] == "x":
            res.append(s[i + 1:i + 4])
            i += 4
            if i < len(s) and s[i] in "0123456789abcdefABCDEF":
                res.append('" "')
            continue
        i += 1
    return '"' + "".join(res) + '"'


def first_non_ascii_word(text):
    for w in text.split(" "):
        if any(ord(c) > 127 for c in w):
            return w
    return None


def unescape(s):
    """\\uXXXX and \\xXX in the data files stand for characters."""
    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\x([0-9A-Fa-f]{2})", lambda m: chr(int(m.group(1) or m.group(2), 16)), s)


def lost_bytes(codec):
    """The bytes 80..9F CODEC leaves undefined: what a lossy decoder replaces."""
    out = []
    for b in range(0x80, 0xA0):
        try:
            bytes([b]).decode(codec)
        except UnicodeDecodeError:
            out.append(b)
    return out


def usable(c):
    return unicodedata.category(c) not in ("Cc", "Cs", "Co", "Cn")


def lossy_expected(text, codec):
    """What is left of TEXT after a lossy decoder and a perfect repair: a character that lost a
    byte comes back when the lost bytes of CODEC allow only one (or it is the closing quote,
    whose 9D is the usual loss); else one U+FFFD stands for it."""
    out, lost = [], lost_bytes(codec)
    for ch in text:
        data = ch.encode("utf-8")
        holes = [i for i, b in enumerate(data) if b in lost]
        if not holes:
            out.append(ch)
            continue
        found = set()
        for fill in lost if len(holes) == 1 else [a * 256 + b for a in lost for b in lost]:
            d = bytearray(data)
            if len(holes) == 1:
                d[holes[0]] = fill
            else:
                d[holes[0]], d[holes[1]] = fill // 256, fill % 256
            try:
                c = bytes(d).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if usable(c):
                found.add(c)
        if len(found) == 1:
            out.append(found.pop())
        elif ch == "\u201d" and data[1] == 0x80:
            out.append(ch)
        else:
            out.append("\ufffd")
    return "".join(out)


def cesu8(text):
    out = b""
    for ch in text:
        cp = ord(ch)
        if cp > 0xFFFF:
            cp -= 0x10000
            for unit in (0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF)):
                out += chr(unit).encode("utf-8", "surrogatepass")
        else:
            out += ch.encode("utf-8")
    return out


def hard_damage(text, how):
    """TEXT damaged as HOW says (see tests/data/fix-hard.txt), and what fix should make of it."""
    kind, _, codec = how.rpartition(":")
    layers = 2 if codec.endswith("x2") else 1
    codec = codec[:-2] if layers == 2 else codec
    if kind == "":
        return damage.mojibake(text, codec, layers), text
    if kind in ("lossy", "lossy?"):
        bad = text.encode("utf-8").decode(codec, errors="replace")
        return (bad if kind == "lossy" else bad.replace("\ufffd", "?")), lossy_expected(text, codec)
    if kind == "nbsp":
        return damage.mojibake(text, codec, layers).replace("\u00a0", " "), text.replace("\u00a0", " ")
    if kind == "cesu":
        bad = damage.sloppy(cesu8(text), codec)
        return (damage.mojibake(bad, codec) if layers == 2 else bad), text
    raise ValueError("unknown damage " + how)


def hard_cases():
    cases = []
    for line in open(os.path.join(here, "data", "fix-hard.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        klass, how, text = line.split("\t")
        text = unescape(text)
        parts = re.split(r"\[\[|\]\]", text)
        damaged, expected = [], []
        for k, part in enumerate(parts):
            if k % 2 == 1 or len(parts) == 1:
                d, e = hard_damage(part, how)
            else:
                d, e = part, part
            damaged.append(d)
            expected.append(e)
        cases.append((klass, "".join(damaged), "".join(expected), "%s: %s: %s" % (klass, how, "".join(parts))))
    return cases


def hard_negatives():
    out = []
    for line in open(os.path.join(here, "data", "fix-hard-negatives.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        out.append((fields[0], unescape(fields[1]), fields[2] if len(fields) > 2 else ""))
    return out


def comment_text(s):
    """S for a C++ comment: ASCII, with control characters and backslashes escaped."""
    s = "".join("\\x%02x" % ord(c) if ord(c) < 0x20 or ord(c) == 0x7F else c for c in s.replace("\\", "\\\\"))
    return s.encode("ascii", "backslashreplace").decode()


def write_hard(f):
    f.write("\n// The hard cases of issue 16, with their classes (tests/data/fix-hard.txt).\n")
    f.write("const HardCase kHardCases[] = {\n")
    n = 0
    for klass, damaged, expected, comment in hard_cases():
        if damaged == expected:
            raise ValueError("damage changed nothing: " + comment)
        f.write("    // %s\n" % comment_text(comment))
        f.write("    {\"%s\", %ssv,\n     %ssv},\n" % (klass, escape(damaged), escape(expected)))
        n += 1
    f.write("};\n\n// Correct text that looks like mojibake (tests/data/fix-hard-negatives.txt), with the\n")
    f.write("// repairs switched off for it.\nconst HardNegative kHardNegatives[] = {\n")
    negatives = hard_negatives()
    for klass, text, off in negatives:
        f.write("    // %s: %s%s\n" % (klass, comment_text(text), " (" + off + ")" if off else ""))
        f.write("    {\"%s\", %ssv, \"%s\"},\n" % (klass, escape(text), off))
    f.write("};\n")
    return n, len(negatives)


def main():
    sentences = []
    for line in open(os.path.join(here, "data", "fix-sentences.txt"), encoding="utf-8"):
        line = line.rstrip("\n")
        if line and not line.startswith("#"):
            lang, text = line.split("\t", 1)
            sentences.append((lang, text))
    negatives = [l.rstrip("\n") for l in open(os.path.join(here, "data", "fix-negatives.txt"), encoding="utf-8")
                 if l.strip() and not l.startswith("#")]

    cases = []  # (damaged, expected, comment)
    seen = set()

    def add(damaged, expected, comment):
        if damaged != expected and damaged not in seen:
            seen.add(damaged)
            cases.append((damaged, expected, comment))

    for lang, text in sentences:
        short = text if len(text) <= 48 else text[:45] + "..."
        for page in ["windows-1252", "latin-1"] + LANG_PAGES[lang]:
            try:
                damaged = mojibake(text, page)
            except UnicodeEncodeError:
                continue
            add(damaged, text, "%s: utf-8 read as %s: %s" % (lang, page, short))
        add(mojibake(text, "windows-1252", 2), text, "%s: utf-8 read as windows-1252, 2 layers: %s" % (lang, short))
        word = first_non_ascii_word(text)
        if word:
            add(text.replace(word, mojibake(word, "windows-1252"), 1), text,
                "%s: one word read as windows-1252 in a clean sentence: %s" % (lang, word))
        native = {"ru": "windows-1251", "uk": "windows-1251", "bg": "windows-1251", "el": "windows-1253"}.get(lang)
        if native and word:
            add(text.replace(word, mojibake(word, native), 1), text,
                "%s: one word read as %s in a clean sentence: %s" % (lang, native, word))
        for page in MIXUPS.get(lang, []):
            damaged = sloppy_decode(text.encode(PAGES[page]), "windows-1252")
            add(damaged, text, "%s: %s shown as windows-1252: %s" % (lang, page, short))
        if any(c in text for c in "’“”—–…€"):
            c1 = "".join(chr(c.encode("cp1252")[0]) if c in "’“”—–…€" else c for c in text)
            add(c1, text, "%s: windows-1252 punctuation as C1 controls: %s" % (lang, short))
            add(html.escape(text).encode("ascii", "xmlcharrefreplace").decode(), text,
                "%s: numeric and named HTML entities: %s" % (lang, short))
    # Character-level debris.
    debris = [
        ("Tom &amp;quot;Jerry&amp;quot; &amp;amp; friends", 'Tom "Jerry" & friends', "double-escaped entities"),
        ("1990&#150;2000 &#147;quoted&#148;", "1990\u20132000 \u201cquoted\u201d", "Windows-1252 numeric entities"),
        ("caf&eacute; &Eacute;cole &nbsp;x", "caf\u00e9 \u00c9cole \u00a0x", "named entities"),
        ("&#x1F600; &#128512;", "\U0001F600 \U0001F600", "hex and decimal entities above the BMP"),
        ("<u>\u062c\u0648</u> \u06a9\u0634\u0648\u0631", "\u062c\u0648 \u06a9\u0634\u0648\u0631", "stray <u> tags in Persian (seed 002)"),
        ('read <a href="http://x.example/">more</a> here', "read more here", "stray link tag"),
        ("<b>Breaking:</b> <i>news</i>", "Breaking: news", "stray bold and italic tags"),
        ('<span class="x">text</span>', "text", "stray span"),
        ("line<br>next", "line\nnext", "<br> as a line break"),
        ("\x1b[1mBold\x1b[0m text", "Bold text", "SGR terminal escapes"),
        ("\x1b]0;title\x07text", "text", "OSC terminal escape"),
        ("a\x00b\x01c\x7fd", "abcd", "NUL, SOH and DEL removed"),
        ("page\x0cbreak", "page break", "form feed as a space"),
        ("don\u0092t", "don\u2019t", "C1 control U+0092 as an apostrophe"),
        ("Il est arriv\u00c3\u00a9 \u00c3  Paris, voil\u00c3  tout.", "Il est arriv\u00e9 \u00e0 Paris, voil\u00e0 tout.",
         "fr: windows-1252 mojibake whose no-break spaces became spaces (\u00c3 for \u00e0)"),
        ("A IRM\u00c3 DELE e o caf\u00c3\u00a9", "A IRM\u00c3 DELE e o caf\u00e9",
         "pt: a capital \u00c3 before a space stays while the line's mojibake is repaired"),
        ("Prix\u00c2 : 5\u00c2 \u00e2\u201a\u00ac, caf\u00c3\u00a9 compris", "Prix : 5 \u20ac, caf\u00e9 compris",
         "fr: windows-1252 mojibake of no-break spaces that became spaces (\u00c2 )"),
        ("\u0093quoted\u0094", "\u201cquoted\u201d", "C1 controls as curly quotes"),
        ("1990\u00962000", "1990\u20132000", "C1 control as an en dash"),
    ]
    for damaged, expected, comment in debris:
        add(damaged, expected, comment)

    with open(os.path.join(here, "fix_cases.inc.tmp"), "w", encoding="ascii") as f:
        f.write("// Generated by tests/gen_fix_cases.py from tests/data/fix-sentences.txt and\n")
        f.write("// tests/data/fix-negatives.txt. Do not edit.\n\n")
        f.write("// {damaged, expected}: fix(damaged) must be expected.\n")
        f.write("const FixCase kDamageCases[] = {\n")
        for damaged, expected, comment in cases:
            f.write("    // %s\n" % comment.encode("ascii", "backslashreplace").decode())
            f.write("    {%ssv,\n     %ssv},\n" % (escape(damaged), escape(expected)))
        f.write("};\n\n// Legitimate text that must pass through unchanged.\nconst NegativeCase kNegativeCases[] = {\n")
        # The clean sentences the damage cases start from are negative cases too.
        for text in negatives + [t for _, t in sentences]:
            f.write("    // %s\n" % text.encode("ascii", "backslashreplace").decode())
            f.write("    {%ssv},\n" % escape(text))
        f.write("};\n")
        hard, hard_negative = write_hard(f)
    os.replace(os.path.join(here, "fix_cases.inc.tmp"), os.path.join(here, "fix_cases.inc"))
    print("%d damage cases, %d negative cases; hard: %d damage cases, %d negative cases" %
          (len(cases), len(negatives) + len(sentences), hard, hard_negative))


if __name__ == "__main__":
    main()
