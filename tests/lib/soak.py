"""Months of kiosk use on the script clock: EVENTS seeded events streamed to the kiosk's
standard input (taps and drags anywhere, keys, typed words, language changes, surveys answered
and sent, idle resets back to attract, a stick taking the feedback every evening, nights of
quiet), while the kiosk's resident memory is read from /proc every 1 % of the events. Prints
`soak events=N days=D rss_warm_kb=A rss_end_kb=B rss_peak_kb=C growth_mb=G surveys=S
stored=T store_kb=K` (a day is about 1,500 events: 50 visits and a stick) and fails when the
memory that stays grew by 1 MB or more after the warm-up (the first fifth; checked from
200,000 events on, the short soak of `make test` is all warm-up),
when the kiosk did not end well, or when the store is not what was sent: every
survey saved and then exported and deleted by the retention or kept, integrity_check ok, and
the store's file no bigger than its content needs. Retention counts days on the script clock:
the days of the submissions stored (surveys and the helpful votes of random taps) span no more
than DAYS days (--feedback-days, 90 unless given), and once more days than that have passed,
the kiosk has said it deleted some.
The warm-up is right for what the kiosk holds: over a million events the store reaches its
size with the retention (360 KB, its log 4 MB and reused) and the main heap, SQLite's page
cache with it, stays flat after it; what grew was no cache but SDL's event queue, which a
script (no event loop) never emptied of the speech thread's wake-ups (an allocation each, in
the speech and audio threads' heaps; dropped at every tick now).
SOAK_QUEUE=1 (`make test`): the kiosk runs under gdb, which at its end counts those wake-ups
still in SDL's queue and fails above 2 (` queued=N` ends the line).
Usage: soak.py KIOSK PACK DATA OFFICE.pub STICK EVENTS [DAYS]"""
import os, random, sqlite3, subprocess, sys, threading

kiosk, pack, data, office, stick, events = sys.argv[1:7]
events = int(events)
keep_days = int(sys.argv[7]) if len(sys.argv) > 7 else 90
r = random.Random(20221207)
W, H = 800, 480
langs = ["English", "Latviešu", "العربية", "ትግርኛ", "فارسی"]
keys = ["escape", "enter", "backspace", "home", "up", "down", "pageup", "pagedown", "space"]
survey = ['tap 10 10', 'tap "English"', 'wait 400', 'tap "Tell us what you think"', 'wait 400'] + \
    ["key pagedown"] * 3 + ['tap "Start"', 'wait 400', 'tap "Next"', 'wait 400', 'tap "Happy"'] + \
    ['wait 400', 'tap "Next"'] * 4 + ['wait 400', 'type "the bus at 7:30, call 20000000"'] + \
    ['wait 400', 'tap "Next"'] * 3 + ['wait 400', 'tap "Send"', 'wait 4500', 'tap "Start again"']
DAY = 86400000


def script():
    """Yields (line, is_survey_send, day) for ever: days of visits, each day's evening a stick."""
    day = 0
    while True:
        clock = 0
        # about 10 hours open: visits with quiet between them
        while clock < 10 * 3600000:
            k = r.random()
            if k < 0.04:
                for line in survey:
                    yield line, line == 'tap "Send"', day
                clock += 60000
            else:
                yield "tap 10 10", False, day
                yield 'tap "%s"' % r.choice(langs), False, day
                for _ in range(r.randrange(5, 40)):
                    k = r.random()
                    if k < 0.65:
                        yield "tap %d %d" % (r.randrange(W), r.randrange(H)), False, day
                    elif k < 0.78:
                        yield "drag %d %d %d %d %d" % (r.randrange(W), r.randrange(H), r.randrange(W),
                                                       r.randrange(H), r.randrange(400)), False, day
                    elif k < 0.88:
                        yield "key " + r.choice(keys), False, day
                    elif k < 0.93:
                        yield 'type "%s"' % r.choice(["ā", "بانک", "ሰላም", "x", "Darbs", "a b"]), False, day
                    else:
                        yield "wait %d" % r.choice([200, 1000, 5000, 30000]), False, day
                    clock += 4000
                # the person leaves: "Still there?", then attract, the visit forgotten (later
                # with typed text on screen)
                yield "wait 300000", False, day
                yield "wait 300000", False, day
                clock += 600000
        yield 'media "%s"' % stick, False, day
        for _ in range((DAY - clock) // 1000000):  # the night, the longest wait a line
            yield "wait 1000000", False, day
        day += 1


cmd = [kiosk, "--headless", "--pack", pack, "--data", data, "--office-key", office,
       "--size", "%dx%d" % (W, H), "--survey-limit", "100/1",
       "--feedback-days", str(keep_days), "--script", "-"]
# SOAK_QUEUE=1: the kiosk runs under gdb, which counts at its end (kiosk_close) the speech
# thread's wake-up events left in SDL's queue: a script has no event loop to take them
queue = os.environ.get("SOAK_QUEUE") == "1"
if queue:  # only SDL's symbols are read beside the kiosk's own: a second less
    speech = "*(unsigned *)&speech_event"
    cmd = ["gdb", "-q", "-batch", "-nx", "-ex", "set startup-with-shell off", "-ex", "set auto-solib-add off", "-ex", "tbreak kiosk_close",
           "-ex", "run", "-ex", "sharedlibrary libSDL2", "-ex", 'printf "soak-queued %%d\\n", (int)SDL_PeepEvents(0, 0, 1, %s, %s)' % (speech, speech),
           "-ex", "continue", "-ex", "quit $_exitcode", "--args"] + cmd
p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE if queue else subprocess.DEVNULL,
                     stderr=subprocess.PIPE)
