"""Mojibake as scrapers make it, for the benchmarks and the fix test generator.

sloppy(data, codec): bytes decoded one at a time in a single-byte code page, undefined bytes
mapped to themselves (the "sloppy" decoders browsers and many scrapers use).
mojibake(text, codec, layers): TEXT encoded as UTF-8 and read back sloppily in CODEC, LAYERS times.
"""


def sloppy(data, codec):
    out = []
    for b in data:
        try:
            out.append(bytes([b]).decode(codec))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


def mojibake(text, codec, layers=1):
    for _ in range(layers):
        text = sloppy(text.encode("utf-8"), codec)
    return text
