#!/usr/bin/env python3
"""Side-by-side benchmark helper: precedent vs eyecite on the same documents.

Driven by scripts/bench_extract.sh; three subcommands:

  sample   --corpus DIR --n N --out DOCS_DIR
      Deterministic sample of N documents from the corpus shards
      (opinions-0*.jsonl.gz): documents ordered by sha1 of their id, first N
      taken (N=0: every document). Writes DOCS_DIR/<sha1[:16]>.txt (text exactly as in the shard,
      UTF-8) and DOCS_DIR/manifest.jsonl (file stem -> id, court, format).

  eyecite  --docs DOCS_DIR [--dump CITES.jsonl]
      Reads every *.txt into memory, then times clean_text(text,
      ["all_whitespace"]) + get_citations(cleaned) per document on one
      thread (time.perf_counter). Prints one JSON object with the same keys
      as examples/bench_extract.rs. peak_rss_kb is ru_maxrss of this process
      (includes the interpreter and eyecite's reporter tables);
      import_rss_kb is the same figure just after importing eyecite. One
      warm-up call (which builds eyecite's tokenizer) runs before timing and
      is reported as warmup_seconds. eyecite's logger is set to ERROR.
      --dump writes one line per full case citation:
      {doc, volume, reporter (corrected), reporter_as_written, page, context}.

  compare  --docs DOCS_DIR --eyecite E.json --precedent P.json
           --eyecite-cites E.jsonl --precedent-cites P.jsonl --out REPORT.md
      Prints the table (tool, MB/s, docs/s, citations, peak RSS, speed ratio)
      and the agreement on full case citations, keyed by
      (doc, volume, canonical reporter, page) as a multiset: recall of
      eyecite's by precedent, and the ones precedent finds that eyecite
      does not, with 50 random samples of each (fixed seed) in context
      written to REPORT.md for hand-judging, a heuristic cause for each
      eyecite-only find, and the figures as JSON next to REPORT.md.
"""

import argparse
import collections
import glob
import gzip
import hashlib
import json
import logging
import os
import random
import re
import resource
import sys
import time


def rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def cmd_sample(a):
    shards = sorted(glob.glob(os.path.join(a.corpus, "opinions-0*.jsonl.gz")))
    if not shards:
        sys.exit(f"no corpus shards in {a.corpus}")
    # Pass 1: ids only, to choose; pass 2: write the chosen texts.
    keys = []
    for shard in shards:
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            for line in f:
                doc_id = json.loads(line)["id"]
                keys.append(hashlib.sha1(doc_id.encode("utf-8")).hexdigest())
    chosen = set(sorted(keys)[: a.n] if a.n > 0 else keys)
    os.makedirs(a.out, exist_ok=True)
    for old in glob.glob(os.path.join(a.out, "*.txt")):
        os.remove(old)
    total = 0
    rows = []
    for shard in shards:
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                key = hashlib.sha1(d["id"].encode("utf-8")).hexdigest()
                if key not in chosen:
                    continue
                stem = key[:16]
                data = d["text"].encode("utf-8")
                total += len(data)
                with open(os.path.join(a.out, stem + ".txt"), "wb") as out:
                    out.write(data)
                rows.append({"doc": stem, "id": d["id"], "court": d.get("court", ""),
                             "source_format": d.get("source_format", ""), "bytes": len(data)})
    rows.sort(key=lambda r: r["doc"])
    with open(os.path.join(a.out, "manifest.jsonl"), "w", encoding="utf-8") as m:
        for r in rows:
            m.write(json.dumps(r) + "\n")
    if len(rows) != len(chosen):
        sys.exit(f"duplicate document ids in the corpus: wrote {len(rows)} of {len(chosen)}")
    print(f"sampled {len(rows)} of {len(keys)} docs, {total / 1e6:.1f} MB -> {a.out}",
          file=sys.stderr)


def read_docs(folder):
    paths = sorted(glob.glob(os.path.join(folder, "*.txt")))
    docs = []
    for p in paths:
        with open(p, "rb") as f:
            raw = f.read()
        docs.append((os.path.splitext(os.path.basename(p))[0], raw.decode("utf-8"), len(raw)))
    return docs


