"""tour_peak_rss_mb: the peak resident memory of the kiosk (headless, the software renderer,
1280x800, the release build) over one script that visits every page of the pack in every
language, as a person would reach them (the language screen, home, each category, each of its
pages, back), and reads one page aloud in each language that has a voice (the disk audio
driver into /dev/null: the audio device, espeak-ng and its voice are loaded). The kiosk
collects feedback (an office key), as one in a reception centre does. Prints the figure, the
pages opened and the languages read aloud."""
import json, os, subprocess, sys, tempfile

kiosk, pack = sys.argv[1], sys.argv[2]
office = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures",
                      "office-test-only.pub")
env = dict(os.environ, SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE="/dev/null")
p = subprocess.Popen([kiosk, "--headless", "--pack", pack, "--data", tempfile.mkdtemp(),
                      "--office-key", office, "--script", "-"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)


def send(line):
    p.stdin.write(line + "\n")
    p.stdin.flush()


def dump():
    send("dump -")
    line = p.stdout.readline()
    if not line:
        sys.exit("bench: the kiosk ended during the tour")
    return json.loads(line)


def tap(w):
    send("wait 400")  # a person's pace: no tap is taken for a bounce
    send("tap %d %d" % (w["x"] + w["w"] // 2, w["y"] + w["h"] // 2))


def each(role, visit):
    """Every widget of a role on the screen shown, paging down to find them all."""
    seen = set()
    while True:
        d = dump()
        new = [w for w in d["widgets"] if w["role"] == role and w["id"] not in seen]
        for w in new:
            seen.add(w["id"])
            tap(w)
            visit(w)
            send("key escape")
            # back restores the scroll: the rest of this page of the list is where it was
        before = json.dumps(dump())
        send("key pagedown")
        if json.dumps(dump()) == before and not [
                w for w in dump()["widgets"] if w["role"] == role and w["id"] not in seen]:
            return len(seen)


pages = 0
opened = set()  # (language, page) once each
spoken = []
lang = None


def page(w):
    global pages
    pages += 1
    opened.add((lang, w["id"]))
    if lang in spoken:
        return
    b = next((w for w in dump()["widgets"] if w["id"] == "read-aloud"), None)
    if b:
        tap(b)
        send("await reading 1 60000")
        tap(b)  # a second tap: silence
        send("await silence 30000")
        spoken.append(lang)


def category(w):
    each("link", page)


send("tap 10 10")  # the start screen: the languages
langs = [w for w in dump()["widgets"] if w["id"].startswith("lang-")]
for lw in langs:
    lang = lw["id"][5:]
    tap(lw)
    each("category", category)
    send("key escape")  # home: back to the language screen
send("quit")
p.stdin.close()
_, status, ru = os.wait4(p.pid, 0)
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit("bench: the tour's kiosk failed")
print("bench tour_peak_rss_mb %.1f MiB" % (ru.ru_maxrss / 1024))
sys.stderr.write("(tour: %d pages opened, %d different, in %d languages; read aloud in %s)\n"
                 % (pages, len(opened), len(langs), " ".join(spoken)))
