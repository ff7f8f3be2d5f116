"""kill -9 the kiosk 19 times while people answer and send surveys, then let a 20th run end by
itself: every submission it logged as saved is in the store, and the store passes
integrity_check. Each killed run is killed once it has logged a seeded number (0 to 3) of
saved submissions, so where the kills land follows what the kiosk did, not the clock: on a
slow or busy machine they land as they do on a quiet one, in a visit (the next survey being
answered and sent) or at its start.
Usage: kiosk_crash.py KIOSK PACK DATA OFFICE.pub [RUNS]: RUNS (20 unless given) runs, all but
the last killed (make bench: 500)."""
import random, re, sqlite3, subprocess, sys

kiosk, pack, data, office = sys.argv[1:5]
runs = int(sys.argv[5]) if len(sys.argv) > 5 else 20
# the notice is read to its end (page down) before its Start
visit = ["tap 10 10", "wait 400", 'tap "Tell us what you think"', "wait 400"] + \
        ["key pagedown"] * 3 + ['tap "Start"',
         "wait 400", 'tap "Next"', "wait 400", 'tap "Happy"'] + ["wait 400", 'tap "Next"'] * 8 + \
        ["wait 400", 'type "call me at 20000000"', "wait 400", 'tap "Send"', "wait 4500",
         'tap "Start again"']
script = ("\n".join(visit) + "\n").encode() * 30  # ~10 KB: fits the pipe, written at once
# the log names no submission (the journal's timestamps would tie it to its time): each
# run's saved lines are counted against what that run added to the store
SAVED = re.compile(r"^sveiki: info: feedback_saved survey=needs answers=\d+$")


def stored():
    try:
        c = sqlite3.connect("file:%s/feedback.db?mode=rw" % data, uri=True)
    except sqlite3.OperationalError:
        return 0  # no store yet
    # sealed: only how many (every one here is a survey)
    n = c.execute("SELECT count(*) FROM submissions")
    n = n.fetchone()[0]
    c.close()
    return n


r = random.Random(20221202)
saved = lost = 0
for run in range(runs):
    before = stored()
    # thirty surveys a run: above the kiosk's default limit of six in ten minutes
    p = subprocess.Popen([kiosk, "--headless", "--pack", pack, "--data", data, "--lang", "en",
                          "--office-key", office,
                          "--survey-limit", "100/1", "--script", "-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    p.stdin.write(script.decode())
    p.stdin.close()
    err = []
    if run < runs - 1:
        want = r.randrange(4)
        got = 0
        while got < want:
            line = p.stderr.readline()
            if not line:
                break  # it ended by itself (the check below counts what it saved)
            err.append(line)
            got += bool(SAVED.match(line.rstrip("\n")))
        p.kill()
    err.extend(p.stderr)
    p.wait()
    said = sum(bool(SAVED.match(l.rstrip("\n"))) for l in err)
    # a kill between the commit and the log line stores one more than it said, never fewer
    saved += said
    lost += max(0, said - (stored() - before))
c = sqlite3.connect(data + "/feedback.db")
assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
assert saved and not lost, "%d acknowledged, %d lost" % (saved, lost)
print("%d acknowledged submissions over %d kills and one run to its end, none lost" % (saved, runs - 1))
