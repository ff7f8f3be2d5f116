# report: sveikictl report on a central database: its files, and its page in Chromium
# needs: build/san/sveiki build/san/sveikictl build/sveikictl build/fixture.pack build/demo.pack

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
    "$CTL_PLAIN" merge --into "$W/merged.db" "$W/stick" --key "$OFFICE_KEY" >/dev/null 2>&1
    out=$("$CTL" report "$W/merged.db" --out "$W/merged" --pack "$FIXTURE" 2>&1)
    if grep -q "9 files from 8 answers (2 responses)" <<<"$out" && ! grep -q "7:30" "$W/merged/index.html" &&
        grep -q "^needs,help,.*,4,Very happy,<5," "$W/merged/questions.csv"; then
        ok "report: on a database made by sveikictl merge from two kiosks' exports"; else bad "report: after merge" "$out"; fi
    expect_fail "report: missing database" 1 "nope.db: cannot open" "$CTL" report "$W/nope.db" --out "$W/x"
    expect_fail "report: a bad date" 2 "--from 2022-13-01: expected a date" "$CTL" report "$db" --out "$W/x" --from 2022-13-01
    expect_fail "report: a pack that is not one" 1 "central.db: not a Sveiki content pack" "$CTL" report "$db" --out "$W/x" --pack "$db"
}
job report report_files

# The page as a person sees it: Chromium renders index.html (English, and with the demo pack's
# Arabic titles) to a PNG, with the bundled fonts, and prints it to PDF. The PNGs are in
# build/test-out/report/ to look at; Chromium's drawing is not pinned, so they are not
# compared with references.
report_browser() {
    local db=$W/central.db png pdf l out
    if ! command -v chromium >/dev/null 2>&1; then
        echo "skip  report in a browser: chromium is not installed (tools/setup-deps installs it)"; return
    fi
    python3 tests/bench/report_db.py "$db" fixture
    mkdir -p "$OUT/report" "$W/fc"
    printf '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n' \
        "$ROOT/assets/fonts" "$W/fc" > "$W/fonts.conf"
    for l in en ar; do
        if [ $l = en ]; then "$CTL" report "$db" --out "$W/$l" 2>/dev/null; else "$CTL" report "$db" --out "$W/$l" --pack "$DEMO" --lang ar 2>/dev/null; fi
        png=$OUT/report/report-$l.png
        out=$(FONTCONFIG_FILE=$W/fonts.conf chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$W/profile-$l" \
            --screenshot="$png" --window-size=1280,2000 "file://$W/$l/index.html" 2>&1)
        check "report: Chromium renders the $l page to a 1280x2000 PNG that is not blank" python3 - "$png" <<'PY'
import struct, sys
b = open(sys.argv[1], "rb").read()
assert b[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
assert struct.unpack(">II", b[16:24]) == (1280, 2000), struct.unpack(">II", b[16:24])
assert len(b) > 60000, "%d bytes: blank?" % len(b)
PY
    done
    pdf=$OUT/report/report-ar.pdf
    FONTCONFIG_FILE=$W/fonts.conf chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$W/profile-pdf" \
        --no-pdf-header-footer --print-to-pdf="$pdf" "file://$W/ar/index.html" >/dev/null 2>&1
    check "report: the page prints (PDF)" sh -c 'head -c 5 "$1" | grep -q "%PDF-" && [ "$(stat -c %s "$1")" -gt 20000 ]' sh "$pdf"
}
job report-browser report_browser
