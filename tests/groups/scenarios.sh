# scenarios: tests/scenarios/*.txt, their screenshots and dumps against tests/golden/;
# the surveys they answer, as stored
# needs: build/san/sveiki build/fixture.pack build/demo.pack build/imgdiff

# ---- scenarios and screenshots ----------------------------------------------------------
# A scenario runs on the fixture pack unless it says `# pack: demo`; `# args:` adds options.
scenario() {
    local s=$1 name dir args pack out
    name=$(basename "$s" .txt)
    dir=$OUT/shots/$name
    mkdir -p "$dir"
    args=$(sed -n 's/^# args: //p' "$s")
    pack=$(sed -n 's/^# pack: //p' "$s")
    PACK=$B/${pack:-fixture}.pack
    # shellcheck disable=SC2086
    if out=$(cd "$dir" && run_kiosk $args --script "$ROOT/$s" 2>&1); then ok "scenario $name"; else bad "scenario $name" "$out"; fi
    compare_shots "$dir"
}
for s in tests/scenarios/*.txt; do
    job "scenario-$(basename "$s" .txt)" scenario "$s"
done

# a survey answered through the screens is in the store as sent, its background answers in a
# submission of their own: typed phone numbers and e-mail addresses removed, a log line names
# each submission's survey and count, nothing identifying stored
survey_stored() {
    local out l
    for l in en ar ti; do
        rm -rf "$W/sd-$l"
        out=$(cd "$W" && "$KIOSK" --headless --pack "$B/fixture.pack" --data "$W/sd-$l" --lang $l --size 800x480 --script "$ROOT/tests/scenarios/survey-$l.txt" 2>&1 >/dev/null)
        # the line names the survey and the count only: no submission id in the log
        if [ "$(grep -cx 'feedback_saved survey=needs answers=2' <<<"$out")" = 2 ] &&
            ! grep -qE '[0-9a-f]{8}-[0-9a-f]{4}-' <<<"$out" &&
            python3 "$LIB/survey_stored.py" "$W/sd-$l/feedback.db" "$l"
        then ok "survey $l: stored as answered, typed text scrubbed"; else bad "survey $l stored" "$out"; fi
    done
}
job survey-stored survey_stored
