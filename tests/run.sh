#!/bin/bash
# Runs every test: cmocka unit tests (ASan+UBSan), the app/ SDL-free check, kill -9 while
# the feedback store saves (tests/crash_store.c), export and merge through sveikictl, headless scenario scripts and screenshot
# comparisons against tests/golden/ (each screenshot exact, with an exact golden of the
# widget dump taken at the same moment), a mutation test that proves a changed digit fails
# them, bad-input checks of the kiosk and of the pack builder, and the report (its files, and
# its page rendered by headless Chromium).
#
# The UI tests run on the fixture pack (tests/fixtures/pack, built as build/fixture.pack),
# so editing the demo content never breaks them; the demo pack (build/demo.pack) keeps its
# own smoke tests, each named "demo ...".
#
# Independent groups of checks run in parallel, at most `nproc` at once, each with its own
# scratch directory; their output is printed in a fixed order. Ends with "N passed, N failed";
# exits 1 on any failure.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/build
OUT=$B/test-out
rm -rf "$OUT" && mkdir -p "$OUT/res" "$OUT/shots" "$OUT/diff"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
JOBS=$(nproc 2>/dev/null || echo 2)

KIOSK=$B/san/sveiki       # the kiosk under ASan and UBSan
CTL=$B/san/sveikictl      # the pack builder under ASan and UBSan
CTL_PLAIN=$B/sveikictl    # the pack builder as operators run it
DEMO=$B/demo.pack
FIXTURE=$B/fixture.pack
DEMO_SRC=assets/content/latvia
FIX_SRC=tests/fixtures/pack

# ---- reporting: within a group, counts and lines go to the group's own result file --------
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

# group NAME FUNCTION [ARGS...]: runs FUNCTION in the background, with $W its own scratch
# directory and $PACK the fixture pack; waits first while $JOBS groups are running.
ngroups=0
group() {
    local name=$1 id
    shift
    id=$(printf '%03d' "$ngroups")
    ngroups=$((ngroups + 1))
    while [ "$(jobs -pr | wc -l)" -ge "$JOBS" ]; do wait -n; done
    (
        W=$OUT/$id-$name PACK=$FIXTURE passed=0 failed=0
        mkdir -p "$W"
        "$@" > "$OUT/res/$id.out" 2>&1
        echo "$name $passed $failed" > "$OUT/res/$id.n"
    ) &
}

run_kiosk() { "$KIOSK" --headless --pack "$PACK" --data "$W/data" "$@"; }

