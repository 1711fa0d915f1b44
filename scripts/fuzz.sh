#!/usr/bin/env bash
# Runs each cargo-fuzz target for SECONDS (default 600) and prints its
# executions, coverage and whether it crashed.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]     (default targets: extract query formats)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer's flags are
# unstable rustc options, so the stable toolchain is told to allow them
# (RUSTC_BOOTSTRAP=1). No sanitizer: precedent's own code has no `unsafe`
# beyond one `renameat2` call, and without ASan the fuzzer runs ~3x faster.
# Logs go to fuzz/logs/TARGET.log; a crash leaves its input in fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
SECS="${1:-600}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(extract query formats)
export RUSTC_BOOTSTRAP=1
mkdir -p logs
cargo fuzz build --sanitizer none -O >/dev/null
status=0
for t in "${TARGETS[@]}"; do
    # The working corpus grows in corpus/ (ignored by git); the committed seeds start it.
    mkdir -p "corpus/$t"
    if cargo fuzz run "$t" --sanitizer none -O "corpus/$t" "seeds/$t" -- \
        -max_total_time="$SECS" -rss_limit_mb=4096 -timeout=20 -max_len=262144 \
        -print_final_stats=1 >"logs/$t.log" 2>&1; then
        result="no crash"
    else
        result="CRASH (see fuzz/logs/$t.log and fuzz/artifacts/$t/)"
        status=1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo "?")
    cov=$(grep -E '^#[0-9]+' "logs/$t.log" | tail -1 | grep -o 'cov: [0-9]*' || echo "cov: ?")
    ft=$(grep -E '^#[0-9]+' "logs/$t.log" | tail -1 | grep -o 'ft: [0-9]*' || echo "ft: ?")
    corp=$(grep -E '^#[0-9]+' "logs/$t.log" | tail -1 | grep -o 'corp: [0-9]*/[0-9a-zA-Z]*' || echo "corp: ?")
    echo "$t: ${SECS} s, $runs executions, $cov, $ft, $corp: $result"
done
exit $status
