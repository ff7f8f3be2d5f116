# Sourced by the groups that watch a whole visit (network, valgrind): tour_script STICK [short]
# writes to standard output one script that goes through most of the kiosk on the fixture
# pack: the journey and a page, help, search, a survey in English answered and sent with typed
# text, the idle timeout back to attract after each, a stick that takes the feedback, Arabic
# on the way out. The scenarios' own lines, without their screenshots and dumps. The short
# tour is the survey, the stick and Arabic.
tour_script() {
    local stick=$1 short=${2:-}
    if [ -z "$short" ]; then
        grep -vE '^(shot|dump) ' tests/scenarios/journey.txt
        # the idle timeout: "Still there?", then back to attract, language forgotten (later
        # with typed text on screen)
        printf 'wait 300000\n'
        grep -vE '^(shot|dump) ' tests/scenarios/search.txt
        printf 'wait 300000\n'
    fi
    printf 'tap 10 10\ntap "English"\n'
    grep -vE '^(shot|dump) |^tap 10 10$' tests/scenarios/survey-en.txt
    printf 'media "%s"\nexpect "You can remove the stick now."\n' "$stick"
    printf 'wait 300000\ntap 10 10\ntap "العربية"\nwait 400\nquit\n'
}
