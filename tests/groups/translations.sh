# translations: fallback pages and the translation table of pack check
# needs: build/san/sveiki build/sveikictl build/fixture.pack

# ---- translations: a missing page falls back with a note; outdated ones are counted -----
translations() {
    local out rc
    # transport (and information-centre) have no Tigrinya page in the fixture
    printf 'expect "Public transport"\ndump -\n' > "$W/fb.txt"
    out=$(run_kiosk --lang ti --page transport --script "$W/fb.txt" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -q '"screen":"page","lang":"ti"' <<<"$out" &&
        grep -q '"id":"fallback-note","role":"text","label":"[^"]*English' <<<"$out"; then
        ok "missing page shown in the fallback language with a note naming it"; else bad "fallback note (exit $rc)" "$out"; fi
    out=$("$CTL_PLAIN" pack check "$FIX_SRC" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -qE '^  ti +3 +3 +0 +2 +0$' <<<"$out" && grep -q '2 of 5 pages missing in ti' <<<"$out"; then
        ok "pack check counts the missing translation (a warning)"; else bad "pack check table" "$out"; fi
    # an outdated translation: the reference page was checked later
    rm -rf "$W/src-outdated" && cp -r "$FIX_SRC" "$W/src-outdated"
    sed -i 's/^checked: .*/checked: 2023-05-01/' "$W/src-outdated/pages/transport/en.md"
    out=$("$CTL_PLAIN" pack check "$W/src-outdated" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -qE '^  lv +5 +3 +2 +0 +1$' <<<"$out" && grep -qE '^  ar +5 +5 +0 +0 +1$' <<<"$out" &&
        grep -qE '^  en +5 +3 +2 +0 +0$' <<<"$out"; then
        ok "pack check marks translations of a newer reference page outdated"; else bad "outdated translations" "$out"; fi
}
job translations translations
