# report: sveikictl report on a central database: its files, and its page in Chromium
# needs: build/san/sveiki build/san/sveikictl build/sveikictl build/fixture.pack build/demo.pack build/axe/node_modules/axe-core/axe.min.js

# ---- the report: a central database made with sqlite3 (English and Arabic answers, three
# Tigrinya ones, hostile ids, typed text), the files checked, and the page in a browser --------
report_files() {
    local db=$W/central.db o=$W/out out py
    if ! out=$(python3 tests/bench/report_db.py "$db" fixture 2>&1); then bad "report: making a central database" "$out"; return; fi
    check "report: runs on a central database" "$CTL" report "$db" --out "$o"
    check "report: index.html self-contained, ids escaped, no typed text, the rule in the footer" python3 "$LIB/report_html.py" "$o"
    check "report: every table a CSV file: RFC 4180, UTF-8 without a BOM, no count from 1 to 4 shown" python3 "$LIB/report_csv.py" "$o"
    # pandas reads the files as they are, where it is installed (not a dependency)
    for py in python3 /usr/bin/python3; do
        if "$py" -c 'import pandas' 2>/dev/null; then
            check "report: pandas reads every CSV file" "$py" -c 'import glob, sys, pandas
for p in glob.glob(sys.argv[1] + "/*.csv"):
    f = pandas.read_csv(p, encoding="utf-8")
    assert not f.columns[0].startswith("\ufeff"), p
f = pandas.read_csv(sys.argv[1] + "/responses-by-language.csv")
assert list(f.language)[:2] == ["ar", "en"], f' "$o"
            break
        fi
    done
    [ -e "$o/free-text.csv" ] && bad "report: free-text.csv written without --free-text"
    # with the demo pack in Arabic, and the typed text asked for
    check "report: --free-text --pack --lang ar" "$CTL" report "$db" --out "$o" --free-text --pack "$DEMO" --lang ar
    check "report: Arabic titles in dir=auto cells; typed text in free-text.csv only, quoted and whole" python3 "$LIB/report_free_text.py" "$o"
    out=$("$CTL" report "$db" --out "$o" 2>&1)
    if [ ! -e "$o/free-text.csv" ] && grep -q "removed the free-text.csv" <<<"$out"; then
        ok "report: a later run without --free-text removes free-text.csv"; else bad "report: free-text.csv left behind" "$out"; fi
    # dates: one week only
    "$CTL" report "$db" --out "$W/week" --from 2022-10-10 --to 2022-10-16 2>/dev/null
    check "report: --from/--to keep one week" python3 -c 'import csv, sys
w = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
assert [r[0] for r in w[1:]] == ["2022-10-10", "total"] and w[-1][-1] == "56", w' "$W/week/responses-by-week.csv"
    # k is never below 3: a count of 1 or 2 is a person
    expect_fail "report: --k 1 is refused" 2 'lowest k is 3' "$CTL" report "$db" --out "$W/k1" --k 1
    "$CTL" report "$db" --out "$W/k3" --k 3 2>/dev/null
    check "report: --k 3 shows a count of 3" grep -q "^ti,Tigrinya,,3," "$W/k3/responses-by-language.csv"
    # through the real pipeline: a survey answered on two kiosks (English, Arabic), exported,
    # merged (sveikictl merge), reported
    local l
    for l in en ar; do
        (cd "$W" && "$KIOSK" --headless --pack "$FIXTURE" --data "$W/kiosk-$l" --office-key "$OFFICE_PUB" --lang $l --size 800x480 --script "$ROOT/tests/scenarios/survey-$l.txt" >/dev/null 2>&1)
        "$CTL_PLAIN" export --data "$W/kiosk-$l" --to "$W/stick" >/dev/null 2>&1
    done
    # the English kiosk enrolled by name (its device.pub), the Arabic one by --enrol-new
    "$CTL_PLAIN" enrol "$W/kiosk-en/device.pub" --name "Reading room <2>" --into "$W/merged.db" >/dev/null 2>&1
    "$CTL_PLAIN" merge --enrol-new --into "$W/merged.db" "$W/stick" --key "$OFFICE_KEY" >/dev/null 2>&1
    out=$("$CTL" report "$W/merged.db" --out "$W/merged" --pack "$FIXTURE" 2>&1)
    if grep -q "Reading room &lt;2&gt;" "$W/merged/index.html" && grep -Eq 'Kiosk [0-9A-F]{8}' "$W/merged/index.html"; then
        ok "report: kiosks by the names enrolled at the office"; else bad "report: enrolled names" "$(grep -o 'Kiosk[^<]*\|Reading[^<]*' "$W/merged/index.html")"; fi
    # each survey is two submissions (the answers, and the background block on its own): one each
    if grep -q "13 files from 8 answers: 2 survey submissions and 0 page votes" <<<"$out" && ! grep -q "7:30" "$W/merged/index.html" &&
        grep -q "^needs,help,.*,4,Very happy,<5," "$W/merged/questions.csv"; then
        ok "report: on a database made by sveikictl merge from two kiosks' exports"; else bad "report: after merge" "$out"; fi
    expect_fail "report: missing database" 1 "nope.db: cannot open" "$CTL" report "$W/nope.db" --out "$W/x"
    expect_fail "report: a bad date" 2 "--from 2022-13-01: expected a date" "$CTL" report "$db" --out "$W/x" --from 2022-13-01
    expect_fail "report: a pack that is not one" 1 "central.db: not a Sveiki content pack" "$CTL" report "$db" --out "$W/x" --pack "$db"
}
job report report_files

