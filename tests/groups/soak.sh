# soak: days of kiosk use on the script clock (tests/lib/soak.py): visits in every language,
# taps, drags, keys, typed words, surveys sent, idle resets, a stick every evening; the kiosk
# as shipped must end well with every survey saved and a sound store no bigger than its
# content, and retention on the script clock. `make test` runs 5,000 events (four days) keeping
# feedback one day, so retention deletes; `make bench` a million (about two years of 50
# visits a day, the default 90 days), and fails on memory growth of 1 MB or more after the
# warm-up (soak_rss_growth_mb). Here the kiosk runs under gdb, which counts at its end the
# speech thread's wake-up events left in SDL's queue: at most 2 (a script has no event loop,
# and its ticks drop them; the build before kept every one, ten in these four days).
# needs: build/sveiki build/fixture.pack

soak() {
    local out
    mkdir -p "$W/stick/sveiki"
    if out=$(SOAK_QUEUE=1 python3 "$LIB/soak.py" "$B/sveiki" "$PACK" "$W/data" "$OFFICE_PUB" "$W/stick" 5000 1 2>&1); then
        ok "soak: $out"; else bad "soak" "$out"; fi
}
job soak soak
