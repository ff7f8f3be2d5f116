"""A kiosk with a sync folder, driven line by line on its virtual clock (--script -), while
this harness plays the file-sync engine and the office on the same folder:
 - a survey with typed text is answered; after --sync-every minutes a whole batch is in
   the folder (no sooner), and the office merges it;
 - a sync engine's half-carried pack files (Syncthing's .syncthing.NAME.tmp, rsync's
   .NAME.XXXXXX) are not taken; the whole pack renamed in is, at the next visit;
 - the office's receipt written into the folder deletes, at the next visit, what it holds;
 - with no stick in, admin mode's "Export now" writes what waits to the folder at once;
 - `sveikictl status` reads the data folder of the running kiosk: answers waiting, pack,
   last export, last receipt;
 - the kiosk's whole log: every line "sveiki: LEVEL: ...", and neither the typed text nor
   any submission id (taken from the office's database) anywhere in it.
usage: sync_folder.py KIOSK CTL W FIXTURE_SRC SURVEY_SCRIPT OFFICE_PUB OFFICE_KEY"""
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import sys

kiosk, ctl, w, fix_src, survey, office_pub, office_key = sys.argv[1:8]
data, folder, log = os.path.join(w, "data"), os.path.join(w, "folder"), os.path.join(w, "kiosk.log")
os.makedirs(folder)
fails = []


def run(*args):
    return subprocess.run(list(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def check(name, cond, detail=""):
    print(("ok    " if cond else "FAIL  ") + "sync folder: " + name)
    if not cond:
        fails.append(name)
        for line in str(detail).splitlines()[:20]:
            print("      " + line)


# the content signing pair, a pack of version 1 to start with and one of version 2 to send
assert run(ctl, "keygen", "--signing", os.path.join(w, "sign")).returncode == 0
assert run(ctl, "keygen", "--receipts", os.path.join(w, "receipts")).returncode == 0
src2 = os.path.join(w, "src2")
shutil.copytree(fix_src, src2)
with open(os.path.join(src2, "manifest.txt")) as f:
    manifest = f.read()
with open(os.path.join(src2, "manifest.txt"), "w") as f:
    f.write(re.sub(r"(?m)^version: .*$", "version: 2", manifest))
for src, out in ((fix_src, "v1.pack"), (src2, "v2.pack")):
    r = run(ctl, "pack", "build", src, "-o", os.path.join(w, out), "--key", os.path.join(w, "sign.key"))
    assert r.returncode == 0, r.stdout
os.makedirs(data)
shutil.copy(os.path.join(w, "receipts.pub"), os.path.join(data, "office.pub"))
pin = subprocess.run([ctl, "pin-hash"], input="2468\n", stdout=subprocess.PIPE, text=True).stdout.strip()

errf = open(log, "w")
p = subprocess.Popen([kiosk, "--headless", "--pack", os.path.join(w, "v1.pack"), "--trust",
                      os.path.join(w, "sign.pub"), "--data", data, "--office-key", office_pub,
                      "--lang", "en", "--size", "800x480", "--sync-folder", folder,
                      "--sync-every", "5", "--admin-pin", pin, "--script", "-"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errf, text=True, cwd=w)


def say(*lines):
    """Runs lines in the kiosk, then waits until it has done them (a dump answers)."""
    for line in lines:
        p.stdin.write(line + "\n")
    p.stdin.write("dump -\n")
    p.stdin.flush()
    got = p.stdout.readline()
    assert got.startswith("{"), "the kiosk stopped: " + got


def batches():
    return sorted(glob.glob(os.path.join(folder, "sveiki", "exports", "*", "*.batch")))


def status():
    return run(ctl, "status", data).stdout


# the first visit at start finds nothing to send
say("wait 10")
check("nothing to send at start: no file", batches() == [])
# a survey, its commands without the shots and dumps of the screenshot test
with open(survey) as f:
    steps = [l.rstrip("\n") for l in f if l.strip() and not l.startswith(("#", "shot", "dump"))]
say(*steps)
say("wait 60000")  # back to the start screen
st = status()
check("status: the answer waits for export", "answers waiting for export: 2 submissions\n" in st, st)
check("status: never exported yet", "last export: never" in st, st)
check("not before the interval: no batch yet", batches() == [], batches())
say("wait 300000")
got = batches()
check("after --sync-every minutes, one batch", len(got) == 1, got)
r = run(ctl, "merge", "--enrol-new", "--into", os.path.join(w, "central.db"), folder, "--key",
        office_key, "--receipt-key", os.path.join(w, "receipts.key"))
check("the office merges the folder and writes a receipt into it",
      r.returncode == 0 and "added: " in r.stdout and "receipt: " in r.stdout, r.stdout)
st = status()
check("status: the export is named", re.search(r"last export: \d{4}-\d\d-\d\d \d\d:\d\d UTC, "
                                              r"2 submissions in 1 batch, to the sync folder", st), st)

# half-carried packs: never taken
packs = os.path.join(folder, "sveiki", "packs")
os.makedirs(packs)
shutil.copy(os.path.join(w, "v2.pack"), os.path.join(packs, ".syncthing.v2.pack.tmp"))
shutil.copy(os.path.join(w, "v2.pack"), os.path.join(packs, ".v2.pack.Xa81kQ"))
say("wait 300000")
st = status()
check("a sync engine's temp files are not taken", "pack: fixture version 1" in st, st)
check("the receipt deleted what the office holds",
      "answers waiting for export: 0 submissions" in st and re.search(
          r"last receipt: .*, from the sync folder: 2 submissions the office holds deleted", st), st)
# the engine renames the whole file in
os.rename(os.path.join(packs, ".syncthing.v2.pack.tmp"), os.path.join(packs, "v2.pack"))
say("wait 300000")
st = status()
check("the whole pack is taken at the next visit", "pack: fixture version 2" in st, st)

# staff want the answers out now: admin mode (the corners' gesture, the PIN), Export now
say(*steps)
say("wait 60000")
before = batches()
say("press 10 10", "wait 2100", "release 10 10", "press 790 10", "wait 2100", "release 790 10",
    'tap "2"', 'tap "4"', 'tap "6"', 'tap "8"', 'tap "OK"', 'tap "Export now"',
    'expect "Done: the sync folder has every answer; the office\'s sync engine carries it."',
    'tap "Close"')
st = status()
check("Export now, with no stick in, writes to the sync folder at once",
      len(batches()) == len(before) + 1 and "answers waiting for export: 0 submissions" in st,
      (before, batches(), st))
p.stdin.write("quit\n")
p.stdin.close()
rc = p.wait()
errf.close()
check("the kiosk ends cleanly", rc == 0, rc)

with open(log) as f:
    text = f.read()
lines = text.splitlines()
check("every log line has its level",
      lines and all(re.match(r"^sveiki: (info|warning|error): ", l) for l in lines),
      "\n".join(l for l in lines if not re.match(r"^sveiki: (info|warning|error): ", l)))
db = sqlite3.connect(os.path.join(w, "central.db"))
ids = {row[0] for row in db.execute("SELECT DISTINCT submission FROM answers")}
ids |= {row[0] for row in db.execute("SELECT DISTINCT uuid FROM answers")}
check("the office holds the visit's answers", len(ids) >= 2, ids)
leaks = [i for i in ids if i and i in text]
for piece in ("Riga", "7:30", "2000 0000", "anna@example.org", "Very happy", "Under 18"):
    if piece in text:
        leaks.append(piece)
check("the log holds no typed text, answer or submission id", not leaks, leaks)
sys.exit(1 if fails else 0)