# ---- comparing screenshots and dumps with their references ------------------------------
# Every NAME.png in DIR is compared with tests/golden/NAME.png (tests/imgdiff: exact within a
# few levels, not one pixel over), and the dump NAME.json written at the same moment byte for
# byte with tests/golden/NAME.json.
compare_shots() {
    local dir=$1 png name
    for png in "$dir"/*.png; do
        [ -e "$png" ] || continue
        name=$(basename "$png" .png)
        if [ ! -e "tests/golden/$name.png" ]; then
            bad "golden $name.png: no reference (review $png, then copy it to tests/golden/)"
        else
            check "golden $name.png" "$B/imgdiff" "$png" "tests/golden/$name.png" "$OUT/diff/$name.png"
        fi
        if [ ! -e "$dir/$name.json" ]; then
            bad "golden $name.json: no dump beside the screenshot (add \`dump $name.json\` after \`shot $name.png\`)"
        elif [ ! -e "tests/golden/$name.json" ]; then
            bad "golden $name.json: no reference (review $dir/$name.json, then copy it to tests/golden/)"
        elif cmp -s "$dir/$name.json" "tests/golden/$name.json"; then
            ok "golden $name.json"
        else
            bad "golden $name.json differs from the reference" \
                "$(diff <(sed 's/},{/},\n{/g' "tests/golden/$name.json") <(sed 's/},{/},\n{/g' "$dir/$name.json"))"
        fi
    done
}

# =========================================================================================
# the groups, in the order their output is printed

# ---- unit tests (each cmocka test counts) -----------------------------------------------
unit() {
    local t=$1 out rc p f
    out=$("$t" 2>&1); rc=$?
    p=$(grep -oE '\[  PASSED  \] [0-9]+' <<<"$out" | grep -oE '[0-9]+$' | head -1)
    f=$(grep -oE '\[  FAILED  \] [0-9]+' <<<"$out" | grep -oE '[0-9]+$' | head -1)
    p=${p:-0} f=${f:-0}
    [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" = 0 ]; then echo "ok    $(basename "$t"): $p tests"; else
        echo "FAIL  $(basename "$t")"; grep -E 'FAIL|ERROR|error|Sanitizer' <<<"$out" | sed 's/^/      /' | head -20; fi
}
for t in "$B"/test_*; do
    [ -x "$t" ] && group "$(basename "$t")" unit "$t"
done

static_checks() {
    # the bundled fonts are the ones the screenshot references were made with
    check "bundled fonts match assets/fonts/SHA256SUMS" sh -c 'cd assets/fonts && sha256sum --quiet -c SHA256SUMS'
    # the seam: no SDL under app/
    if grep -rnE '#\s*include\s*[<"]SDL|\bSDL_[A-Za-z]+\(' app/; then bad "app/ is SDL-free"; else ok "app/ is SDL-free"; fi
    # the file layer: no file is written anywhere but through app/fs.c
    if grep -rnE 'fopen\([^;]*"[wa]|\b(rename|fsync|unlink|creat|mkdir)\(|O_CREAT|O_WRONLY|O_RDWR|IMG_SavePNG\(' app tools platform | grep -vE '^app/fs(_crash)?\.[ch]:'; then
        bad "every file write goes through app/fs.c"; else ok "every file write goes through app/fs.c"; fi
    # and every open, read, stat and listing of the kiosk and the operator tool (a font read by
    # HarfBuzz itself would bypass it too)
    if grep -rnE '\b(fopen|fdopen|open|opendir|readdir|realpath|readlink|stat|lstat|access|hb_blob_create_from_file)\(' app tools | grep -vE '^app/fs(_crash)?\.[ch]:'; then
        bad "app/ and tools/ open, read, stat and list files only through app/fs"; else ok "app/ and tools/ open, read, stat and list files only through app/fs"; fi
    # UI strings: every .po file passes msgfmt --check
    local po
    for po in lang/*.po; do check "msgfmt --check $po" msgfmt --check -o /dev/null "$po"; done
}
group static static_checks

# ---- the feedback store: kill -9 at random moments while saving --------------------------
# (tests/crash_store.c: every acknowledged submission kept, integrity_check ok, never moved
# aside as damaged; 30 kills from a fixed seed)
crash_store() { check "store: 30 kills -9 while saving lose no acknowledged submission" "$B/crash_store" "$W" 30 12; }
group crash-store crash_store

# every demo page with the real fonts: no line leaves its box
group layout check "demo: real-font layout in its box; unchanged screens redrawn from cache" "$B/layout_check" "$DEMO" assets/fonts

# ---- scenarios and screenshots ----------------------------------------------------------
# A scenario runs on the fixture pack unless it says `# pack: demo`; `# args:` adds options.
scenario() {
    local s=$1 name dir args pack out
    name=$(basename "$s" .txt)
    dir=$OUT/shots/$name
    mkdir -p "$dir"
    args=$(sed -n 's/^# args: //p' "$s")
    pack=$(sed -n 's/^# pack: //p' "$s")
    PACK=$B/${pack:-fixture}.pack
    # shellcheck disable=SC2086
    if out=$(cd "$dir" && run_kiosk $args --script "$ROOT/$s" 2>&1); then ok "scenario $name"; else bad "scenario $name" "$out"; fi
    compare_shots "$dir"
}
for s in tests/scenarios/*.txt; do
    group "scenario-$(basename "$s" .txt)" scenario "$s"
done

# a survey answered through the screens is in the store as sent: typed phone numbers and
# e-mail addresses removed, the log line names it, nothing identifying stored
survey_stored() {
    local out l
    for l in en ar ti; do
        rm -rf "$W/sd-$l"
        out=$(cd "$W" && "$KIOSK" --headless --pack "$B/fixture.pack" --data "$W/sd-$l" --lang $l --size 800x480 --script "$ROOT/tests/scenarios/survey-$l.txt" 2>&1 >/dev/null)
        if grep -qE '^feedback_saved survey=needs answers=4 id=[0-9a-f-]{36}$' <<<"$out" &&
            python3 - "$W/sd-$l/feedback.db" "$l" <<'PY2'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT question, value, lang, period % 3600 FROM answers ORDER BY seq").fetchall()
assert [r[0] for r in rows] == ["help", "comment", "bg-age", "bg-gender"], rows
assert rows[0][1] == "4" and rows[2][1] == "under-18" and rows[3][1] == "prefer-not", rows
assert all(r[2] == sys.argv[2] and r[3] == 0 for r in rows), rows
text = rows[1][1]
assert "[removed]" in text and "2000" not in text and "0000" not in text and "@" not in text, text
assert "7:30" in text, text
PY2
        then ok "survey $l: stored as answered, typed text scrubbed"; else bad "survey $l stored" "$out"; fi
    done
}
group survey-stored survey_stored

# kill -9 the kiosk 20 times at random moments while people answer and send surveys: every submission
# it logged as saved is in the store, and the store passes integrity_check
kiosk_crash() {
    local out
    if out=$(python3 - "$KIOSK" "$B/fixture.pack" "$W/crash" 2>&1 <<'PY2'
import random, re, sqlite3, subprocess, sys, time
kiosk, pack, data = sys.argv[1:4]
visit = ["tap 10 10", "wait 400", 'tap "Tell us what you think"', "wait 400", 'tap "Start"',
         "wait 400", 'tap "Happy"'] + ["wait 400", 'tap "Next"'] * 8 + \
        ["wait 400", 'type "call me at 20000000"', "wait 400", 'tap "Send"', "wait 4500",
         'tap "Start again"']
script = ("\n".join(visit) + "\n").encode() * 30  # ~10 KB: fits the pipe, written at once
r = random.Random(20221202)
saved = set()
for run in range(20):
    p = subprocess.Popen([kiosk, "--headless", "--pack", pack, "--data", data, "--lang", "en",
                          "--script", "-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    try:
        p.stdin.write(script)
        p.stdin.flush()
    except BrokenPipeError:
        pass
    if run < 19:
        time.sleep(r.uniform(0.05, 1.0))  # a visit takes about 80 ms under the sanitizers
        p.kill()
    # the last run ends by itself: some answers are saved however slow the machine
    err = p.communicate(timeout=300)[1].decode()
    saved |= set(re.findall(r"^feedback_saved survey=needs answers=\d+ id=([0-9a-f-]{36})$", err, re.M))
c = sqlite3.connect(data + "/feedback.db")
assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
stored = {row[0] for row in c.execute("SELECT DISTINCT submission FROM answers")}
lost = saved - stored
assert saved and not lost, "%d acknowledged, %d lost" % (len(saved), len(lost))
print("%d acknowledged submissions over 19 kills and one run to its end, none lost" % len(saved))
PY2
); then ok "kiosk killed while saving: $out"; else bad "kiosk killed while saving" "$out"; fi
}
group kiosk-crash kiosk_crash

# a USB stick: feedback goes out as a signed batch that merges at the office, a newer signed
# pack comes in (the kiosk shows it without a restart), an older one is refused by its name
stick() {
    local out st=$W/stick src=$W/src-v2
    rm -rf "$st" "$src" "$W/kd" && mkdir -p "$st/sveiki/packs"
    (cd "$W" && "$CTL_PLAIN" keygen op >/dev/null)
    "$CTL_PLAIN" pack build "$FIX_SRC" -o "$W/v1.pack" --key "$W/op.key" 2>/dev/null
    cp -r "$FIX_SRC" "$src" && sed -i 's/^version: .*/version: 2/' "$src/manifest.txt"
    "$CTL_PLAIN" pack build "$src" -o "$st/sveiki/packs/content-v2.pack" --key "$W/op.key" 2>/dev/null
    cat > "$W/stick.txt" <<EOF
tap 10 10
wait 400
tap "Tell us what you think"
wait 400
tap "Start"
wait 400
tap "Happy"
wait 400
tap "Next"
wait 400
tap "Next"
wait 400
tap "Next"
wait 400
tap "Next"
wait 400
tap "Next"
wait 400
tap "Next"
wait 400
tap "Next"
wait 400
tap "Send"
media "$st"
expect "You can remove the stick now."
expect "Feedback written to the stick: 1 answers."
expect "New content taken: version 2."
shot stick-taken.png
EOF
    out=$(cd "$W" && "$KIOSK" --headless --lang en --size 800x480 --trust "$W/op.pub" --pack "$W/v1.pack" --data "$W/kd" --script "$W/stick.txt" 2>&1)
    if [ $? = 0 ] && grep -q 'now showing .* version 2' <<<"$out" && ls "$st"/sveiki/exports/*/*.batch >/dev/null 2>&1 &&
        "$CTL_PLAIN" merge --into "$W/central.db" "$st" 2>&1 | grep -q '^added: 1, duplicates: 0, rejected: 0'; then
        ok "stick: feedback out as a batch that merges, a newer pack in without a restart"; else bad "stick" "$out"; fi
    # the older pack offered now is refused, named as on the stick; nothing new to export
    rm -f "$st"/sveiki/packs/* && cp "$W/v1.pack" "$st/sveiki/packs/old.pack"
    printf 'media "%s"\nexpect "No new feedback to write."\nexpect "You can remove the stick now."\ndump -\n' "$st" > "$W/stick2.txt"
    out=$("$KIOSK" --headless --lang en --trust "$W/op.pub" --pack "$W/kd/current.pack" --data "$W/kd" --script "$W/stick2.txt" 2>&1)
    if [ $? = 0 ] && grep -q 'Content not taken: .*old\.pack.*: version 1 is not newer than the version 2' <<<"$out"; then
        ok "stick: an older pack is refused by its name on the stick"; else bad "stick older pack" "$out"; fi
    # an unsigned and a damaged (one changed byte) newer pack: each refused by its name
    sed -i 's/^version: .*/version: 3/' "$src/manifest.txt"
    rm -f "$st"/sveiki/packs/*
    "$CTL_PLAIN" pack build "$src" -o "$st/sveiki/packs/a-unsigned.pack" 2>/dev/null
    "$CTL_PLAIN" pack build "$src" -o "$st/sveiki/packs/b-damaged.pack" --key "$W/op.key" 2>/dev/null
    printf '\x01' | dd of="$st/sveiki/packs/b-damaged.pack" bs=1 seek=20000 conv=notrunc status=none
    out=$("$KIOSK" --headless --lang en --trust "$W/op.pub" --pack "$W/kd/current.pack" --data "$W/kd" --script "$W/stick2.txt" 2>&1); rc=$?
    if [ $rc = 0 ] && ! grep -q 'now showing' <<<"$out" &&
        grep -q '"media-pack-1".*Content not taken: .*a-unsigned\.pack.*: the pack is not signed' <<<"$out" &&
        grep -q '"media-pack-2".*Content not taken: .*b-damaged\.pack.*: the signature does not match' <<<"$out"; then
        ok "stick: an unsigned and a damaged pack are refused, each by its name"; else bad "stick unsigned/damaged (exit $rc)" "$out"; fi
    # a real window: the watcher notices a stick mounted under --media and does the same
    rm -rf "$W/mroot" && mkdir -p "$W/mroot"
    ( sleep 2; mkdir -p "$W/mroot/usb1/sveiki" ) &
    out=$(env -u SDL_VIDEODRIVER xvfb-run -a timeout 6 "$B/sveiki" --lang en --media "$W/mroot" --trust "$W/op.pub" --pack "$W/kd/current.pack" --data "$W/kd" 2>&1)
    wait
    if grep -q "stick at $W/mroot/usb1" <<<"$out" && grep -q "done with the stick at $W/mroot/usb1" <<<"$out"; then
        ok "stick: noticed when mounted under --media"; else bad "stick watcher" "$out"; fi
}
group stick stick

# ---- sync: export batches through sveikictl, merge them into a central database --------
# A kiosk fills its store through the screens (survey-en); `sveikictl export` writes a batch,
# `merge` brings it in once, a changed byte is rejected by name, sealed batches need the
# operator's key, and the central database has the columns central.h promises the report.
sync_answered() { # sync_answered DATA: one survey answered through the screens
    (cd "$W" && "$KIOSK" --headless --pack "$B/fixture.pack" --data "$1" --lang en --size 800x480 \
        --script "$ROOT/tests/scenarios/survey-en.txt" >/dev/null 2>&1)
}
sync_cli() {
    local D=$W/data S=$W/stick C=$W/central.db out rc f
    sync_answered "$D"
    out=$("$CTL" export --data "$D" --to "$S" 2>&1)
    if grep -qE '^exported 4 answers \(1 to 4\) in 1 batch, not sealed, to .*/sveiki/exports/[0-9a-f-]{36}$' <<<"$out" &&
        [ "$(find "$S" -name '*-0000000001-4.batch' | wc -l)" = 1 ]; then ok "sync: export writes one batch"; else bad "sync: export" "$out"; fi
    expect_fail "sync: export with nothing new writes nothing" 0 '^nothing new to export: no file written$' "$CTL" export --data "$D" --to "$S"
    expect_fail "sync: merge adds a kiosk's answers" 0 '^added: 4, duplicates: 0, rejected: 0$' "$CTL" merge --into "$C" "$S"
    expect_fail "sync: merging again adds nothing" 0 '^added: 0, duplicates: 4, rejected: 0$' "$CTL" merge --into "$C" "$S"
    f=$(find "$S" -name '*.batch')
    mkdir -p "$W/bad"
    python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[len(b)//2]^=1; open(sys.argv[2],"wb").write(b)' "$f" "$W/bad/changed.batch"
    head -c 300 "$f" > "$W/bad/cut.batch"
    out=$("$CTL" merge --into "$C" "$W/bad" "$S" 2>&1); rc=$?
    if [ $rc = 1 ] && grep -q "^rejected: $W/bad/changed.batch: the payload's SHA-256 does not match" <<<"$out" &&
        grep -q "^rejected: $W/bad/cut.batch: " <<<"$out" && grep -q '^added: 0, duplicates: 4, rejected: 2$' <<<"$out"; then
        ok "sync: a changed and a cut batch are rejected by name, exit 1"; else bad "sync: bad batches (exit $rc)" "$out"; fi
    expect_fail "sync: a kiosk's feedback.db is not a central database" 1 'not a central database' "$CTL" merge --into "$D/feedback.db" "$S"
    expect_fail "sync: merge without a batch is a usage error" 2 'usage' "$CTL" merge --into "$C"
    expect_fail "sync: export from a folder without a store" 1 'no feedback store here' "$CTL" export --data "$W/nothing" --to "$S"
    # the schema the report reads
    check "sync: the central database has the columns central.h promises" python3 - "$C" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
want = {
 "answers": "uuid device seq submission survey question value lang pack pack_version period batch",
 "devices": "id public_key first_batch last_period last_merged",
 "batches": "name device first_seq last_seq count sha256",
 "conflicts": "uuid batch reason"}
for t, cols in want.items():
    have = [r[1] for r in c.execute("PRAGMA table_info(%s)" % t)]
    assert have[:len(cols.split())] == cols.split(), (t, have)
assert c.execute("SELECT count(*) FROM answers WHERE survey='needs' AND length(submission)=36").fetchone()[0] == 4
PY
}
group sync-cli sync_cli

sync_sealed() {
    local D=$W/data S=$W/stick C=$W/central.db out
    sync_answered "$D"
    out=$(cd "$W" && "$CTL" keygen --seal op 2>&1)
    if grep -q 'wrote op.key' <<<"$out" && [ "$(stat -c %a "$W/op.key")" = 600 ]; then ok "sync: keygen --seal"; else bad "sync: keygen --seal" "$out"; fi
    expect_fail "sync: keygen --seal keeps an existing key" 1 'exists; not overwriting' sh -c "cd '$W' && '$CTL' keygen --seal op"
    (cd "$W" && "$CTL" keygen sig >/dev/null)
    expect_fail "sync: a signing key given to seal to is refused, nothing written" 1 'holds a signing public key' "$CTL" export --data "$D" --to "$S" --seal "$W/sig.pub"
    cp "$W/op.pub" "$D/operator.pub"
    expect_fail "sync: with DATA/operator.pub the batch is sealed" 0 '^exported 4 answers .* sealed, to' "$CTL" export --data "$D" --to "$S"
    if grep -rq "Riga" "$S"; then bad "sync: a sealed batch shows no answer"; else ok "sync: a sealed batch shows no answer"; fi
    expect_fail "sync: a sealed batch without the operator key is rejected" 1 'sealed to an operator key, and no key was given' "$CTL" merge --into "$C" "$S"
    expect_fail "sync: a sealing key file of the wrong kind" 1 'not a sveiki-seal-secret-key-v1 file: it holds a signing secret key' "$CTL" merge --into "$C" "$S" --key "$W/sig.key"
    expect_fail "sync: a sealed batch with the operator key" 0 '^added: 4, duplicates: 0, rejected: 0$' "$CTL" merge --into "$C" "$S" --key "$W/op.key"
    # a progress bar on a terminal, and none when standard error is not one
    out=$("$CTL" merge --into "$C" "$S" --key "$W/op.key" 2>&1 >/dev/null)
    if [ -z "$out" ]; then ok "sync: no progress bar off a terminal"; else bad "sync: progress bar off a terminal" "$out"; fi
    cp -r "$S" "$W/stick2"
    out=$(python3 - "$CTL" "$C" "$S" "$W/stick2" "$W/op.key" <<'PY'
import os, pty, sys, subprocess
ctl, c, s1, s2, key = sys.argv[1:6]
m, sl = pty.openpty()
p = subprocess.run([ctl, "merge", "--into", c, s1, s2, "--key", key], stdout=subprocess.PIPE, stderr=sl)
os.close(sl)
err = os.read(m, 4096).decode()
print(p.stdout.decode().strip(), "|", repr(err))
PY
)
    if grep -q 'added: 0, duplicates: 8, rejected: 0 |.*2/2 batches' <<<"$out"; then ok "sync: a progress bar on a terminal"; else bad "sync: progress bar" "$out"; fi
}
group sync-sealed sync_sealed

# the demo's specimen page in every language, on the smallest and the largest screen
specimen() {
    local l=$1 size dir=$OUT/shots/specimen-$1
    PACK=$DEMO
    mkdir -p "$dir"
    for size in 800x480 1920x1080; do
        printf 'shot %s.png\ndump %s.json\n' "$dir/specimen-$l-$size" "$dir/specimen-$l-$size" > "$W/shot.txt"
        check "demo: specimen $l $size renders" run_kiosk --size "$size" --lang "$l" --page one-off-support --script "$W/shot.txt"
    done
    compare_shots "$dir"
}
for l in lv en ru uk ar fa ku ti; do group "specimen-$l" specimen "$l"; done

# ---- the comparison notices a changed digit ---------------------------------------------
# A copy of the demo sources, built with build/sveikictl: unchanged, its specimen screenshots
# and dumps match the references; with one figure or one date changed they must not.
render_specimen() { # render_specimen PACK SIZE OUT-BASE
    printf 'shot %s.png\ndump %s.json\n' "$3" "$3" > "$W/shot.txt"
    "$KIOSK" --headless --pack "$1" --data "$W/data" --size "$2" --lang en --page one-off-support --script "$W/shot.txt" 2>&1
}
mutation() {
    local page=pages/one-off-support/en.md kind size ref base out rc
    for kind in unchanged figure date; do
        rm -rf "$W/src-$kind" && cp -r "$DEMO_SRC" "$W/src-$kind"
        case $kind in
        figure) sed -i 's/^- \*\*278 EUR\*\* for an adult\.$/- **279 EUR** for an adult./' "$W/src-$kind/$page"
                grep -q '^- \*\*279 EUR\*\*' "$W/src-$kind/$page" || { bad "mutation: no line \"- **278 EUR** for an adult.\" in $DEMO_SRC/$page to change"; continue; } ;;
        date)   sed -i 's/^checked: 2022-12-01$/checked: 2022-12-02/' "$W/src-$kind/$page"
                grep -q '^checked: 2022-12-02$' "$W/src-$kind/$page" || { bad "mutation: no line \"checked: 2022-12-01\" in $DEMO_SRC/$page to change"; continue; } ;;
        esac
        if ! out=$("$CTL_PLAIN" pack build "$W/src-$kind" -o "$W/$kind.pack" 2>&1); then
            bad "mutation: building the $kind copy" "$out"; continue
        fi
        for size in 800x480 1920x1080; do
            ref=tests/golden/specimen-en-$size
            base=$W/$kind-en-$size
            if ! out=$(render_specimen "$W/$kind.pack" "$size" "$base"); then bad "mutation: rendering the $kind copy at $size" "$out"; continue; fi
            out=$("$B/imgdiff" "$base.png" "$ref.png" "$OUT/diff/mutation-$kind-$size.png" 2>&1); rc=$?
            if [ "$kind" = unchanged ]; then
                if [ $rc = 0 ] && cmp -s "$base.json" "$ref.json"; then
                    ok "mutation: an unchanged copy of the demo matches specimen-en-$size (png and json)"
                else
                    bad "mutation: an unchanged copy of the demo does not match specimen-en-$size (imgdiff exit $rc)" "$out"
                fi
            elif [ $rc = 1 ] && grep -q 'pixels differ' <<<"$out" && [ -s "$OUT/diff/mutation-$kind-$size.png" ] &&
                ! cmp -s "$base.json" "$ref.json"; then
                ok "mutation: a changed $kind fails specimen-en-$size: $(head -1 <<<"$out")"
            else
                bad "mutation: a changed $kind was not noticed at $size (imgdiff exit $rc; the dump $(cmp -s "$base.json" "$ref.json" && echo matched || echo differed))" "$out"
            fi
        done
    done
}
group mutation mutation