out = []
reader = threading.Thread(target=lambda: out.extend(p.stdout or []), daemon=True)
reader.start()


def kiosk_pid():
    """The kiosk's process: gdb's child running the kiosk when it runs under gdb (gdb starts
    short-lived children of its own first, to probe what ptrace can do)."""
    if not queue:
        return p.pid
    for t in os.listdir("/proc/%d/task" % p.pid):
        try:
            with open("/proc/%d/task/%s/children" % (p.pid, t)) as f:
                for kid in f.read().split():
                    if os.readlink("/proc/%s/exe" % kid) == os.path.realpath(kiosk):
                        return int(kid)
        except OSError:  # gone meanwhile
            pass
    return None


def rss():
    """The kiosk's resident KB, or None before gdb has started it."""
    pid = kiosk_pid()
    if pid is None:
        return None
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:  # it ended: the samples stop, and its end is judged below
        return None
    return 0


log = []
threading.Thread(target=lambda: log.extend(p.stderr), daemon=True).start()
if queue:  # gdb takes a moment to start the kiosk: its memory is sampled from then on
    import time
    for _ in range(400):
        if kiosk_pid() is not None or p.poll() is not None:
            break
        time.sleep(0.05)
samples, sent, day = [], 0, 0
gen = script()
step = max(1, events // 100)
try:
    for n in range(events):
        line, send, day = next(gen)
        sent += send
        p.stdin.write((line + "\n").encode())
        if n % step == step - 1:
            p.stdin.flush()
            kb = rss()
            if kb is not None:
                samples.append(kb)
    p.stdin.write(('media "%s"\nquit\n' % stick).encode())
    p.stdin.close()
except BrokenPipeError:
    p.wait()
    sys.exit("the kiosk stopped reading after %d events (exit %d): %s" % (
        n, p.returncode, b"".join(log[-8:]).decode(errors="replace")))
rc = p.wait()
reader.join(10)
queued = None
for l in out:
    if l.startswith(b"soak-queued "):
        queued = int(l.split()[1])
# growth: what stays, the median of the last tenth of the samples against the median of the
# tenth after the warm-up; a peak that is given back (a stick's batch in memory) is not growth
def median(a):
    a = sorted(a)
    return a[len(a) // 2]


k = max(1, len(samples) // 10)
warm = median(samples[len(samples) // 5:len(samples) // 5 + k])
end, peak = median(samples[-k:]), max(samples[len(samples) // 5:])
growth = (end - warm) / 1024
saved = sum(l.startswith(b"sveiki: info: feedback_saved ") for l in log)
failed = [l for l in log if l.startswith(b"script line")]
c = sqlite3.connect("file:%s/feedback.db?mode=ro" % data, uri=True)
ok = c.execute("PRAGMA integrity_check").fetchone()[0]
stored = c.execute("SELECT count(*) FROM submissions").fetchone()[0]
first_day, last_day = c.execute("SELECT min(day), max(day) FROM submissions").fetchone()
c.close()
store_kb = os.path.getsize(os.path.join(data, "feedback.db")) // 1024
print("soak events=%d days=%d rss_warm_kb=%d rss_end_kb=%d rss_peak_kb=%d growth_mb=%.2f surveys=%d "
      "stored=%d store_kb=%d%s" % (events, day + 1, warm, end, peak, growth, saved, stored, store_kb,
                                   " queued=%s" % queued if queue else ""))
errors = []
if rc != 0:
    errors.append("the kiosk ended with %d: %s" % (rc, b"".join((failed or log)[-5:]).decode(errors="replace")))
# a short soak (make test) ends before the caches are warm: its figure is only printed
if growth >= 1 and events >= 200000:
    errors.append("memory grew by %.2f MB after the warm-up" % growth)
# what a script's ticks drop: at most the wake-ups of a reading that ended after the last one
if queue and (queued is None or queued > 2):
    errors.append("%s of the speech thread's wake-ups left in SDL's queue at the end (a script has no "
                  "event loop to take them)" % ("none counted: gdb said %r" % b"".join(out[-3:])
                                                if queued is None else queued))
if ok != "ok":
    errors.append("integrity_check: %s" % ok)
if saved < sent or stored > saved:
    errors.append("%d surveys sent, %d saved, %d stored" % (sent, saved, stored))
# retention: a submission of day D is deleted once D is DAYS days old, by a purge at start and
# then once a day of the script clock, so the days stored span DAYS days at the most (the
# store's own days, UTC, since the helpful votes of random taps are stored beside the surveys)
purged = any(b"past their retention days" in l for l in log)
if first_day is not None and last_day - first_day > keep_days * 86400:
    errors.append("the store holds %d days of submissions, more than the last %d" % (
        (last_day - first_day) // 86400 + 1, keep_days))
if day > keep_days + 1 and not purged:
    errors.append("%d days on the script clock and nothing deleted past %d days" % (day + 1, keep_days))
# every submission is a sealed blob of a few hundred bytes: a few KB each at the most
if store_kb > 64 + 4 * stored:
    errors.append("the store takes %d KB for %d submissions" % (store_kb, stored))
if errors:
    sys.exit("\n".join(errors))
