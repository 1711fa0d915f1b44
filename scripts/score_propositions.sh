#!/usr/bin/env bash
# Scores what precedent says each authority is cited for, and how, against
# the hand-labelled gold of ../shared/eval/propositions/ (see its README).
#
#   bash scripts/score_propositions.sh [extraction|clusters|treatment|all] [-v]
#
# Builds the release binary, then runs the gold's own scorer on it
# (score.py BINARY MODE [-v]); its last line is the headline figure and its
# exit status is the scorer's (0 at or above the bars, 1 below, 2 on an
# error). Without ../shared/eval/propositions it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
GOLD="../shared/eval/propositions"
if [[ ! -f "$GOLD/score.py" ]]; then
  echo "skipped: no gold at $GOLD (the shared evaluation data is absent)"
  exit 0
fi
MODE="${1:-all}"
shift || true
cargo build --release --bin precedent >&2
BIN="${CARGO_TARGET_DIR:-target}/release/precedent"
exec python3 "$GOLD/score.py" "$BIN" "$MODE" "$@"
