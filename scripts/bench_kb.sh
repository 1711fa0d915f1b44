#!/usr/bin/env bash
# The knowledge base at scale: generate N synthetic orders from real
# paragraphs, build the index, compare with raw tantivy, time the queries.
#
#   bash scripts/bench_kb.sh [N...]        (default: 10000 100000)
#
# For each N:
# 1. examples/gen_corpus.rs writes N orders (seed $SEED, default 42) into
#    bench-out/kb-N/corpus/, unless a corpus of that size and seed is there;
# 2. examples/bench_kb.rs builds bench-out/kb-N/index/ with the library and
#    bench-out/kb-N/index-raw/ with plain tantivy (removed afterwards), then
#    times cited-by, propositions and phrase search in process.
#
# Outputs in bench-out/kb-N/: result.json (every figure), bench.txt (the
# table and the progress log), load.txt (`uptime` before and after), rss.tsv
# (the bench's memory every 5 s, from scripts/sample_rss.sh), and
# later-runs.txt: the command line run again on the built index, as a user
# would: `index` with nothing changed, then `export citations --format csv`,
# each with its wall time and peak RSS (GNU time).
# BENCH_FLAGS passes flags to bench_kb, e.g. BENCH_FLAGS=--no-top.
# Everything lives under bench-out/ (ignored by git); the shared corpus is
# only read.
set -euo pipefail

cd "$(dirname "$0")/.."
SEED="${SEED:-42}"
if [ "$#" -eq 0 ]; then
    set -- 10000 100000
fi

if ! ls ../shared/corpus/opinions-0*.jsonl.gz >/dev/null 2>&1; then
    echo "bench_kb: no corpus at ../shared/corpus (the shared data lives outside the repo); nothing to do" >&2
    exit 0
fi

cargo build --release --quiet --example gen_corpus --example bench_kb
cargo build --release --quiet --bin precedent
BIN="${CARGO_TARGET_DIR:-target}/release/examples"

for N in "$@"; do
    OUT="bench-out/kb-$N"
    mkdir -p "$OUT"
    if ! grep -q "\"orders\":$N,\"seed\":$SEED}\|\"orders\":$N,.*\"seed\":$SEED" "$OUT/corpus.manifest.json" 2>/dev/null; then
        echo "== generating $N orders (seed $SEED) into $OUT/corpus" >&2
        rm -rf "$OUT/corpus"
        "$BIN/gen_corpus" "$OUT/corpus" "$N" "$SEED"
    fi
    # The machine is shared: record the load next to the timed run.
    echo "before: $(uptime)" | tee "$OUT/load.txt" >&2
    # shellcheck disable=SC2086
    "$BIN/bench_kb" "$OUT/corpus" "$OUT/index" --seed "$SEED" --json "$OUT/result.json" ${BENCH_FLAGS:-} > "$OUT/bench.txt" 2>&1 &
    BENCH=$!
    bash scripts/sample_rss.sh "$BENCH" "$OUT/rss.tsv" 5 &
    tail -f --pid="$BENCH" "$OUT/bench.txt" >&2
    wait "$BENCH"
    echo "after: $(uptime)" | tee -a "$OUT/load.txt" >&2
    if [ -x /usr/bin/time ]; then
        CLI="${CARGO_TARGET_DIR:-target}/release/precedent"
        {
            for args in "index $OUT/corpus --format json" "export citations --format csv --out $OUT/citations.csv"; do
                echo "== precedent $args --index $OUT/index"
                # shellcheck disable=SC2086
                /usr/bin/time -f "wall %e s, user %U s, peak RSS %M KB" "$CLI" $args --index "$OUT/index" 2>&1 >/dev/null | tail -1
            done
            echo "citations.csv: $(wc -l < "$OUT/citations.csv") lines, $(stat -c %s "$OUT/citations.csv") bytes"
            rm -f "$OUT/citations.csv"
        } | tee "$OUT/later-runs.txt" >&2
    else
        echo "bench_kb: /usr/bin/time not found; skipping the command-line runs" >&2
    fi
done
