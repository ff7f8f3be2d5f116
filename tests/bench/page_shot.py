"""page_shot_cpu_ms: CPU time (user + system) of one whole headless run that opens a page
(Arabic: right to left, shaped) and writes its screenshot: start, pack, fonts, layout, draw,
PNG, exit. The minimum of 15 runs: the figure least disturbed by other work on the machine."""
import os, subprocess, sys, tempfile

kiosk, pack = sys.argv[1], sys.argv[2]
data = tempfile.mkdtemp()
# an office key, so the page has its "was this helpful?" bar as a kiosk that collects feedback
office = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "office-test-only.pub")
shot = os.path.join(data, "page.png")
cpu_ms = []
for _ in range(15):
    p = subprocess.Popen([kiosk, "--headless", "--pack", pack, "--data", data, "--office-key", office, "--lang", "ar",
                          "--page", "one-off-support", "--script", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    p.stdin.write("shot %s\n" % shot)
    p.stdin.close()
    err = p.stderr.read()
    # wait4, not wait: it reports the CPU time of this one process
    _, status, ru = os.wait4(p.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not os.path.getsize(shot):
        sys.exit("bench: the headless page shot failed: " + err)
    cpu_ms.append((ru.ru_utime + ru.ru_stime) * 1e3)
    os.unlink(shot)
print("bench page_shot_cpu_ms %.1f ms" % min(cpu_ms))
