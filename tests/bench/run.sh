#!/bin/sh
# make bench: one line per figure, `bench NAME VALUE UNIT`.
set -eu
cd "$(dirname "$0")/../.."
B=build
# pack build time for the demo pack (median of 5)
python3 - "$B/sveikictl" <<'PY'
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
"$B/bench" "$B/demo.pack" assets/fonts 2>/dev/null
# start to first frame and idle CPU, with a real window under Xvfb
xvfb-run -a -s "-screen 0 1280x800x24" python3 tests/bench/window.py "$B/sveiki" "$B/demo.pack"
