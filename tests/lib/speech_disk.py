#!/usr/bin/env python3
"""Read aloud through SDL's disk audio driver: the real kiosk (headless, --script -) taps a
page's read-aloud button, and the file the driver writes must fill with sound; after the
person leaves the page the audio device is let go and the file stops growing.

usage: speech_disk.py KIOSK PACK DATA RAW LANG PAGE MODE
MODE: speech (synthesis: a later part is read and highlighted), tone:HZ (the page's
recording, a tone of HZ, is played instead of synthesis), absent (no button), survey (PAGE
is a survey, opened from home: its notice read, a line of it highlighted, then the person
leaves the survey).
Waits for conditions with generous caps, never for a fixed time."""
import array
import json
import os
import subprocess
import sys
import time

kiosk, pack, data, raw, lang, page, mode = sys.argv[1:8]
env = dict(os.environ, SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE=raw)
if os.path.exists(raw):
    os.remove(raw)
where = ["--page", page]
if mode == "survey":  # a kiosk that collects feedback, at home
    where = ["--office-key", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                          "fixtures", "office-test-only.pub")]
p = subprocess.Popen([kiosk, "--headless", "--pack", pack, "--data", data, "--lang", lang]
                     + where + ["--script", "-"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)


def fail(msg):
    p.kill()
    err = p.stderr.read()
    sys.exit(f"{lang} {page}: {msg}\n{err[-2000:]}")


def send(line):
    p.stdin.write(line + "\n")
    p.stdin.flush()


def dump():
    send("dump -")
    line = p.stdout.readline()
    if not line:
        fail("the kiosk ended")
    return json.loads(line)


def widget(d, wid):
    return next((w for w in d["widgets"] if w["id"] == wid), None)


def samples():
    try:
        with open(raw, "rb") as f:
            a = array.array("h", f.read())
    except FileNotFoundError:
        return array.array("h")
    return a


def sounding(a):
    return sum(1 for x in a if abs(x) > 500)


def wait_for(what, cond, cap=60):
    end = time.monotonic() + cap
    while time.monotonic() < end:
        if cond():
            return
        time.sleep(0.05)
    fail(f"waited {cap} s for {what}")


def device_open():
    fds = f"/proc/{p.pid}/fd"
    for fd in os.listdir(fds):
        try:
            if os.readlink(os.path.join(fds, fd)) == raw:
                return True
        except OSError:
            pass
    return False


d = dump()
if mode == "survey":
    send("tap 10 10")  # the start screen: home in the preset language
    t = widget(dump(), "feedback")
    if not t:
        fail("no survey tile at home")
    send(f"tap {t['x'] + t['w'] // 2} {t['y'] + t['h'] // 2}")
    d = dump()
    if d["screen"] != "survey":
        fail(f"the survey tile opened {d['screen']}")
b = widget(d, "read-aloud")
if mode == "absent":
    if b:
        fail("a read-aloud button where there is neither a recording nor a voice")
    send("quit")
    sys.exit(p.wait() != 0 and "exit code" or 0)
if not b:
    fail("no read-aloud button")
send(f"tap {b['x'] + b['w'] // 2} {b['y'] + b['h'] // 2}")
if mode == "speech":
    # the second part (the page's first block after its title) is read, and highlighted
    send("await reading 1 60000")
    d = dump()
    # part 0 is the title: in the bar, or the page's first block when the bar cuts it
    b0 = widget(d, "block-0")
    cut = b0 and b0["label"] == widget(d, "title")["label"]
    r, first = widget(d, "reading"), widget(d, "block-1" if cut else "block-0")
    if not r or not first or r["label"] != first["label"]:
        fail(f"part 1 is not the highlighted block after the title: {r} {first}")
    if widget(d, "read-aloud")["label"] == b["label"]:
        fail("the button does not say it is reading")
    # at least a fifth of a second of sound went to the audio driver
    wait_for("sound in the disk audio file", lambda: sounding(samples()) > 9600)
    send("key escape")  # the person leaves the page
elif mode == "survey":
    # the notice: its title, its heading, then its first line, highlighted
    send("await reading 2 60000")
    d = dump()
    r, first = widget(d, "reading"), widget(d, "notice-count")
    if not r or not first or r["label"] != first["label"]:
        fail(f"part 2 is not the notice's first line: {r} {first}")
    if widget(d, "read-aloud")["label"] == b["label"]:
        fail("the button does not say it is reading")
    wait_for("sound in the disk audio file", lambda: sounding(samples()) > 9600)
    send("key escape")  # back from the notice: the person leaves the survey
else:
    hz = float(mode.split(":")[1])
    send("await silence 60000")  # the recording is played whole, and that is all
send("await silence 30000")
d = dump()
if mode == "speech" and d["screen"] == "page" or mode == "survey" and d["screen"] == "survey":
    fail("still on the " + d["screen"])
wait_for("the audio device let go", lambda: not device_open(), 30)
a = samples()
size = len(a)
send("wait 10")
dump()
if len(samples()) != size or device_open():
    fail("sound goes on after leaving")
loud = sounding(a)
if mode in ("speech", "survey"):
    if loud < 9600:
        fail(f"only {loud} samples of sound")
else:
    # the recording: about its 1.5 s of a steady tone, no synthesized speech after it
    on = [x for x in a if abs(x) > 500]
    if not 1.2 * 48000 < len(on) < 1.6 * 48000:
        fail(f"{len(on)} samples of sound: not the 1.5 s recording alone")
    start = next(i for i, x in enumerate(a) if abs(x) > 500)
    part = a[start + 4800:start + 4800 + 48000]
    cross = sum(1 for i in range(1, len(part)) if (part[i - 1] < 0) != (part[i] < 0))
    if abs(cross / 2 - hz) > hz * 0.05:
        fail(f"a tone of {cross / 2:.0f} Hz, not the recording's {hz:.0f}")
send("quit")
if p.wait() != 0:
    fail(f"exit code {p.returncode}")
