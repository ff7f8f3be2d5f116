# builder: the pack builder on the demo sources and on defective copies of the fixture's
# needs: build/san/sveikictl build/sveikictl build/demo.pack

# ---- the pack builder -------------------------------------------------------------------
builder_demo() {
    local out
    # the operators' build: whether the demo is clean is the content's; the sanitizers run the
    # same check over the demo in the pack build below, and pack check's table over the fixture
    check "demo: sources check clean" "$CTL_PLAIN" pack check "$DEMO_SRC"
    # the same sources give the same bytes: here from another path, with other file times,
    # created in another order, in another time zone and locale, by the sanitizer build
    # against the operators' build of build/demo.pack; and no value in the pack is the time
    # of the build (so a second build later would match too, without waiting)
    cp "$DEMO" "$W/a.pack"
    mkdir -p "$W/copy"
    # one cp, the files in reverse order (their folders made as it reaches them)
    (cd "$DEMO_SRC" && find . -type f | sort -r | xargs -d '\n' cp --parents -t "$W/copy")
    find "$W/copy" -exec touch -d '2001-02-03 04:05:06' {} +
    (cd "$W" && TZ=Pacific/Kiritimati LC_ALL=C "$CTL" pack build copy -o "$W/b.pack" 2>/dev/null)
    check "demo: pack build is reproducible (other path, file times, order, time zone)" cmp "$W/a.pack" "$W/b.pack"
    check "demo: the pack holds no time of its build" python3 "$LIB/no_build_time.py" "$W/a.pack"
    out=$("$CTL" pack info "$W/a.pack" 2>&1)
    if grep -q '^languages: lv en ru uk ar fa ku ti$' <<<"$out" && grep -qE '^pages: [0-9]{2}' <<<"$out" && grep -q '^version: ' <<<"$out"; then
        ok "demo: pack info"; else bad "demo: pack info" "$out"; fi
}
job builder-demo builder_demo

# an empty page folder is a warning, not a crash
empty_folder() {
    rm -rf "$W/src" && cp -r "$FIX_SRC" "$W/src" && mkdir "$W/src/pages/empty-page"
    expect_fail "pack check: an empty page folder is a warning" 0 "empty-page: no page in the reference language" "$CTL" pack check "$W/src"
}
job empty-folder empty_folder