def cmd_eyecite(a):
    from eyecite import clean_text, get_citations
    from eyecite.models import FullCaseCitation

    # eyecite logs a warning per "Unknown overlap case"; logging is not
    # extraction work, so keep it out of the timing (and the terminal).
    logging.getLogger("eyecite").setLevel(logging.ERROR)
    import_rss = rss_kb()
    # The first call builds eyecite's tokenizer (seconds); time it apart.
    t0 = time.perf_counter()
    get_citations(clean_text("See Foo v. Bar, 1 U.S. 1 (1999).", ["all_whitespace"]))
    warmup = time.perf_counter() - t0
    docs = read_docs(a.docs)
    found = []
    n_cites = 0
    n_case = 0
    elapsed = 0.0
    for stem, text, _ in docs:
        t0 = time.perf_counter()
        cleaned = clean_text(text, ["all_whitespace"])
        cites = get_citations(cleaned)
        elapsed += time.perf_counter() - t0
        n_cites += len(cites)
        for c in cites:
            if isinstance(c, FullCaseCitation):
                n_case += 1
                if a.dump:
                    s, e = c.span()
                    found.append({
                        "doc": stem,
                        "volume": c.groups.get("volume"),
                        "reporter": c.corrected_reporter(),
                        "reporter_as_written": c.groups.get("reporter"),
                        "page": c.groups.get("page"),
                        "context": cleaned[max(0, s - 150): e + 150],
                        "matched": cleaned[s:e],
                    })
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            for r in found:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(json.dumps({
        "tool": "eyecite 2.7.8",
        "docs": len(docs),
        "bytes": sum(d[2] for d in docs),
        "seconds": elapsed,
        "citations": n_cites,
        "case_citations": n_case,
        "peak_rss_kb": rss_kb(),
        "import_rss_kb": import_rss,
        "warmup_seconds": warmup,
    }))


def fold(s):
    return " ".join((s or "").split())


