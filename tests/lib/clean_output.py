"""Reads a command's output (stdout and stderr together) from standard input, and fails when
it holds anything a terminal or a bidi algorithm would act on rather than show: a control
character but line feed, DEL, a C1 control, a bidi mark, embedding, override or isolate, a
line or paragraph separator; or a line that is only what a hostile name tried to forge."""
import sys

data = sys.stdin.buffer.read()
text = data.decode("utf-8", errors="replace")
label = sys.argv[1] if len(sys.argv) > 1 else "output"
bad = []
for i, ch in enumerate(text):
    c = ord(ch)
    if (c < 0x20 and ch != "\n") or c == 0x7F or 0x80 <= c < 0xA0 or c in (0x061C, 0x200E, 0x200F) \
            or 0x2028 <= c <= 0x202E or 0x2066 <= c <= 0x2069:
        bad.append("U+%04X at %d" % (c, i))
forged = [l for l in text.split("\n") if l.strip() == "ALL GOOD"]
if bad or forged:
    print("%s: %s%s\n%r" % (label, ", ".join(bad[:5]), " and a forged line" if forged else "", text[:600]))
    sys.exit(1)
