#!/usr/bin/env python3
"""Writes a central database as `sveikictl merge` makes it (the schema is read from
app/sync/central.h), for the report's tests and benchmark.

    report_db.py OUT.db fixture        a small, fixed database: English and Arabic answers, a few
                                       Tigrinya ones (too few to show), hostile ids, typed text,
                                       three texts with a danger word (one of them Tigrinya), a
                                       burst of six identical submissions
    report_db.py OUT.db bench N        N answers over a year, 3 kiosks, both demo surveys
    report_db.py OUT.db empty          no answer yet: every section with nothing in it
"""
import os
import random
import re
import sqlite3
import sys
import uuid

def central_schema():
    """CENTRAL_SCHEMA of app/sync/central.h: its C string literals, joined."""
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "app", "sync", "central.h")
    text = open(here, encoding="utf-8").read()
    body = text[text.index("#define CENTRAL_SCHEMA"):]
    body = body[:body.index("#endif")]
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', body)
    return "".join(p.replace("\\n", "\n") for p in parts)


SCHEMA = central_schema()

T0 = 1664755200  # Monday 2022-10-03 00:00 UTC
HOUR, DAY, WEEK = 3600, 86400, 7 * 86400

SERVICES = [("help", "faces", ["1", "2", "3", "4"]), ("information", "yesno", None),
            ("where-to-turn", "yesno", None),
            ("hardest", "multi", ["language", "information", "waiting", "money", "transport", "health",
                                  "housing", "work", "childcare"]),
            ("safe", "yesno", None), ("comment", "text", None)]
NEEDS = [("topics", "multi", ["documents", "money", "housing", "work", "latvian", "health", "children",
                              "rights", "daily", "help"]),
         ("know-latvian", "yesno", None), ("course-time", "multi", ["day", "evening", "weekend", "childcare"]),
         ("format", "single", ["pictures", "audio", "text", "video", "person"]), ("missing", "text", None)]
BG = [("bg-age", ["under-18", "18-29", "30-44", "45-64", "65-plus"]), ("bg-gender", ["woman", "man", "another"]),
      ("bg-time", ["under-3m", "3-12m", "1-3y", "over-3y"])]
PAGES = ["one-off-support", "transport", "bank-account", "health-care", "latvian-courses", "emergency-112",
         "finding-a-flat", "right-to-work"]
DEMO_PAGES = sorted(os.listdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                         "assets", "content", "latvia", "pages")))
REASONS = ["hard", "not-found", "outdated", "language"]
# the kind the kiosk stores with each answer (app/feedback.h)
KINDS = {q: kind for q, kind, _ in SERVICES + NEEDS}


def kind_of(survey, question):
    if survey == "helpful":
        return "yesno"
    if survey == "helpful-reason":
        return "single"
    return "background" if question.startswith("bg-") else KINDS.get(question)


