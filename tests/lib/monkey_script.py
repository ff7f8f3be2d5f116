"""Writes a monkey script: 1,500 seeded random taps, drags, keys, typed words, waits and dumps
on a screen of WxH. Usage: monkey_script.py WxH > SCRIPT"""
import random, sys
w, h = map(int, sys.argv[1].split("x"))
r = random.Random(20221201)
keys = ["escape", "enter", "backspace", "home", "up", "down", "pageup", "pagedown", "space"]
for i in range(1500):
    k = r.random()
    if k < 0.70:
        print("tap %d %d" % (r.randrange(w), r.randrange(h)))
    elif k < 0.80:
        print("drag %d %d %d %d %d" % (r.randrange(w), r.randrange(h), r.randrange(w), r.randrange(h), r.randrange(400)))
    elif k < 0.88:
        print("key " + r.choice(keys))
    elif k < 0.93:
        print('type "%s"' % r.choice(["ā", "بانک", "ሰላም", "x", "Darbs", "a b"]))
    elif k < 0.97:
        print("wait %d" % r.choice([10, 1000, 30000, 95000]))
    else:
        print("dump -")