def key(r):
    return (r["doc"], fold(r.get("volume")), fold(r.get("reporter")), fold(r.get("page")))


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def cmd_compare(a):
    with open(a.eyecite) as f:
        ey = json.load(f)
    with open(a.precedent) as f:
        pr = json.load(f)

    def mbs(r):
        return r["bytes"] / 1e6 / r["seconds"] if r["seconds"] > 0 else float("inf")

    def dps(r):
        return r["docs"] / r["seconds"] if r["seconds"] > 0 else float("inf")

    base = mbs(ey)
    print()
    print(f"{ey['docs']} docs, {ey['bytes'] / 1e6:.1f} MB, one thread")
    print(f"{'tool':<16} {'MB/s':>10} {'docs/s':>10} {'citations':>10} {'case cites':>10} "
          f"{'peak RSS MB':>12} {'speed vs eyecite':>17}")
    for r in (ey, pr):
        rss = (r.get("peak_rss_kb") or 0) / 1024
        print(f"{r['tool']:<16} {mbs(r):>10.2f} {dps(r):>10.1f} {r['citations']:>10} "
              f"{r['case_citations']:>10} {rss:>12.1f} {mbs(r) / base:>16.1f}x")
    if "import_rss_kb" in ey:
        print(f"(eyecite: RSS just after import {ey['import_rss_kb'] / 1024:.1f} MB; "
              f"first call, not timed above, {ey.get('warmup_seconds', 0):.1f} s)")

    e_rows = load_jsonl(a.eyecite_cites)
    p_all = load_jsonl(a.precedent_cites)
    p_rows = [r for r in p_all if r.get("kind") == "case"]
    p_by_doc = collections.defaultdict(list)
    for r in p_all:
        p_by_doc[r["doc"]].append(r)
    e_count = collections.Counter(key(r) for r in e_rows)
    p_count = collections.Counter(key(r) for r in p_rows)
    both = e_count & p_count
    e_total = sum(e_count.values())
    recall = sum(both.values()) / e_total if e_total else float("nan")
    e_set, p_set = set(e_count), set(p_count)
    recall_distinct = len(e_set & p_set) / len(e_set) if e_set else float("nan")
    p_only = p_count - e_count
    e_only = e_count - p_count

    texts = {}

    def text_of(doc):
        if doc not in texts:
            with open(os.path.join(a.docs, doc + ".txt"), "rb") as f:
                texts[doc] = f.read()
        return texts[doc]

    def rows_of(rows, wanted):
        remaining = collections.Counter(wanted)
        picked = []
        for r in rows:
            k = key(r)
            if remaining[k] > 0:
                remaining[k] -= 1
                picked.append(r)
        return picked

    folded = {}

    def covered(r):
        """Does precedent hold a full citation with the same key at eyecite's spot?"""
        if e_only[key(r)] == 0:
            return True
        at = locate(r, text_of, folded)
        return at is not None and any(
            p["start"] <= at < p["end"] and p.get("kind") == "case" and key(p) == key(r)
            for p in p_by_doc[r["doc"]])

    p_only_rows = rows_of(p_rows, p_only)
    # Of several occurrences of one key, the ones precedent missed are those
    # it holds no same-key citation at: take those first.
    e_only_rows = rows_of(sorted(e_rows, key=covered), e_only)

    # Both tools read the same volume and page at one spot but name the
    # reporter differently (an ambiguous abbreviation, or a different
    # canonical form): pair such leftovers, one to one, per document.
    spare = collections.defaultdict(list)
    for r in p_only_rows:
        spare[(r["doc"], fold(r.get("volume")), fold(r.get("page")))].append(r)
    renamed = collections.Counter()
    for r in e_only_rows:
        k = (r["doc"], fold(r.get("volume")), fold(r.get("page")))
        if spare[k]:
            p = spare[k].pop()
            p["renamed"] = True
            r["cause"] = f"reporter named differently (precedent: {fold(p.get('reporter'))})"
            renamed[(fold(r.get("reporter")), fold(p.get("reporter")))] += 1
    n_renamed = sum(renamed.values())

    for r in e_only_rows:
        if "cause" not in r:
            r["cause"] = miss_cause(r, text_of, p_by_doc[r["doc"]], folded)
    causes = collections.Counter(r["cause"].split(" (")[0] for r in e_only_rows)

    summary = {
        "docs": ey["docs"], "bytes": ey["bytes"],
        "eyecite_mb_s": mbs(ey), "precedent_mb_s": mbs(pr),
        "eyecite_docs_s": dps(ey), "precedent_docs_s": dps(pr),
        "speed_ratio": mbs(pr) / base if base else None,
        "eyecite_full_case": e_total, "precedent_full_case": sum(p_count.values()),
        "both": sum(both.values()), "recall": recall,
        "recall_distinct": recall_distinct, "eyecite_distinct": len(e_set),
        "both_distinct": len(e_set & p_set),
        "recall_counting_renamed": (sum(both.values()) + n_renamed) / e_total if e_total else None,
        "precedent_only": sum(p_only.values()), "precedent_only_distinct": len(p_set - e_set),
        "eyecite_only": sum(e_only.values()), "eyecite_only_distinct": len(e_set - p_set),
        "renamed": n_renamed, "precedent_extras": sum(p_only.values()) - n_renamed,
        "miss_causes": dict(causes.most_common()),
    }
    print()
    print(f"full case citations: eyecite {e_total}, precedent {sum(p_count.values())}, "
          f"both {sum(both.values())}")
    print(f"recall of eyecite's full case citations by precedent: {recall:.2%} by occurrence, "
          f"{recall_distinct:.2%} by distinct (doc, volume, reporter, page) "
          f"({len(e_set & p_set)} of {len(e_set)})")
    print(f"  of the misses, {n_renamed} are read by both at the same volume and page with the "
          f"reporter named differently; counting those: {summary['recall_counting_renamed']:.2%}")
    print(f"found by precedent only: {sum(p_only.values())} ({len(p_set - e_set)} distinct), "
          f"{sum(p_only.values()) - n_renamed} once the renamed pairs are set aside; "
          f"by eyecite only: {sum(e_only.values())} ({len(e_set - p_set)} distinct)")
    print("causes of eyecite-only finds (heuristic, by occurrence):")
    for c, n in causes.most_common():
        print(f"  {n:>6}  {c}")
    if renamed:
        print("reporter named differently (eyecite -> precedent), top 10:")
        for (er, pr_), n in renamed.most_common(10):
            print(f"  {n:>6}  {er} -> {pr_}")
    with open(os.path.splitext(a.out)[0] + ".json", "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1)

    # A renamed pair is one citation both tools found: not an extra to judge.
    extras = [r for r in p_only_rows if not r.get("renamed")]
    rng = random.Random(20240601)
    p_sample = rng.sample(extras, min(50, len(extras)))
    e_sample = rng.sample(e_only_rows, min(50, len(e_only_rows)))

    with open(a.out, "w", encoding="utf-8") as out:
        out.write("# precedent vs eyecite: disagreements on full case citations\n\n")
        out.write(f"{ey['docs']} docs. Key: (doc, volume, canonical reporter, page).\n\n")
        out.write(f"- recall of eyecite's full case citations by precedent: {recall:.2%} "
                  f"(distinct: {recall_distinct:.2%})\n")
        out.write(f"- precedent only: {sum(p_only.values())}; eyecite only: {sum(e_only.values())}\n\n")
        out.write("Judge each: **R** real citation (precedent right), **W** wrong (false positive), "
                  "**K** real but key differs (parallel/normalization).\n\n")
        out.write(f"## Found by precedent, not by eyecite ({len(p_sample)} random samples of "
                  f"{len(extras)}; the {n_renamed} renamed pairs left out)\n\n")
        for i, r in enumerate(p_sample, 1):
            raw = text_of(r["doc"])
            s, e = r.get("start") or 0, r.get("end") or 0
            before = raw[max(0, s - 150):s].decode("utf-8", "replace")
            cite = raw[s:e].decode("utf-8", "replace")
            after = raw[e:e + 150].decode("utf-8", "replace")
            out.write(f"### P{i}. `{fold(r.get('volume'))} {fold(r.get('reporter'))} "
                      f"{fold(r.get('page'))}` (doc {r['doc']}, bytes {s}..{e})\n\n")
            out.write("```text\n" + fold(before) + " [[" + fold(cite) + "]] " + fold(after) + "\n```\n\n")
            out.write("Judgement: \n\n")
        out.write(f"## Found by eyecite, not by precedent ({len(e_sample)} random samples)\n\n")
        for i, r in enumerate(e_sample, 1):
            out.write(f"### E{i}. `{fold(r.get('volume'))} {fold(r.get('reporter'))} "
                      f"{fold(r.get('page'))}` (doc {r['doc']}, as written "
                      f"`{fold(r.get('reporter_as_written'))}`; cause: {r['cause']})\n\n")
            out.write("```text\n" + fold(r.get("context")) + "\n```\n\n")
            out.write("Judgement: \n\n")
    print(f"disagreement samples: {a.out}")


def locate(r, text_of, folded):
    """Byte offset in the original of the spot eyecite cited, or None.

    eyecite's context is its cleaned text (whitespace runs folded to one
    space) from 150 characters before the citation; find it in the original
    folded the same way, and map back."""
    doc = r["doc"]
    if doc not in folded:
        raw = text_of(doc).decode("utf-8", "replace")
        pieces, where = [], []
        for m in re.finditer(r"\s+|\S+", raw):
            if m.group(0)[0].isspace():
                pieces.append(" ")
                where.append(m.start())
            else:
                pieces.append(m.group(0))
                where.extend(range(m.start(), m.end()))
        folded[doc] = (raw, "".join(pieces), where)
    raw, flat, where = folded[doc]
    ctx = r.get("context") or ""
    q = flat.find(ctx)
    if q < 0:
        return None
    at = q + 150 if q > 0 else q + max(ctx.find(r.get("matched") or ""), 0)
    if at >= len(where):
        return None
    return len(raw[:where[at]].encode("utf-8"))


def miss_cause(r, text_of, p_doc, folded):
    """A first guess at why precedent missed an eyecite citation: what
    precedent read at that spot, else how the citation is written there."""
    matched, ctx = r.get("matched") or "", r.get("context") or ""
    at = locate(r, text_of, folded)
    if at is not None:
        for p in p_doc:
            if p["start"] <= at < p["end"]:
                if p.get("kind") == "case":
                    return (f"precedent reads the spot differently "
                            f"({fold(p.get('volume'))} {fold(p.get('reporter'))} {fold(p.get('page'))})")
                return f"precedent reads it as another kind ({p.get('kind')})"
    i = ctx.find(matched)
    before = ctx[max(0, i - 12):i] if i >= 0 else ""
    vol, page = fold(r.get("volume")), fold(r.get("page"))
    if before.endswith(","):
        return "volume glued to a comma"
    if before[-1:] in (".", ":") and before[-2:-1].isalpha():
        return "volume glued to a period or colon"
    if "(" in matched:
        return "parenthesis inside the citation"
    if not vol or not vol.isdigit():
        return "volume not a number (L.R.A. 1916F, blank)"
    if not page or not page.isdigit():
        return "page not a number (roman, letter prefix or suffix, paragraph sign, blank)"
    if at is None:
        return "spot not found in the original"
    raw = text_of(r["doc"])
    seg = raw[at:at + len(matched.encode("utf-8")) + 40].decode("utf-8", "replace")
    rep = r"\s*".join(re.escape(x) for x in (r.get("reporter_as_written") or "").split())
    m = re.match(re.escape(vol) + r"\s+" + rep + r",?\s+" + re.escape(page) + r"(?!\d)", seg)
    if m is None:
        return "not written contiguously in the original (markup or page marker inside)"
    if "\n" in m.group(0):
        return "line break inside the citation"
    return "other"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("--corpus", required=True)
    s.add_argument("--n", type=int, default=2000)
    s.add_argument("--out", required=True)
    s.set_defaults(func=cmd_sample)
    e = sub.add_parser("eyecite")
    e.add_argument("--docs", required=True)
    e.add_argument("--dump")
    e.set_defaults(func=cmd_eyecite)
    c = sub.add_parser("compare")
    for flag in ("--docs", "--eyecite", "--precedent", "--eyecite-cites", "--precedent-cites", "--out"):
        c.add_argument(flag, required=True)
    c.set_defaults(func=cmd_compare)
    a = p.parse_args()
    a.func(a)


if __name__ == "__main__":
    main()
