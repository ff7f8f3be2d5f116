"""SIGTERM ends a kiosk running a script at once. The kiosk reads its script from a pipe; once
it has answered a dump (so the script runs and SDL is up, with whatever signal handlers it
set), it gets SIGTERM, and only then the rest of the script. A kiosk that ended at once dies
of the signal with that rest unread; one where SIGTERM only became an SDL quit event, which a
script never looks at, would go on and answer the second dump.
Usage: sigterm.py KIOSK ARGS... (without --script). Prints what happened; exit 0 when it
ended at once."""
import signal, subprocess, sys

p = subprocess.Popen(sys.argv[1:] + ["--script", "-"], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
p.stdin.write(b"tap 10 10\ndump -\n")
p.stdin.flush()
first = p.stdout.readline()
while first.startswith(b"sveiki: "):  # the kiosk's log lines at start come first
    first = p.stdout.readline()
if not first.startswith(b'{"screen":'):
    p.kill()
    sys.exit("no dump before the signal: %r %r" % (first, p.stdout.read()))
p.send_signal(signal.SIGTERM)
try:
    p.stdin.write(b"key escape\ndump -\n")
    p.stdin.close()
except BrokenPipeError:
    pass
rest = p.stdout.read()
rc = p.wait()
if rc != -signal.SIGTERM or b'"screen"' in rest:
    sys.exit("exit %d after SIGTERM; then it printed: %r" % (rc, rest[:2000]))
print("ended by SIGTERM with the rest of its script unread")