# ---- scripts through standard input, and odd input --------------------------------------
script_input() {
    local out rc
    # a script driven line by line through standard input, as a harness would
    out=$(printf 'tap 10 10\ndump -\nquit\n' | run_kiosk --script - 2>&1)
    if grep -q '"screen":"languages"' <<<"$out"; then ok "script from standard input"; else bad "script from standard input" "$out"; fi
    # a line longer than the script buffer is refused, not cut and run in pieces
    out=$({ printf '#%04094d' 0; printf 'tap "Touch the screen to start"\ndump -\n'; } | run_kiosk --script - 2>&1); rc=$?
    if [ $rc = 2 ] && grep -q 'line 1: longer than' <<<"$out" && ! grep -q '"screen":"languages"' <<<"$out"; then
        ok "an overlong script line on stdin is refused"; else bad "overlong stdin line (exit $rc)" "$out"; fi
    printf 'drag 0 0 1000000 1000000 1000000\nquit\n' > "$W/bigdrag.txt"
    check "huge drag coordinates" run_kiosk --script "$W/bigdrag.txt"
}
group script-input script_input

# a monkey: 1,500 seeded random touches, drags, keys and waits, under ASan and UBSan, on the
# demo pack (the most screens); the kiosk must never crash and every dump must stay well-formed
monkey() {
    local size=$1 out rc dumps
    PACK=$DEMO
    python3 - "$size" > "$W/monkey.txt" <<'PY'
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
    out=$(run_kiosk --size "$size" --script "$W/monkey.txt" 2>&1); rc=$?
    dumps=$(grep -c '^{"screen":' <<<"$out")
    if [ $rc = 0 ] && [ "$dumps" -gt 10 ] && ! grep -q 'Sanitizer\|runtime error' <<<"$out" &&
        python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin if l.startswith("{")]' <<<"$out"; then
        ok "demo: monkey $size: 1500 random inputs, $dumps valid dumps"; else bad "demo: monkey $size (exit $rc)" "$(tail -20 <<<"$out")"; fi
}
group monkey-small monkey 800x480
group monkey-large monkey 1920x1080

