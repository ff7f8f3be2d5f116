#!/bin/sh
# make bench: one line per figure, `bench NAME VALUE UNIT`. A part that fails (a figure past
# the goal its bench names as a failure: acknowledged submissions lost, the soak's memory or
# store, the tests failing, a kiosk that did not start) is named on standard error and the
# rest still run: every figure is printed, then `make bench` exits 1, saying which failed.
set -eu
cd "$(dirname "$0")/../.."
B=build
failed=""
miss() { failed="$failed $1"; echo "bench: FAILED: $1" >&2; }
# pack build time for the demo pack (median of 5)
python3 - "$B/sveikictl" <<'PY' || miss pack_build_s
import subprocess, sys, time, statistics, tempfile, os
t = []
d = tempfile.mkdtemp()
for i in range(5):
    t0 = time.monotonic()
    subprocess.run([sys.argv[1], "pack", "build", "assets/content/latvia", "-o", os.path.join(d, "p.pack")],
                   check=True, stderr=subprocess.DEVNULL)
    t.append(time.monotonic() - t0)
print("bench pack_build_s %.3f s" % statistics.median(t))
PY
"$B/bench" "$B/demo.pack" assets/fonts 2>/dev/null || miss bench
# the report on a central database of a million answers (made by tests/bench/report_db.py
# over a year, 3 kiosks, both demo surveys; median of 3 runs)
d=$(mktemp -d "$B/report-bench.XXXXXX")
python3 tests/bench/report_db.py "$d/central.db" bench 1000000 || miss report_1m_s
python3 - "$B/sveikictl" "$d" <<'PY' || miss report_1m_s
import statistics, subprocess, sys, time
t = []
for i in range(3):
    t0 = time.monotonic()
    subprocess.run([sys.argv[1], "report", sys.argv[2] + "/central.db", "--out", sys.argv[2] + "/out",
                    "--pack", "build/demo.pack"], check=True, stderr=subprocess.DEVNULL)
    t.append(time.monotonic() - t0)
print("bench report_1m_s %.2f s" % statistics.median(t))
PY
rm -rf "$d"
# durable feedback, and the disk's own write+fsync floor, in a new directory under build/
d=$(mktemp -d "$B/store-bench.XXXXXX")
"$B/store_bench" "$d" || miss store_bench
rm -rf "$d"
# export of 100,000 answers, merge of 100 batches of 10,000 into an empty central database
d=$(mktemp -d "$B/sync-bench.XXXXXX")
"$B/sync_bench" "$d" || miss sync_bench
rm -rf "$d"
# start to first frame and idle CPU, with a real window under Xvfb. -noreset: by default the
# server resets when its last client leaves (and runs xkbcomp again), and that reset after one
# run would be timed as part of the next run's start.
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" python3 tests/bench/window.py "$B/sveiki" "$B/demo.pack" || miss window
# one headless run that opens a page and writes its screenshot: its CPU time, start to exit
python3 tests/bench/page_shot.py "$B/sveiki" "$B/demo.pack" || miss page_shot
# a tap on read aloud to the first sample of speech handed to SDL (disk audio driver)
python3 tests/bench/speech.py "$B/sveiki" "$B/demo.pack" || miss speech_start_ms
# peak memory over a tour of every page in every language, one page read aloud in each
python3 tests/bench/tour.py "$B/sveiki" "$B/demo.pack" || miss tour_peak_rss_mb
# the wall time of the whole test suite (every group, in parallel), its programs built
# beforehand by `make bench`; no figure when a test fails, since it would time something else
python3 - <<'PY' || miss test_wall_s
import subprocess, sys, time
t0 = time.monotonic()
p = subprocess.run(["tests/run.sh"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
t = time.monotonic() - t0
if p.returncode:
    sys.exit("bench: the tests failed (%s): no test_wall_s" % p.stdout.strip().splitlines()[-1])
else:
    print("bench test_wall_s %.1f s" % t)
PY
tests/bench/rely.sh || miss "crash_losses or soak_rss_growth_mb (rely.sh)"
if [ -n "$failed" ]; then
    echo "bench: FAILED:$failed" >&2
    exit 1
fi