# ---- the page in the manager's language: words, not ids; the fonts it carries draw every
# character; and answers.csv, the tidy long file --------------------------------------------
# Debian's Python has python3-fonttools (tools/setup-deps): the check reads the fonts' own maps
fonttools_python() {
    local py
    for py in python3 /usr/bin/python3; do
        if "$py" -c 'import fontTools' 2>/dev/null; then echo "$py"; return; fi
    done
    echo python3
}

report_words() {
    local db=$W/central.db py l out
    py=$(fonttools_python)
    python3 tests/bench/report_db.py "$db" fixture
    for l in en ar fa ti ru; do
        "$CTL" report "$db" --out "$W/$l" --pack "$DEMO" --lang $l 2>/dev/null
        check "report: the $l page declares its language and direction, shows no id, and its embedded fonts draw every character" \
            "$py" "$LIB/report_words.py" "$W/$l" "$db" $l
    done
    # --lang needs no pack; a language with no words for the report is refused, naming it
    check "report: --lang ti without --pack" sh -c '"$1" report "$2" --out "$3" --lang ti 2>/dev/null && grep -q "<html lang=\"ti\" dir=\"ltr\"><head>" "$3/index.html" && grep -q "ጸብጻብ ርእይቶ" "$3/index.html"' sh "$CTL" "$db" "$W/ti-nopack"
    expect_fail "report: --lang of a language without lang/CODE.po" 1 "the report has no words in this language" "$CTL" report "$db" --out "$W/x" --lang sw
    # Arabic plural forms: one form for 1, another for 2, another for 3 to 10 (the fixture's
    # texts with a danger word: 3)
    out=$(grep -o '<div class="card alert" id="danger"><b>3</b><span>[^<]*' "$W/ar/index.html")
    if grep -q 'إجابات مكتوبة فيها' <<<"$out"; then ok "report: Arabic's plural form for 3"; else bad "report: Arabic's plural form for 3" "$out"; fi
}
job report-words report_words