help_and_idle() {
    local out
    # the help button is on every screen but the help category itself
    out=$(printf 'tap 10 10\ndump -\ntap "Help and contacts"\ndump -\n' | run_kiosk --lang en --script - 2>&1)
    if [ "$(grep -c '"id":"help"' <<<"$out")" = 1 ] && grep -q '"screen":"category"' <<<"$out"; then
        ok "help button on home, not on the help screen"; else bad "help button" "$out"; fi
    # the idle timeout forgets the last person: back to attract, language cleared
    out=$(printf 'tap 10 10\ntap "English"\nwait 89000\ndump -\nwait 2000\ndump -\n' | run_kiosk --script - 2>&1)
    if grep -q '"screen":"home","lang":"en"' <<<"$out" && grep -q '"screen":"attract","lang":""' <<<"$out"; then
        ok "idle timeout returns to attract and forgets"; else bad "idle timeout" "$out"; fi
}
group help-idle help_and_idle

# ---- the dump says which way each language reads ---------------------------------------
dump_dir() {
    local l out
    PACK=$DEMO
    for l in lv:ltr en:ltr ru:ltr uk:ltr ar:rtl fa:rtl ku:ltr ti:ltr; do
        out=$(printf 'tap 10 10\ndump -\n' | run_kiosk --lang "${l%%:*}" --script - 2>&1)
        if grep -q "\"screen\":\"home\",\"lang\":\"${l%%:*}\",\"dir\":\"${l##*:}\"" <<<"$out"; then
            ok "demo: dump dir ${l%%:*} is ${l##*:}"; else bad "demo: dump dir ${l%%:*}" "$out"; fi
    done
}
group dump-dir dump_dir

