#!/bin/bash
# Runs every test: cmocka unit tests (ASan+UBSan), the app/ SDL-free check, headless
# scenario scripts and screenshot comparisons against tests/golden/, bad-input checks of the
# kiosk and of the pack builder. Ends with "N passed, N failed"; exits 1 on any failure.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/build
OUT=$B/test-out
rm -rf "$OUT" && mkdir -p "$OUT"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
passed=0 failed=0

ok() { passed=$((passed + 1)); echo "ok    $1"; }
bad() { failed=$((failed + 1)); echo "FAIL  $1"; [ -n "${2:-}" ] && sed 's/^/      /' <<<"$2" | head -20; }

# check NAME COMMAND...: passes when the command exits 0
check() {
    local name=$1; shift
    local out
    if out=$("$@" 2>&1); then ok "$name"; else bad "$name" "$out"; fi
}

# expect_fail NAME WANT_RC PATTERN COMMAND...: the command must exit WANT_RC and print PATTERN
expect_fail() {
    local name=$1 want=$2 pat=$3; shift 3
    local out rc
    out=$("$@" 2>&1); rc=$?
    if [ "$rc" = "$want" ] && grep -qE -- "$pat" <<<"$out" && ! grep -q 'AddressSanitizer\|runtime error' <<<"$out"; then
        ok "$name"
    else
        bad "$name (exit $rc, wanted $want and /$pat/)" "$out"
    fi
}

