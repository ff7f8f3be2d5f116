# operator: sveikictl and the kiosk explain themselves (a mistake is one line that names it,
# then at most where to read more; every command has --help; key files of the wrong kind are
# named as such), `sveikictl status`, the kiosk's log (levels, nothing typed, no id) and the
# sync folder a file-sync engine carries while the kiosk runs
# needs: build/san/sveiki build/sveikictl build/san/sveikictl build/fixture.pack

# mistake CODE FIRST_LINE COMMAND...: exits CODE, its first line of output is exactly
# FIRST_LINE, and there is at most one more: the hint "see sveikictl ... --help" (never the
# whole usage)
mistake() {
    local want=$1 first=$2; shift 2
    local out rc lines
    out=$("$@" 2>&1); rc=$?
    mapfile -t lines <<<"$out"
    if [ "$rc" = "$want" ] && [ "${lines[0]}" = "$first" ] && [ ${#lines[@]} -le 2 ] &&
        { [ ${#lines[@]} = 1 ] || [[ ${lines[1]} =~ ^see\ (sveikictl|sveiki)\ .*--help$ ]]; }; then
        ok "says what was wrong: ${*:2}"
    else
        bad "says what was wrong: ${*:2} (exit $rc, wanted $want and the line: $first)" "$out"
    fi
}

operator_mistakes() {
    local C=$CTL
    mistake 2 'sveikictl: unknown option --bogus: a command comes first' "$C" --bogus
    mistake 2 'sveikictl: no command "frob": the commands are keygen, status, export, merge, enrol, purge, delete, setup-stick, pin-hash, pack build|check|stamp|verify|info and report' "$C" frob
    mistake 2 'sveikictl pack: which one? build, check, stamp, verify or info' "$C" pack
    mistake 2 'sveikictl: no command "pack frob": the commands are keygen, status, export, merge, enrol, purge, delete, setup-stick, pin-hash, pack build|check|stamp|verify|info and report' "$C" pack frob
    mistake 2 'sveikictl pack build: where to? give -o OUT.pack' "$C" pack build "$FIX_SRC"
    mistake 2 'sveikictl pack build: which content folder? name it (a folder with manifest.txt)' "$C" pack build -o "$W/x.pack"
    mistake 2 'sveikictl pack build: -o needs a value' "$C" pack build "$FIX_SRC" -o
    mistake 2 'sveikictl pack build: unknown option --bogus' "$C" pack build "$FIX_SRC" --bogus
    mistake 2 'sveikictl pack build: one content folder only: b is one too many' "$C" pack build a b -o "$W/x.pack"
    mistake 2 'sveikictl pack check: unknown option --key' "$C" pack check "$FIX_SRC" --key k.key
    mistake 2 'sveikictl pack verify: against which key? give --pub SIGNING.pub (the content signing public key)' "$C" pack verify "$PACK"
    mistake 2 'sveikictl pack verify: which pack? name the .pack file' "$C" pack verify --pub k.pub
    mistake 2 'sveikictl pack info: which pack? name the .pack file' "$C" pack info
    mistake 2 'sveikictl pack info: one pack only: b is one too many' "$C" pack info a b
    mistake 2 'sveikictl pack stamp: which content folder? name it (SRC)' "$C" pack stamp
    mistake 2 'sveikictl pack stamp: unknown option --bogus' "$C" pack stamp --bogus
    mistake 2 'sveikictl keygen: which NAME? the pair is written as NAME.key and NAME.pub' "$C" keygen --signing
    mistake 2 'sveikictl keygen: one kind of key pair at a time: --signing, --sealing or --receipts' "$C" keygen --signing --sealing x
    mistake 2 'sveikictl keygen: unknown option --sign' "$C" keygen --sign x
    mistake 2 'sveikictl status: which kiosk? name its data folder (its --data; /var/lib/sveiki on an installed kiosk)' "$C" status
    mistake 2 'sveikictl export: from which kiosk? give --data DIR (the kiosk'"'"'s data folder)' "$C" export --to "$W/s"
    mistake 2 'sveikictl export: to where? give --to DIR (a stick, or a folder that is carried to the office)' "$C" export --data "$W/d"
    mistake 2 'sveikictl export: --data needs a value' "$C" export --data
    mistake 2 'sveikictl merge: into which database? give --into CENTRAL.db' "$C" merge "$W/s"
    mistake 2 'sveikictl merge: merge what? name batch files or folders holding them' "$C" merge --into "$W/c.db"
    mistake 2 'sveikictl merge: --key needs a value' "$C" merge --into "$W/c.db" "$W/s" --key
    mistake 2 'sveikictl enrol: what do reports call it? give --name NAME' "$C" enrol d.pub --into "$W/c.db"
    mistake 2 'sveikictl enrol: which central database? give --into CENTRAL.db' "$C" enrol d.pub --name Hall
    mistake 2 'sveikictl delete: why? give --reason TEXT (kept in the audit row)' "$C" delete abc --into "$W/c.db"
    mistake 2 'sveikictl purge: unexpected x' "$C" purge x --into "$W/c.db"
    mistake 2 'sveikictl report: unknown option --bogus' "$C" report "$W/c.db" --out "$W/r" --bogus
    # nothing was made by a mistyped command
    if [ ! -e "$W/c.db" ] && [ ! -e "$W/x.pack" ]; then ok "a mistake makes no file"; else bad "a mistake made a file"; fi
    # the kiosk's own options
    mistake 2 'sveiki: error: unknown option --bogus (see --help)' "$KIOSK" --bogus
    mistake 2 'sveiki: error: --sync-every 0: a number of minutes from 1 to 10080' "$KIOSK" --sync-folder "$W" --sync-every 0
    mistake 2 'sveiki: error: --sync-every needs --sync-folder DIR: the folder to visit' "$KIOSK" --sync-every 5
    mistake 2 'sveiki: error: option --sync-folder needs a value (see --help)' "$KIOSK" --sync-folder
}
job operator-mistakes operator_mistakes

# Every command has its own --help: its usage only, on standard output, exit 0.
operator_help() {
    local cmd out
    for cmd in keygen status export merge enrol purge delete report setup-stick pin-hash "pack build" "pack check" "pack stamp" "pack verify" "pack info"; do
        # shellcheck disable=SC2086
        out=$("$CTL" $cmd --help 2>/dev/null)
        if [ $? = 0 ] && [ "$(head -1 <<<"$out")" = "usage:" ] && grep -q "^  sveikictl $cmd" <<<"$out" &&
            [ "$(grep -c '^  sveikictl ' <<<"$out")" -le 3 ]; then
            ok "sveikictl $cmd --help: its own usage"; else bad "sveikictl $cmd --help" "$out"; fi
    done
    out=$("$CTL" --help)
    if [ "$(grep -c '^  sveikictl ' <<<"$out")" -ge 14 ]; then ok "sveikictl --help: every command"; else bad "sveikictl --help" "$out"; fi
    out=$("$KIOSK" --help)
    if grep -q -- '--sync-folder DIR' <<<"$out" && grep -q -- '--sync-every MINUTES' <<<"$out"; then
        ok "sveiki --help names the sync folder's options"; else bad "sveiki --help" "$out"; fi
}
job operator-help operator_help

# The three key pairs cannot be taken for one another: each keygen says which pair it made
# and where each half goes; a key file of the wrong kind, or not a key file at all, is named
# as what it is, and what to give instead.
operator_keys() {
    local out
    out=$(cd "$W" && "$CTL" keygen --signing content && "$CTL" keygen --sealing office && "$CTL" keygen --receipts receipts)
    if grep -q '^wrote the content signing key pair: content.key .*DATA/trusted.pub' <<<"$out" &&
        grep -q '^wrote the office sealing key pair: office.key .*DATA/operator.pub' <<<"$out" &&
        grep -q '^wrote the office receipts key pair: receipts.key .*DATA/office.pub' <<<"$out"; then
        ok "keygen names the pair it made"; else bad "keygen names the pair" "$out"; fi
    # the older spellings still work
    (cd "$W" && "$CTL" keygen old >/dev/null && "$CTL" keygen --seal oldseal >/dev/null) &&
        grep -q '^sveiki-secret-key-v1$' "$W/old.key" && grep -q '^sveiki-seal-secret-key-v1$' "$W/oldseal.key" &&
        ok "keygen NAME and keygen --seal NAME still work" || bad "the older keygen spellings"
    head -c 23947 /dev/urandom > "$W/big.pub"
    expect_fail "a large file as --trust: not a public key" 1 'big.pub: not a signing public key \(a key file is two short lines, this one is 23947 bytes\): give NAME.pub of sveikictl keygen --signing NAME' \
        "$KIOSK" --headless --trust "$W/big.pub" --pack "$PACK" --data "$W/d1" --script /dev/null
    expect_fail "the sealing key as --trust: named for what it is" 1 'office.pub: not a signing public key: it holds an office sealing public key; give NAME.pub of sveikictl keygen --signing' \
        "$KIOSK" --headless --trust "$W/office.pub" --pack "$PACK" --data "$W/d2" --script /dev/null
    expect_fail "the signing key as --office-key: named for what it is" 0 'content.pub: not an office sealing public key: it holds a signing public key; give NAME.pub of sveikictl keygen --sealing' \
        sh -c "printf 'quit\n' | '$KIOSK' --headless --office-key '$W/content.pub' --pack '$PACK' --data '$W/d3' --script -"
    expect_fail "pack build --key with the sealing key" 1 'office.key: not a signing secret key: it holds an office sealing secret key' \
        "$CTL" pack build "$FIX_SRC" -o "$W/p.pack" --key "$W/office.key"
}
job operator-keys operator_keys

# sveikictl status on a data folder the kiosk wrote, and one that is not a kiosk's
operator_status() {
    local out rc
    out=$("$CTL" status "$W" 2>&1); rc=$?
    if [ $rc = 1 ] && grep -q "is not a kiosk's data folder (no feedback store, no pack): give its --data" <<<"$out"; then
        ok "status: a folder that is not a kiosk's"; else bad "status: not a kiosk's folder (exit $rc)" "$out"; fi
    printf 'wait 10\n' > "$W/s.txt"
    run_kiosk --script "$W/s.txt" 2>/dev/null
    out=$("$CTL" status "$W/data" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -qE '^device: [0-9a-f-]{36}$' <<<"$out" &&
        grep -qx 'pack: none taken yet (the kiosk shows the pack it is started with)' <<<"$out" &&
        grep -qx 'answers waiting for export: 0 submissions' <<<"$out" &&
        grep -qx 'last export: never' <<<"$out" && grep -qx 'last receipt: never' <<<"$out"; then
        ok "status: a new kiosk's data folder"; else bad "status: a new kiosk (exit $rc)" "$out"; fi
}
job operator-status operator_status

# The sync folder, written and read while the kiosk runs, and the whole log of the visit
# (tests/lib/sync_folder.py): each of its checks counts.
operator_sync_folder() {
    local out line
    out=$(python3 "$LIB/sync_folder.py" "$KIOSK" "$CTL_PLAIN" "$W" "$ROOT/$FIX_SRC" \
        "$ROOT/tests/scenarios/survey-en.txt" "$OFFICE_PUB" "$OFFICE_KEY" 2>&1)
    while IFS= read -r line; do
        case $line in
        "ok    "*) ok "${line#ok    }" ;;
        "FAIL  "*) bad "${line#FAIL  }" ;;
        *) [ "$failed" = 0 ] || echo "$line" ;;
        esac
    done <<<"$out"
    grep -q '^ok    sync folder: the log holds no typed text' <<<"$out" || bad "sync folder: the harness ended early" "$out"
}
job operator-sync-folder operator_sync_folder
