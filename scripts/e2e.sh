#!/usr/bin/env bash
# The browser test: `precedent serve` over the seed orders, driven by
# Playwright (playwright-core from npm) in Debian's headless Chromium.
#
#   bash scripts/e2e.sh   (screenshots in target/e2e-screenshots/, or $SHOTS)
#
# Needs /usr/bin/chromium (Debian's `chromium` package; .ci/run installs it)
# and node + npm. Builds the binary, indexes a copy of corpus/ in a temporary
# directory, serves it on a free loopback port, runs tests/e2e/browser.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SHOTS="${SHOTS:-${CARGO_TARGET_DIR:-$ROOT/target}/e2e-screenshots}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$CHROMIUM" ]; then
    echo "e2e: no Chromium at $CHROMIUM (install Debian's chromium package)" >&2
    exit 2
fi
(cd tests/e2e && npm ci --no-audit --no-fund --silent)
# Built as `cargo test` builds it (dev-dependencies change feature
# unification), so after the test suite nothing is compiled again.
cargo test --no-run --quiet
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/precedent"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
cp -r corpus "$WORK/corpus"
# An opinion as the shared corpus names them: a long file id with no break
# in it, which a phone's width must wrap rather than run off the edge.
cat >"$WORK/corpus/columbia_state_courts_wyoming__court_opinions__03e2b0986312275b.txt" <<'TEXT'
IN THE SUPREME COURT, STATE OF WYOMING

JOHN CAMPBELL, Appellant,
v.
THE STATE OF WYOMING, Appellee.

The appellant moved for suppression of the statement at
https://records.example.gov/wyoming/supreme/appeals/1986/campbell-v-state-statement-exhibit-A-unredacted.pdf
and claims his counsel was ineffective. Under Strickland v. Washington, 466 U.S. 668, 687 (1984),
he must show deficient performance and prejudice. He shows neither.

AFFIRMED.
TEXT
(cd "$WORK" && "$BIN" index >/dev/null)
(cd "$WORK" && exec "$BIN" serve --addr 127.0.0.1:0 >"$WORK/serve.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 1 100); do
    grep -q "http://" "$WORK/serve.log" 2>/dev/null && break
    sleep 0.1
done
ADDR="$(grep -o 'http://127.0.0.1:[0-9]*' "$WORK/serve.log" | head -1)"
if [ -z "$ADDR" ]; then
    echo "e2e: the server did not start:" >&2
    cat "$WORK/serve.log" >&2
    exit 2
fi
echo "e2e: server at $ADDR; screenshots into $SHOTS"
rm -rf "$SHOTS"
BASE_URL="$ADDR" SHOTS="$SHOTS" CHROMIUM="$CHROMIUM" node tests/e2e/browser.mjs
ls "$SHOTS"