class Writer:
    def __init__(self, path):
        self.db = sqlite3.connect(path)
        self.db.executescript(SCHEMA)
        self.rows = []
        self.seq = {}
        self.n = 0

    def add(self, device, sub, survey, question, value, lang, period):
        self.n += 1
        s = self.seq.get(device, 0) + 1
        self.seq[device] = s
        self.rows.append((str(uuid.UUID(int=random.getrandbits(128))), device, s, sub, survey, question, value,
                          lang, "latvia-demo", "2022.12", period, "%s-%06d" % (device, (s - 1) // 1000 + 1),
                          kind_of(survey, question)))
        if len(self.rows) >= 50000:
            self.flush()

    def flush(self):
        self.db.executemany("INSERT INTO answers VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.rows)
        self.rows = []

    def finish(self, merged):
        self.flush()
        for device, n in self.seq.items():
            self.db.execute("INSERT INTO devices VALUES (?, 'pub', ?, (SELECT max(period) FROM answers WHERE device = ?), ?)",
                            (device, "%s-000001" % device, device, merged))
            for b in range(1, (n - 1) // 1000 + 2):
                self.db.execute("INSERT INTO batches(name, device, first_seq, last_seq, count, sha256) "
                                "VALUES (?,?,?,?,?,'00')",
                                ("%s-%06d" % (device, b), device, (b - 1) * 1000 + 1, min(n, b * 1000),
                                 min(n, b * 1000) - (b - 1) * 1000))
        self.db.commit()


def sub():
    return str(uuid.UUID(int=random.getrandbits(128)))


def survey(w, device, lang, period, name, questions, rnd, texts=()):
    s = sub()
    for q, kind, choices in questions:
        if rnd.random() < 0.1:
            w.add(device, s, name, q, "prefer-not", lang, period)
        elif kind == "yesno":
            w.add(device, s, name, q, rnd.choice(["yes", "yes", "no"]), lang, period)
        elif kind in ("faces", "single"):
            w.add(device, s, name, q, rnd.choice(choices), lang, period)
        elif kind == "multi":
            for c in rnd.sample(choices, rnd.randint(1, 3)):
                w.add(device, s, name, q, c, lang, period)
        elif kind == "text" and texts:
            w.add(device, s, name, q, rnd.choice(texts), lang, period)
    for q, choices in BG:
        if rnd.random() < 0.8:
            w.add(device, s, name, q, rnd.choice(choices), lang, period)
    return s


def fixed(w, device, lang, period, name, answers):
    """One submission with exactly these (question, value) answers."""
    s = sub()
    for q, v in answers:
        w.add(device, s, name, q, v, lang, period)
    return s


def fixture(path):
    random.seed(7)
    rnd = random.Random(7)
    w = Writer(path)
    texts_en = ['We need more, "clear" information\r\nabout the bus', "=HYPERLINK(\"http://x\")",
                "<script>alert(1)</script> about </svg> things"]
    texts_ar = ['نحتاج معلومات، "واضحة"\nعن الحافلة', "شكرا لكم"]
    # six weeks; English and Arabic on two kiosks, Latvian on one, three Tigrinya responses
    for week in range(6):
        for i in range(9):
            t = T0 + week * WEEK + (i % 5) * DAY + (10 + i) * HOUR
            survey(w, "kiosk-riga-1", "en", t, "services", SERVICES, rnd, texts_en)
            survey(w, "kiosk-mucenieki", "ar", t + HOUR, "services", SERVICES, rnd, texts_ar)
        for i in range(6):
            t = T0 + week * WEEK + i * DAY + 12 * HOUR
            survey(w, "kiosk-riga-1", "en", t, "needs", NEEDS, rnd, texts_en)
            survey(w, "kiosk-mucenieki", "ar", t, "needs", NEEDS, rnd, texts_ar)
        for i in range(20):
            page = PAGES[i % len(PAGES)] if week % 2 or i % 3 else PAGES[0]
            lang = ["en", "ar", "ar", "lv"][i % 4]
            dev = "kiosk-riga-1" if i % 2 else "kiosk-mucenieki"
            t = T0 + week * WEEK + (i % 7) * DAY + 15 * HOUR
            v = "no" if (page == "one-off-support" and i % 3) or rnd.random() < 0.25 else "yes"
            w.add(dev, sub(), "helpful", page, v, lang, t)
            if v == "no" and rnd.random() < 0.7:
                w.add(dev, sub(), "helpful-reason", page, rnd.choice(REASONS), lang, t)
    for i in range(3):  # too few to show
        s = survey(w, "kiosk-mucenieki", "ti", T0 + 2 * WEEK + i * DAY, "services", SERVICES, rnd)
        if i == 1:  # a danger word in a language held back: counted, not written out
            w.add("kiosk-mucenieki", s, "services", "comment", "ሰብኣየይ ይወቕዓኒ እዩ", "ti", T0 + 2 * WEEK + i * DAY)
    # typed text with a danger word, as people type it (capitals, full-width letters)
    for text in ["Someone HITS ME at night", "my boss keeps my passport and I am ｆｏｒｃｅｄ ｔｏ work"]:
        fixed(w, "kiosk-riga-1", "en", T0 + 4 * WEEK + 2 * DAY, "services",
              [("help", "1"), ("safe", "no"), ("comment", text)])
    # "start again" six times in a sitting: the same answers, one kiosk, one day
    for i in range(6):
        fixed(w, "kiosk-riga-1", "en", T0 + 3 * WEEK + 2 * DAY + 9 * HOUR, "needs",
              [("topics", "documents"), ("topics", "housing"), ("know-latvian", "no"), ("format", "pictures"),
               ("bg-age", "30-44"), ("bg-gender", "woman")])
    # hostile ids: they must come out escaped wherever they are shown
    for i in range(6):
        w.add("kiosk</svg><script>alert(2)</script>", sub(), "helpful", "<script>alert('page')</script>",
              "yes", "en", T0 + WEEK + i * HOUR)
    # outside --from/--to of the tests
    w.add("kiosk-riga-1", sub(), "helpful", "transport", "yes", "en", T0 - 30 * DAY)
    w.finish(T0 + 6 * WEEK + 2 * DAY)
    # a kiosk the office knows that sent nothing in these weeks
    w.db.execute("INSERT INTO devices VALUES ('kiosk-library', 'pub', 'kiosk-library-000001', NULL, ?)",
                 (T0 - 40 * DAY,))
    w.db.execute("INSERT INTO batches(name, device, first_seq, last_seq, count, sha256) "
                 "VALUES ('kiosk-library-000001', 'kiosk-library', 1, 0, 0, '00')")
    w.db.commit()


def bench(path, n):
    random.seed(1)
    rnd = random.Random(1)
    w = Writer(path)
    langs = ["en", "ar", "ar", "uk", "ru", "fa", "lv", "ku", "ti"]
    texts = ["need more information about the bus", "شكرا لكم", "дякую"]
    while w.n < n:
        t = T0 + rnd.randrange(52 * WEEK) // HOUR * HOUR
        dev = "kiosk-%d" % rnd.randrange(3)
        lang = rnd.choice(langs)
        r = rnd.random()
        if r < 0.5:
            page = rnd.choice(DEMO_PAGES)
            v = rnd.choice(["yes", "yes", "no"])
            w.add(dev, sub(), "helpful", page, v, lang, t)
            if v == "no":
                w.add(dev, sub(), "helpful-reason", page, rnd.choice(REASONS), lang, t)
        elif r < 0.75:
            survey(w, dev, lang, t, "services", SERVICES, rnd, texts)
        else:
            survey(w, dev, lang, t, "needs", NEEDS, rnd, texts)
    w.finish(T0 + 53 * WEEK)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[2] == "fixture":
        fixture(sys.argv[1])
    elif len(sys.argv) == 3 and sys.argv[2] == "empty":
        Writer(sys.argv[1]).finish(T0)
    elif len(sys.argv) == 4 and sys.argv[2] == "bench":
        bench(sys.argv[1], int(sys.argv[3]))
    else:
        sys.exit(__doc__)
