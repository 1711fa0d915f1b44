#!/usr/bin/env bash
# Side-by-side benchmark: precedent vs eyecite 2.7.8 on the same documents.
#
#   bash scripts/bench_extract.sh [N_DOCS|all] [--reuse]   (default 2000)
#
# N_DOCS=all takes every document of the corpus (11,201, 155 MB; eyecite
# needs about 15-30 minutes on it). --reuse keeps bench-out/eyecite.json and
# eyecite_cites.jsonl from an earlier run on the same N and re-runs only
# precedent and the comparison (for iterating on precedent's extraction).
#
# Environment: CORPUS (default ../shared/corpus), VENV (default .venv-bench;
# point it at an existing venv with eyecite 2.7.8 to skip the install),
# OUT (default bench-out).
#
# 1. creates .venv-bench/ with eyecite==2.7.8 if missing (ignored by git);
# 2. writes a deterministic sample of N_DOCS documents from
#    ../shared/corpus/opinions-0*.jsonl.gz to bench-out/docs-N/ (ignored);
# 3. times precedent (release build of examples/bench_extract.rs) and
#    eyecite (clean_text + get_citations) on those files, one thread each;
# 4. prints the table and the agreement on full case citations, and writes
#    bench-out/disagreements.md with samples to judge by hand.
#
# Outputs in bench-out/: precedent.json, eyecite.json (timings),
# precedent_cites.jsonl, eyecite_cites.jsonl (citations), disagreements.md,
# load.txt (`uptime` before and after the timed runs).
set -euo pipefail

N=2000
REUSE=0
for arg in "$@"; do
    case "$arg" in
    --reuse) REUSE=1 ;;
    all | [0-9]*) N="$arg" ;;
    *) echo "usage: bench_extract.sh [N_DOCS|all] [--reuse]" >&2; exit 2 ;;
    esac
done
cd "$(dirname "$0")/.."
CORPUS="${CORPUS:-../shared/corpus}"
OUT="${OUT:-bench-out}"
VENV="${VENV:-.venv-bench}"
DOCS="$OUT/docs-$N"
# `sample --n 0` means every document.
SAMPLE_N="$N"
[ "$N" = all ] && SAMPLE_N=0

if ! ls "$CORPUS"/opinions-0*.jsonl.gz >/dev/null 2>&1; then
    echo "bench_extract: no corpus at $CORPUS (the shared data lives outside the repo); nothing to do" >&2
    exit 0
fi

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import eyecite' 2>/dev/null; then
    echo "== creating $VENV with eyecite 2.7.8" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip
    "$VENV/bin/pip" install --quiet "eyecite==2.7.8"
fi
PY="$VENV/bin/python"

mkdir -p "$OUT"
if [ ! -f "$DOCS/manifest.jsonl" ] || { [ "$N" != all ] && [ "$(wc -l <"$DOCS/manifest.jsonl")" -ne "$N" ]; }; then
    echo "== sampling $N documents into $DOCS" >&2
    "$PY" scripts/eyecite_bench.py sample --corpus "$CORPUS" --n "$SAMPLE_N" --out "$DOCS"
fi

# The machine is shared (2 cores): record the load next to each timed run,
# so a slow figure can be told from a busy machine.
load() { echo "$1: $(uptime)" | tee -a "$OUT/load.txt" >&2; }
[ "$REUSE" = 1 ] || : >"$OUT/load.txt"

echo "== precedent (release build)" >&2
cargo build --release --quiet --example bench_extract
load "before precedent"
"${CARGO_TARGET_DIR:-target}"/release/examples/bench_extract "$DOCS" --dump "$OUT/precedent_cites.jsonl" >"$OUT/precedent.json"
cat "$OUT/precedent.json" >&2

if [ "$REUSE" = 1 ]; then
    # The timings and citations must come from the same documents.
    if [ ! -f "$OUT/eyecite.json" ] || [ ! -f "$OUT/eyecite_cites.jsonl" ] ||
        [ "$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["docs"])' "$OUT/eyecite.json")" != "$(wc -l <"$DOCS/manifest.jsonl")" ]; then
        echo "bench_extract: --reuse needs $OUT/eyecite.json and eyecite_cites.jsonl from a run on $DOCS" >&2
        exit 1
    fi
    echo "== eyecite: reusing $OUT/eyecite.json and eyecite_cites.jsonl" >&2
else
    echo "== eyecite 2.7.8 (this takes a while: roughly 0.15 MB/s)" >&2
    load "before eyecite"
    "$PY" scripts/eyecite_bench.py eyecite --docs "$DOCS" --dump "$OUT/eyecite_cites.jsonl" >"$OUT/eyecite.json"
    cat "$OUT/eyecite.json" >&2
    load "after eyecite"
fi

"$PY" scripts/eyecite_bench.py compare --docs "$DOCS" \
    --eyecite "$OUT/eyecite.json" --precedent "$OUT/precedent.json" \
    --eyecite-cites "$OUT/eyecite_cites.jsonl" --precedent-cites "$OUT/precedent_cites.jsonl" \
    --out "$OUT/disagreements.md"