report_answers() {
    local db=$W/central.db o=$W/out out
    python3 tests/bench/report_db.py "$db" fixture
    out=$("$CTL" report "$db" --out "$o" --pack "$DEMO" --answers 2>&1)
    if grep -q "answers.csv holds every answer" <<<"$out" && [ "$(stat -c %a "$o/answers.csv")" = 600 ]; then
        ok "report: --answers writes answers.csv (0600) and says what it holds"; else bad "report: --answers" "$out"; fi
    check "report: answers.csv is tidy (one row an answer), round-trips through Python's csv module, holds no typed text, no id of a kiosk or a submission" \
        python3 "$LIB/report_answers.py" "$o" "$db"
    out=$("$CTL" report "$db" --out "$o" 2>&1)
    if [ ! -e "$o/answers.csv" ] && grep -q "removed the answers.csv" <<<"$out"; then
        ok "report: a later run without --answers removes answers.csv"; else bad "report: answers.csv left behind" "$out"; fi
}
job report-answers report_answers

# The page as a person sees it: one headless Chromium (tests/lib/report_chromium.py, through
# its DevTools protocol) renders index.html (English, and with the demo pack's Arabic and
# Tigrinya titles) to PNGs with the bundled fonts and runs axe-core's A and AA rules on each
# (colour contrast, half of axe's time, on the English page only: every language's page has
# the same style sheet, but for its fonts' order); then `sveikictl report --pdf` prints an
# Arabic one through a Chromium of its own. The PNGs and the PDF are in build/test-out/report/
# to look at; Chromium's drawing is not pinned, so they are not compared with references.
report_browser() {
    local db=$W/central.db l out st name why
    if ! command -v chromium >/dev/null 2>&1; then
        echo "skip  report in a browser: chromium is not installed (tools/setup-deps installs it)"; return
    fi
    python3 tests/bench/report_db.py "$db" fixture
    mkdir -p "$OUT/report" "$W/fc"
    printf '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n' \
        "$ROOT/assets/fonts" "$W/fc" > "$W/fonts.conf"
    for l in en ar ti; do
        if [ $l = en ]; then "$CTL" report "$db" --out "$W/$l" 2>/dev/null; else "$CTL" report "$db" --out "$W/$l" --pack "$DEMO" --lang $l 2>/dev/null; fi
    done
    out=$(FONTCONFIG_FILE=$W/fonts.conf python3 "$LIB/report_chromium.py" "$W/profile" \
        "$ROOT/build/axe/node_modules/axe-core/axe.min.js" "$OUT/report" en="$W/en" ar="$W/ar" ti="$W/ti" 2>&1)
    # 3 PNGs and 3 axe-core runs: each a line
    if [ "$(grep -c $'^ok\t\|^bad\t' <<<"$out")" != 6 ]; then bad "report: Chromium checked the pages" "$out"; fi
    while IFS=$'\t' read -r st name why; do
        case $st in ok) ok "$name" ;; bad) bad "$name" "$why" ;; esac
    done <<<"$out"
    # --pdf: sveikictl prints it itself, on A4, one section a page and more (right to left);
    # the report of a central database with no answer yet, every section there with nothing
    # in it: the pages above showed the data, and printing them took twice the CPU
    python3 tests/bench/report_db.py "$W/empty.db" empty
    out=$("$CTL" report "$W/empty.db" --out "$W/pdf" --pack "$DEMO" --lang ar --pdf 2>&1)
    if head -c 5 "$W/pdf/report.pdf" 2>/dev/null | grep -q "%PDF-" && [ ! -e "$W/pdf/.report.pdf.part" ]; then
        ok "report: --pdf writes report.pdf through headless Chromium"; else bad "report: --pdf" "$out"; fi
    check "report: report.pdf is A4 (595 x 842 points), a page for each section" python3 - "$W/pdf/report.pdf" <<'PY'
import re, sys
b = open(sys.argv[1], "rb").read()
boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]", b)
assert boxes and all(abs(float(w) - 595.92) < 2 and abs(float(h) - 842.88) < 2 for w, h in boxes), boxes[:3]
assert len(boxes) >= 10, "%d pages" % len(boxes)
PY
    cp "$W/pdf/report.pdf" "$OUT/report/report-ar.pdf" 2>/dev/null
    expect_fail "report: --pdf without Chromium says how to install it" 1 "apt-get install chromium" \
        env PATH=/nonexistent "$CTL" report "$db" --out "$W/nopdf" --pdf
}
job report-browser report_browser
