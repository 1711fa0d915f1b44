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
    mkdir -p "corpus/$t" "artifacts/$t"
    before=$(ls "artifacts/$t" | wc -l)
    # libFuzzer's own -max_total_time is not always honoured while it is
    # starved of CPU; SIGINT from outside ends the run with its final stats.
    timeout -s INT "$((SECS + 30))" cargo fuzz run "$t" --sanitizer none -O "corpus/$t" "seeds/$t" -- \
        -max_total_time="$SECS" -rss_limit_mb=4096 -timeout=20 -max_len=262144 \
        -print_final_stats=1 >"logs/$t.log" 2>&1 || true
    if [ "$(ls "artifacts/$t" | wc -l)" -gt "$before" ] || grep -q "deadly signal\|panicked at\|ERROR: libFuzzer" "logs/$t.log"; then
        result="CRASH (see fuzz/logs/$t.log and fuzz/artifacts/$t/)"
        status=1
    else
        result="no crash"
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo "?")
    cov=$(grep -E '^#[0-9]+' "logs/$t.log" | tail -1 | grep -o 'cov: [0-9]*' || echo "cov: ?")
    ft=$(grep -E '^#[0-9]+' "logs/$t.log" | tail -1 | grep -o 'ft: [0-9]*' || echo "ft: ?")
    corp=$(grep -E '^#[0-9]+' "logs/$t.log" | tail -1 | grep -o 'corp: [0-9]*/[0-9a-zA-Z]*' || echo "corp: ?")
    echo "$t: ${SECS} s, $runs executions, $cov, $ft, $corp: $result"
done
exit $status
