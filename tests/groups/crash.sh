# crash: kill -9 while feedback is saved, in the store alone and in the whole kiosk
# needs: build/crash_store build/san/sveiki build/fixture.pack

# ---- the feedback store: kill -9 at random moments while saving --------------------------
# (tests/crash_store.c: every acknowledged submission kept, integrity_check ok, never moved
# aside as damaged; 30 kills from a fixed seed)
crash_store() { check "store: 30 kills -9 while saving lose no acknowledged submission" "$B/crash_store" "$W" 30 12; }
job crash-store crash_store
# kill -9 the kiosk 20 times at random moments while people answer and send surveys: every submission
# it logged as saved is in the store, and the store passes integrity_check
kiosk_crash() {
    local out
    if out=$(python3 - "$KIOSK" "$B/fixture.pack" "$W/crash" 2>&1 <<'PY2'
import random, re, sqlite3, subprocess, sys, time
kiosk, pack, data = sys.argv[1:4]
visit = ["tap 10 10", "wait 400", 'tap "Tell us what you think"', "wait 400", 'tap "Start"',
         "wait 400", 'tap "Happy"'] + ["wait 400", 'tap "Next"'] * 8 + \
        ["wait 400", 'type "call me at 20000000"', "wait 400", 'tap "Send"', "wait 4500",
         'tap "Start again"']
script = ("\n".join(visit) + "\n").encode() * 30  # ~10 KB: fits the pipe, written at once
r = random.Random(20221202)
saved = set()
for run in range(20):
    p = subprocess.Popen([kiosk, "--headless", "--pack", pack, "--data", data, "--lang", "en",
                          "--script", "-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    try:
        p.stdin.write(script)
        p.stdin.flush()
    except BrokenPipeError:
        pass
    if run < 19:
        time.sleep(r.uniform(0.05, 1.0))  # a visit takes about 80 ms under the sanitizers
        p.kill()
    # the last run ends by itself: some answers are saved however slow the machine
    err = p.communicate(timeout=300)[1].decode()
    saved |= set(re.findall(r"^feedback_saved survey=needs answers=\d+ id=([0-9a-f-]{36})$", err, re.M))
c = sqlite3.connect(data + "/feedback.db")
assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
stored = {row[0] for row in c.execute("SELECT DISTINCT submission FROM answers")}
lost = saved - stored
assert saved and not lost, "%d acknowledged, %d lost" % (len(saved), len(lost))
print("%d acknowledged submissions over 19 kills and one run to its end, none lost" % len(saved))
PY2
); then ok "kiosk killed while saving: $out"; else bad "kiosk killed while saving" "$out"; fi
}
job kiosk-crash kiosk_crash
