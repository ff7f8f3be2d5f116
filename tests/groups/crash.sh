# crash: the crash suite (tests/crash/): power cuts at every write, fsync and rename with the
# file layer's crash mode, and kill -9 while feedback is saved, in the store alone and in the
# whole kiosk
# needs: build/crash/test_crash build/crash_store build/sveiki build/fixture.pack

# ---- power cuts at every step (tests/crash/test_crash.c): saving submissions, sealing the
# plain rows, an export to a stick, a receipt's deletions, merge --remove-merged, taking a
# newer pack, moving a damaged store aside, a pack build; one job a test, so they run at once
crash_points() {
    local t=$1 out rc p
    out=$("$B/crash/test_crash" "$t" 2>&1); rc=$?
    p=$(grep -oE '\[  PASSED  \] [0-9]+' <<<"$out" | grep -oE '[0-9]+$' | head -1)
    if [ $rc = 0 ] && [ "${p:-0}" = 1 ]; then ok "test_crash: $t"; else
        bad "test_crash: $t (exit $rc)" "$(grep -E 'FAIL|ERROR|error|Sanitizer|points|crash' <<<"$out" | head -20)"; fi
}
for t in $(grep -oE 'cmocka_unit_test[a-z_]*\( *test_[a-z_0-9]+' tests/crash/test_crash.c | grep -oE 'test_[a-z_0-9]+$'); do
    job "crash-$t" crash_points "$t"
done

# ---- the feedback store: kill -9 at seeded moments while saving --------------------------
# (tests/crash/crash_store.c: every acknowledged submission kept, integrity_check ok, never
# moved aside as damaged; 30 kills from a fixed seed)
crash_store() { check "store: 30 kills -9 while saving lose no acknowledged submission" "$B/crash_store" "$W" 30 12; }
job crash-store crash_store
# kill -9 the kiosk while people answer and send surveys (tests/crash/kiosk_crash.py): the
# kiosk as shipped, the one a power cut meets (the same visits run under the sanitizers in
# the scenarios, and the store's recovery in test_crash and crash_store)
kiosk_crash() {
    local out
    if out=$(python3 tests/crash/kiosk_crash.py "$B/sveiki" "$FIXTURE" "$W/crash" "$OFFICE_PUB" 2>&1); then
        ok "kiosk killed while saving: $out"; else bad "kiosk killed while saving" "$out"; fi
}
job kiosk-crash kiosk_crash
