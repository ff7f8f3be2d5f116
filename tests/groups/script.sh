# script: scripts through standard input, odd script input, help, idle timeout, dump direction
# needs: build/san/sveiki build/fixture.pack build/demo.pack

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
job script-input script_input
help_and_idle() {
    local out
    # the help button is on every screen but the help category itself
    out=$(printf 'tap 10 10\ndump -\ntap "Help and contacts"\ndump -\n' | run_kiosk --lang en --script - 2>&1)
    if [ "$(grep -c '"id":"help"' <<<"$out")" = 1 ] && grep -q '"screen":"category"' <<<"$out"; then
        ok "help button on home, not on the help screen"; else bad "help button" "$out"; fi
    # the idle timeout asks "Still there?", then forgets the last person: back to attract,
    # language cleared
    out=$(printf 'tap 10 10\ntap "English"\nwait 89000\ndump -\nwait 2000\ndump -\nwait 9000\ndump -\n' | run_kiosk --script - 2>&1)
    if grep -q '"screen":"home","lang":"en"' <<<"$out" && grep -q '"screen":"still-there","lang":"en"' <<<"$out" &&
        grep -q '"screen":"attract","lang":""' <<<"$out"; then
        ok "idle timeout returns to attract and forgets"; else bad "idle timeout" "$out"; fi
}
job help-idle help_and_idle

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
job dump-dir dump_dir
