"""A fake systemd for the kiosk: listens on a NOTIFY_SOCKET of its own, starts the kiosk with
it and a watchdog of WATCHDOG_USEC, and checks what it is told (run under xvfb-run, or as the
command cage starts).

  notify.py SOCKET USEC PINGS RC KIOSK ARGS...

Waits for the kiosk's first frame (its "first-frame" line), READY=1 and PINGS watchdog pings,
then sends SIGTERM and waits for STOPPING=1 and the exit. Fails when READY=1 comes before the
first frame, a ping comes sooner than a third of USEC after the one before (the loop would be
waking more often than the watchdog needs), or the command does not exit RC (a number, or "any": cage may abort when it is stopped
with its client). A kiosk that never
gets there would hang the test: after HANG_S it is killed and the test fails; a passing run
needs PINGS halves of USEC."""
import os, signal, socket, struct, subprocess, sys, threading, time

path, usec, pings, want_rc, cmd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:]
HANG_S = 120
if os.path.exists(path):
    os.unlink(path)
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
# the kernel's time of arrival of each message (CLOCK_REALTIME), for the gaps between pings:
# this process's own clock reading after recv is late whenever it waited for a core, and a
# late reading followed by a punctual one looked like pings too close together
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux's number; Python names it not
s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
env = dict(os.environ)
env.pop("SDL_VIDEODRIVER", None)
env.update(NOTIFY_SOCKET=path, WATCHDOG_USEC=str(usec), SVEIKI_BENCH_FIRST_FRAME="1")
env.pop("WATCHDOG_PID", None)
# its own process group, which SIGTERM is sent to, as systemd sends it to every process of
# the unit (cage and the kiosk under it alike)
p = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True,
                     start_new_session=True)
lines, first_frame = [], []


def read_err():
    for line in p.stderr:
        lines.append(line)
        if line.startswith("first-frame "):
            first_frame.append(int(line.split()[1]))  # when it was drawn: CLOCK_MONOTONIC


reader = threading.Thread(target=read_err)
reader.start()
s.settimeout(HANG_S)
got, sent, fails = [], [], []
try:
    while True:
        data, anc, _, _ = s.recvmsg(4096, socket.CMSG_SPACE(16))
        msg = data.decode()
        arrived = next((struct.unpack("qq", d[:16]) for lvl, kind, d in anc
                        if lvl == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS), None)
        got.append((time.monotonic_ns() / 1e9, msg))
        sent.append(arrived[0] + arrived[1] / 1e9 if arrived else None)
        if "STOPPING=1" in msg:
            break
        if sum("WATCHDOG=1" in m for _, m in got) == pings and p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
except socket.timeout:
    fails.append("no message in %d s: killed" % HANG_S)
    os.killpg(p.pid, signal.SIGKILL)
rc = p.wait()
reader.join()
ready = [m for _, m in got if "READY=1" in m]
times = [a for a, (_, m) in zip(sent, got) if "WATCHDOG=1" in m]
if None in times:
    fails.append("a message came without the kernel's time of arrival")
    times = [t for t in times if t is not None]
gaps = [b - a for a, b in zip(times, times[1:])]
ready_t = [t for t, m in got if "READY=1" in m]
if not ready:
    fails.append("no READY=1")
elif first_frame and ready_t[0] * 1e9 < first_frame[0]:
    fails.append("READY=1 before the first frame")
if len(times) < pings:
    fails.append("%d watchdog pings, wanted %d" % (len(times), pings))
if any(g < usec / 3e6 for g in gaps):
    fails.append("pings closer than a third of WATCHDOG_USEC: %s" % ["%.3f" % g for g in gaps])
if not any("STOPPING=1" in m for _, m in got):
    fails.append("no STOPPING=1")
if want_rc != "any" and rc != int(want_rc):
    fails.append("exit %d, wanted %s" % (rc, want_rc))
sys.stdout.write("".join(lines))
print("messages:", [m for _, m in got])
print("ping gaps (s):", ["%.3f" % g for g in gaps])
for f in fails:
    print("FAIL:", f)
sys.exit(1 if fails else 0)
