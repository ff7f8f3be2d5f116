"""A survey answered through the screens (tests/scenarios/survey-LANG.txt) is in the store
as sent: the answers in order, the background answers in a submission of their own (another
random id, never the one of the typed text), the time rounded to the day (the default), typed
phone numbers and e-mail addresses scrubbed. Usage: survey_stored.py FEEDBACK.DB LANG"""
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT question, value, lang, period % 86400, submission FROM answers"
                 " ORDER BY seq").fetchall()
assert [r[0] for r in rows] == ["help", "comment", "bg-age", "bg-gender"], rows
assert rows[0][1] == "4" and rows[2][1] == "under-18" and rows[3][1] == "prefer-not", rows
assert all(r[2] == sys.argv[2] and r[3] == 0 for r in rows), rows
subs = [r[4] for r in rows]
assert subs[0] == subs[1] and subs[2] == subs[3] and subs[0] != subs[2], subs
assert all(len(s) == 36 for s in subs), subs
text = rows[1][1]
assert "[removed]" in text and "2000" not in text and "0000" not in text and "@" not in text, text
assert "7:30" in text, text
