"""answers.csv, the tidy long file: one row an answer with the columns period, kiosk, survey,
question, value, language; RFC 4180 (CRLF, quoted where needed, UTF-8 without a mark), so that
Python's csv module reads it and writes the same bytes back; sorted, periods whole weeks; no
typed text, no submission or kiosk id; every page vote of the database in it.
Usage: report_answers.py OUT-DIR CENTRAL.db"""
import csv, datetime, io, sqlite3, sys
out, db = sys.argv[1:3]
raw = open(out + "/answers.csv", "rb").read()
assert not raw.startswith(b"\xef\xbb\xbf")
rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True))
assert rows[0] == ["period", "kiosk", "survey", "question", "value", "language"], rows[0]
back = io.StringIO(newline="")
csv.writer(back, lineterminator="\r\n").writerows(rows)
assert back.getvalue().encode("utf-8") == raw, "csv.writer does not write the same bytes back"
body = rows[1:]
assert body == sorted(body, key=lambda r: (r[0], r[1], r[2], r[3], r[4], r[5])), "not sorted"
assert all(len(r) == 6 for r in body)
for r in body:
    d = datetime.date.fromisoformat(r[0])
    assert d.weekday() == 0, r  # the Monday of an ISO week: never the day itself
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
devices = {x[0] for x in con.execute("SELECT id FROM devices")}
subs = {x[0] for x in con.execute("SELECT DISTINCT submission FROM answers")}
cells = {c for r in body for c in r}
assert not cells & devices, cells & devices
assert not cells & subs
assert all(r[1].startswith("Kiosk ") for r in body), body[:3]
# no typed text: the demo surveys' typed questions are not in it
assert not [r for r in body if r[3] in ("comment", "missing")], "typed text in answers.csv"
# every page vote (yes or no) is a row
votes = con.execute("SELECT count(*) FROM answers WHERE survey = 'helpful' AND value IN ('yes','no')").fetchone()[0]
assert sum(1 for r in body if r[2] == "helpful" and r[4] in ("yes", "no")) == votes
print("answers.csv: %d rows" % len(body))
