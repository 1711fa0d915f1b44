#!/usr/bin/env python3
"""Writes one long order for the linear-time benchmark: the shared corpus's
93 district orders, repeated until the file reaches SIZE megabytes (10^6
bytes). Each pass shifts every volume number (a number of 1-3 digits
followed by a capitalized abbreviation and a number) by the pass number, so
the citations vary as in a long brief rather than repeating one text.

    python3 scripts/long_order.py SIZE_MB OUT [CORPUS_DIR]

CORPUS_DIR defaults to ../shared/corpus/district.
"""
import os
import re
import sys

size = int(float(sys.argv[1]) * 1_000_000)
out = sys.argv[2]
corpus = sys.argv[3] if len(sys.argv) > 3 else os.path.join(
    os.path.dirname(__file__), "..", "..", "shared", "corpus", "district")
texts = [open(os.path.join(corpus, f), encoding="utf-8", errors="replace").read()
         for f in sorted(os.listdir(corpus)) if f.endswith(".txt")]
volume = re.compile(r"\b(\d{1,3})( (?:[A-Z][A-Za-z.']*\s?){1,4}\d)")
with open(out, "w", encoding="utf-8") as f:
    written, k = 0, 0
    while written < size:
        text = texts[k % len(texts)]
        shift = k // len(texts)
        if shift:
            text = volume.sub(lambda m: str(int(m.group(1)) + shift) + m.group(2), text)
        f.write(text)
        f.write("\n\n")
        written += len(text.encode()) + 2
        k += 1
