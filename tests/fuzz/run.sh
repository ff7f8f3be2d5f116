#!/bin/bash
# make fuzz: runs every fuzz target of build/fuzz/ for SECONDS seconds each (tests/fuzz/run.sh
# SECONDS [NAME...]), from its seeds in tests/fuzz/corpus/NAME; what it finds new goes to
# build/fuzz/corpus/NAME, a crashing input to build/fuzz/crashes/. Prints one line a target,
# `fuzz NAME runs=N crashes=N`, and exits 1 when any crashed. A crash found becomes a
# regression test by copying its input into tests/fuzz/corpus/NAME/ once fixed: every seed
# is replayed by `make test`.
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift || true
names=("$@")
if [ ${#names[@]} = 0 ]; then
    for f in build/fuzz/fuzz_*; do [ -x "$f" ] && names+=("${f#build/fuzz/fuzz_}"); done
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
fail=0
for n in "${names[@]}"; do
    mkdir -p "build/fuzz/corpus/$n" build/fuzz/crashes build/fuzz/logs
    rm -f build/fuzz/crashes/"$n"-*
    # fork mode keeps going after a crash, so every crash in the time is counted
    "build/fuzz/fuzz_$n" -max_total_time="$secs" -print_final_stats=1 -fork=1 -ignore_crashes=1 \
        -ignore_ooms=0 -ignore_timeouts=0 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="build/fuzz/crashes/$n-" "build/fuzz/corpus/$n" "tests/fuzz/corpus/$n" \
        > "build/fuzz/logs/$n.log" 2>&1
    # the fork mode's progress lines: "#RUNS: cov: ... oom/timeout/crash: O/T/C ..."
    runs=$(grep -oE '^#[0-9]+' "build/fuzz/logs/$n.log" | tr -d '#' | tail -1)
    crashes=$(grep -oE 'oom/timeout/crash: [0-9]+/[0-9]+/[0-9]+' "build/fuzz/logs/$n.log" | tail -1 | awk -F'[ /]' '{print $3 + $4 + $5}')
    files=$(find build/fuzz/crashes -name "$n-*" | wc -l)
    [ "${crashes:-0}" -ge "$files" ] || crashes=$files
    # a target that could not start at all (its seeds crash it) counts as a crash
    grep -q 'ERROR: \|==ERROR\|deadly signal' "build/fuzz/logs/$n.log" && [ "${crashes:-0}" = 0 ] && crashes=1
    echo "fuzz $n runs=${runs:-0} crashes=${crashes:-0}"
    [ "${crashes:-0}" = 0 ] || fail=1
done
exit $fail
