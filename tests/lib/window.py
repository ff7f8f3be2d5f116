"""The kiosk with a real window (run under xvfb-run), driven by what it does, never by a
clock: each step waits for a line on its standard error or a window on the screen.

  window.py stick ROOT KIOSK ARGS...   when the first frame is drawn (the watcher is running
        by then), mounts a stick as ROOT/usb1/sveiki; when the kiosk says it is done with the
        stick, sends SIGTERM.
  window.py stays KIOSK ARGS...        when a window named Sveiki is on the screen, sends
        SIGTERM (a kiosk that exits by itself never shows one, or is gone when it is found).

Prints the kiosk's standard error, then "exit N" with its exit code (negative: a signal).
A kiosk that never gets there would hang the test: after HANG_S it is killed and the test
fails. That bound only turns a hang into a failure; a passing run needs well under a second."""
import ctypes, os, signal, subprocess, sys, threading, time

mode = sys.argv[1]
if mode == "stick":
    root, cmd = sys.argv[2], sys.argv[3:]
else:
    cmd = sys.argv[2:]
env = dict(os.environ)
env.pop("SDL_VIDEODRIVER", None)
env["SVEIKI_BENCH_FIRST_FRAME"] = "1"  # "first-frame N" on stderr once the loop runs
p = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True)
lines = []
HANG_S = 600


def hung():
    lines.append("window.py: no progress in %d s: killed (a hang, not slowness)\n" % HANG_S)
    p.kill()


watchdog = threading.Timer(HANG_S, hung)
watchdog.daemon = True
watchdog.start()


def window_named(name):
    """Whether a top-level window of the display has this name (Xlib through ctypes: no
    package beyond what SDL itself loads)."""
    x = ctypes.cdll.LoadLibrary("libX11.so.6")
    x.XOpenDisplay.restype = ctypes.c_void_p
    x.XDefaultRootWindow.restype = ctypes.c_ulong
    x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
    x.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                             ctypes.POINTER(ctypes.c_ulong),
                             ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                             ctypes.POINTER(ctypes.c_uint)]
    x.XFetchName.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_char_p)]
    x.XFree.argtypes = [ctypes.c_void_p]
    x.XCloseDisplay.argtypes = [ctypes.c_void_p]
    d = x.XOpenDisplay(None)
    if not d:
        sys.exit("window.py: cannot open the display")
    r, par, n = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_uint()
    kids = ctypes.POINTER(ctypes.c_ulong)()
    found = False
    if x.XQueryTree(d, x.XDefaultRootWindow(d), ctypes.byref(r), ctypes.byref(par),
                    ctypes.byref(kids), ctypes.byref(n)):
        for i in range(n.value):
            s = ctypes.c_char_p()
            if x.XFetchName(d, kids[i], ctypes.byref(s)) and s.value == name.encode():
                found = True
        if kids:
            x.XFree(kids)
    x.XCloseDisplay(d)
    return found


if mode == "stick":
    for line in p.stderr:
        lines.append(line)
        if line.startswith("first-frame "):
            # the stick appears whole, as a mount does (made beside, then renamed in): the
            # watcher's few seconds for a mount's files to show are never needed
            stage = root + ".stage"
            os.makedirs(os.path.join(stage, "usb1", "sveiki"))
            os.rename(os.path.join(stage, "usb1"), os.path.join(root, "usb1"))
        elif line.startswith("sveiki: info: done with the stick at "):
            p.send_signal(signal.SIGTERM)  # SDL makes it a quit event: the loop ends
            break
else:
    reader = threading.Thread(target=lambda: lines.extend(p.stderr))
    reader.start()
    # a polling loop on a condition: how often it looks changes nothing but CPU
    while p.poll() is None and not window_named("Sveiki"):
        time.sleep(0.05)
    if p.poll() is None:
        print("window up and the kiosk running: SIGTERM")
        p.send_signal(signal.SIGTERM)
    reader.join()
lines.extend(p.stderr)
rc = p.wait()
sys.stdout.write("".join(lines))
print("exit %d" % rc)
