"""Figures that need a real window (run under xvfb-run), each start a median of 15 runs:
start_first_frame_ms: process start to the first presented frame;
start_cpu_ms: CPU time (user + system) of the kiosk from start to first frame and exit;
start_rss_mib: its peak resident memory;
idle_cpu_percent: CPU used over 10 s on the attract screen, after it settled."""
import os, subprocess, sys, statistics, tempfile, time

kiosk, pack = sys.argv[1], sys.argv[2]
data = tempfile.mkdtemp()
# an office key, as a kiosk that collects feedback starts with (its check is part of a start)
office = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "office-test-only.pub")
env = dict(os.environ)
times, cpu_ms, rss = [], [], []
for _ in range(15):
    env["SVEIKI_BENCH_FIRST_FRAME"] = "exit"
    t0 = time.monotonic_ns()
    p = subprocess.Popen([kiosk, "--pack", pack, "--data", data, "--office-key", office], env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    err = p.stderr.read()
    # wait4, not wait: it reports the CPU time and peak memory of this one process
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    line = [l for l in err.splitlines() if l.startswith("first-frame ")]
    if p.returncode != 0 or not line:
        sys.exit("bench: the kiosk did not show a frame: " + err)
    times.append((int(line[0].split()[1]) - t0) / 1e6)
    cpu_ms.append((ru.ru_utime + ru.ru_stime) * 1e3)
    rss.append(ru.ru_maxrss / 1024)
print("bench start_first_frame_ms %.1f ms" % statistics.median(times))
print("bench start_cpu_ms %.1f ms" % statistics.median(cpu_ms))
print("bench start_rss_mib %.1f MiB" % statistics.median(rss))

env.pop("SVEIKI_BENCH_FIRST_FRAME")
p = subprocess.Popen([kiosk, "--pack", pack, "--data", data, "--office-key", office], env=env, stderr=subprocess.DEVNULL)
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
