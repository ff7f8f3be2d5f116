# scenarios: tests/scenarios/*.txt, their screenshots and dumps against tests/golden/;
# the surveys they answer, as stored
# needs: build/san/sveiki build/fixture.pack build/demo.pack build/imgdiff

# ---- scenarios and screenshots ----------------------------------------------------------
# A scenario runs on the fixture pack unless it says `# pack: demo`; `# args:` adds options.
scenario() {
    local s=$1 name dir args= pack= out l
    name=${s##*/} name=${name%.txt}
    dir=$OUT/shots/$name
    mkdir -p "$dir"
    while IFS= read -r l; do
        case $l in "# args: "*) args=${l#"# args: "} ;; "# pack: "*) pack=${l#"# pack: "} ;; esac
    done < "$s"
    PACK=$B/${pack:-fixture}.pack
    # shellcheck disable=SC2086
    if out=$(cd "$dir" && run_kiosk $args --script "$ROOT/$s" 2>&1); then ok "scenario $name"; else bad "scenario $name" "$out"; fi
    compare_shots "$dir"
}
for s in tests/scenarios/*.txt; do
    n=${s##*/}
    job "scenario-${n%.txt}" scenario "$s"
done

# a survey answered through the screens reaches the office as sent (sealed on the kiosk,
# exported, opened by merge with the office key), its background answers in a submission of
# their own: typed phone numbers and e-mail addresses removed, each answer with its kind; the
# log line names it; nothing readable in the store
survey_stored() {
    local out l
    for l in en ar ti; do
        rm -rf "$W/sd-$l" "$W/st-$l" "$W/c-$l.db"
        out=$(cd "$W" && "$KIOSK" --headless --pack "$B/fixture.pack" --data "$W/sd-$l" --office-key "$OFFICE_PUB" --lang $l --size 800x480 --script "$ROOT/tests/scenarios/survey-$l.txt" 2>&1 >/dev/null)
        # the line names the survey and the count only: no submission id in the log
        if [ "$(grep -cx 'sveiki: info: feedback_saved survey=needs answers=2' <<<"$out")" = 2 ] &&
            ! grep -qE '[0-9a-f]{8}-[0-9a-f]{4}-' <<<"$out" &&
            ! grep -q 'removed' "$W/sd-$l/feedback.db" &&
            "$CTL_PLAIN" export --data "$W/sd-$l" --to "$W/st-$l" >/dev/null 2>&1 &&
            "$CTL_PLAIN" merge --enrol-new --into "$W/c-$l.db" "$W/st-$l" --key "$OFFICE_KEY" >/dev/null 2>&1 &&
            python3 "$LIB/survey_stored.py" "$W/c-$l.db" "$l"
        then ok "survey $l: stored as answered, sealed, typed text scrubbed"; else bad "survey $l stored" "$out"; fi
    done
}
job survey-stored survey_stored
