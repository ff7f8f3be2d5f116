# bad-input: bad options, packs, data directories and scripts given to the kiosk
# needs: build/sveiki build/san/sveiki build/fixture.pack

# ---- bad input to the kiosk -------------------------------------------------------------
bad_input() {
    local out rc
    expect_fail "unknown option" 2 "unknown option --frobnicate" "$KIOSK" --frobnicate
    expect_fail "a size that overflows an int is refused" 2 "--size 4294967616x800: expected" "$KIOSK" --headless --size 4294967616x800 --script /dev/null
    # SIGTERM ends a kiosk running a script at once (tests/lib/sigterm.py)
    check "SIGTERM ends a kiosk running a script at once" python3 "$LIB/sigterm.py" "$KIOSK" --headless --pack "$PACK" --data "$W/data" --office-key "$OFFICE_PUB"
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
    # an unwritable data directory: content still shows, and no feedback tile (the log says why)
    local ro=$W/ro/sub
    [ "$(id -u)" = 0 ] && ro=$W/random.pack/sub # root writes anywhere: a path under a regular file
    printf 'tap 10 10\nexpect "Search"\nexpect-not "Tell us what you think"\n' > "$W/ro.txt"
    expect_fail "unwritable data directory: content shown, feedback unavailable" 0 "data directory.*feedback is unavailable" "$KIOSK" --headless --lang en --data "$ro" --pack "$PACK" --office-key "$OFFICE_PUB" --script "$W/ro.txt"
    # no office key: no feedback tile, and the log says why and what to do
    printf 'tap 10 10\nexpect "Search"\nexpect-not "Tell us what you think"\n' > "$W/nokey.txt"
    expect_fail "no office key: no feedback, and the log says how to fix it" 0 "collects no feedback: it has no office key.*operator.pub is missing" "$KIOSK" --headless --lang en --data "$W/nokey" --pack "$PACK" --script "$W/nokey.txt"
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
    # (stopped with SIGTERM once its window is found on the screen)
    out=$(xvfb-run -a -n 120 -s "-screen 0 1280x800x24 -noreset" python3 "$LIB/window.py" stays "$B/sveiki" --pack "$W/nope.pack" --data "$W/data" 2>&1); rc=$?
    if grep -q '^window up and the kiosk running' <<<"$out" && grep -q '^exit 1$' <<<"$out" && grep -q 'nope.pack: no such content pack' <<<"$out"; then ok "no pack: the kiosk stays up with a screen for staff"; else bad "no pack, windowed (exit $rc)" "$out"; fi
    out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER "$B/sveiki" --pack "$PACK" --data "$W/data" --office-key "$OFFICE_PUB" 2>&1); rc=$?
    if [ $rc = 1 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -q 'xvfb-run' <<<"$out"; then ok "no display: one line naming xvfb-run"; else bad "no display message" "$out"; fi
}
job bad-input bad_input