# ---- unit tests (each cmocka test counts) -------------------------------------------------
for t in "$B"/test_*; do
    [ -x "$t" ] || continue
    out=$("$t" 2>&1); rc=$?
    p=$(grep -oE '\[  PASSED  \] [0-9]+' <<<"$out" | grep -oE '[0-9]+$' | head -1)
    f=$(grep -oE '\[  FAILED  \] [0-9]+' <<<"$out" | grep -oE '[0-9]+$' | head -1)
    p=${p:-0} f=${f:-0}
    [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" = 0 ]; then echo "ok    $(basename "$t"): $p tests"; else bad "$(basename "$t")" "$(grep -E 'FAIL|ERROR|error|Sanitizer' <<<"$out")"; fi
done

# ---- the bundled fonts are the ones the screenshot references were made with -------------
check "bundled fonts match assets/fonts/SHA256SUMS" sh -c 'cd assets/fonts && sha256sum --quiet -c SHA256SUMS'

# ---- the seam: no SDL under app/ --------------------------------------------------------
if grep -rnE '#\s*include\s*[<"]SDL|\bSDL_[A-Za-z]+\(' app/; then bad "app/ is SDL-free"; else ok "app/ is SDL-free"; fi

# ---- the file layer: no file is written anywhere but through app/fs.c -----------------------
if grep -rnE 'fopen\([^;]*"[wa]|\b(rename|fsync|unlink|creat|mkdir)\(|O_CREAT|O_WRONLY|O_RDWR|IMG_SavePNG\(' app tools platform | grep -v '^app/fs\.[ch]:'; then
    bad "every file write goes through app/fs.c"; else ok "every file write goes through app/fs.c"; fi

# ---- every demo page with the real fonts: no line leaves its box --------------------------
check "real-font layout in its box; unchanged screens redrawn from cache" "$B/layout_check" "$B/demo.pack" assets/fonts

# ---- scenarios and screenshots ----------------------------------------------------------
KIOSK=$B/san/sveiki
PACK=$B/demo.pack
CTL_PLAIN=$B/sveikictl
run_kiosk() { "$KIOSK" --headless --pack "$PACK" --data "$OUT/data" "$@"; }

compare_shots() { # compare every PNG the scenario wrote that has a reference
    local dir=$1 png name
    for png in "$dir"/*.png; do
        [ -e "$png" ] || continue
        name=$(basename "$png")
        if [ ! -e "tests/golden/$name" ]; then
            bad "golden $name: no reference (review $png, then copy it to tests/golden/)"
            continue
        fi
        check "golden $name" "$B/imgdiff" "$png" "tests/golden/$name" "$OUT/diff-$name"
    done
}

for s in tests/scenarios/*.txt; do
    name=$(basename "$s" .txt)
    dir=$OUT/scenario-$name
    mkdir -p "$dir"
    args=$(sed -n 's/^# args: //p' "$s")
    # shellcheck disable=SC2086
    if out=$(cd "$dir" && run_kiosk $args --script "$ROOT/$s" 2>&1); then ok "scenario $name"; else bad "scenario $name" "$out"; fi
    compare_shots "$dir"
done

# one specimen page in every language, on the smallest and the largest screen
dir=$OUT/specimen && mkdir -p "$dir"
for size in 800x480 1920x1080; do
    for l in lv en ru uk ar fa ku ti; do
        echo "shot $dir/specimen-$l-$size.png" > "$OUT/shot.txt"
        check "specimen $l $size renders" run_kiosk --size "$size" --lang "$l" --page one-off-support --script "$OUT/shot.txt"
    done
done
compare_shots "$dir"

# a script driven line by line through standard input, as a harness would
out=$(printf 'tap 10 10\ndump -\nquit\n' | run_kiosk --script - 2>&1)
if grep -q '"screen":"languages"' <<<"$out"; then ok "script from standard input"; else bad "script from standard input" "$out"; fi

# a line longer than the script buffer is refused, not cut and run in pieces
out=$({ printf '#%04094d' 0; printf 'tap "Touch the screen to start"\ndump -\n'; } | run_kiosk --script - 2>&1); rc=$?
if [ $rc = 2 ] && grep -q 'line 1: longer than' <<<"$out" && ! grep -q '"screen":"languages"' <<<"$out"; then
    ok "an overlong script line on stdin is refused"; else bad "overlong stdin line (exit $rc)" "$out"; fi
printf 'drag 0 0 1000000 1000000 1000000\nquit\n' > "$OUT/bigdrag.txt"
check "huge drag coordinates" run_kiosk --script "$OUT/bigdrag.txt"

# a monkey: 1,500 seeded random touches, drags, keys and waits on both screen sizes, under
# ASan and UBSan; the kiosk must never crash and every dump must stay well-formed
for size in 800x480 1920x1080; do
    python3 - "$size" > "$OUT/monkey.txt" <<'PY'
import random, sys
w, h = map(int, sys.argv[1].split("x"))
r = random.Random(20221201)
keys = ["escape", "enter", "backspace", "home", "up", "down", "pageup", "pagedown", "space"]
for i in range(1500):
    k = r.random()
    if k < 0.70:
        print("tap %d %d" % (r.randrange(w), r.randrange(h)))
    elif k < 0.80:
        print("drag %d %d %d %d %d" % (r.randrange(w), r.randrange(h), r.randrange(w), r.randrange(h), r.randrange(400)))
    elif k < 0.88:
        print("key " + r.choice(keys))
    elif k < 0.93:
        print('type "%s"' % r.choice(["ā", "بانک", "ሰላም", "x", "Darbs", "a b"]))
    elif k < 0.97:
        print("wait %d" % r.choice([10, 1000, 30000, 95000]))
    else:
        print("dump -")
PY
    out=$(run_kiosk --size "$size" --script "$OUT/monkey.txt" 2>&1); rc=$?
    dumps=$(grep -c '^{"screen":' <<<"$out")
    if [ $rc = 0 ] && [ "$dumps" -gt 10 ] && ! grep -q 'Sanitizer\|runtime error' <<<"$out" &&
        python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin if l.startswith("{")]' <<<"$out"; then
        ok "monkey $size: 1500 random inputs, $dumps valid dumps"; else bad "monkey $size (exit $rc)" "$(tail -20 <<<"$out")"; fi
done

# the help button is on every screen but the help category itself
out=$(printf 'tap 10 10\ndump -\ntap "Help and contacts"\ndump -\n' | run_kiosk --lang en --script - 2>&1)
if [ "$(grep -c '"id":"help"' <<<"$out")" = 1 ] && grep -q '"screen":"category"' <<<"$out"; then
    ok "help button on home, not on the help screen"; else bad "help button" "$out"; fi

# the idle timeout forgets the last person: back to attract, language cleared
out=$(printf 'tap 10 10\ntap "English"\nwait 89000\ndump -\nwait 2000\ndump -\n' | run_kiosk --script - 2>&1)
if grep -q '"screen":"home","lang":"en"' <<<"$out" && grep -q '"screen":"attract","lang":""' <<<"$out"; then
    ok "idle timeout returns to attract and forgets"; else bad "idle timeout" "$out"; fi

# ---- the dump says which way each language reads ---------------------------------------
for l in lv:ltr en:ltr ru:ltr uk:ltr ar:rtl fa:rtl ku:ltr ti:ltr; do
    out=$(printf 'tap 10 10\ndump -\n' | run_kiosk --lang "${l%%:*}" --script - 2>&1)
    if grep -q "\"screen\":\"home\",\"lang\":\"${l%%:*}\",\"dir\":\"${l##*:}\"" <<<"$out"; then
        ok "dump dir ${l%%:*} is ${l##*:}"; else bad "dump dir ${l%%:*}" "$out"; fi
done

# ---- search: prefixes, Latvian diacritics optional, Arabic and Persian letter variants ----
search() { # search NAME LANG QUERY EXPECTED-TITLE
    local label
    label=$(grep -A1 '^msgid "Search"$' "lang/$2.po" | sed -n 's/^msgstr "\(.*\)"$/\1/p')
    printf 'tap 10 10\ntap "%s"\ntype "%s"\nexpect "%s"\n' "$label" "$3" "$4" > "$OUT/search.txt"
    check "search $1" run_kiosk --lang "$2" --script "$OUT/search.txt"
}
search "lv word" lv "darbs" "Pirmais darbs"
search "lv capital letter" lv "Darbs" "Pirmais darbs"
search "lv prefix without diacritics" lv "nodarbinat" "NVA – Nodarbinātības valsts aģentūra"
search "lv diacritic typed, plain in title" lv "valodā centrā" "Latviešu valoda centrā"
search "ar alef without hamza" ar "اثناء انتظار" "المال أثناء انتظار القرار"
search "fa with Arabic yeh" fa "تصميم" "انتظار برای تصمیم پناهندگی"
search "ru prefix" ru "банк" "$(sed -n 's/^title: //p' assets/content/latvia/pages/bank-account/ru.md)"

# ---- a page missing in the chosen language: fallback with a visible note ----------------
rm -rf "$OUT/src-fallback" && cp -r assets/content/latvia "$OUT/src-fallback" && rm "$OUT/src-fallback/pages/transport/ti.md"
"$B/sveikictl" pack build "$OUT/src-fallback" -o "$OUT/fallback.pack" 2>/dev/null
printf 'expect "Machine translation. It may contain mistakes."\ndump -\n' > "$OUT/fb.txt"
out=$("$KIOSK" --headless --pack "$OUT/fallback.pack" --data "$OUT/data" --lang ti --page transport --script "$OUT/fb.txt" 2>&1)
if grep -q '"id":"fallback-note"' <<<"$out" && grep -q 'English' <<<"$out"; then ok "missing page shown in the fallback language with a note"; else bad "fallback note" "$out"; fi
out=$("$CTL_PLAIN" pack check "$OUT/src-fallback" 2>&1); rc=$?
if [ $rc = 0 ] && grep -qE '^  ti +33 +33 +0 +1 +0$' <<<"$out"; then ok "pack check counts the missing translation (a warning)"; else bad "pack check table" "$out"; fi

# ---- UI strings: every .po file passes msgfmt --check ------------------------------------
for po in lang/*.po; do check "msgfmt --check $po" msgfmt --check -o /dev/null "$po"; done

# ---- an outdated translation: the reference page was checked later ----------------------
rm -rf "$OUT/src-outdated" && cp -r assets/content/latvia "$OUT/src-outdated"
sed -i 's/^checked: .*/checked: 2023-05-01/' "$OUT/src-outdated/pages/transport/en.md"
out=$("$CTL_PLAIN" pack check "$OUT/src-outdated" 2>&1); rc=$?
if [ $rc = 0 ] && grep -qE '^  lv +34 +34 +0 +0 +1$' <<<"$out" && grep -qE '^  en +34 +34 +0 +0 +0$' <<<"$out"; then
    ok "pack check marks translations of a newer reference page outdated"; else bad "outdated translations" "$out"; fi

# ---- signatures: keygen, signed build, verify, tampering, the kiosk's trust -------------
(cd "$OUT" && "$B/sveikictl" keygen op >/dev/null) && ok "keygen" || bad "keygen"
expect_fail "keygen will not overwrite a key" 1 "exists" "$B/sveikictl" keygen "$OUT/op"
"$B/sveikictl" pack build assets/content/latvia -o "$OUT/signed.pack" --key "$OUT/op.key" 2>/dev/null
check "signed pack verifies" "$B/sveikictl" pack verify "$OUT/signed.pack" --pub "$OUT/op.pub"
if [ ! -e "$OUT/signed.pack.sig" ]; then ok "a signed pack is one file"; else bad "a signed pack left a .sig beside it"; fi
cp "$OUT/signed.pack" "$OUT/tampered.pack"
printf '\x01' | dd of="$OUT/tampered.pack" bs=1 seek=100000 conv=notrunc status=none
expect_fail "one changed byte fails verify" 1 "does not match" "$B/sveikictl" pack verify "$OUT/tampered.pack" --pub "$OUT/op.pub"
(cd "$OUT" && "$B/sveikictl" keygen other >/dev/null)
expect_fail "another key fails verify" 1 "does not match" "$B/sveikictl" pack verify "$OUT/signed.pack" --pub "$OUT/other.pub"
expect_fail "unsigned pack fails verify" 1 "not signed" "$B/sveikictl" pack verify "$PACK" --pub "$OUT/op.pub"
head -c -1 "$OUT/signed.pack" > "$OUT/cut.pack"
expect_fail "a signed pack cut short fails verify" 1 "not signed" "$B/sveikictl" pack verify "$OUT/cut.pack" --pub "$OUT/op.pub"
# a wrong key file costs nothing: the earlier good pack stays
cp "$OUT/signed.pack" "$OUT/keep.pack" && echo stale > "$OUT/keep.pack.sig"
expect_fail "build with a public key as --key fails first" 1 "not a sveiki-secret-key-v1 file" "$B/sveikictl" pack build assets/content/latvia -o "$OUT/keep.pack" --key "$OUT/op.pub"
check "the earlier signed pack is untouched" "$B/sveikictl" pack verify "$OUT/keep.pack" --pub "$OUT/op.pub"
"$B/sveikictl" pack build assets/content/latvia -o "$OUT/keep.pack" 2>/dev/null
if [ ! -e "$OUT/keep.pack.sig" ]; then ok "a rebuild removes a stale detached signature"; else bad "stale signature left"; fi
rm -rf "$OUT/trustdata"
printf 'dump -\n' > "$OUT/d.txt"
expect_fail "kiosk with a key refuses an unsigned pack (nothing to keep)" 1 "refusing the pack.*not signed" "$KIOSK" --headless --trust "$OUT/op.pub" --pack "$PACK" --data "$OUT/trustdata" --script "$OUT/d.txt"
check "kiosk with a key accepts the signed pack" "$KIOSK" --headless --trust "$OUT/op.pub" --pack "$OUT/signed.pack" --data "$OUT/trustdata" --script "$OUT/d.txt"
out=$("$KIOSK" --headless --trust "$OUT/op.pub" --pack "$OUT/tampered.pack" --data "$OUT/trustdata" --script "$OUT/d.txt" 2>&1); rc=$?
if [ $rc = 0 ] && grep -q 'refusing the pack' <<<"$out" && grep -q 'keeping the pack it has' <<<"$out" && grep -q '"screen":"attract"' <<<"$out"; then
    ok "kiosk refuses a tampered pack and keeps the pack it has"; else bad "kiosk keeps its pack" "$out"; fi
mkfifo "$OUT/fifo.pack" && ln -s /dev/zero "$OUT/zero.pack"
expect_fail "kiosk with a key refuses a FIFO as pack, without hanging" 0 "refusing the pack: .*fifo.pack: not a regular file" timeout 60 "$KIOSK" --headless --trust "$OUT/op.pub" --pack "$OUT/fifo.pack" --data "$OUT/trustdata" --script "$OUT/d.txt"
expect_fail "kiosk with a key refuses a symlink to /dev/zero as pack" 0 "refusing the pack: .*zero.pack: a symbolic link" timeout 60 "$KIOSK" --headless --trust "$OUT/op.pub" --pack "$OUT/zero.pack" --data "$OUT/trustdata" --script "$OUT/d.txt"

# ---- bad input to the kiosk -------------------------------------------------------------
expect_fail "unknown option" 2 "unknown option --frobnicate" "$KIOSK" --frobnicate
expect_fail "a size that overflows an int is refused" 2 "--size 4294967616x800: expected" "$KIOSK" --headless --size 4294967616x800 --script /dev/null
# SIGTERM ends a kiosk busy with a long script at once
python3 -c 'print("tap 10 10\nkey escape\n" * 200000)' > "$OUT/long.txt"
"$KIOSK" --headless --pack "$PACK" --data "$OUT/data" --script "$OUT/long.txt" >/dev/null 2>&1 & kpid=$!
sleep 1; kill -TERM $kpid; t0=$(date +%s%N); wait $kpid; rc=$?; t1=$(date +%s%N)
if [ $rc = 143 ] && [ $(( (t1 - t0) / 1000000 )) -lt 2000 ]; then ok "SIGTERM ends a busy kiosk promptly"; else bad "SIGTERM (exit $rc, $(( (t1 - t0) / 1000000 )) ms)"; fi
expect_fail "missing pack" 1 "nope.pack: no such content pack" "$KIOSK" --headless --pack "$OUT/nope.pack" --data "$OUT/data" --script /dev/null
head -c 4096 /dev/urandom > "$OUT/random.pack"
expect_fail "random bytes as pack" 1 "random.pack" "$KIOSK" --headless --pack "$OUT/random.pack" --data "$OUT/data" --script /dev/null
cp "$PACK" "$OUT/damaged.pack"
printf 'garbage-garbage-garbage' | dd of="$OUT/damaged.pack" bs=1 seek=8192 conv=notrunc status=none
expect_fail "damaged pack" 1 "damaged.pack.*(damaged|not a|malformed)" "$KIOSK" --headless --pack "$OUT/damaged.pack" --data "$OUT/data" --script /dev/null
# a copy cut short (an interrupted copy to a USB stick): damaged, not a stranger's schema
head -c 300000 "$PACK" > "$OUT/truncated.pack"
expect_fail "truncated pack" 1 "truncated.pack: damaged or not a content pack: " "$KIOSK" --headless --pack "$OUT/truncated.pack" --data "$OUT/data" --script /dev/null
# hostile packs: valid SQLite, wrong inside; the kiosk refuses them or shows what it can
hostile() { # hostile NAME SQL WANT_RC PATTERN
    cp "$PACK" "$OUT/h-$1.pack"
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()" "$OUT/h-$1.pack" "$2"
    printf 'dump -\nkey pagedown\nkey escape\nkey escape\ndump -\n' > "$OUT/h.txt"
    expect_fail "hostile pack: $1" "$3" "$4" "$KIOSK" --headless --pack "$OUT/h-$1.pack" --data "$OUT/data" --lang en --page transport --script "$OUT/h.txt"
}
hostile other-format "UPDATE meta SET value='2' WHERE key='format'" 1 "format is not 1"
hostile bad-language-code "UPDATE languages SET code='x'' OR 1' WHERE code='ti'" 1 "invalid language code"
hostile no-languages "DELETE FROM languages" 1 "declares no languages"
hostile no-pages "DELETE FROM pages" 1 "has no pages"
hostile no-categories "DELETE FROM categories" 1 "has no categories"
hostile no-blocks-table "DROP TABLE blocks" 1 'not a Sveiki content pack: table "blocks" of format 1 is missing'
hostile no-texts-table "DROP TABLE texts" 1 'not a Sveiki content pack: table "texts" of format 1 is missing'
hostile extra-table "CREATE TABLE extra(x)" 1 'not a Sveiki content pack: table "extra" is not part of format 1'
hostile trigger "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END" 1 'not a Sveiki content pack: trigger "t" is not part'
hostile generated-column "ALTER TABLE pages ADD COLUMN g GENERATED ALWAYS AS (title || title) VIRTUAL" 1 'not a Sveiki content pack: table "pages" differs from format 1'
hostile no-search-index "DROP TABLE search_en" 0 '"screen":"page"'
hostile null-language-name "UPDATE languages SET name=NULL" 0 '"screen":"page"'
hostile null-page-status "UPDATE pages SET status=NULL" 0 '"screen":"page"'
hostile null-block-text "UPDATE blocks SET text=NULL, kind=NULL" 0 '"screen":"page"'
hostile null-category-id "UPDATE categories SET id=NULL" 0 '"screen":"page"'
hostile endless-view "DROP TABLE languages; CREATE VIEW languages AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT 'en' AS code, x AS ord, 'English' AS name, 0 AS rtl FROM r" 1 'not a Sveiki content pack: view "languages" is not part'
hostile huge-bold-spans "UPDATE blocks SET bold='999999-5 -3-7 x'" 0 '"screen":"page"'
# broken UTF-8 and U+FFFF in a pack's text: shown as U+FFFD, never a crash, every dump valid JSON
cp "$PACK" "$OUT/h-bad-text.pack"
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE blocks SET text=CAST(X'41FF42EFBFBF43' AS TEXT)\"); c.execute(\"UPDATE strings SET msgstr=CAST(X'C3' AS TEXT)\"); c.commit()" "$OUT/h-bad-text.pack"
out=$(printf 'dump -\nkey escape\ntap 10 10\ndump -\n' | "$KIOSK" --headless --pack "$OUT/h-bad-text.pack" --data "$OUT/data" --lang en --page transport --script - 2>&1); rc=$?
if [ $rc = 0 ] && ! grep -q 'Sanitizer\|runtime error' <<<"$out" &&
    python3 -c 'import json,sys; d=[json.loads(l) for l in sys.stdin if l.startswith("{")]; assert any(w["label"]=="A\ufffdB\ufffdC" for w in d[0]["widgets"])' <<<"$out"; then
    ok "hostile pack: broken UTF-8 and U+FFFF in text shown as U+FFFD, dumps valid JSON"; else bad "hostile pack: bad text (exit $rc)" "$out"; fi
mkdir -p "$OUT/ro" && chmod 500 "$OUT/ro"
if [ "$(id -u)" = 0 ]; then # root writes anywhere: use a path under a regular file instead
    expect_fail "unwritable data directory" 1 "data directory" "$KIOSK" --headless --data "$OUT/random.pack/sub" --pack "$PACK" --script /dev/null
else
    expect_fail "unwritable data directory" 1 "data directory" "$KIOSK" --headless --data "$OUT/ro/sub" --pack "$PACK" --script /dev/null
fi
mkdir -p "$OUT/nofonts/assets/fonts"
expect_fail "missing font" 1 "NotoSans-Regular.ttf: missing font" env SVEIKI_HOME="$OUT/nofonts" "$KIOSK" --headless --pack "$PACK" --data "$OUT/data" --script /dev/null
printf 'tap 1 1\ntap one two\n' > "$OUT/bad.txt"
expect_fail "malformed script line" 2 "line 2: malformed .tap." run_kiosk --script "$OUT/bad.txt"
printf 'frobnicate\n' > "$OUT/bad2.txt"
expect_fail "unknown script command" 2 "line 1: unknown command" run_kiosk --script "$OUT/bad2.txt"
printf 'expect "No such label"\n' > "$OUT/exp.txt"
expect_fail "failed expect exits 1" 1 "expected \"No such label\"" run_kiosk --script "$OUT/exp.txt"
expect_fail "unknown language" 2 "no such language" run_kiosk --lang xx --script /dev/null
expect_fail "headless without script" 2 "give it --script" "$KIOSK" --headless
out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$B/sveiki" --pack "$PACK" --data "$OUT/data" 2>&1); rc=$?
if [ $rc = 1 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -q 'xvfb-run' <<<"$out"; then ok "no display: one line naming xvfb-run"; else bad "no display message" "$out"; fi

# ---- the pack builder -------------------------------------------------------------------
CTL=$B/san/sveikictl
CTL_PLAIN=$B/sveikictl
check "demo sources check clean" "$CTL" pack check assets/content/latvia
"$CTL" pack build assets/content/latvia -o "$OUT/a.pack" 2>/dev/null
sleep 1
"$CTL" pack build assets/content/latvia -o "$OUT/b.pack" 2>/dev/null
check "pack build is reproducible" cmp "$OUT/a.pack" "$OUT/b.pack"
out=$("$CTL" pack info "$OUT/a.pack" 2>&1)
if grep -q '^languages: lv en ru uk ar fa ku ti$' <<<"$out" && grep -qE '^pages: [0-9]{2}' <<<"$out" && grep -q '^version: ' <<<"$out"; then
    ok "pack info"; else bad "pack info" "$out"; fi

# an empty page folder is a warning, not a crash
rm -rf "$OUT/src-empty" && cp -r assets/content/latvia "$OUT/src-empty" && mkdir "$OUT/src-empty/pages/empty-page"
expect_fail "pack check: an empty page folder is a warning" 0 "empty-page: no page in the reference language" "$CTL" pack check "$OUT/src-empty"

# each defect in a copy of the demo sources must fail the build, name the place, leave no output
defect() {
    local name=$1 pat=$2 src=$OUT/src-$1
    rm -rf "$src" && cp -r assets/content/latvia "$src"
    (cd "$src" && eval "$3")
    rm -f "$OUT/defect.pack"
    expect_fail "pack build rejects $name" 1 "$pat" "$CTL" pack build "$src" -o "$OUT/defect.pack"
    if [ -e "$OUT/defect.pack" ] || ls "$OUT"/defect.pack.tmp* >/dev/null 2>&1; then bad "no output left for $name"; fi
}
defect invalid-utf8 'pages/transport/en.md:[0-9]+:[0-9]+: invalid UTF-8' "printf 'bad \\xff\\xfe\\n' >> pages/transport/en.md"
defect no-header 'pages/transport/lv.md:1: a page starts with a header' "sed -i '1d' pages/transport/lv.md"
defect no-title 'pages/transport/ru.md: the header has no title' "sed -i '/^title:/d' pages/transport/ru.md"
defect unknown-category 'lists page "no-such-page"' "sed -i 's/^pages: right-to-work/pages: no-such-page right-to-work/' manifest.txt"
defect unknown-icon 'manifest.txt:[0-9]+: unknown pictogram "no_such_icon"' "sed -i '0,/^icon: .*/s//icon: no_such_icon/' manifest.txt"
defect duplicate-page 'lists page "transport" twice' "sed -i 's/^pages: bank-account transport/pages: bank-account transport transport/' manifest.txt"
defect undeclared-language 'pages/transport/de.md: language "de" is not declared' "cp pages/transport/en.md pages/transport/de.md"
defect empty-file 'pages/transport/uk.md:1: the file is empty' ": > pages/transport/uk.md"
defect binary-file 'pages/transport/fa.md:[0-9]+: a NUL byte' "printf 'x\\000y' >> pages/transport/fa.md"
defect huge-file 'pages/transport/ku.md: [0-9]+ bytes is over' "head -c 600000 /dev/zero | tr '\\\\0' a >> pages/transport/ku.md"
defect bad-status 'status: must be reviewed or machine' "sed -i 's/^status: machine/status: perfect/' pages/transport/ti.md"
defect header-cr-only 'pages/transport/en.md:1: the header is not closed' "printf -- '---\\r' > pages/transport/en.md"
defect long-item 'over 400 bytes' "printf '@link https://example.org/%0500d\\n' 0 >> pages/transport/en.md"
defect bad-date 'checked: must be a date' "sed -i 's/^checked: .*/checked: 2022-9-30/' pages/transport/lv.md"
defect unknown-help-category 'manifest.txt:[0-9]+: help: nosuch is not a .category.' "sed -i 's/^help: help/help: nosuch/' manifest.txt"
defect unmatched-placeholder 'pages/transport/en.md:[0-9]+: an unmatched \{\{ or \}\}' "printf 'Call {{fill in: number\\n' >> pages/transport/en.md"
defect symlinked-source 'pages/transport/lv.md: a symbolic link' "ln -sf ../bank-account/lv.md pages/transport/lv.md"
defect fifo-source 'pages/transport/lv.md: not a regular file' "rm pages/transport/lv.md && mkfifo pages/transport/lv.md"
defect uncovered-char 'U.1F600 is in no bundled font' "printf '\\xf0\\x9f\\x98\\x80\\n' >> pages/transport/en.md"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
