# stick: a USB stick at the kiosk: feedback out, packs in or refused, the watcher
# needs: build/sveiki build/san/sveiki build/sveikictl build/fixture.pack

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
key pagedown
key pagedown
key pagedown
tap "Start"
wait 400
tap "Next"
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
expect "Feedback written to the stick. Responses: 1."
expect "New content taken: version 2."
shot stick-taken.png
EOF
    out=$(cd "$W" && "$KIOSK" --headless --lang en --size 800x480 --trust "$W/op.pub" --pack "$W/v1.pack" --data "$W/kd" --office-key "$OFFICE_PUB" --script "$W/stick.txt" 2>&1)
    if [ $? = 0 ] && grep -q 'now showing .* version 2' <<<"$out" && ls "$st"/sveiki/exports/*/*.batch >/dev/null 2>&1 &&
        "$CTL_PLAIN" merge --enrol-new --into "$W/central.db" "$st" --key "$OFFICE_KEY" 2>&1 | grep -q '^added: 1, duplicates: 0, rejected: 0'; then
        ok "stick: feedback out as a batch that merges, a newer pack in without a restart"; else bad "stick" "$out"; fi
    # the office's receipt, written beside the exports it merged: the kiosk deletes what it
    # names at the next stick and says so in its log; a changed receipt deletes nothing
    (cd "$W" && "$CTL_PLAIN" keygen receipts >/dev/null) && cp "$W/receipts.pub" "$W/kd/office.pub"
    "$CTL_PLAIN" merge --into "$W/central.db" "$st" --key "$OFFICE_KEY" --receipt-key "$W/receipts.key" >/dev/null 2>&1
    # ... and says so on the stick's screen too
    printf 'media "%s"\nexpect "You can remove the stick now."\nexpect "The office'"'"'s receipt on the stick is not valid: nothing was deleted. Tell the office."\n' "$st" > "$W/stick-r.txt"
    printf 'media "%s"\nexpect "You can remove the stick now."\nexpect "The office has them: 1 response deleted from this kiosk."\n' "$st" > "$W/stick-r2.txt"
    local rf; rf=$(ls "$st"/sveiki/receipts/*.receipt 2>/dev/null)
    cp "$rf" "$W/good.receipt" 2>/dev/null
    printf 'x' | dd of="$rf" bs=1 seek=20 conv=notrunc status=none 2>/dev/null
    out=$("$KIOSK" --headless --lang en --pack "$W/kd/current.pack" --data "$W/kd" --script "$W/stick-r.txt" 2>&1)
    local rc1=$?
    local n1; n1=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from submissions").fetchone()[0])' "$W/kd/feedback.db")
    cp "$W/good.receipt" "$rf" 2>/dev/null
    local out2; out2=$("$KIOSK" --headless --lang en --pack "$W/kd/current.pack" --data "$W/kd" --script "$W/stick-r2.txt" 2>&1)
    local rc2=$?
    local n2; n2=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from submissions").fetchone()[0])' "$W/kd/feedback.db")
    if [ -n "$rf" ] && [ "$rc1" = 0 ] && [ "$rc2" = 0 ] && grep -q "receipt refused, nothing deleted: .*not signed by this kiosk's office key" <<<"$out" && [ "$n1" = 1 ] &&
        grep -q "receipt: the office's receipt names 1 batch of this kiosk: 1 submission deleted" <<<"$out2" && [ "$n2" = 0 ]; then
        ok "stick: the office's receipt deletes what it names, a changed one nothing"; else bad "stick receipt ($n1, $n2)" "$out $out2"; fi
    # the older pack offered now is refused, named as on the stick; nothing new to export
    rm -f "$st"/sveiki/packs/* && cp "$W/v1.pack" "$st/sveiki/packs/old.pack"
    printf 'media "%s"\nexpect "No new feedback to write."\nexpect "You can remove the stick now."\ndump -\n' "$st" > "$W/stick2.txt"
    out=$("$KIOSK" --headless --lang en --trust "$W/op.pub" --pack "$W/kd/current.pack" --data "$W/kd" --script "$W/stick2.txt" 2>&1)
    if [ $? = 0 ] && grep -q 'Content not taken from .*old\.pack.*: It is version 1, and this kiosk shows version 2' <<<"$out"; then
        ok "stick: an older pack is refused by its name on the stick"; else bad "stick older pack" "$out"; fi
    # an unsigned and a damaged (one changed byte) newer pack: each refused by its name
    sed -i 's/^version: .*/version: 3/' "$src/manifest.txt"
    rm -f "$st"/sveiki/packs/*
    "$CTL_PLAIN" pack build "$src" -o "$st/sveiki/packs/a-unsigned.pack" 2>/dev/null
    "$CTL_PLAIN" pack build "$src" -o "$st/sveiki/packs/b-damaged.pack" --key "$W/op.key" 2>/dev/null
    printf '\x01' | dd of="$st/sveiki/packs/b-damaged.pack" bs=1 seek=20000 conv=notrunc status=none
    out=$("$KIOSK" --headless --lang en --trust "$W/op.pub" --pack "$W/kd/current.pack" --data "$W/kd" --script "$W/stick2.txt" 2>&1); rc=$?
    if [ $rc = 0 ] && ! grep -q 'now showing' <<<"$out" &&
        grep -q '"media-pack-1".*Content not taken from .*a-unsigned\.pack.*: It is not signed' <<<"$out" &&
        grep -q '"media-pack-2".*Content not taken from .*b-damaged\.pack.*: Its signature does not match' <<<"$out" &&
        ! grep '"screen":"media"' <<<"$out" | grep -q 'sveikictl'; then
        ok "stick: an unsigned and a damaged pack are refused, each by its name"; else bad "stick unsigned/damaged (exit $rc)" "$out"; fi
    # a real window: the watcher notices a stick mounted under --media (once the kiosk runs)
    # and does the same
    rm -rf "$W/mroot" && mkdir -p "$W/mroot"
    out=$(xvfb-run -a -n 140 -s "-screen 0 1280x800x24 -noreset" python3 "$LIB/window.py" stick "$W/mroot" "$B/sveiki" --lang en --media "$W/mroot" --trust "$W/op.pub" --pack "$W/kd/current.pack" --data "$W/kd" 2>&1)
    if grep -q "stick at $W/mroot/usb1" <<<"$out" && grep -q "done with the stick at $W/mroot/usb1" <<<"$out" && grep -q '^exit 0$' <<<"$out"; then
        ok "stick: noticed when mounted under --media"; else bad "stick watcher" "$out"; fi
}
job stick stick
