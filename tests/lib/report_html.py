"""The report's index.html needs nothing else (no script, link or image), escapes the hostile
ids, shows no typed text and states the rule in its footer. Usage: report_html.py OUT-DIR"""
import sys
h = open(sys.argv[1] + "/index.html", encoding="utf-8").read()
for bad in ("<script", "</svg><script", "http:", "https:", "src=", "url(", "@import", "<link", "<img",
            "We need more", "HYPERLINK", "نحتاج", "شكرا", "HITS ME", "passport", "ሰብኣየይ"):
    assert bad not in h, bad
for good in ("&lt;script&gt;alert(&#39;page&#39;)&lt;/script&gt;", "kiosk&lt;/svg&gt;&lt;script&gt;alert(2)",
             '<td dir="auto">', 'id="rule"', "A count from 1 to 4 shows as <b>&lt;5</b>", "Tigrinya"):
    assert good in h, good
# the first card, without a pack: no list of danger words to look for, said so; the breakdowns
# and the bursts, and why answers are not broken down by age or gender
cards = h[h.index('<div class="cards">') + 1:]
assert cards[cards.index('<div class="card'):].startswith('<div class="card" id="danger"><b>not checked</b>'), cards[:200]
for good in ('id="who"', "No answer is broken down by age band or gender.", 'id="by-language"', 'id="bursts"',
             "1 burst; 5 copies left out."):
    assert good in h, good
