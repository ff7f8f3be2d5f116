"""The report as a person reads it, in any language: words, not ids, and every character drawn
by a font the page carries. Usage: report_words.py OUT-DIR CENTRAL.db LANG

- The page declares its language and direction (right to left for Arabic and Persian).
- No id read from the database appears in the text a person sees (the page's text nodes and
  its title): no survey, question or answer id with a hyphen ("prefer-not", "bg-age"), no kiosk
  id; in a language not written in Latin letters, no id of letters at all.
- The fonts are the ones embedded (@font-face, base64 TrueType), and together they cover every
  character of that text, checked against each font's own character map (fontTools)."""
import base64, io, re, sqlite3, sys
from html.parser import HTMLParser
from fontTools.ttLib import TTFont

out, db, lang = sys.argv[1:4]
h = open(out + "/index.html", encoding="utf-8").read()
rtl = lang in ("ar", "fa")
assert '<html lang="%s" dir="%s">' % (lang, "rtl" if rtl else "ltr") in h, h[:200]


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.skip, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


p = Text()
p.feed(h)
text = " ".join(p.parts)

con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
ids = set()
for col in ("survey", "question", "value"):
    ids |= {r[0] for r in con.execute("SELECT DISTINCT %s FROM answers" % col)
            if isinstance(r[0], str) and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r[0])}
devices = {r[0] for r in con.execute("SELECT id FROM devices")}
hyphened = {i for i in ids if "-" in i and not re.fullmatch(r"[0-9-]+", i)}
found = [i for i in sorted(hyphened) if re.search(r"(?<![\w-])%s(?![\w-])" % re.escape(i), text)]
found += [d for d in devices if d in text]
if lang not in ("en", "lv", "ku"):  # Latin letters in this text are ids, flags or file names
    # (but for the mark free-text.csv puts on a text to read first, quoted as the file has it)
    words = {i for i in ids if re.fullmatch(r"[a-z]{3,}", i)}
    rest = text.replace("needs a person to read it", "")
    found += [w for w in sorted(words) if re.search(r"(?<![\w.-])%s(?![\w.-])" % w, rest)]
assert not found, "ids where a person reads: %s" % found

# the fonts: only the embedded families, and they draw every character shown
stack = re.search(r"body\{font-family:([^}]*)\}", h).group(1)
assert [f.strip('"') for f in stack.split(",")] [:3] == sorted({"Sveiki Sans", "Sveiki Arabic", "Sveiki Ethiopic"},
        key=lambda f: stack.index(f)), stack
cmap, families = set(), set()
for fam, data in re.findall(r'@font-face\{font-family:"([^"]+)";[^}]*?url\(data:font/ttf;base64,([A-Za-z0-9+/=]+)\)', h):
    font = TTFont(io.BytesIO(base64.b64decode(data)))
    cmap |= set(font.getBestCmap())
    families.add(fam)
assert families, "no embedded font"
missing = sorted({c for c in text if not c.isspace() and ord(c) >= 0x20 and ord(c) not in cmap
                  and c not in "\u200c\u200d\u200e\u200f\u2066\u2067\u2068\u2069\ufeff"})
assert not missing, "characters no embedded font draws: %s" % ["U+%04X %s" % (ord(c), c) for c in missing]
print("%s: %d characters, all in %d embedded fonts (%s); no id in %d words" %
      (lang, len(set(text)), len(families), ", ".join(sorted(families)), len(text.split())))
