"""speech_start_ms: a tap on read aloud to the first sample of speech handed to SDL (the
audio callback takes it from the speech thread), on a page of the demo pack in English,
headless, through SDL's disk audio driver into /dev/null. Median of 15 taps in one kiosk:
each starts reading anew (the device opened, espeak-ng synthesizing the title); the first
tap after start, which also opens the audio subsystem's first device, is printed apart."""
import json, os, statistics, subprocess, sys, tempfile, time

kiosk, pack = sys.argv[1], sys.argv[2]
env = dict(os.environ, SDL_AUDIODRIVER="disk", SDL_DISKAUDIOFILE="/dev/null",
           SVEIKI_BENCH_SPEECH="1")
p = subprocess.Popen([kiosk, "--headless", "--pack", pack, "--data", tempfile.mkdtemp(),
                      "--lang", "en", "--page", "one-off-support", "--script", "-"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                     env=env, text=True)

def send(line):
    p.stdin.write(line + "\n")
    p.stdin.flush()

send("dump -")
b = next(w for w in json.loads(p.stdout.readline())["widgets"] if w["id"] == "read-aloud")
tap = "tap %d %d" % (b["x"] + b["w"] // 2, b["y"] + b["h"] // 2)
times = []
for _ in range(16):
    t0 = time.monotonic_ns()
    send(tap)
    while True:
        line = p.stderr.readline()
        if not line:
            sys.exit("bench: the kiosk ended before it spoke")
        if line.startswith("speech-first-sample "):
            times.append((int(line.split()[1]) - t0) / 1e6)
            break
    send(tap)  # stop, and wait until the device is let go
    send("await silence 20000")
    send("dump -")
    p.stdout.readline()
send("quit")
p.wait()
print("bench speech_start_ms %.1f ms" % statistics.median(times[1:]))
print("bench speech_start_first_ms %.1f ms" % times[0])
