"""The report's CSV files: the expected set, RFC 4180, UTF-8 without a byte-order mark, CRLF,
no count from 1 to 4 shown, the languages' counts, and every row and column of the weeks table
with a hidden cell has two at least. Usage: report_csv.py OUT-DIR"""
import csv, glob, io, os, sys
d = sys.argv[1]
names = sorted(os.path.basename(p) for p in glob.glob(d + "/*.csv"))
want = ["helpful.csv", "kiosks.csv", "questions.csv", "reasons.csv", "responses-by-kind.csv",
        "responses-by-language.csv", "responses-by-week.csv", "topics.csv"]
assert names == want, names
for n in names:
    raw = open(os.path.join(d, n), "rb").read()
    assert not raw.startswith(b"\xef\xbb\xbf"), n
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), n  # CRLF ends
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True))
    assert all(len(r) == len(rows[0]) for r in rows), n
    for r in rows[1:]:
        for head, v in zip(rows[0], r):
            assert head in ("rank", "answer", "choice") or not (v.isdigit() and 0 < int(v) < 5), (n, r)
def table(n):
    return list(csv.reader(open(os.path.join(d, n), encoding="utf-8", newline="")))
lang = {r[0]: r[3] for r in table("responses-by-language.csv")}
assert lang["ar"] == "150" and lang["en"] == "127" and lang["ti"] == "<5" and lang["total"] == "310", lang
# weeks x languages: every row and column with a hidden cell has two at least
w = table("responses-by-week.csv")
for line in w[1:] + [list(c) for c in zip(*w[1:])][1:]:
    h = sum(v in ("<5", "hidden") for v in line)
    assert h != 1, line
