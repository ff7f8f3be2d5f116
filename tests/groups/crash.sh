# crash: kill -9 while feedback is saved, in the store alone and in the whole kiosk
# needs: build/crash_store build/san/sveiki build/fixture.pack

# ---- the feedback store: kill -9 at seeded moments while saving --------------------------
# (tests/crash_store.c: every acknowledged submission kept, integrity_check ok, never moved
# aside as damaged; 30 kills from a fixed seed)
crash_store() { check "store: 30 kills -9 while saving lose no acknowledged submission" "$B/crash_store" "$W" 30 12; }
job crash-store crash_store
# kill -9 the kiosk while people answer and send surveys (tests/lib/kiosk_crash.py)
kiosk_crash() {
    local out
    if out=$(python3 "$LIB/kiosk_crash.py" "$KIOSK" "$FIXTURE" "$W/crash" "$OFFICE_PUB" 2>&1); then
        ok "kiosk killed while saving: $out"; else bad "kiosk killed while saving" "$out"; fi
}
job kiosk-crash kiosk_crash
