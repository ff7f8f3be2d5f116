"""With --pack --lang ar the titles are Arabic in dir=auto cells; with --free-text the typed
answers are in free-text.csv only, quoted and whole, a formula kept as text, and those with a
danger word of the pack first, marked; the one in a language held back is not there, but
counted on the page's first card. Usage: report_free_text.py OUT-DIR"""
import csv, sys
h = open(sys.argv[1] + "/index.html", encoding="utf-8").read()
assert '<th scope="row" dir="auto">الدعم لمرة واحدة بعد الحصول على الحماية</th>' in h
assert '<html lang="ar" dir="rtl">' in h
assert "نحتاج" not in h and "We need more" not in h
rows = list(csv.reader(open(sys.argv[1] + "/free-text.csv", encoding="utf-8", newline=""), strict=True))
assert rows[0] == ["attention", "survey", "question", "language", "week_starting", "text"], rows[0]
marked = [r[5] for r in rows[1:] if r[0]]
assert marked == ["Someone HITS ME at night", "my boss keeps my passport and I am ｆｏｒｃｅｄ ｔｏ work"], marked
assert all(r[0] == "needs a person to read it" for r in rows[1:3]) and not any(r[0] for r in rows[3:]), rows[:4]
assert "ሰብኣየይ" not in open(sys.argv[1] + "/free-text.csv", encoding="utf-8").read()  # held back
assert '<div class="card alert" id="danger"><b>3</b><span>' in h
assert 'id="attention"' in h and h.index('id="attention"') < h.index("<p><b>") < h.index('id="attention"') + 4000
texts = {r[5] for r in rows[1:]}
assert 'نحتاج معلومات، "واضحة"\nعن الحافلة' in texts, texts
assert 'We need more, "clear" information\r\nabout the bus' in texts, texts
assert "'=HYPERLINK(\"http://x\")" in texts, texts  # a formula stays text in a spreadsheet
assert "prefer-not" not in texts
