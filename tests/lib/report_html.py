"""The report's index.html needs nothing else (no script, link or image), escapes the hostile
ids, shows no typed text and states the rule in its footer. Usage: report_html.py OUT-DIR"""
import sys
h = open(sys.argv[1] + "/index.html", encoding="utf-8").read()
for bad in ("<script", "</svg><script", "http:", "https:", "src=", "@import", "<link", "<img", "alert(2)",
            "We need more", "HYPERLINK", "نحتاج", "شكرا", "HITS ME", "passport", "ሰብኣየይ"):
    assert bad not in h, bad
# the only url(): the fonts, embedded
assert h.count("url(") == h.count("url(data:font/ttf;base64,") > 0
for good in ("&lt;script&gt;alert(&#39;page&#39;)&lt;/script&gt;", "Kiosk KIOSK&lt;",
             '<th scope="row" dir="auto">', 'id="rule"', "A count from 1 to 4 shows as &lt;5", "Tigrinya",
             '<html lang="en" dir="ltr">', "font-src data:"):
    assert good in h, good
# the first card, without a pack: no list of danger words to look for, said so; the breakdowns
# and the bursts, and why answers are not broken down by age or gender
cards = h[h.index('<div class="cards">') + 1:]
assert cards[cards.index('<div class="card'):].startswith('<div class="card" id="danger"><b>not checked</b>'), cards[:200]
# one name a figure: survey submissions and page votes, never "responses" or a count of surveys
assert "Survey submissions</span>" in cards and "Page votes</span>" in cards
assert "responses" not in h.lower() and "surveys answered" not in h
for good in ('id="who"', "No answer is broken down by age band or gender.", 'id="by-language"', 'id="bursts"',
             "1 burst; copies left out: 5."):
    assert good in h, good
