"""With --pack --lang ar the titles are Arabic in dir=auto cells; with --free-text the typed
answers are in free-text.csv only, quoted and whole, a formula kept as text. Usage:
report_free_text.py OUT-DIR"""
import csv, sys
h = open(sys.argv[1] + "/index.html", encoding="utf-8").read()
assert '<td dir="auto">الدعم لمرة واحدة بعد الحصول على الصفة</td>' in h
assert "نحتاج" not in h and "We need more" not in h
rows = list(csv.reader(open(sys.argv[1] + "/free-text.csv", encoding="utf-8", newline=""), strict=True))
assert rows[0] == ["survey", "question", "language", "week_starting", "text"], rows[0]
texts = {r[4] for r in rows[1:]}
assert 'نحتاج معلومات، "واضحة"\nعن الحافلة' in texts, texts
assert 'We need more, "clear" information\r\nabout the bus' in texts, texts
assert "'=HYPERLINK(\"http://x\")" in texts, texts  # a formula stays text in a spreadsheet
assert "prefer-not" not in texts
