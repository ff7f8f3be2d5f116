"""Figures that need a real window (run under xvfb-run):
start_first_frame_ms: process start to the first presented frame, median of 9 runs;
idle_cpu_percent: CPU used over 10 s on the attract screen, after it settled."""
import os, subprocess, sys, statistics, tempfile, time

kiosk, pack = sys.argv[1], sys.argv[2]
data = tempfile.mkdtemp()
env = dict(os.environ)
times = []
for _ in range(9):
    env["SVEIKI_BENCH_FIRST_FRAME"] = "exit"
    t0 = time.monotonic_ns()
    p = subprocess.run([kiosk, "--pack", pack, "--data", data], env=env, capture_output=True, text=True)
    line = [l for l in p.stderr.splitlines() if l.startswith("first-frame ")]
    if p.returncode != 0 or not line:
        sys.exit("bench: the kiosk did not show a frame: " + p.stderr)
    times.append((int(line[0].split()[1]) - t0) / 1e6)
print("bench start_first_frame_ms %.1f ms" % statistics.median(times))

env.pop("SVEIKI_BENCH_FIRST_FRAME")
p = subprocess.Popen([kiosk, "--pack", pack, "--data", data], env=env, stderr=subprocess.DEVNULL)
try:
    time.sleep(2)
    tick = os.sysconf("SC_CLK_TCK")
    def cpu():
        with open("/proc/%d/stat" % p.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick
    c0, t0 = cpu(), time.monotonic()
    time.sleep(10)
    c1, t1 = cpu(), time.monotonic()
    print("bench idle_cpu_percent %.3f %%" % (100 * (c1 - c0) / (t1 - t0)))
finally:
    p.terminate()
    p.wait()
