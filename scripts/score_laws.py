#!/usr/bin/env python3
"""Scores statute and rule extraction against the hand counts in scripts/law_labels.tsv.

Usage (from the repository root, after `cargo build --release`):

    python3 scripts/score_laws.py [--show]

The labels are byte spans into documents of ../shared/corpus (district
orders by file name, opinions of the JSON Lines shards by id); the documents
themselves stay outside the repository. The script writes each labelled
document's text to a temporary folder, runs `target/release/precedent
extract --format jsonl` on it, and counts:

* found: a label overlapped by a reported statute, regulation or rule;
* with code: found, and the reported item names its code (an authority), for
  the labels of kind `statute` and `rule` (a bare `§ 1983`, kind `short`,
  is left unresolved by design when nothing names its code);
* unlabelled: reported statute/regulation/rule items overlapping no label,
  printed with their context to be judged by hand (false positives, or
  citations the labels missed).

`--show` prints every missed label with its context too. Exits 0, or 2 when
../shared is absent (nothing to score).
"""

import collections
import gzip
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, "..", "shared", "corpus")
LAW_KINDS = {"statute", "regulation", "rule"}


def load_labels():
    labels = collections.defaultdict(list)
    with open(os.path.join(ROOT, "scripts", "law_labels.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            doc, start, end, kind = line.rstrip("\n").split("\t")
            labels[doc].append((int(start), int(end), kind))
    return labels


def load_texts(ids):
    texts = {}
    for doc in ids:
        path = os.path.join(SHARED, "district", doc)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                texts[doc] = f.read()
    wanted = set(ids) - set(texts)
    for shard in sorted(glob.glob(os.path.join(SHARED, "opinions-0*.jsonl.gz"))):
        if not wanted:
            break
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            for line in f:
                if '"id"' not in line:
                    continue
                d = json.loads(line)
                if d["id"] in wanted:
                    texts[d["id"]] = d["text"].encode("utf-8")
                    wanted.discard(d["id"])
    return texts


def main():
    show = "--show" in sys.argv
    if not os.path.isdir(SHARED):
        print(f"score_laws: no corpus at {SHARED}; nothing to score", file=sys.stderr)
        sys.exit(2)
    labels = load_labels()
    texts = load_texts(list(labels))
    missing = set(labels) - set(texts)
    if missing:
        print(f"score_laws: documents not found: {sorted(missing)}", file=sys.stderr)
        sys.exit(2)
    exe = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")),
                       "release", "precedent")
    totals = collections.Counter()
    print(f"{'document':<70} labels found with-code unlabelled")
    with tempfile.TemporaryDirectory() as tmp:
        for doc in sorted(labels):
            path = os.path.join(tmp, doc if doc.endswith(".txt") else doc + ".txt")
            with open(path, "wb") as f:
                f.write(texts[doc])
            out = subprocess.run([exe, "extract", "--format", "jsonl", path],
                                 capture_output=True, text=True)
            cites = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
            laws = [c for c in cites if c["kind"] in LAW_KINDS]
            text = texts[doc]
            found = with_code = 0
            used = set()
            for start, end, kind in labels[doc]:
                hit = [i for i, c in enumerate(laws) if c["start"] < end and start < c["end"]]
                totals[f"{kind} labels"] += 1
                if hit:
                    found += 1
                    totals[f"{kind} found"] += 1
                    used.update(hit)
                    if kind != "short" and any(laws[i]["authority"] for i in hit):
                        with_code += 1
                        totals[f"{kind} with code"] += 1
                    elif kind != "short" and show:
                        ctx = text[max(0, start - 40):end + 30].decode("utf-8", "replace")
                        print(f"  NO CODE {kind}: {ctx!r}")
                elif show:
                    ctx = text[max(0, start - 40):end + 30].decode("utf-8", "replace")
                    print(f"  MISSED {kind}: {ctx!r}")
            extra = [c for i, c in enumerate(laws) if i not in used]
            totals["unlabelled"] += len(extra)
            print(f"{doc[:70]:<70} {len(labels[doc]):>6} {found:>5} {with_code:>9} {len(extra):>10}")
            for c in extra:
                ctx = text[max(0, c["start"] - 40):c["end"] + 30].decode("utf-8", "replace")
                print(f"  UNLABELLED {c['kind']} {c['text']!r} -> {c['authority']}: {ctx!r}")
    print()
    for kind in ["statute", "rule", "short"]:
        n = totals[f"{kind} labels"]
        if n:
            print(f"{kind:<8} labels {n:>4}  found {totals[f'{kind} found']:>4} "
                  f"({100 * totals[f'{kind} found'] / n:.1f}%)"
                  + (f"  with code {totals[f'{kind} with code']:>4} "
                     f"({100 * totals[f'{kind} with code'] / n:.1f}%)" if kind != "short" else ""))
    print(f"unlabelled reported items: {totals['unlabelled']}")


if __name__ == "__main__":
    main()
