"""The report's index.html needs nothing else (no script, link or image), escapes the hostile
ids, shows no typed text and states the rule in its footer. Usage: report_html.py OUT-DIR"""
import sys
h = open(sys.argv[1] + "/index.html", encoding="utf-8").read()
for bad in ("<script", "</svg><script", "http:", "https:", "src=", "url(", "@import", "<link", "<img",
            "We need more", "HYPERLINK", "نحتاج", "شكرا"):
    assert bad not in h, bad
for good in ("&lt;script&gt;alert(&#39;page&#39;)&lt;/script&gt;", "kiosk&lt;/svg&gt;&lt;script&gt;alert(2)",
             '<td dir="auto">', 'id="rule"', "A count from 1 to 4 shows as <b>&lt;5</b>", "Tigrinya"):
    assert good in h, good