# ---- search the demo: prefixes, Latvian diacritics optional, Arabic and Persian variants --
search() { # search NAME LANG QUERY EXPECTED-TITLE
    local label
    label=$(grep -A1 '^msgid "Search"$' "lang/$2.po" | sed -n 's/^msgstr "\(.*\)"$/\1/p')
    printf 'tap 10 10\ntap "%s"\ntype "%s"\nexpect "%s"\n' "$label" "$3" "$4" > "$W/search.txt"
    check "demo: search $1" run_kiosk --lang "$2" --script "$W/search.txt"
}
search_demo() {
    PACK=$DEMO
    search "lv word" lv "darbs" "Pirmais darbs"
    search "lv capital letter" lv "Darbs" "Pirmais darbs"
    search "lv prefix without diacritics" lv "nodarbinat" "NVA – Nodarbinātības valsts aģentūra"
    search "lv diacritic typed, plain in title" lv "valodā centrā" "Latviešu valoda centrā"
    search "ar alef without hamza" ar "اثناء انتظار" "المال أثناء انتظار القرار"
    search "fa with Arabic yeh" fa "تصميم" "انتظار برای تصمیم پناهندگی"
    search "ru prefix" ru "банк" "$(sed -n 's/^title: //p' "$DEMO_SRC/pages/bank-account/ru.md")"
}
group search-demo search_demo

