# sync: export batches through sveikictl, merge them into a central database
# needs: build/san/sveiki build/san/sveikictl build/fixture.pack

# ---- sync: export batches through sveikictl, merge them into a central database --------
# A kiosk fills its store through the screens (survey-en), sealing to the test office key;
# `sveikictl export` writes a batch, `merge` opens it with the office key and brings it in
# once, a changed byte is rejected by name, a batch number never merged is named, and the
# central database has the columns central.h promises the report.
sync_answered() { # sync_answered DATA: one survey answered through the screens
    (cd "$W" && "$KIOSK" --headless --pack "$B/fixture.pack" --data "$1" --office-key "$OFFICE_PUB" \
        --lang en --size 800x480 --script "$ROOT/tests/scenarios/survey-en.txt" >/dev/null 2>&1)
}
sync_cli() {
    local D=$W/data S=$W/stick C=$W/central.db out rc f
    sync_answered "$D"
    out=$("$CTL" export --data "$D" --to "$S" 2>&1)
    if grep -qE '^exported 2 submissions in 1 batch \(1 to 1\), sealed, to .*/sveiki/exports/[0-9a-f-]{36}$' <<<"$out" &&
        [ "$(find "$S" -name '*-0000000001.batch' | wc -l)" = 1 ]; then ok "sync: export writes one batch"; else bad "sync: export" "$out"; fi
    expect_fail "sync: export with nothing new writes nothing" 0 '^nothing new to export: no file written$' "$CTL" export --data "$D" --to "$S"
    expect_fail "sync: --plain is gone" 2 'every submission is sealed' "$CTL" export --data "$D" --to "$S" --plain
    expect_fail "sync: merge without the office key rejects a sealed batch" 1 "sealed to the office's key, and no key was given" "$CTL" merge --enrol-new --into "$C" "$S"
    out=$("$CTL" merge --enrol-new --into "$C" "$S" --key "$OFFICE_KEY" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -qx 'added: 4, duplicates: 0, rejected: 0' <<<"$out" &&
        grep -qx 'enrolled: 1 new device (--enrol-new)' <<<"$out"; then
        ok "sync: merge adds a kiosk's answers, and says it enrolled 1 new device"
    else bad "sync: merge adds a kiosk's answers (exit $rc)" "$out"; fi
    expect_fail "sync: merging again adds nothing" 0 '^added: 0, duplicates: 4, rejected: 0$' "$CTL" merge --enrol-new --into "$C" "$S" --key "$OFFICE_KEY"
    f=$(find "$S" -name '*.batch')
    mkdir -p "$W/bad"
    python3 -c 'import sys; b=bytearray(open(sys.argv[1],"rb").read()); b[len(b)//2]^=1; open(sys.argv[2],"wb").write(b)' "$f" "$W/bad/changed.batch"
    head -c 300 "$f" > "$W/bad/cut.batch"
    out=$("$CTL" merge --enrol-new --into "$C" "$W/bad" "$S" --key "$OFFICE_KEY" 2>&1); rc=$?
    if [ $rc = 1 ] && grep -q "^rejected: $W/bad/changed.batch: the payload's SHA-256 does not match" <<<"$out" &&
        grep -q "^rejected: $W/bad/cut.batch: " <<<"$out" && grep -q '^added: 0, duplicates: 4, rejected: 2$' <<<"$out"; then
        ok "sync: a changed and a cut batch are rejected by name, exit 1"; else bad "sync: bad batches (exit $rc)" "$out"; fi
    expect_fail "sync: a kiosk's feedback.db is not a central database" 1 'not a central database' "$CTL" merge --enrol-new --into "$D/feedback.db" "$S"
    expect_fail "sync: merge without a batch is a usage error" 2 'merge what' "$CTL" merge --enrol-new --into "$C"
    expect_fail "sync: export from a folder without a store" 1 'holds no feedback store' "$CTL" export --data "$W/nothing" --to "$S"
    # the schema the report reads
    check "sync: the central database has the columns central.h promises" python3 "$LIB/central_schema.py" "$C"
    # batches numbered 1, 2, 3 by the kiosk: one never brought is named on a gap: line
    sync_answered "$D"; "$CTL" export --data "$D" --to "$W/lost" >/dev/null 2>&1
    sync_answered "$D"; "$CTL" export --data "$D" --to "$W/later" >/dev/null 2>&1
    out=$("$CTL" merge --enrol-new --into "$C" "$W/later" --key "$OFFICE_KEY" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -qE '^gap: device [0-9a-f-]{36}: batch 2 never merged \(1 missing below number 3' <<<"$out"; then
        ok "sync: a batch number never merged is named"; else bad "sync: gap (exit $rc)" "$out"; fi
    out=$("$CTL" merge --enrol-new --into "$C" "$W/lost" --key "$OFFICE_KEY" 2>&1)
    if ! grep -q '^gap:' <<<"$out" && grep -q '^added: 4,' <<<"$out"; then ok "sync: no gap once it is merged"; else bad "sync: gap closed" "$out"; fi
}
job sync-cli sync_cli

# ---- the office's routine: enrol, merge with receipts and --remove-merged, purge, delete --
office_cli() {
    local D=$W/data S=$W/stick C=$W/central.db out rc sub
    sync_answered "$D"
    "$CTL" export --data "$D" --to "$S" >/dev/null 2>&1
    out=$("$CTL" merge --into "$C" "$S" --key "$OFFICE_KEY" 2>&1); rc=$?
    if [ $rc = 1 ] && grep -q '^rejected: .*: device [0-9a-f-]\{36\} (public key .*) is not enrolled at this office: refused; enrol it with sveikictl enrol' <<<"$out" &&
        grep -q '^added: 0, duplicates: 0, rejected: 1$' <<<"$out" && grep -q '^unknown: 1 ' <<<"$out"; then
        ok "office: a batch from a kiosk not enrolled is rejected with the reason"; else bad "office: unknown device (exit $rc)" "$out"; fi
    expect_fail "office: enrol by the kiosk's device.pub" 0 '^enrolled: .*device.pub as "Front desk"' "$CTL" enrol "$D/device.pub" --name "Front desk" --into "$C"
    expect_fail "office: enrol needs a name" 2 'give --name NAME' "$CTL" enrol "$D/device.pub" --into "$C"
    (cd "$W" && "$CTL" keygen receipts >/dev/null 2>&1)
    out=$("$CTL" merge --into "$C" "$S" --key "$OFFICE_KEY" --receipt-key "$W/receipts.key" --remove-merged 2>&1); rc=$?
    if [ $rc = 0 ] && grep -q '^added: 4, duplicates: 0, rejected: 0$' <<<"$out" && grep -q "^receipt: $S/sveiki/receipts/[0-9a-f-]\{36\}.receipt$" <<<"$out" &&
        grep -q '^removed: 1 merged batch files$' <<<"$out" && [ -z "$(find "$S" -name '*.batch')" ] &&
        [ "$(head -1 "$S"/sveiki/receipts/*.receipt)" = sveiki-receipt ]; then
        ok "office: merged once enrolled, a receipt written, the batch file removed"; else bad "office: merge with receipts (exit $rc)" "$out"; fi
    expect_fail "office: purge without a retention setting" 1 'no retention is set' "$CTL" purge --into "$C"
    expect_fail "office: purge --days stores the setting" 0 '^purged: 0 answers 30 days old or older \(retention: 30 days\)$' "$CTL" purge --into "$C" --days 30
    expect_fail "office: purge --days 0 is refused" 2 'from 1 to 36500' "$CTL" purge --into "$C" --days 0
    sub=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select submission from answers order by submission limit 1").fetchone()[0])' "$C")
    expect_fail "office: delete needs a reason" 2 'give --reason TEXT' "$CTL" delete "$sub" --into "$C"
    expect_fail "office: delete one submission" 0 "^deleted: submission $sub, [0-9]+ answers? " "$CTL" delete "$sub" --reason "asked at the desk" --into "$C"
    check "office: the audit row, and none of its answers left" python3 -c 'import sqlite3,sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("select count(*) from answers where submission=?", (sys.argv[2],)).fetchone()[0] == 0
r = c.execute("select submission, reason, answers > 0, at > 1700000000 from deletions").fetchall()
assert r == [(sys.argv[2], "asked at the desk", 1, 1)], r
assert c.execute("select value from settings where key = ?", ("retention_days",)).fetchone()[0] == "30"' "$C" "$sub"
    expect_fail "office: deleting it again finds nothing" 1 'nothing deleted' "$CTL" delete "$sub" --reason "again" --into "$C"
}
job office-cli office_cli

# Names are anyone's choice: a file or folder named with a terminal escape, a line break that
# forges a line, C1 controls and bidi overrides, given to every command (as a path, or found in
# a folder merge searches). Whatever each command says, nothing in it is a control character
# but its own line ends, and no line is the forged one.
sync_hostile_names() {
    local D=$W/data S=$W/stick C=$W/central.db out evil f
    evil=$'\e[2J\e[H\nALL GOOD\n\u202e\xc2\x9b\u2066\x7f\xff'
    sync_answered "$D"
    "$CTL" export --data "$D" --to "$S" >/dev/null 2>&1
    f=$(find "$S" -name '*.batch' | head -1)
    mkdir -p "$W/in/$evil" "$W/out"
    "$CTL" merge --enrol-new --into "$C" "$S" --key "$OFFICE_KEY" >/dev/null 2>&1 # the database, for report
    cp "$f" "$W/in/$evil/$evil.batch"
    head -c 200 "$f" > "$W/in/$evil/cut$evil.batch"
    cp "$f" "$W/in/good.batch"
    : > "$W/$evil.key"
    run_case() { # run_case NAME COMMAND...: the command's whole output is clean
        local name=$1; shift
        "$@" >"$W/said" 2>&1
        if python3 "$LIB/clean_output.py" "$name" <"$W/said" >"$W/why" 2>&1; then ok "sync: hostile names: $name"
        else bad "sync: hostile names: $name" "$(cat "$W/why")"; fi
    }
    run_case "merge, files found in a folder" "$CTL" merge --enrol-new --into "$C" "$W/in"
    run_case "merge, a path given" "$CTL" merge --enrol-new --into "$C" "$W/in/$evil/cut$evil.batch" "$W/$evil"
    run_case "merge, the central database" "$CTL" merge --enrol-new --into "$W/$evil/c.db" "$W/in/good.batch"
    run_case "merge, the key" "$CTL" merge --enrol-new --into "$C" "$W/in/good.batch" --key "$W/$evil.key"
    run_case "export, the data folder" "$CTL" export --data "$W/$evil" --to "$S"
    run_case "export, the target" "$CTL" export --data "$D" --to "$W/in/good.batch/$evil"
    run_case "export, the sealing key" "$CTL" export --data "$D" --to "$S" --seal "$W/$evil.key"
    run_case "report, the database" "$CTL" report "$W/$evil.db" --out "$W/out"
    run_case "report, the folder" "$CTL" report "$C" --out "$W/in/good.batch/$evil"
    run_case "pack info" "$CTL" pack info "$W/$evil.pack"
    run_case "pack verify" "$CTL" pack verify "$W/in/good.batch" --pub "$W/$evil.key"
    run_case "pack check" "$CTL" pack check "$W/$evil"
    run_case "pack build" "$CTL" pack build "$W/$evil" -o "$W/out/$evil.pack"
    run_case "keygen" "$CTL" keygen "$W/$evil/k"
    run_case "an unknown option" "$CTL" merge --enrol-new --into "$C" "--$evil"
    out=$("$CTL" merge --enrol-new --into "$C" "$W/in" 2>&1)
    if grep -q '^rejected: .*\\x1B\[2J\\x1B\[H\\x0AALL GOOD\\x0A\\u{202E}\\u{009B}\\u{2066}\\x7F\\xFF' <<<"$out"; then
        ok "sync: hostile names: a rejected file is named, escaped"; else bad "sync: hostile names: the rejected file's name" "$out"; fi
}
job sync-hostile-names sync_hostile_names

# A folder nested deeper than merge searches is named on a "skipped:" line with why; the good
# batches beside it, before and after it by name, are merged all the same; exit 1.
sync_deep_folder() {
    local D=$W/data S=$W/stick C=$W/central.db out rc f p
    sync_answered "$D"
    "$CTL" export --data "$D" --to "$S" >/dev/null 2>&1
    f=$(find "$S" -name '*.batch' | head -1)
    p=$W/in/m
    for _ in $(seq 40); do p=$p/d; done
    mkdir -p "$p" "$W/in/zz"
    cp "$f" "$p/deep.batch"
    cp "$f" "$W/in/zz/good.batch"
    out=$("$CTL" merge --enrol-new --into "$C" "$W/in" --key "$OFFICE_KEY" 2>&1); rc=$?
    if [ $rc = 1 ] && grep -q "^skipped: $W/in/m/d/.*: folders nested over 32 deep" <<<"$out" &&
        grep -q '^added: 4, duplicates: 0, rejected: 0, skipped: 1$' <<<"$out"; then
        ok "sync: a folder too deep is named, the batches beside it merged, exit 1"
    else bad "sync: a folder too deep (exit $rc)" "$out"; fi
}
job sync-deep-folder sync_deep_folder

sync_sealed() {
    local D=$W/data S=$W/stick C=$W/central.db out
    out=$(cd "$W" && "$CTL" keygen --seal op 2>&1)
    if grep -q 'wrote the office sealing key pair: op.key' <<<"$out" && [ "$(stat -c %a "$W/op.key")" = 600 ]; then ok "sync: keygen --seal"; else bad "sync: keygen --seal" "$out"; fi
    expect_fail "sync: keygen --seal keeps an existing key" 1 'exists; not overwriting' sh -c "cd '$W' && '$CTL' keygen --seal op"
    (cd "$W" && "$CTL" keygen sig >/dev/null)
    # the kiosk seals to DATA/operator.pub: its store and the batch show no answer
    mkdir -p "$D" && cp "$W/op.pub" "$D/operator.pub"
    (cd "$W" && "$KIOSK" --headless --pack "$B/fixture.pack" --data "$D" --lang en --size 800x480 \
        --script "$ROOT/tests/scenarios/survey-en.txt" >/dev/null 2>&1)
    expect_fail "sync: a signing key given to seal with is refused, nothing written" 1 'holds a signing public key' "$CTL" export --data "$D" --to "$S" --seal "$W/sig.pub"
    expect_fail "sync: the batch is sealed" 0 '^exported 2 submissions .* sealed, to' "$CTL" export --data "$D" --to "$S"
    if grep -rq "Riga" "$S" "$D"; then bad "sync: no answer readable in the store or the batch"; else ok "sync: no answer readable in the store or the batch"; fi
    expect_fail "sync: a sealed batch without the office key is rejected" 1 "sealed to the office's key, and no key was given" "$CTL" merge --enrol-new --into "$C" "$S"
    expect_fail "sync: a sealing key file of the wrong kind" 1 'not an office sealing secret key: it holds a signing secret key' "$CTL" merge --enrol-new --into "$C" "$S" --key "$W/sig.key"
    expect_fail "sync: another office's key opens nothing" 1 'does not open with this office key' "$CTL" merge --enrol-new --into "$C" "$S" --key "$OFFICE_KEY"
    expect_fail "sync: a sealed batch with the office key" 0 '^added: 4, duplicates: 0, rejected: 0$' "$CTL" merge --enrol-new --into "$C" "$S" --key "$OFFICE_KEY" --key "$W/op.key"
    # a progress bar on a terminal, and none when standard error is not one
    out=$("$CTL" merge --enrol-new --into "$C" "$S" --key "$W/op.key" 2>&1 >/dev/null)
    if [ -z "$out" ]; then ok "sync: no progress bar off a terminal"; else bad "sync: progress bar off a terminal" "$out"; fi
    cp -r "$S" "$W/stick2"
    out=$(python3 - "$CTL" "$C" "$S" "$W/stick2" "$W/op.key" <<'PY'
import os, pty, sys, subprocess
ctl, c, s1, s2, key = sys.argv[1:6]
m, sl = pty.openpty()
p = subprocess.run([ctl, "merge", "--enrol-new", "--into", c, s1, s2, "--key", key], stdout=subprocess.PIPE, stderr=sl)
os.close(sl)
err = os.read(m, 4096).decode()
print(p.stdout.decode().strip(), "|", repr(err))
PY
)
    if grep -q 'added: 0, duplicates: 8, rejected: 0 |.*2/2 batches' <<<"$out"; then ok "sync: a progress bar on a terminal"; else bad "sync: progress bar" "$out"; fi
}
job sync-sealed sync_sealed
