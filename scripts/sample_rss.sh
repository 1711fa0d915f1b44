#!/usr/bin/env bash
# Samples a process's memory from /proc until it exits: one line per
# interval with seconds since start, RssAnon, RssFile and VmHWM (kB).
#
#   bash scripts/sample_rss.sh PID OUT.tsv [SECONDS]   (default every 5 s)
set -euo pipefail
PID="$1"; OUT="$2"; EVERY="${3:-5}"
START=$(date +%s)
printf 'seconds\trss_anon_kb\trss_file_kb\tvm_hwm_kb\n' > "$OUT"
while [ -r "/proc/$PID/status" ]; do
    awk -v t="$(( $(date +%s) - START ))" '
        /^RssAnon:/ {a=$2} /^RssFile:/ {f=$2} /^VmHWM:/ {h=$2}
        END {if (h != "") printf "%s\t%s\t%s\t%s\n", t, a, f, h}' "/proc/$PID/status" >> "$OUT" 2>/dev/null || true
    sleep "$EVERY"
done