# ---- translations: a missing page falls back with a note; outdated ones are counted -----
translations() {
    local out rc
    # transport (and information-centre) have no Tigrinya page in the fixture
    printf 'expect "Public transport"\ndump -\n' > "$W/fb.txt"
    out=$(run_kiosk --lang ti --page transport --script "$W/fb.txt" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -q '"screen":"page","lang":"ti"' <<<"$out" &&
        grep -q '"id":"fallback-note","role":"text","label":"[^"]*English' <<<"$out"; then
        ok "missing page shown in the fallback language with a note naming it"; else bad "fallback note (exit $rc)" "$out"; fi
    out=$("$CTL_PLAIN" pack check "$FIX_SRC" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -qE '^  ti +3 +3 +0 +2 +0$' <<<"$out" && grep -q '2 of 5 pages missing in ti' <<<"$out"; then
        ok "pack check counts the missing translation (a warning)"; else bad "pack check table" "$out"; fi
    # an outdated translation: the reference page was checked later
    rm -rf "$W/src-outdated" && cp -r "$FIX_SRC" "$W/src-outdated"
    sed -i 's/^checked: .*/checked: 2023-05-01/' "$W/src-outdated/pages/transport/en.md"
    out=$("$CTL_PLAIN" pack check "$W/src-outdated" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -qE '^  lv +5 +3 +2 +0 +1$' <<<"$out" && grep -qE '^  ar +5 +5 +0 +0 +1$' <<<"$out" &&
        grep -qE '^  en +5 +3 +2 +0 +0$' <<<"$out"; then
        ok "pack check marks translations of a newer reference page outdated"; else bad "outdated translations" "$out"; fi
}
group translations translations

# ---- signatures: keygen, signed build, verify, tampering, the kiosk's trust -------------
signatures() {
    local out rc
    (cd "$W" && "$CTL_PLAIN" keygen op >/dev/null) && ok "keygen" || bad "keygen"
    expect_fail "keygen will not overwrite a key" 1 "exists" "$CTL_PLAIN" keygen "$W/op"
    "$CTL_PLAIN" pack build "$FIX_SRC" -o "$W/signed.pack" --key "$W/op.key" 2>/dev/null
    check "signed pack verifies" "$CTL_PLAIN" pack verify "$W/signed.pack" --pub "$W/op.pub"
    if [ ! -e "$W/signed.pack.sig" ]; then ok "a signed pack is one file"; else bad "a signed pack left a .sig beside it"; fi
    cp "$W/signed.pack" "$W/tampered.pack"
    printf '\x01' | dd of="$W/tampered.pack" bs=1 seek=100000 conv=notrunc status=none
    expect_fail "one changed byte fails verify" 1 "does not match" "$CTL_PLAIN" pack verify "$W/tampered.pack" --pub "$W/op.pub"
    (cd "$W" && "$CTL_PLAIN" keygen other >/dev/null)
    expect_fail "another key fails verify" 1 "does not match" "$CTL_PLAIN" pack verify "$W/signed.pack" --pub "$W/other.pub"
    expect_fail "unsigned pack fails verify" 1 "not signed" "$CTL_PLAIN" pack verify "$PACK" --pub "$W/op.pub"
    head -c -1 "$W/signed.pack" > "$W/cut.pack"
    expect_fail "a signed pack cut short fails verify" 1 "not signed" "$CTL_PLAIN" pack verify "$W/cut.pack" --pub "$W/op.pub"
    # a wrong key file costs nothing: the earlier good pack stays
    cp "$W/signed.pack" "$W/keep.pack" && echo stale > "$W/keep.pack.sig"
    expect_fail "build with a public key as --key fails first" 1 "not a sveiki-secret-key-v1 file" "$CTL_PLAIN" pack build "$FIX_SRC" -o "$W/keep.pack" --key "$W/op.pub"
    check "the earlier signed pack is untouched" "$CTL_PLAIN" pack verify "$W/keep.pack" --pub "$W/op.pub"
    "$CTL_PLAIN" pack build "$FIX_SRC" -o "$W/keep.pack" 2>/dev/null
    if [ ! -e "$W/keep.pack.sig" ]; then ok "a rebuild removes a stale detached signature"; else bad "stale signature left"; fi
    printf 'dump -\n' > "$W/d.txt"
    expect_fail "kiosk with a key refuses an unsigned pack (nothing to keep)" 1 "refusing the pack.*not signed" "$KIOSK" --headless --trust "$W/op.pub" --pack "$PACK" --data "$W/trustdata" --script "$W/d.txt"
    check "kiosk with a key accepts the signed pack" "$KIOSK" --headless --trust "$W/op.pub" --pack "$W/signed.pack" --data "$W/trustdata" --script "$W/d.txt"
    out=$("$KIOSK" --headless --trust "$W/op.pub" --pack "$W/tampered.pack" --data "$W/trustdata" --script "$W/d.txt" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -q 'refusing the pack' <<<"$out" && grep -q 'keeping the pack it has' <<<"$out" && grep -q '"screen":"attract"' <<<"$out"; then
        ok "kiosk refuses a tampered pack and keeps the pack it has"; else bad "kiosk keeps its pack" "$out"; fi
    mkfifo "$W/fifo.pack" && ln -s /dev/zero "$W/zero.pack"
    expect_fail "kiosk with a key refuses a FIFO as pack, without hanging" 0 "refusing the pack: .*fifo.pack: not a regular file" timeout 60 "$KIOSK" --headless --trust "$W/op.pub" --pack "$W/fifo.pack" --data "$W/trustdata" --script "$W/d.txt"
    expect_fail "pack verify refuses a FIFO, without hanging" 1 "fifo.pack: not a regular file" timeout 20 "$CTL_PLAIN" pack verify "$W/fifo.pack" --pub "$W/op.pub"
    expect_fail "kiosk with a key refuses a symlink to /dev/zero as pack" 0 "refusing the pack: .*zero.pack: a symbolic link" timeout 60 "$KIOSK" --headless --trust "$W/op.pub" --pack "$W/zero.pack" --data "$W/trustdata" --script "$W/d.txt"
}
group signatures signatures

# ---- bad input to the kiosk -------------------------------------------------------------
bad_input() {
    local out rc
    expect_fail "unknown option" 2 "unknown option --frobnicate" "$KIOSK" --frobnicate
    expect_fail "a size that overflows an int is refused" 2 "--size 4294967616x800: expected" "$KIOSK" --headless --size 4294967616x800 --script /dev/null
    # SIGTERM ends a kiosk busy with a long script at once
    local kpid t0 t1
    python3 -c 'print("tap 10 10\nkey escape\n" * 200000)' > "$W/long.txt"
    "$KIOSK" --headless --pack "$PACK" --data "$W/data" --script "$W/long.txt" >/dev/null 2>&1 & kpid=$!
    sleep 1; kill -TERM $kpid; t0=$(date +%s%N); wait $kpid; rc=$?; t1=$(date +%s%N)
    if [ $rc = 143 ] && [ $(( (t1 - t0) / 1000000 )) -lt 2000 ]; then ok "SIGTERM ends a busy kiosk promptly"; else bad "SIGTERM (exit $rc, $(( (t1 - t0) / 1000000 )) ms)"; fi
    expect_fail "missing pack" 1 "nope.pack: no such content pack" "$KIOSK" --headless --pack "$W/nope.pack" --data "$W/data" --script /dev/null
    head -c 4096 /dev/urandom > "$W/random.pack"
    expect_fail "random bytes as pack" 1 "random.pack" "$KIOSK" --headless --pack "$W/random.pack" --data "$W/data" --script /dev/null
    cp "$PACK" "$W/damaged.pack"
    printf 'garbage-garbage-garbage' | dd of="$W/damaged.pack" bs=1 seek=8192 conv=notrunc status=none
    expect_fail "damaged pack" 1 "damaged.pack.*(damaged|not a|malformed)" "$KIOSK" --headless --pack "$W/damaged.pack" --data "$W/data" --script /dev/null
    # a copy cut short (an interrupted copy to a USB stick): damaged, not a stranger's schema
    head -c $(($(stat -c %s "$PACK") / 2)) "$PACK" > "$W/truncated.pack"
    expect_fail "truncated pack" 1 "truncated.pack: damaged or not a content pack: " "$KIOSK" --headless --pack "$W/truncated.pack" --data "$W/data" --script /dev/null
    mkdir -p "$W/ro" && chmod 500 "$W/ro"
    # an unwritable data directory: content still shows, the feedback tile says it is unavailable
    local ro=$W/ro/sub
    [ "$(id -u)" = 0 ] && ro=$W/random.pack/sub # root writes anywhere: a path under a regular file
    printf 'tap 10 10\nexpect "Feedback is not available on this kiosk now."\n' > "$W/ro.txt"
    expect_fail "unwritable data directory: content shown, feedback unavailable" 0 "data directory.*feedback is unavailable" "$KIOSK" --headless --lang en --data "$ro" --pack "$PACK" --script "$W/ro.txt"
    mkdir -p "$W/nofonts/assets/fonts"
    expect_fail "missing font" 1 "NotoSans-Regular.ttf: missing font" env SVEIKI_HOME="$W/nofonts" "$KIOSK" --headless --pack "$PACK" --data "$W/data" --script /dev/null
    printf 'tap 1 1\ntap one two\n' > "$W/bad.txt"
    expect_fail "malformed script line" 2 "line 2: malformed .tap." run_kiosk --script "$W/bad.txt"
    printf 'frobnicate\n' > "$W/bad2.txt"
    expect_fail "unknown script command" 2 "line 1: unknown command" run_kiosk --script "$W/bad2.txt"
    printf 'expect "No such label"\n' > "$W/exp.txt"
    expect_fail "failed expect exits 1" 1 "expected \"No such label\"" run_kiosk --script "$W/exp.txt"
    expect_fail "unknown language" 2 "no such language" run_kiosk --lang xx --script /dev/null
    expect_fail "headless without script" 2 "give it --script" "$KIOSK" --headless
    # with a screen but no pack it can show, the kiosk stays up with a screen for staff
    out=$(env -u SDL_VIDEODRIVER xvfb-run -a timeout 3 "$B/sveiki" --pack "$W/nope.pack" --data "$W/data" 2>&1); rc=$?
    if [ $rc = 124 ] && grep -q 'nope.pack: no such content pack' <<<"$out"; then ok "no pack: the kiosk stays up with a screen for staff"; else bad "no pack, windowed (exit $rc)" "$out"; fi
    out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$B/sveiki" --pack "$PACK" --data "$W/data" 2>&1); rc=$?
    if [ $rc = 1 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -q 'xvfb-run' <<<"$out"; then ok "no display: one line naming xvfb-run"; else bad "no display message" "$out"; fi
}
group bad-input bad_input

# hostile packs: valid SQLite, wrong inside; the kiosk refuses them or shows what it can
hostile() { # hostile NAME SQL WANT_RC PATTERN
    cp "$PACK" "$W/h-$1.pack"
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()" "$W/h-$1.pack" "$2"
    printf 'dump -\nkey pagedown\nkey escape\nkey escape\ndump -\n' > "$W/h.txt"
    expect_fail "hostile pack: $1" "$3" "$4" "$KIOSK" --headless --pack "$W/h-$1.pack" --data "$W/data" --lang en --page transport --script "$W/h.txt"
}
group hostile-other-format hostile other-format "UPDATE meta SET value='2' WHERE key='format'" 1 "format is not 1"
group hostile-bad-language-code hostile bad-language-code "UPDATE languages SET code='x'' OR 1' WHERE code='ti'" 1 "invalid language code"
group hostile-no-languages hostile no-languages "DELETE FROM languages" 1 "declares no languages"
group hostile-no-pages hostile no-pages "DELETE FROM pages" 1 "has no pages"
group hostile-no-categories hostile no-categories "DELETE FROM categories" 1 "has no categories"
group hostile-no-blocks-table hostile no-blocks-table "DROP TABLE blocks" 1 'not a Sveiki content pack: table "blocks" of format 1 is missing'
group hostile-no-texts-table hostile no-texts-table "DROP TABLE texts" 1 'not a Sveiki content pack: table "texts" of format 1 is missing'
group hostile-extra-table hostile extra-table "CREATE TABLE extra(x)" 1 'not a Sveiki content pack: table "extra" is not part of format 1'
group hostile-trigger hostile trigger "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END" 1 'not a Sveiki content pack: trigger "t" is not part'
group hostile-generated-column hostile generated-column "ALTER TABLE pages ADD COLUMN g GENERATED ALWAYS AS (title || title) VIRTUAL" 1 'not a Sveiki content pack: table "pages" differs from format 1'
group hostile-no-search-index hostile no-search-index "DROP TABLE search_en" 0 '"screen":"page"'
group hostile-null-language-name hostile null-language-name "UPDATE languages SET name=NULL" 0 '"screen":"page"'
group hostile-null-page-status hostile null-page-status "UPDATE pages SET status=NULL" 0 '"screen":"page"'
group hostile-null-block-text hostile null-block-text "UPDATE blocks SET text=NULL, kind=NULL" 0 '"screen":"page"'
group hostile-null-category-id hostile null-category-id "UPDATE categories SET id=NULL" 0 '"screen":"page"'
group hostile-endless-view hostile endless-view "DROP TABLE languages; CREATE VIEW languages AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT 'en' AS code, x AS ord, 'English' AS name, 0 AS rtl FROM r" 1 'not a Sveiki content pack: view "languages" is not part'
group hostile-huge-bold-spans hostile huge-bold-spans "UPDATE blocks SET bold='999999-5 -3-7 x'" 0 '"screen":"page"'
# broken UTF-8 and U+FFFF in a pack's text: shown as U+FFFD, never a crash, every dump valid JSON
hostile_text() {
    local out rc
    cp "$PACK" "$W/h-bad-text.pack"
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE blocks SET text=CAST(X'41FF42EFBFBF43' AS TEXT)\"); c.execute(\"UPDATE strings SET msgstr=CAST(X'C3' AS TEXT)\"); c.execute(\"UPDATE strings SET msgstr=CAST(X'41EFBFBF' AS TEXT) WHERE msgid IN ('Back', 'Touch the screen to start')\"); c.commit()" "$W/h-bad-text.pack"
    out=$(printf 'dump -\nkey escape\ntap 10 10\ndump -\n' | "$KIOSK" --headless --pack "$W/h-bad-text.pack" --data "$W/data" --lang en --page transport --script - 2>&1); rc=$?
    if [ $rc = 0 ] && ! grep -q 'Sanitizer\|runtime error' <<<"$out" &&
        python3 -c 'import json,sys; d=[json.loads(l) for l in sys.stdin if l.startswith("{")]; assert any(w["label"]=="A\ufffdB\ufffdC" for w in d[0]["widgets"])' <<<"$out"; then
        ok "hostile pack: broken UTF-8 and U+FFFF in text shown as U+FFFD, dumps valid JSON"; else bad "hostile pack: bad text (exit $rc)" "$out"; fi
}
group hostile-bad-text hostile_text

# ---- the report: a central database made with sqlite3 (English and Arabic answers, three
# Tigrinya ones, hostile ids, typed text), the files checked, and the page in a browser --------
report_files() {
    local db=$W/central.db o=$W/out out py
    if ! out=$(python3 tests/bench/report_db.py "$db" fixture 2>&1); then bad "report: making a central database" "$out"; return; fi
    check "report: runs on a central database" "$CTL" report "$db" --out "$o"
    check "report: index.html self-contained, ids escaped, no typed text, the rule in the footer" python3 - "$o" <<'PY'
import sys
h = open(sys.argv[1] + "/index.html", encoding="utf-8").read()
for bad in ("<script", "</svg><script", "http:", "https:", "src=", "url(", "@import", "<link", "<img",
            "We need more", "HYPERLINK", "نحتاج", "شكرا"):
    assert bad not in h, bad
for good in ("&lt;script&gt;alert(&#39;page&#39;)&lt;/script&gt;", "kiosk&lt;/svg&gt;&lt;script&gt;alert(2)",
             '<td dir="auto">', 'id="rule"', "A count from 1 to 4 shows as <b>&lt;5</b>", "Tigrinya"):
    assert good in h, good
PY
    check "report: every table a CSV file: RFC 4180, UTF-8 without a BOM, no count from 1 to 4 shown" python3 - "$o" <<'PY'
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
    h = sum(v == "<5" for v in line)
    assert h != 1, line
PY
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
    check "report: Arabic titles in dir=auto cells; typed text in free-text.csv only, quoted and whole" python3 - "$o" <<'PY'
import csv, sys
h = open(sys.argv[1] + "/index.html", encoding="utf-8").read()
assert '<td dir="auto">الدعم لمرة واحدة بعد الحصول على الصفة</td>' in h
assert "نحتاج" not in h and "We need more" not in h
rows = list(csv.reader(open(sys.argv[1] + "/free-text.csv", encoding="utf-8", newline=""), strict=True))
assert rows[0] == ["survey", "question", "language", "week_starting", "text"], rows[0]
texts = {r[4] for r in rows[1:]}
assert 'نحتاج معلومات، "واضحة"\nعن الحافلة' in texts, texts
assert 'We need more, "clear" information\r\nabout the bus' in texts, texts
assert "'=HYPERLINK(\"http://x\")" in texts, texts  # a formula stays text in a spreadsheet
assert "prefer-not" not in texts
PY
    out=$("$CTL" report "$db" --out "$o" 2>&1)
    if [ ! -e "$o/free-text.csv" ] && grep -q "removed the free-text.csv" <<<"$out"; then
        ok "report: a later run without --free-text removes free-text.csv"; else bad "report: free-text.csv left behind" "$out"; fi
    # dates: one week only
    "$CTL" report "$db" --out "$W/week" --from 2022-10-10 --to 2022-10-16 2>/dev/null
    check "report: --from/--to keep one week" python3 -c 'import csv, sys
w = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
assert [r[0] for r in w[1:]] == ["2022-10-10", "total"] and w[-1][-1] == "56", w' "$W/week/responses-by-week.csv"
    "$CTL" report "$db" --out "$W/k1" --k 1 2>/dev/null
    check "report: --k 1 shows every count" sh -c '! grep -q "<1" "$1"/*.csv && grep -q "^ti,Tigrinya,,3," "$1/responses-by-language.csv"' sh "$W/k1"
    # through the real pipeline: a survey answered on two kiosks (English, Arabic), exported,
    # merged (sveikictl merge), reported
    local l
    for l in en ar; do
        (cd "$W" && "$KIOSK" --headless --pack "$FIXTURE" --data "$W/kiosk-$l" --lang $l --size 800x480 --script "$ROOT/tests/scenarios/survey-$l.txt" >/dev/null 2>&1)
        "$CTL_PLAIN" export --data "$W/kiosk-$l" --to "$W/stick" --plain >/dev/null 2>&1
    done
    "$CTL_PLAIN" merge --into "$W/merged.db" "$W/stick" >/dev/null 2>&1
    out=$("$CTL" report "$W/merged.db" --out "$W/merged" --pack "$FIXTURE" 2>&1)
    if grep -q "9 files from 8 answers (2 responses)" <<<"$out" && ! grep -q "7:30" "$W/merged/index.html" &&
        grep -q "^needs,help,.*,4,Very happy,<5," "$W/merged/questions.csv"; then
        ok "report: on a database made by sveikictl merge from two kiosks' exports"; else bad "report: after merge" "$out"; fi
    expect_fail "report: missing database" 1 "nope.db: cannot open" "$CTL" report "$W/nope.db" --out "$W/x"
    expect_fail "report: a bad date" 2 "--from 2022-13-01: expected a date" "$CTL" report "$db" --out "$W/x" --from 2022-13-01
    expect_fail "report: a pack that is not one" 1 "central.db: not a Sveiki content pack" "$CTL" report "$db" --out "$W/x" --pack "$db"
}
group report report_files

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
        out=$(FONTCONFIG_FILE=$W/fonts.conf timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
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
    FONTCONFIG_FILE=$W/fonts.conf timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$W/profile-pdf" \
        --no-pdf-header-footer --print-to-pdf="$pdf" "file://$W/ar/index.html" >/dev/null 2>&1
    check "report: the page prints (PDF)" sh -c 'head -c 5 "$1" | grep -q "%PDF-" && [ "$(stat -c %s "$1")" -gt 20000 ]' sh "$pdf"
}
group report-browser report_browser

# ---- the pack builder -------------------------------------------------------------------
builder_demo() {
    local out
    check "demo: sources check clean" "$CTL" pack check "$DEMO_SRC"
    # the same sources give the same bytes: here from another path, with other file times,
    # created in another order, in another time zone and locale; and no value in the pack is
    # the time of the build (so a second build later would match too, without waiting)
    "$CTL" pack build "$DEMO_SRC" -o "$W/a.pack" 2>/dev/null
    mkdir -p "$W/copy"
    (cd "$DEMO_SRC" && find . -type d) | while read -r d; do mkdir -p "$W/copy/$d"; done
    (cd "$DEMO_SRC" && find . -type f | sort -r) | while read -r f; do cp "$DEMO_SRC/$f" "$W/copy/$f"; done
    find "$W/copy" -exec touch -d '2001-02-03 04:05:06' {} +
    (cd "$W" && TZ=Pacific/Kiritimati LC_ALL=C "$CTL" pack build copy -o "$W/b.pack" 2>/dev/null)
    check "demo: pack build is reproducible (other path, file times, order, time zone)" cmp "$W/a.pack" "$W/b.pack"
    check "demo: the pack holds no time of its build" python3 - "$W/a.pack" <<'PY'
import sqlite3, sys, time
now = time.time()
marks = [time.strftime(f, time.gmtime(now)) for f in ("%Y-%m-%d", "%Y%m%d", "%d.%m.%Y")]
marks.append(str(int(now))[:6])
db = sqlite3.connect(sys.argv[1])
found = []
for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'"):
    for row in db.execute('SELECT * FROM "%s"' % table.replace('"', '""')):
        for v in row:
            if isinstance(v, (int, float)) and abs(v - now) < 3 * 86400 or \
               isinstance(v, (int, float)) and abs(v / 1000 - now) < 3 * 86400 or \
               isinstance(v, str) and any(m in v for m in marks):
                found.append("%s: %r" % (table, v))
if found:
    sys.exit("values that look like the build time: " + "; ".join(found[:5]))
PY
    out=$("$CTL" pack info "$W/a.pack" 2>&1)
    if grep -q '^languages: lv en ru uk ar fa ku ti$' <<<"$out" && grep -qE '^pages: [0-9]{2}' <<<"$out" && grep -q '^version: ' <<<"$out"; then
        ok "demo: pack info"; else bad "demo: pack info" "$out"; fi
}
group builder-demo builder_demo

# an empty page folder is a warning, not a crash
empty_folder() {
    rm -rf "$W/src" && cp -r "$FIX_SRC" "$W/src" && mkdir "$W/src/pages/empty-page"
    expect_fail "pack check: an empty page folder is a warning" 0 "empty-page: no page in the reference language" "$CTL" pack check "$W/src"
}
group empty-folder empty_folder

# each defect in a copy of the fixture sources must fail the build, name the place, leave no
# output; the edit must have changed the copy (else the defect was never made)
defect() { # defect NAME PATTERN SHELL-EDIT
    local name=$1 pat=$2 src=$W/src-$1
    rm -rf "$src" && cp -r "$FIX_SRC" "$src"
    (cd "$src" && eval "$3")
    if diff -r "$FIX_SRC" "$src" >/dev/null; then bad "defect $name: the edit changed nothing"; return; fi
    rm -f "$W/defect.pack"
    expect_fail "pack build rejects $name" 1 "$pat" "$CTL" pack build "$src" -o "$W/defect.pack"
    if [ -e "$W/defect.pack" ] || ls "$W"/defect.pack.tmp* >/dev/null 2>&1; then bad "no output left for $name"; fi
}
group defect-invalid-utf8 defect invalid-utf8 'pages/transport/en.md:[0-9]+:[0-9]+: invalid UTF-8' "printf 'bad \\xff\\xfe\\n' >> pages/transport/en.md"
group defect-long-word defect long-word 'pages/transport/ar.md:[0-9]+: "[^"]*" is longer than a line of the smallest screen' "printf '\\nكلمة%0300d نهاية\\n' 0 >> pages/transport/ar.md"
group defect-bad-version defect bad-version 'manifest.txt:[0-9]+: version "v2" must be numbers' "sed -i 's/^version: .*/version: v2/' manifest.txt"
group defect-no-header defect no-header 'pages/transport/lv.md:1: a page starts with a header' "sed -i '1d' pages/transport/lv.md"
group defect-no-title defect no-title 'pages/transport/ar.md: the header has no title' "sed -i '/^title:/d' pages/transport/ar.md"
group defect-unknown-category defect unknown-category 'lists page "no-such-page"' "sed -i 's/^pages: one-off-support bank-account$/pages: no-such-page one-off-support bank-account/' manifest.txt"
group defect-unknown-icon defect unknown-icon 'manifest.txt:[0-9]+: unknown pictogram "no_such_icon"' "sed -i '0,/^icon: .*/s//icon: no_such_icon/' manifest.txt"
group defect-duplicate-page defect duplicate-page 'lists page "transport" twice' "sed -i 's/^pages: bank-account transport$/pages: bank-account transport transport/' manifest.txt"
group defect-undeclared-language defect undeclared-language 'pages/transport/de.md: language "de" is not declared' "cp pages/transport/en.md pages/transport/de.md"
group defect-empty-file defect empty-file 'pages/emergency-112/ti.md:1: the file is empty' ": > pages/emergency-112/ti.md"
group defect-binary-file defect binary-file 'pages/transport/ar.md:[0-9]+: a NUL byte' "printf 'x\\000y' >> pages/transport/ar.md"
group defect-huge-file defect huge-file 'pages/transport/lv.md: [0-9]+ bytes is over' "head -c 600000 /dev/zero | tr '\\\\0' a >> pages/transport/lv.md"
group defect-bad-status defect bad-status 'status: must be reviewed or machine' "sed -i 's/^status: machine/status: perfect/' pages/transport/ar.md"
group defect-header-cr-only defect header-cr-only 'pages/transport/en.md:1: the header is not closed' "printf -- '---\\r' > pages/transport/en.md"
group defect-long-item defect long-item 'over 400 bytes' "printf '@link https://example.org/%0500d\\n' 0 >> pages/transport/en.md"
group defect-bad-date defect bad-date 'checked: must be a date' "sed -i 's/^checked: .*/checked: 2022-9-30/' pages/transport/lv.md"
group defect-unknown-help-category defect unknown-help-category 'manifest.txt:[0-9]+: help: nosuch is not a .category.' "sed -i 's/^help: help/help: nosuch/' manifest.txt"
group defect-unmatched-placeholder defect unmatched-placeholder 'pages/transport/en.md:[0-9]+: an unmatched \{\{ or \}\}' "printf 'Call {{fill in: number\\n' >> pages/transport/en.md"
group defect-symlinked-source defect symlinked-source 'pages/transport/lv.md: a symbolic link' "ln -sf ../bank-account/lv.md pages/transport/lv.md"
group defect-fifo-source defect fifo-source 'pages/transport/lv.md: not a regular file' "rm pages/transport/lv.md && mkfifo pages/transport/lv.md"
group defect-bad-digits defect bad-digits 'manifest.txt:[0-9]+: .digits.fa. must be western \(0-9\), persian' "sed -i 's/^digits.fa: persian$/digits.fa: farsi/' manifest.txt"
group defect-digits-language defect digits-language 'manifest.txt:[0-9]+: .digits.de.: language de is not in' "sed -i 's/^digits.fa: persian$/digits.de: persian/' manifest.txt"
group defect-uncovered-char defect uncovered-char 'U.1F600 is in no bundled font' "printf '\\xf0\\x9f\\x98\\x80\\n' >> pages/transport/en.md"

# =========================================================================================
# the results, in order
wait
total_p=0 total_f=0
for n in $(seq 0 $((ngroups - 1))); do
    id=$(printf '%03d' "$n")
    cat "$OUT/res/$id.out" 2>/dev/null
    if read -r name p f < "$OUT/res/$id.n" 2>/dev/null; then
        total_p=$((total_p + p)) total_f=$((total_f + f))
    else
        total_f=$((total_f + 1))
        echo "FAIL  group $id did not finish"
    fi
done
# every reference is still made by some test
orphans=$(comm -23 <(ls tests/golden | sort) <(find "$OUT/shots" -type f -printf '%f\n' | sort))
if [ -z "$orphans" ]; then total_p=$((total_p + 1)); echo "ok    every reference in tests/golden/ is made by a test"
else total_f=$((total_f + 1)); echo "FAIL  references no test makes any more (remove them?)"; sed 's/^/      /' <<<"$orphans"; fi
echo "$total_p passed, $total_f failed"
[ "$total_f" = 0 ]
