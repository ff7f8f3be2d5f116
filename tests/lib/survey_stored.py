"""A survey answered through the screens (tests/scenarios/survey-LANG.txt), sealed on the
kiosk, exported and opened by merge with the office key, is in the central database as sent:
each answer with its kind, the background answers in a submission of their own (another
random id, never the one of the typed text), the time rounded to the day (the default),
typed phone numbers and e-mail addresses scrubbed, no sequence number.
Usage: survey_stored.py CENTRAL.DB LANG"""
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT question, value, kind, lang, period % 86400, seq, submission FROM answers").fetchall()
got = {r[0]: r for r in rows}
assert sorted(got) == ["bg-age", "bg-gender", "comment", "help"], rows
assert got["help"][1:3] == ("4", "faces"), rows
assert got["bg-age"][1:3] == ("under-18", "background"), rows
assert got["bg-gender"][1:3] == ("prefer-not", "background"), rows
assert got["comment"][2] == "text", rows
assert all(r[3] == sys.argv[2] and r[4] == 0 and r[5] == 0 for r in rows), rows
sub = {q: r[6] for q, r in got.items()}
assert sub["help"] == sub["comment"] and sub["bg-age"] == sub["bg-gender"], sub
assert sub["help"] != sub["bg-age"] and all(len(s) == 36 for s in sub.values()), sub
text = got["comment"][1]
assert "[removed]" in text and "2000" not in text and "0000" not in text and "@" not in text, text
assert "7:30" in text, text
