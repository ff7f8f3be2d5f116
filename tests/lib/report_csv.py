"""The report's CSV files: the expected set, RFC 4180, UTF-8 without a byte-order mark, CRLF,
no count of people from 1 to 4 shown, the languages' counts, every row and column of the weeks
table with a hidden cell has two at least, the burst of six identical submissions counted once,
and the breakdowns adding up to the tables they break down. Usage: report_csv.py OUT-DIR"""
import csv, glob, io, os, sys
d = sys.argv[1]
names = sorted(os.path.basename(p) for p in glob.glob(d + "/*.csv"))
want = ["answers-by-language.csv", "background.csv", "bursts.csv", "helpful.csv", "kiosks.csv",
        "questions.csv", "reasons.csv", "responses-by-kind.csv", "responses-by-language.csv",
        "responses-by-week.csv", "survey-responses-by-period.csv", "topics.csv"]
# columns that count submissions or answers, not people: a burst is one person's
not_people = {"rank", "answer", "choice", "bursts", "identical_submissions", "answers_each", "counted"}
assert names == want, names
for n in names:
    raw = open(os.path.join(d, n), "rb").read()
    assert not raw.startswith(b"\xef\xbb\xbf"), n
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), n  # CRLF ends
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True))
    assert all(len(r) == len(rows[0]) for r in rows), n
    for r in rows[1:]:
        for head, v in zip(rows[0], r):
            assert head in not_people or not (v.isdigit() and 0 < int(v) < 5), (n, r)
def table(n):
    return list(csv.reader(open(os.path.join(d, n), encoding="utf-8", newline="")))
lang = {r[0]: r[3] for r in table("responses-by-language.csv")}
assert lang["ar"] == "150" and lang["en"] == "130" and lang["ti"] == "<5" and lang["total"] == "313", lang
# the six identical submissions: one burst, counted once; the kiosks table says where
assert table("bursts.csv")[1:] == [["kiosk-riga-1", "needs", "2022-10-24", "6", "6", "1"]], table("bursts.csv")
assert {r[0]: r[-1] for r in table("kiosks.csv")[1:]}["kiosk-riga-1"] == "1"
# a shown count is the same wherever it appears: every shown total of a background answer is
# the sum of its shown counts in the surveys that asked it (when all of those are shown)
q = {}
for r in table("questions.csv")[1:]:
    q.setdefault((r[1], r[4]), []).append(r[6])
for r in table("background.csv")[1:]:
    if r[1] == "total" and r[2] != "total" and r[4].isdigit() and all(v.isdigit() for v in q[(r[0], r[2])]):
        assert int(r[4]) == sum(int(v) for v in q[(r[0], r[2])]), (r, q[(r[0], r[2])])
# and every shown "total" line of answers-by-language is the question's count
for r in table("answers-by-language.csv")[1:]:
    if r[4] == "total" and r[2] != "answered":
        shown = [x[6] for x in table("questions.csv") if x[0] == r[0] and x[1] == r[1] and x[4] == r[2]]
        assert shown == [r[5]], (r, shown)
# weeks x languages: every row and column with a hidden cell has two at least
w = table("responses-by-week.csv")
for line in w[1:] + [list(c) for c in zip(*w[1:])][1:]:
    h = sum(v in ("<5", "hidden") for v in line)
    assert h != 1, line
