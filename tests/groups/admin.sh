# admin: the settings file, first set-up from a stick folder, the admin gesture and PIN (its
# lockout across a restart), kiosk mode (nothing quits but SIGTERM), a second finger, and a
# kiosk without a pack rescued by a stick
# needs: build/sveiki build/san/sveiki build/sveikictl build/fixture.pack build/imgdiff

pin_hash() { "$CTL_PLAIN" pin-hash <<<"$1"; }

# the gesture: a 2 s hold in the top-left corner, then one in the top-right (800x480)
GESTURE='press 10 10
wait 2100
release 10 10
press 790 10
wait 2100
release 790 10'
PIN2468='tap "2"
tap "4"
tap "6"
tap "8"
tap "OK"'

# --check-config names every bad line with its number and exits 1; a kiosk refuses to start
# on a bad file and says which line; a good one is "good"; a key of the file works as its
# option does
config_file() {
    printf 'idle = 9\nfullscreen = maybe\nbogus = 1\nsite = Riga\nsite = Cesis\n' > "$W/bad.conf"
    printf '# a kiosk\n[kiosk]\nidle = 60\nlanguages = "lv en"\nscreen-hours = 07:00-21:00\n' > "$W/good.conf"
    local out rc
    out=$("$KIOSK" --check-config "$W/bad.conf" 2>&1); rc=$?
    if [ $rc = 1 ] && grep -q 'bad.conf:1: idle = 9: a number of seconds from 10 to 86400' <<<"$out" &&
        grep -q 'bad.conf:2: fullscreen = maybe: yes or no' <<<"$out" &&
        grep -q 'bad.conf:3: bogus: no such setting' <<<"$out" &&
        grep -q 'bad.conf:5: site: given a second time (line 4 has it)' <<<"$out" &&
        grep -q '4 bad lines' <<<"$out"; then ok "--check-config names every bad line"; else bad "--check-config (exit $rc)" "$out"; fi
    check "--check-config passes a good file" "$KIOSK" --check-config "$W/good.conf"
    check "the sample settings file (etc/sveiki.conf) is good" "$KIOSK" --check-config etc/sveiki.conf
    expect_fail "a bad settings file stops the start, naming its line" 2 "bad.conf:1: idle = 9" \
        "$KIOSK" --headless --config "$W/bad.conf" --script - </dev/null
    printf 'still = 20\nidle = 3600\n' > "$W/still.conf"
    out=$(printf 'tap 10 10\nwait 60000\nexpect-not "Still there?"\nwait 30000\nexpect "Still there?"\nwait 15000\nexpect "Still there?"\nwait 5000\nexpect-not "Still there?"\n' |
        run_kiosk --lang en --config "$W/still.conf" --idle 90 --script - 2>&1)
    if [ $? = 0 ]; then ok "the file's still = 20 and the command line's --idle 90 over its idle = 3600"; else bad "still from the file" "$out"; fi
    # languages: the pack's offered in the order given, one it lacks (uk) left out
    printf 'languages = fa, uk en\n' > "$W/langs.conf"
    out=$(printf 'dump -\ntap 10 10\ndump -\n' | run_kiosk --config "$W/langs.conf" --script - 2>&1)
    if [ "$(grep -o '"id":"lang-[a-z]*"' <<<"$out" | tr '\n' ' ')" = '"id":"lang-fa" "id":"lang-en" ' ] &&
        [ "$(grep '^{' <<<"$out" | head -1 | grep -o '"role":"text"' | wc -l)" = 2 ]; then
        ok "languages = fa, uk en: Persian, then English, on the start and language screens"; else bad "languages" "$out"; fi
    if grep -q '^sveiki: warning: languages: pack fixture has no language "uk"; it is left out$' <<<"$out"; then
        ok "languages: the code the pack lacks is named in the log"; else bad "languages: uk not named" "$out"; fi
    # screen hours by the local clock: outside them the start screen is dimmed or blank, and a
    # touch still starts a visit; inside them it is lit
    local later later2 before
    later=$(date -d '+2 hour' +%H:00) later2=$(date -d '+3 hour' +%H:00) before=$(date -d '-1 hour' +%H:00)
    out=$(printf 'dump -\ntap 10 10\ndump -\n' | run_kiosk --screen-hours "$later-$later2" --outside-hours blank --script - 2>&1)
    if [ "$(head -1 <<<"$out" | grep -c "Outside the screen's hours: blank")" = 1 ] && grep -q '"screen":"languages"' <<<"$out" &&
        ! tail -1 <<<"$out" | grep -q 'screen-dark' &&
        ! printf 'dump -\n' | run_kiosk --screen-hours "$before-$later" --script - 2>&1 | grep -q 'screen-dark'; then
        ok "screen hours: blank outside them, a touch still starts, lit inside them"; else bad "screen hours" "$out"; fi
}
job config-file config_file

# the gesture and the PIN; five wrong PINs lock it, and a restart still finds it locked;
# five minutes later (the script's clock) the right PIN opens admin mode
pin_lockout() {
    local hash out wrong
    hash=$(pin_hash 2468)
    wrong='tap "1"
tap "1"
tap "1"
tap "1"
tap "OK"'
    out=$(printf '%s\nexpect "Staff PIN"\n%s\n%s\n%s\n%s\nexpect "Wrong PIN. 1 more try before a lock of five minutes."\n%s\nexpect "Too many wrong PINs: locked for 5 more minutes."\n' \
        "$GESTURE" "$wrong" "$wrong" "$wrong" "$wrong" "$wrong" |
        run_kiosk --size 800x480 --admin-pin "$hash" --script - 2>&1)
    if [ $? = 0 ] && [ "$(grep -c 'admin: wrong PIN' <<<"$out")" = 4 ] && ! grep -q 1111 "$W/data/admin.lock"; then
        ok "five wrong PINs lock admin mode"; else bad "five wrong PINs" "$out"; fi
    out=$(printf '%s\n%s\nexpect "Too many wrong PINs: locked for 5 more minutes."\nexpect-not "Admin mode (staff only)"\nwait 300000\n%s\n%s\nexpect "Admin mode (staff only)"\n' \
        "$GESTURE" "$PIN2468" "$GESTURE" "$PIN2468" | run_kiosk --size 800x480 --admin-pin "$hash" --script - 2>&1)
    if [ $? = 0 ]; then ok "the lock holds across a restart, and ends five minutes on"; else bad "lock across a restart" "$out"; fi
}
job pin-lockout pin_lockout

# what is not the gesture: the corners in the other order, a short hold, too slow a second
# corner; a held corner never taps what is under it; a second finger cancels a tap
not_the_gesture() {
    local out
    out=$(run_kiosk --size 800x480 --admin-pin "$(pin_hash 2468)" --script - 2>&1 <<'SCRIPT'
press 400 240
press 420 250 1
release 420 250 1
release 400 240
dump -
press 790 10
wait 2100
release 790 10
press 10 10
wait 2100
release 10 10
expect-not "Staff PIN"
press 10 10
wait 2100
release 10 10
wait 10100
press 790 10
wait 2100
release 790 10
expect-not "Staff PIN"
press 10 10
wait 500
release 10 10
press 790 10
wait 2100
release 790 10
expect-not "Staff PIN"
dump -
SCRIPT
)
    if [ $? = 0 ] && ! grep -q 'admin:' <<<"$out" && [ "$(grep -c '"screen":"attract"' <<<"$out")" = 1 ] &&
        grep -q '"screen":"languages"' <<<"$out"; then
        ok "only the gesture opens admin mode; a second finger cancels the tap"; else bad "not the gesture" "$out"; fi
}
job not-the-gesture not_the_gesture

# admin mode at 800x480: the keypad, the touch test, the staff screen's facts and actions
admin_screens() {
    local out dir=$OUT/shots/admin-screens rc
    mkdir -p "$dir"
    out=$(cd "$dir" && printf '%s\nshot admin-pin.png\ndump admin-pin.json\n%s\n%s\n' "$GESTURE" "$PIN2468" '
expect "Site: Riga"
expect "Answers waiting for export: 0"
expect "Last export: never. Last receipt: never."
expect "Pack: fixture version 1"
tap "Touch test"
tap 400 300
tap 100 400
shot admin-touch.png
dump admin-touch.json
tap "Back to admin mode"
tap "Previous pack"
expect "Not done: this kiosk has no trusted key, so it keeps no previous pack."
tap "Export now"
expect "Insert a stick first: answers go out to a stick when it is inserted, and again with Export now while it is in."
tap "Close"
dump -' | run_kiosk --size 800x480 --admin-pin "$(pin_hash 2468)" --site Riga --script - 2>&1)
    rc=$?
    if [ $rc = 0 ] && grep -q '"screen":"attract"' <<<"$out"; then ok "admin mode: its facts and actions"; else bad "admin mode (exit $rc)" "$out"; fi
    out=$(printf '%s\n%s\ntap "Restart"\nexpect "nothing runs after a restart"\n' "$GESTURE" "$PIN2468" |
        run_kiosk --size 800x480 --admin-pin "$(pin_hash 2468)" --script - 2>&1)
    rc=$?
    if [ $rc = 75 ] && grep -q 'admin: restart asked by staff' <<<"$out"; then ok "restart from admin mode ends with 75 (systemd starts it again)"; else bad "restart (exit $rc)" "$out"; fi
    compare_shots "$dir"
}
job admin-screens admin_screens

# first set-up: a kiosk in kiosk mode with no trusted key shows the set-up screen: a PIN
# chosen twice, the keys of a sveikictl setup-stick folder, their fingerprints shown as the
# tool printed them, taken only when staff say they match; then the PIN opens admin mode
first_setup() {
    local out st=$W/stick dir=$OUT/shots/first-setup fp_sign fp_seal
    mkdir -p "$dir"
    out=$("$CTL_PLAIN" setup-stick "$st" --sign-pub tests/fixtures/signing-test-only.pub --office-pub "$OFFICE_PUB" 2>&1) ||
        { bad "setup-stick" "$out"; return; }
    fp_sign=$(sed -n 's/^content signing key: //p' <<<"$out")
    fp_seal=$(sed -n 's/^office sealing key: *//p' <<<"$out")
    local p1357='tap "1"
tap "3"
tap "5"
tap "7"
tap "OK"'
    out=$(cd "$dir" && printf '%s\n' "shot setup-pin.png" "dump setup-pin.json" "$p1357" 'tap "1"' 'tap "3"' 'tap "5"' 'tap "8"' 'tap "OK"' \
        'expect "The two PINs were not the same. Choose one again."' "$p1357" "$p1357" \
        "expect \"Step 2 of 3: insert the USB stick with the office's keys.\"" "shot setup-stick.png" "dump setup-stick.json" \
        "media \"$st\"" "expect \"Content signing key: $fp_sign\"" "expect \"Office sealing key: $fp_seal\"" \
        "shot setup-compare.png" "dump setup-compare.json" 'tap "They match"' 'tap "Start"' 'expect "Touch the screen to start"' \
        'tap 400 240' 'tap "English"' 'expect "Tell us what you think"' \
        "$GESTURE" "$p1357" 'expect "Admin mode (staff only)"' 'tap "Leave kiosk mode"' 'expect "nothing runs after it"' |
        "$KIOSK" --headless --kiosk --pin-limits test --pack "$PACK" --data "$W/data" --size 800x480 --script - 2>&1)
    # leaving kiosk mode ends with 3, which the unit keeps stopped (RestartPreventExitStatus=3)
    if [ $? = 3 ] && cmp -s "$W/data/trusted.pub" tests/fixtures/signing-test-only.pub &&
        cmp -s "$W/data/operator.pub" "$OFFICE_PUB" && grep -q '^\$argon2id\$' "$W/data/admin.pin" &&
        ! grep -q 1357 "$W/data/admin.pin"; then
        ok "first set-up: PIN, keys from the stick compared by fingerprint, feedback collected at once, admin mode with that PIN; leaving kiosk mode ends with 3"
    else bad "first set-up" "$out"; fi
    compare_shots "$dir"
    # keys of the wrong kind: refused, named, nothing taken
    rm -rf "$W/st2" "$W/d2" && mkdir -p "$W/st2/sveiki/setup"
    cp "$OFFICE_PUB" "$W/st2/sveiki/setup/content-signing.pub"
    cp tests/fixtures/signing-test-only.pub "$W/st2/sveiki/setup/office-sealing.pub"
    out=$(printf '%s\n' "$p1357" "$p1357" "media \"$W/st2\"" 'expect "No keys taken: content-signing.pub is not a content signing public key"' |
        "$KIOSK" --headless --kiosk --pin-limits test --pack "$PACK" --data "$W/d2" --size 800x480 --script - 2>&1)
    if [ $? = 0 ] && [ ! -e "$W/d2/trusted.pub" ]; then ok "set-up refuses keys of the wrong kind"; else bad "set-up wrong keys" "$out"; fi
}
job first-setup first_setup

# kiosk mode under X: SIGINT is ignored (the kernel's mask says so), SIGTERM ends it with 0;
# a kiosk without a pack under X waits for a stick and is rescued by a signed pack on it
kiosk_mode() {
    local pid rc runner ign
    rm -f "$W/log"
    SDL_VIDEODRIVER=x11 SVEIKI_BENCH_FIRST_FRAME=1 xvfb-run -a -s "-screen 0 800x480x24" \
        "$B/sveiki" --kiosk --pack "$PACK" --data "$W/data" --office-key "$OFFICE_PUB" --media "$W/media" 2>"$W/log" &
    runner=$!
    for _ in $(seq 1200); do grep -q '^first-frame' "$W/log" 2>/dev/null && break; sleep 0.1; done
    pid=$(pgrep -n -f -- "--kiosk --pack $PACK --data $W/data")
    if [ -z "$pid" ] || ! grep -q '^first-frame' "$W/log"; then bad "kiosk mode: did not start" "$(cat "$W/log")"; wait $runner; return; fi
    ign=$(awk '/^SigIgn/ {print $2}' "/proc/$pid/status")
    kill -INT "$pid"
    if (( (16#$ign >> 1) & 1 )) && kill -0 "$pid" 2>/dev/null; then ok "kiosk mode: SIGINT is ignored"; else bad "kiosk mode: SIGINT (SigIgn $ign)" "$(cat "$W/log")"; fi
    kill -TERM "$pid"
    wait $runner; rc=$?
    if [ $rc = 0 ]; then ok "kiosk mode: SIGTERM ends it"; else bad "kiosk mode: SIGTERM (exit $rc)" "$(cat "$W/log")"; fi
}
job kiosk-mode kiosk_mode

# a kiosk with a trusted key and no pack it can show still watches for sticks: a stick with a
# signed pack rescues it, with no terminal
rescue() {
    local runner rc
    rm -rf "$W/data" "$W/media" && mkdir -p "$W/data" "$W/media"
    (cd "$W" && "$CTL_PLAIN" keygen sign >/dev/null)
    cp "$W/sign.pub" "$W/data/trusted.pub"
    "$CTL_PLAIN" pack build "$FIX_SRC" -o "$W/signed.pack" --key "$W/sign.key" 2>/dev/null
    SDL_VIDEODRIVER=x11 xvfb-run -a -s "-screen 0 800x480x24" \
        "$B/sveiki" --pack "$W/missing.pack" --data "$W/data" --office-key "$OFFICE_PUB" --media "$W/media" 2>"$W/log" &
    runner=$!
    for _ in $(seq 1200); do grep -q 'sveiki: display' "$W/log" 2>/dev/null && break; sleep 0.1; done
    mkdir -p "$W/stick-tmp/sveiki/packs" && cp "$W/signed.pack" "$W/stick-tmp/sveiki/packs/" && mv "$W/stick-tmp" "$W/media/stick"
    for _ in $(seq 1200); do grep -q 'rescued: now showing' "$W/log" 2>/dev/null && break; sleep 0.1; done
    local pid
    pid=$(pgrep -n -f -- "--pack $W/missing.pack --data $W/data")
    [ -n "$pid" ] && kill -TERM "$pid"
    wait $runner; rc=$?
    if grep -q 'rescued: now showing fixture version 1 from the stick' "$W/log" && [ -e "$W/data/current.pack" ] && [ $rc = 0 ]; then
        ok "a kiosk without a pack is rescued by a stick with a signed pack"; else bad "rescue (exit $rc)" "$(cat "$W/log")"; fi
    # the same from the sync folder of a site with a network: looked at once at start
    rm -rf "$W/data2" && mkdir -p "$W/data2" "$W/folder/sveiki/packs"
    cp "$W/sign.pub" "$W/data2/trusted.pub" && cp "$W/signed.pack" "$W/folder/sveiki/packs/"
    SDL_VIDEODRIVER=x11 xvfb-run -a -s "-screen 0 800x480x24" \
        "$B/sveiki" --pack "$W/missing.pack" --data "$W/data2" --office-key "$OFFICE_PUB" --media "$W/media2" \
        --sync-folder "$W/folder" 2>"$W/log2" &
    runner=$!
    for _ in $(seq 1200); do grep -q 'rescued: now showing' "$W/log2" 2>/dev/null && break; sleep 0.1; done
    pid=$(pgrep -n -f -- "--pack $W/missing.pack --data $W/data2")
    [ -n "$pid" ] && kill -TERM "$pid"
    wait $runner; rc=$?
    if grep -q 'rescued: now showing fixture version 1 from the sync folder' "$W/log2" && [ -e "$W/data2/current.pack" ] && [ $rc = 0 ]; then
        ok "a kiosk without a pack is rescued by a signed pack in its sync folder"; else bad "rescue from the sync folder (exit $rc)" "$(cat "$W/log2")"; fi
}
job rescue rescue
