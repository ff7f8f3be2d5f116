# speech: read aloud through SDL's disk audio driver, the real kiosk driven by a script: sound
# in en, lv and ar, silence after leaving the page, and the same for a survey's notice; a
# page's recording played instead of synthesis; no button where there is neither
# needs: build/san/sveiki build/sveiki build/fixture.pack

speech_disk() {
    local lang=$1 page=$2 mode=$3 out
    if out=$(python3 "$LIB/speech_disk.py" "$KIOSK" "$PACK" "$W/data" "$W/audio.raw" "$lang" "$page" "$mode" 2>&1); then
        ok "read aloud $lang $page: $mode"; else bad "read aloud $lang $page: $mode" "$out"; fi
}
job --waits speech-en speech_disk en one-off-support speech
job --waits speech-lv speech_disk lv one-off-support speech
job --waits speech-ar speech_disk ar one-off-support speech
job --waits speech-survey-en speech_disk en needs survey
job --waits speech-survey-lv speech_disk lv needs survey
job --waits speech-survey-ar speech_disk ar needs survey
job --waits speech-recorded-en speech_disk en emergency-112 tone:440
job --waits speech-recorded-ti speech_disk ti emergency-112 tone:660
job --waits speech-absent-ti speech_disk ti bank-account absent

# the script's await: a malformed one is refused before anything runs
speech_await() {
    printf 'await reading 1\n' > "$W/a.txt"
    expect_fail "await without its time is refused" 2 "malformed .await." run_kiosk --script "$W/a.txt"
    printf 'await silence 600001\n' > "$W/b.txt"
    expect_fail "await waits at most 600000 ms" 2 "at most 600000" run_kiosk --script "$W/b.txt"
    # nothing read: a part never comes, and the wait says so (exit 1, like expect)
    printf 'await reading 0 300\nawait silence 1000\n' > "$W/c.txt"
    expect_fail "await for a part when nothing is read fails" 1 "waited 300 ms for reading" run_kiosk --lang en --page one-off-support --script "$W/c.txt"
}
job speech-await speech_await

# espeak-ng that never finishes starting (a library of its soname whose espeak_Initialize
# never returns, loaded first: the kiosk's dlopen finds it): the page waits for it once, a
# few seconds, then shows without read aloud, says why, and the kiosk still exits. The
# release kiosk: ASan would refuse a library loaded before its own.
speech_stuck() {
    local out rc t0
    cat > "$W/stuck.c" <<'C'
#include <unistd.h>
int espeak_Initialize(int o, int b, const char *p, int f) { (void)o, (void)b, (void)p, (void)f; for (;;) pause(); }
void espeak_SetSynthCallback(void *f) { (void)f; }
void *espeak_ListVoices(void *v) { (void)v; return 0; }
int espeak_SetVoiceByProperties(void *v) { (void)v; return 1; }
int espeak_Synth(void) { return 1; }
C
    if ! out=$(cc -shared -fPIC -Wl,-soname,libespeak-ng.so.1 -o "$W/libespeak-ng.so.1" "$W/stuck.c" 2>&1); then
        bad "read aloud with espeak-ng stuck at its start: the stand-in library" "$out"; return
    fi
    printf 'wait 100\ndump %s\n' "$W/page.json" > "$W/s.txt"
    t0=$SECONDS
    out=$(LD_PRELOAD=$W/libespeak-ng.so.1 timeout 60 "$B/sveiki" --headless --pack "$PACK" --data "$W/data" \
        --office-key "$OFFICE_PUB" --lang en --page one-off-support --script "$W/s.txt" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -q 'espeak-ng has not started after 5000 ms' <<<"$out" && [ -s "$W/page.json" ] &&
       ! grep -q '"read-aloud"' "$W/page.json"; then
        ok "read aloud with espeak-ng stuck at its start: the page shows after one wait, without the button, and the kiosk exits ($((SECONDS - t0)) s)"
    else
        bad "read aloud with espeak-ng stuck at its start (exit $rc)" "$out"
    fi
}
job --waits speech-stuck speech_stuck
