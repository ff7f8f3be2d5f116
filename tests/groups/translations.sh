# translations: fallback pages and the translation table of pack check
# needs: build/san/sveiki build/sveikictl build/fixture.pack

# ---- translations: a missing page falls back with a note; stale ones are listed ---------
translations() {
    local out rc
    # transport (and information-centre) have no Tigrinya page in the fixture
    printf 'expect "Public transport"\ndump -\n' > "$W/fb.txt"
    out=$(run_kiosk --lang ti --page transport --script "$W/fb.txt" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -q '"screen":"page","lang":"ti"' <<<"$out" &&
        grep -q '"id":"fallback-note","role":"text","label":"[^"]*English' <<<"$out"; then
        ok "missing page shown in the fallback language with a note naming it"; else bad "fallback note (exit $rc)" "$out"; fi
    out=$("$CTL_PLAIN" pack check "$FIX_SRC" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -qE '^  ti +3 +3 +0 +2 +1$' <<<"$out" && grep -q '2 of 5 pages missing in ti' <<<"$out"; then
        ok "pack check counts the missing translation (a warning)"; else bad "pack check table" "$out"; fi
    # a stale translation: the English page changed after lv and ar were stamped
    rm -rf "$W/src-outdated" && cp -r "$FIX_SRC" "$W/src-outdated"
    sed -i 's/^The centre is near/The centre lies near/' "$W/src-outdated/pages/transport/en.md"
    out=$("$CTL_PLAIN" pack check "$W/src-outdated" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -qE '^  lv +5 +3 +2 +0 +1$' <<<"$out" && grep -qE '^  ar +5 +5 +0 +0 +1$' <<<"$out" &&
        grep -qE '^  en +5 +3 +2 +0 +0$' <<<"$out" && grep -q 'pages/transport/ar.md: stale: made from an older reference page' <<<"$out"; then
        ok "pack check lists translations of a changed reference page as stale"; else bad "stale translations" "$out"; fi
    # a changed header (date, sources) is no change a translator must follow
    rm -rf "$W/src-header" && cp -r "$FIX_SRC" "$W/src-header"
    sed -i 's/^checked: .*/checked: 2024-05-01/' "$W/src-header/pages/transport/en.md"
    out=$("$CTL_PLAIN" pack check "$W/src-header" 2>&1); rc=$?
    if [ $rc = 0 ] && ! grep -q 'transport/.*stale' <<<"$out"; then
        ok "pack check: a new date in the reference page's header leaves its translations current"; else bad "header change" "$out"; fi
    # pack stamp: the translator's update recorded, the page no longer stale; only the page
    # and language named
    out=$("$CTL_PLAIN" pack stamp "$W/src-outdated" transport --lang ar 2>&1); rc=$?
    out2=$("$CTL_PLAIN" pack check "$W/src-outdated" 2>&1)
    if [ $rc = 0 ] && grep -q '1 translation stamped' <<<"$out" && grep -q '^source: [0-9a-f]\{16\}$' "$W/src-outdated/pages/transport/ar.md" &&
        ! grep -q 'transport/ar.md: stale' <<<"$out2" && grep -q 'transport/lv.md: stale' <<<"$out2"; then
        ok "pack stamp records the reference page's version: the translation is current, the other still stale"; else bad "pack stamp" "$out $out2"; fi
    out=$("$CTL_PLAIN" pack stamp "$W/src-outdated" transport --lang ar 2>&1)
    if grep -q '0 translations stamped' <<<"$out"; then ok "pack stamp again changes nothing"; else bad "pack stamp twice" "$out"; fi
    # the unstamped Tigrinya page of the fixture is listed as stale
    out=$("$CTL_PLAIN" pack check "$FIX_SRC" 2>&1)
    if grep -q 'pages/bank-account/ti.md: stale: no source: stamp' <<<"$out" &&
        grep -q 'facts from common knowledge (traced to no document), 1 page: emergency-112' <<<"$out"; then
        ok "pack check lists the unstamped translation as stale and the page with common knowledge"; else bad "fixture stale" "$out"; fi
}
job translations translations

# ---- glossary and sources: an avoided term, an unresolved source ---------------------------
terms() {
    local out rc
    rm -rf "$W/src-terms" && cp -r "$FIX_SRC" "$W/src-terms"
    cat > "$W/src-terms/glossary.txt" <<'GLOSSARY'
[term status]
note: the protection a country grants
use.en: status; refugee status
avoid.en: asylum status
use.ar: الحماية; الحماية البديلة
avoid.ar: الصفة; الوضع
use.lv: statuss
avoid.lv: patvēruma statuss
[term card]
use.en: travel card
avoid.en: card
GLOSSARY
    # an avoided variant in a body line, a title and a manifest text; one inside a term to use
    printf '\nYou need Asylum Status first.\n\nAsk for a travel card.\n' >> "$W/src-terms/pages/transport/en.md"
    sed -i 's/^title: .*/title: الوضع في المركز/' "$W/src-terms/pages/transport/ar.md"
    sed -i 's/^title.lv: Statuss piešķirts$/title.lv: Patvēruma statuss piešķirts/' "$W/src-terms/manifest.txt"
    local line; line=$(grep -n 'Asylum Status' "$W/src-terms/pages/transport/en.md" | cut -d: -f1)
    local mline; mline=$(grep -n 'Patvēruma statuss' "$W/src-terms/manifest.txt" | cut -d: -f1)
    out=$("$CTL_PLAIN" pack check "$W/src-terms" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -qF "pages/transport/en.md:$line:10: \"asylum status\" is avoided for \"status\"; use \"status\"" <<<"$out" &&
        grep -qF 'pages/transport/ar.md:2:8: "الوضع" is avoided for "status"; use "الحماية"' <<<"$out" &&
        grep -qF "manifest.txt:$mline:11: \"patvēruma statuss\" is avoided for \"status\"; use \"statuss\"" <<<"$out" &&
        ! grep -q '"card" is avoided' <<<"$out"; then
        ok "pack check warns FILE:LINE:COL for avoided terms (case-folded, whole words, not inside a term to use)"; else bad "glossary" "$out"; fi
    # a code sources.txt does not have is an error; common knowledge is allowed
    sed -i 's/^sources: .*/sources: nosuch L12-14; common knowledge/' "$W/src-terms/pages/transport/lv.md"
    out=$("$CTL_PLAIN" pack check "$W/src-terms" 2>&1); rc=$?
    if [ $rc != 0 ] && grep -q 'pages/transport/lv.md:5: source "nosuch" is not in sources.txt' <<<"$out"; then
        ok "pack check: an unresolved source code is an error"; else bad "unresolved source (exit $rc)" "$out"; fi
    # a yousaid see: that names no page is an error
    rm -rf "$W/src-see" && cp -r "$FIX_SRC" "$W/src-see"
    sed -i 's/^see: transport$/see: nowhere/' "$W/src-see/manifest.txt"
    out=$("$CTL_PLAIN" pack check "$W/src-see" 2>&1); rc=$?
    if [ $rc != 0 ] && grep -q 'see: "nowhere" is no page' <<<"$out"; then
        ok "pack check: a \"you said, we did\" see: of no page is an error"; else bad "see (exit $rc)" "$out"; fi
    # reviewed state: the categories are reviewed in English, machine-written in Arabic
    printf 'tap 400 240\ndump -\n' > "$W/rv.txt"
    out=$(run_kiosk --lang en --script "$W/rv.txt" 2>&1)
    out2=$(run_kiosk --lang ar --script "$W/rv.txt" 2>&1)
    if grep -q '"screen":"home"' <<<"$out" && ! grep -q 'machine-note' <<<"$out" &&
        grep -q '"id":"machine-note"' <<<"$out2"; then
        ok "home: no note for reviewed category names, a note for machine-written ones"; else bad "reviewed state" "$out $out2"; fi
}
job terms terms

# ---- the demo pack checks clean of avoided terms, stale translations and unresolved sources
# (the demo's glossary, sources and stamps are written with its text, assets/content/latvia)
demo_clean() {
    local out rc
    out=$("$CTL_PLAIN" pack check assets/content/latvia 2>&1); rc=$?
    if [ $rc = 0 ] && [ -e assets/content/latvia/glossary.txt ] && [ -e assets/content/latvia/sources.txt ] &&
        ! grep -qE 'is avoided for|: stale:|no sources.txt|is not in sources.txt' <<<"$out"; then
        ok "demo: pack check clean (glossary terms, stamps, sources)"; else bad "demo not clean (exit $rc)" "$(grep -E 'avoided|stale|sources' <<<"$out" | head -20)"; fi
}
job demo-clean demo_clean
