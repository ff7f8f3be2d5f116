#!/bin/bash
# The reliability figures of `make bench` (called by tests/bench/run.sh): crash_runs and
# crash_losses (500 kills -9 of the store while saving, tests/crash/crash_store.c, and 500 of the
# kiosk, tests/crash/kiosk_crash.py), and soak_rss_growth_mb, soak_store_kb and soak_s (a million
# events, tests/lib/soak.py). Exits 1 when a submission was lost or the soak failed (its
# memory, its store or its kiosk), after printing every figure.
set -eu
cd "$(dirname "$0")/../.."
B=$PWD/build
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software SDL_AUDIODRIVER=dummy
d=$(mktemp -d "$B/rely-bench.XXXXXX")
runs=0 losses=0
# the store: 500 kills at seeded moments (any other failure counts as one loss)
mkdir -p "$d/store"
runs=500
if ! "$B/crash_store" "$d/store" 500 7 > "$d/store.log" 2>&1; then
    l=$(sed -n 's/^crash_store: \([0-9]*\) of [0-9]* acknowledged submissions lost.*/\1/p' "$d/store.log")
    losses=${l:-1}; sed 's/^/  /' "$d/store.log" | tail -5 >&2
fi
# the kiosk as shipped: 500 kills while people send surveys
out=$(python3 tests/crash/kiosk_crash.py "$B/sveiki" "$B/fixture.pack" "$d/kiosk" tests/fixtures/office-test-only.pub 500 2>&1) || true
n=$(sed -n 's/^\([0-9]*\) acknowledged.* over \([0-9]*\) kills.*/\2/p' <<<"$out")
l=$(sed -n 's/.*[^0-9]\([0-9]*\) lost.*/\1/p' <<<"$out")
runs=$((runs + ${n:-0} + 1)) losses=$((losses + ${l:-0}))
[ -n "$n" ] || { losses=$((losses + 1)); echo "$out" | tail -5 >&2; }
echo "bench crash_runs $runs runs"
echo "bench crash_losses $losses submissions"
bad=0
[ "$losses" = 0 ] || { echo "bench: FAILED: crash_losses: $losses acknowledged submissions lost (goal 0)" >&2; bad=1; }
mkdir -p "$d/stick/sveiki"
t0=$(date +%s)
if ! out=$(python3 tests/lib/soak.py "$B/sveiki" "$B/fixture.pack" "$d/soak" tests/fixtures/office-test-only.pub "$d/stick" 1000000 2>&1); then
    echo "$out" | tail -5 >&2
    echo "bench: FAILED: soak (tests/lib/soak.py, a million events): the lines above say why" >&2
    bad=1
fi
g=$(sed -n 's/.* growth_mb=\([0-9.-]*\) .*/\1/p' <<<"$out")
echo "bench soak_rss_growth_mb ${g:-fail} MB"
kb=$(sed -n 's/.* store_kb=\([0-9]*\).*/\1/p' <<<"$out")
echo "bench soak_store_kb ${kb:-fail} KB"
echo "bench soak_s $(( $(date +%s) - t0 )) s"
rm -rf "$d"
exit $bad