# each defect in a copy of the fixture sources must fail the build, name the place, leave no
# output; the edit must have changed the copy (else the defect was never made)
defect() { # defect NAME PATTERN SHELL-EDIT
    local name=$1 pat=$2 src=$W/src-$1
    rm -rf "$src" && cp -r "$FIX_SRC" "$src"
    (cd "$src" && eval "$3")
    if diff -r "$FIX_SRC" "$src" >/dev/null; then bad "defect $name: the edit changed nothing"; return; fi
    rm -f "$W/defect.pack"
    expect_fail "pack build rejects $name" 1 "$pat" "$CTL" pack build "$src" -o "$W/defect.pack"
    if [ -e "$W/defect.pack" ] || ls "$W"/defect.pack.tmp* >/dev/null 2>&1; then bad "no output left for $name"; fi
}
job defect-invalid-utf8 defect invalid-utf8 'pages/transport/en.md:[0-9]+:[0-9]+: invalid UTF-8' "printf 'bad \\xff\\xfe\\n' >> pages/transport/en.md"
job defect-long-word defect long-word 'pages/transport/ar.md:[0-9]+: "[^"]*" is longer than a line of the smallest screen' "printf '\\nكلمة%0300d نهاية\\n' 0 >> pages/transport/ar.md"
job defect-bad-version defect bad-version 'manifest.txt:[0-9]+: version "v2" must be numbers' "sed -i 's/^version: .*/version: v2/' manifest.txt"
# help.txt, "I need help now": a hotline without a number to dial, danger words of a language
# the pack does not have, a section it does not know
job defect-hotline-phone defect hotline-phone 'help.txt:[0-9]+: \[hotline emergency\] phone "call us" is not a number to dial' "sed -i 's/^phone: 112$/phone: call us/' help.txt"
job defect-danger-lang defect danger-lang 'help.txt:[0-9]+: \[danger xx\]: language xx is not in' "printf '[danger xx]\\nphrases: abuse\\n' >> help.txt"
job defect-help-section defect help-section 'help.txt:[0-9]+: unknown section \[hotlines\]' "sed -i 's/^\\[hotline police\\]/[hotlines police]/' help.txt"
job defect-no-header defect no-header 'pages/transport/lv.md:1: a page starts with a header' "sed -i '1d' pages/transport/lv.md"
job defect-no-title defect no-title 'pages/transport/ar.md: the header has no title' "sed -i '/^title:/d' pages/transport/ar.md"
job defect-unknown-category defect unknown-category 'lists page "no-such-page"' "sed -i 's/^pages: one-off-support bank-account$/pages: no-such-page one-off-support bank-account/' manifest.txt"
job defect-unknown-icon defect unknown-icon 'manifest.txt:[0-9]+: unknown pictogram "no_such_icon"' "sed -i '0,/^icon: .*/s//icon: no_such_icon/' manifest.txt"
job defect-duplicate-page defect duplicate-page 'lists page "transport" twice' "sed -i 's/^pages: bank-account transport$/pages: bank-account transport transport/' manifest.txt"
job defect-undeclared-language defect undeclared-language 'pages/transport/de.md: language "de" is not declared' "cp pages/transport/en.md pages/transport/de.md"
job defect-empty-file defect empty-file 'pages/emergency-112/ti.md:1: the file is empty' ": > pages/emergency-112/ti.md"
job defect-binary-file defect binary-file 'pages/transport/ar.md:[0-9]+: a NUL byte' "printf 'x\\000y' >> pages/transport/ar.md"
job defect-huge-file defect huge-file 'pages/transport/lv.md: [0-9]+ bytes is over' "head -c 600000 /dev/zero | tr '\\\\0' a >> pages/transport/lv.md"
job defect-bad-status defect bad-status 'status: must be reviewed or machine' "sed -i 's/^status: machine/status: perfect/' pages/transport/ar.md"
job defect-header-cr-only defect header-cr-only 'pages/transport/en.md:1: the header is not closed' "printf -- '---\\r' > pages/transport/en.md"
job defect-long-item defect long-item 'over 400 bytes' "printf '@link https://example.org/%0500d\\n' 0 >> pages/transport/en.md"
job defect-bad-date defect bad-date 'checked: must be a date' "sed -i 's/^checked: .*/checked: 2022-9-30/' pages/transport/lv.md"
job defect-unknown-help-category defect unknown-help-category 'manifest.txt:[0-9]+: help: nosuch is not a .category.' "sed -i 's/^help: help/help: nosuch/' manifest.txt"
job defect-unmatched-placeholder defect unmatched-placeholder 'pages/transport/en.md:[0-9]+: an unmatched \{\{ or \}\}' "printf 'Call {{fill in: number\\n' >> pages/transport/en.md"
job defect-symlinked-source defect symlinked-source 'pages/transport/lv.md: a symbolic link' "ln -sf ../bank-account/lv.md pages/transport/lv.md"
job defect-fifo-source defect fifo-source 'pages/transport/lv.md: not a regular file' "rm pages/transport/lv.md && mkfifo pages/transport/lv.md"
job defect-bad-digits defect bad-digits 'manifest.txt:[0-9]+: .digits.fa. must be western \(0-9\), persian' "sed -i 's/^digits.fa: persian$/digits.fa: farsi/' manifest.txt"
job defect-digits-language defect digits-language 'manifest.txt:[0-9]+: .digits.de.: language de is not in' "sed -i 's/^digits.fa: persian$/digits.de: persian/' manifest.txt"
job defect-uncovered-char defect uncovered-char 'U.1F600 is in no bundled font' "printf '\\xf0\\x9f\\x98\\x80\\n' >> pages/transport/en.md"
# a survey's background block: a name the kiosk does not know, what follows "under 18"
job defect-background-name defect background-name 'surveys/needs.txt:[0-9]+: \[background\] ask: "nationality" is not a background question' "sed -i 's/^ask: .*/ask: age nationality/' surveys/needs.txt"
job defect-background-under18 defect background-under18 'surveys/needs.txt:[0-9]+: \[background\] under18: must be notice or end' "sed -i 's/^under18: .*/under18: ask-a-parent/' surveys/needs.txt"

# a pack signed for kiosks names who reads the answers: a placeholder there refuses pack build
# --key and pack check --release, naming file and line; an unsigned build and a plain check
# only warn
release_placeholder() {
    local src=$W/src-release
    rm -rf "$src" && cp -r "$FIX_SRC" "$src"
    sed -i 's/^who\.lv: .*/who.lv: {{fill in: organizācija, kas lasa atbildes}}. Tā nelemj par patvērumu./' "$src/surveys/needs.txt"
    (cd "$W" && "$CTL" keygen op >/dev/null)
    expect_fail "pack build --key refuses who to fill in" 1 'surveys/needs.txt:[0-9]+: `who.lv` holds a \{\{fill in: ...\}\}: a signed pack says who reads the answers' "$CTL" pack build "$src" -o "$W/r.pack" --key "$W/op.key"
    if [ -e "$W/r.pack" ]; then bad "a refused signed build left a pack"; else ok "a refused signed build leaves no pack"; fi
    expect_fail "pack check --release refuses it too" 1 '`who.lv` holds a \{\{fill in' "$CTL" pack check "$src" --release
    expect_fail "pack build without a key warns" 0 'surveys/needs.txt:[0-9]+: `who` holds a \{\{fill in: ...\}\} in 1 language: a signed pack' "$CTL" pack build "$src" -o "$W/r.pack"
    check "pack check without --release passes" "$CTL" pack check "$src"
    check "the fixture as it is builds signed" "$CTL" pack build "$FIX_SRC" -o "$W/f.pack" --key "$W/op.key"
}
job release-placeholder release_placeholder
