# signatures: keygen, signed build, verify, tampering, the kiosk's trust
# needs: build/san/sveiki build/sveikictl build/fixture.pack

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
    expect_fail "build with a public key as --key fails first" 1 "not a signing secret key: it holds" "$CTL_PLAIN" pack build "$FIX_SRC" -o "$W/keep.pack" --key "$W/op.pub"
    check "the earlier signed pack is untouched" "$CTL_PLAIN" pack verify "$W/keep.pack" --pub "$W/op.pub"
    "$CTL_PLAIN" pack build "$FIX_SRC" -o "$W/keep.pack" 2>/dev/null
    if [ ! -e "$W/keep.pack.sig" ]; then ok "a rebuild removes a stale detached signature"; else bad "stale signature left"; fi
    printf 'dump -\n' > "$W/d.txt"
    expect_fail "kiosk with a key refuses an unsigned pack (nothing to keep)" 1 "refusing the pack.*not signed" "$KIOSK" --headless --trust "$W/op.pub" --pack "$PACK" --data "$W/trustdata" --script "$W/d.txt"
    check "kiosk with a key accepts the signed pack" "$KIOSK" --headless --trust "$W/op.pub" --pack "$W/signed.pack" --data "$W/trustdata" --script "$W/d.txt"
    out=$("$KIOSK" --headless --trust "$W/op.pub" --pack "$W/tampered.pack" --data "$W/trustdata" --script "$W/d.txt" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -q 'refusing the pack' <<<"$out" && grep -q 'keeping the pack it has' <<<"$out" && grep -q '"screen":"attract"' <<<"$out"; then
        ok "kiosk refuses a tampered pack and keeps the pack it has"; else bad "kiosk keeps its pack" "$out"; fi
    # a FIFO as pack: refused without ever waiting to open it (tests/lib/nohang.py); a link to
    # a good signed pack: refused as a link, not followed
    mkfifo "$W/fifo.pack" && ln -s "$W/signed.pack" "$W/link.pack"
    expect_fail "kiosk with a key refuses a FIFO as pack, without hanging" 0 "refusing the pack: .*fifo.pack: not a regular file" python3 "$LIB/nohang.py" "$W/fifo.pack" "$KIOSK" --headless --trust "$W/op.pub" --pack "$W/fifo.pack" --data "$W/trustdata" --script "$W/d.txt"
    expect_fail "pack verify refuses a FIFO, without hanging" 1 "fifo.pack: not a regular file" python3 "$LIB/nohang.py" "$W/fifo.pack" "$CTL_PLAIN" pack verify "$W/fifo.pack" --pub "$W/op.pub"
    expect_fail "kiosk with a key refuses a symlink to a signed pack as pack" 0 "refusing the pack: .*link.pack: a symbolic link" "$KIOSK" --headless --trust "$W/op.pub" --pack "$W/link.pack" --data "$W/trustdata" --script "$W/d.txt"
}
job signatures signatures
