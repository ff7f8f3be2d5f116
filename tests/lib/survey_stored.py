"""A survey answered through the screens (tests/scenarios/survey-LANG.txt) is in the store
as sent: the answers in order, the time rounded to the day (the default), typed phone numbers and e-mail
addresses scrubbed. Usage: survey_stored.py FEEDBACK.DB LANG"""
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT question, value, lang, period % 86400 FROM answers ORDER BY seq").fetchall()
assert [r[0] for r in rows] == ["help", "comment", "bg-age", "bg-gender"], rows
assert rows[0][1] == "4" and rows[2][1] == "under-18" and rows[3][1] == "prefer-not", rows
assert all(r[2] == sys.argv[2] and r[3] == 0 for r in rows), rows
text = rows[1][1]
assert "[removed]" in text and "2000" not in text and "0000" not in text and "@" not in text, text
assert "7:30" in text, text
