# monkey: seeded random input on the demo pack, under the sanitizers
# needs: build/san/sveiki build/demo.pack

# a monkey: 1,500 seeded random touches, drags, keys and waits, under ASan and UBSan, on the
# demo pack (the most screens); the kiosk must never crash and every dump must stay well-formed
monkey() {
    local size=$1 out rc dumps
    PACK=$DEMO
    python3 "$LIB/monkey_script.py" "$size" > "$W/monkey.txt"
    out=$(run_kiosk --size "$size" --script "$W/monkey.txt" 2>&1); rc=$?
    dumps=$(grep -c '^{"screen":' <<<"$out")
    if [ $rc = 0 ] && [ "$dumps" -gt 10 ] && ! grep -q 'Sanitizer\|runtime error' <<<"$out" &&
        python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin if l.startswith("{")]' <<<"$out"; then
        ok "demo: monkey $size: 1500 random inputs, $dumps valid dumps"; else bad "demo: monkey $size (exit $rc)" "$(tail -20 <<<"$out")"; fi
}
job monkey-small monkey 800x480
job monkey-large monkey 1920x1080
