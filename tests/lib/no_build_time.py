"""A pack holds no value that looks like the time of its build (a date, a timestamp in seconds
or milliseconds), so building again later gives the same bytes. Usage: no_build_time.py PACK"""
import sqlite3, sys, time
now = time.time()
marks = [time.strftime(f, time.gmtime(now)) for f in ("%Y-%m-%d", "%Y%m%d", "%d.%m.%Y")]
marks.append(str(int(now))[:6])
db = sqlite3.connect(sys.argv[1])
found = []
for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'"):
    for row in db.execute('SELECT * FROM "%s"' % table.replace('"', '""')):
        for v in row:
            if isinstance(v, (int, float)) and abs(v - now) < 3 * 86400 or \
               isinstance(v, (int, float)) and abs(v / 1000 - now) < 3 * 86400 or \
               isinstance(v, str) and any(m in v for m in marks):
                found.append("%s: %r" % (table, v))
if found:
    sys.exit("values that look like the build time: " + "; ".join(found[:5]))
