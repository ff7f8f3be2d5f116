"""The report's page as a person sees it, in one headless Chromium driven through its DevTools
protocol (--remote-debugging-pipe): for each LANG=DIR, DIR/index.html rendered at 1280x2000 to
PNGDIR/report-LANG.png (a PNG of that size, not blank) and checked with axe-core's rules at
levels A and AA (WCAG 2.0, 2.1, 2.2; the page's policy forbids scripts, so the protocol lets
axe in). One browser for all, not one a check: its start-up was most of the time. Printing is
`sveikictl report --pdf`'s own, checked in tests/groups/report.sh.
Prints a line a check: "ok<TAB>NAME" or "bad<TAB>NAME<TAB>WHY" (tests/groups/report.sh counts).
Usage: report_chromium.py PROFILE AXE.min.js PNGDIR LANG=DIR..."""
import base64, json, os, select, struct, subprocess, sys, time

profile, axe_js, pngdir = sys.argv[1:4]
pages = [a.split("=", 1) for a in sys.argv[4:]]

to_chrome_r, to_chrome_w = os.pipe()
from_chrome_r, from_chrome_w = os.pipe()


def child_fds():  # the protocol's pipes are the browser's fds 3 (commands) and 4 (replies)
    a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)  # above 4 first: a pipe may be 3 or 4
    os.dup2(a, 3)  # inheritable, unlike every other descriptor of this process
    os.dup2(b, 4)


browser = subprocess.Popen(
    ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
     "--disable-background-networking", "--disable-component-update", "--disable-sync",
     "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank"],
    preexec_fn=child_fds, close_fds=False,
    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
os.close(to_chrome_r)
os.close(from_chrome_w)
buf = b""
next_id = 0
events = []


def die(why):
    browser.kill()
    print("bad\tChromium through its DevTools protocol\t" + why + " " +
          browser.stderr.read().decode(errors="replace")[-500:].replace("\n", " "))
    sys.exit(1)


def message(deadline):
    """The next message from the browser, or die at the deadline."""
    global buf
    while b"\0" not in buf:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([from_chrome_r], [], [], left)[0]:
            die("no answer in time")
        part = os.read(from_chrome_r, 1 << 20)
        if not part:
            die("the browser ended")
        buf += part
    m, buf = buf.split(b"\0", 1)
    return json.loads(m)


def send(method, params=None, session=None, cap=120):
    global next_id
    next_id += 1
    m = {"id": next_id, "method": method, "params": params or {}}
    if session:
        m["sessionId"] = session
    os.write(to_chrome_w, json.dumps(m).encode() + b"\0")
    deadline = time.monotonic() + cap
    while True:
        r = message(deadline)
        if r.get("id") == next_id:
            if "error" in r:
                die(method + ": " + json.dumps(r["error"]))
            return r["result"]
        events.append(r)


def wait_event(method, session, cap=120):
    deadline = time.monotonic() + cap
    while True:
        for i, e in enumerate(events):
            if e.get("method") == method and e.get("sessionId") == session:
                return events.pop(i)
        events.append(message(deadline))


def report(ok, name, why=""):
    print(("ok\t" + name) if ok else ("bad\t" + name + "\t" + why.replace("\n", " ")[:2000]))
    sys.stdout.flush()


axe = open(axe_js, encoding="utf-8").read()
# Colour contrast (axe's slowest rule, half of its time here) only on the first page: the
# pages of every language share one style sheet, so their colours are the same; every other
# rule runs on each.
run_axe = ("axe.run(document,{runOnly:{type:'tag',values:['wcag2a','wcag2aa','wcag21a','wcag21aa',"
           "'wcag22aa']},CONTRAST resultTypes:['violations']}).then(function(r){return JSON.stringify("
           "r.violations.map(function(v){return {id:v.id,impact:v.impact,help:v.help,nodes:"
           "v.nodes.slice(0,4).map(function(n){return n.target.join(' ')+': '+n.failureSummary})}}))})")
for lang, d in pages:
    target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
    s = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    send("Page.enable", session=s)
    send("Page.setBypassCSP", {"enabled": True}, session=s)
    send("Emulation.setDeviceMetricsOverride",
         {"width": 1280, "height": 2000, "deviceScaleFactor": 1, "mobile": False}, session=s)
    send("Page.navigate", {"url": "file://" + os.path.abspath(os.path.join(d, "index.html"))}, session=s)
    wait_event("Page.loadEventFired", s)
    send("Runtime.evaluate", {"expression": "document.fonts.ready.then(function(){return 1})",
                              "awaitPromise": True}, session=s)
    png = os.path.join(pngdir, "report-%s.png" % lang)
    b = base64.b64decode(send("Page.captureScreenshot", {"format": "png"}, session=s)["data"])
    open(png, "wb").write(b)
    size = struct.unpack(">II", b[16:24]) if b[:8] == b"\x89PNG\r\n\x1a\n" else None
    report(size == (1280, 2000) and len(b) > 60000,
           "report: Chromium renders the %s page to a 1280x2000 PNG that is not blank" % lang,
           "%s, %d bytes" % (size, len(b)))
    send("Runtime.evaluate", {"expression": axe}, session=s)
    contrast = "" if lang == pages[0][0] else "rules:{'color-contrast':{enabled:false}},"
    r = send("Runtime.evaluate", {"expression": run_axe.replace("CONTRAST ", contrast), "awaitPromise": True,
                                  "returnByValue": True}, session=s)
    if "exceptionDetails" in r:
        report(False, "report: the %s page passes axe-core's A and AA rules" % lang,
               "axe-core failed: " + json.dumps(r["exceptionDetails"])[:500])
    else:
        v = json.loads(r["result"]["value"])
        report(not v, "report: the %s page passes axe-core's A and AA rules%s" % (
                   lang, "" if not contrast else " (colour contrast on the first page's)"),
               json.dumps(v, ensure_ascii=False))
    send("Target.closeTarget", {"targetId": target})
os.write(to_chrome_w, json.dumps({"id": next_id + 1, "method": "Browser.close"}).encode() + b"\0")
browser.wait(30)
