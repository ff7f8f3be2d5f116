# install: make install's layout, the unit systemd-analyze accepts, the installed programs
# finding their files, the watchdog and readiness told to a fake systemd, --fullscreen without
# a window manager, and the kiosk under cage (Wayland, wlroots' headless backend)
# needs: build/sveiki build/sveikictl build/san/sveiki build/demo.pack build/fixture.pack build/man/sveiki.1 build/man/sveikictl.1

# make install into a DESTDIR with PREFIX=/usr: every file where it belongs
install_layout() {
    local out d=$W/dest f missing=""
    out=$(env -u MAKEFLAGS -u MAKELEVEL make -s -C "$ROOT" install DESTDIR="$d" PREFIX=/usr 2>&1) || { bad "make install DESTDIR=... PREFIX=/usr" "$out"; return; }
    for f in usr/bin/sveiki usr/bin/sveikictl usr/share/man/man1/sveiki.1 usr/share/man/man1/sveikictl.1 \
        usr/share/sveiki/demo.pack usr/share/sveiki/assets/icons/names.txt usr/share/sveiki/lang/ar.po \
        usr/share/sveiki/assets/fonts/NotoSans-Regular.ttf usr/share/sveiki/assets/fonts/NotoSansEthiopic-Bold.ttf \
        usr/share/sveiki/99-sveiki-usb.rules usr/share/sveiki/sveiki.conf etc/sveiki/sveiki.conf \
        usr/lib/systemd/system/sveiki.service usr/lib/sysusers.d/sveiki.conf; do
        [ -s "$d/$f" ] || missing="$missing $f"
    done
    if [ -z "$missing" ] && [ -x "$d/usr/bin/sveiki" ] && [ -x "$d/usr/bin/sveikictl" ] && \
        [ "$(ls "$d/usr/share/sveiki/lang" | wc -l)" = "$(ls lang/*.po | wc -l)" ] && \
        [ "$(ls "$d/usr/share/sveiki/assets/fonts" | wc -l)" = "$(ls assets/fonts | wc -l)" ]; then
        ok "make install DESTDIR=... PREFIX=/usr lays out every file"
    else bad "make install: missing or empty:$missing" "$(cd "$d" && find . -type f | sort)"; fi
    # the unit: the prefix in ExecStart, what a kiosk service must say, and systemd accepts it
    # (verify exits 0 even on a bad line, so any word from it fails; MANPATH: its man page)
    local unit=$d/usr/lib/systemd/system/sveiki.service want line=""
    for want in Type=notify WatchdogSec= Restart=always User=sveiki StateDirectory=sveiki ProtectSystem=strict \
        PrivateNetwork=yes NoNewPrivileges=yes RestartPreventExitStatus=3 \
        "ExecStart=/usr/bin/cage .* /usr/bin/sveiki --fullscreen --kiosk"; do
        grep -q "^$want" "$unit" || line="$line $want"
    done
    [ -z "$line" ] && ok "sveiki.service: notify, watchdog, restart, own user, state directory, sandbox, /usr/bin/sveiki under cage" || bad "sveiki.service lacks:$line" "$(cat "$unit")"
    out=$(MANPATH=$d/usr/share/man systemd-analyze verify "$unit" 2>&1)
    if [ $? = 0 ] && [ -z "$out" ]; then ok "systemd-analyze verify accepts sveiki.service"; else bad "systemd-analyze verify sveiki.service" "$out"; fi
    out=$(MANPATH=$d/usr/share/man man -P cat sveiki 2>&1)
    grep -q -- '--fullscreen' <<<"$out" && grep -q 'SVEIKI_HOME' <<<"$out" && ok "man sveiki: the options and SVEIKI_HOME" || bad "man sveiki" "$out"
    out=$(MANPATH=$d/usr/share/man man -P cat sveikictl 2>&1)
    grep -q 'pack build' <<<"$out" && ok "man sveikictl: the commands" || bad "man sveikictl" "$out"
    # the settings file installed is one the kiosk accepts as it is
    out=$("$d/usr/bin/sveiki" --check-config "$d/etc/sveiki/sveiki.conf" 2>&1)
    [ $? = 0 ] && ok "the installed sveiki.conf passes sveiki --check-config" || bad "the installed sveiki.conf" "$out"
    # a second install keeps the configuration an operator edited
    echo "idle = 120" >> "$d/etc/sveiki/sveiki.conf"
    out=$(env -u MAKEFLAGS -u MAKELEVEL make -s -C "$ROOT" install DESTDIR="$d" PREFIX=/usr 2>&1)
    grep -q '^idle = 120$' "$d/etc/sveiki/sveiki.conf" && grep -q "kept $d/etc/sveiki/sveiki.conf" <<<"$out" \
        && ok "make install again keeps an edited sveiki.conf" || bad "make install over an edited sveiki.conf" "$out"

    # the installed programs find fonts, words and the demo pack from their prefix alone
    printf 'tap 10 10\nexpect "Search"\n' > "$W/home.txt"
    expect_fail "the installed kiosk finds its fonts and demo pack from PREFIX/share/sveiki" 0 "" \
        env -u SVEIKI_HOME "$d/usr/bin/sveiki" --headless --lang en --data "$W/data" --office-key "$OFFICE_PUB" --script "$W/home.txt"
    expect_fail "the installed sveikictl builds a pack with its prefix's fonts and words" 0 "pages in" \
        env -u SVEIKI_HOME "$d/usr/bin/sveikictl" pack build "$FIX_SRC" -o "$W/inst.pack"
    # a copy with nothing beside it says where it looked and what to set
    mkdir -p "$W/elsewhere/bin" && cp "$d/usr/bin/sveiki" "$d/usr/bin/sveikictl" "$W/elsewhere/bin/"
    expect_fail "a kiosk copied elsewhere names the folders it looked in and SVEIKI_HOME" 1 \
        "found no assets/fonts in $W/elsewhere/bin, $W/elsewhere, .*, $W/elsewhere/share/sveiki: set SVEIKI_HOME" \
        env -u SVEIKI_HOME "$W/elsewhere/bin/sveiki" --headless --pack "$PACK" --data "$W/data" --script /dev/null
    # without --pack too: that line is the error, once, not a demo pack missing from the
    # folder the copy was started in
    local one
    one=$(cd "$W/elsewhere" && env -u SVEIKI_HOME "$W/elsewhere/bin/sveiki" --headless --data "$W/data" --office-key "$OFFICE_PUB" --script /dev/null 2>&1)
    if [ $? = 1 ] && [ "$(grep -c 'found no assets/fonts' <<<"$one")" = 1 ] &&
        grep -q "^sveiki: error: found no assets/fonts in $W/elsewhere/bin, " <<<"$one" && ! grep -q 'content pack' <<<"$one"; then
        ok "a kiosk copied elsewhere, no --pack: the folders it looked in, said once as an error"
    else bad "a kiosk copied elsewhere, no --pack" "$one"; fi
    expect_fail "sveikictl copied elsewhere names the folders it looked in and SVEIKI_HOME" 1 \
        "^sveikictl: found no assets/fonts in $W/elsewhere/bin, .*: set SVEIKI_HOME to the folder that has assets/ and lang/" \
        env -u SVEIKI_HOME "$W/elsewhere/bin/sveikictl" pack build "$FIX_SRC" -o "$W/x.pack"
    expect_fail "a copy elsewhere runs with SVEIKI_HOME" 0 "" \
        env SVEIKI_HOME="$d/usr/share/sveiki" "$W/elsewhere/bin/sveiki" --headless --lang en --data "$W/data" --office-key "$OFFICE_PUB" --script "$W/home.txt"
}
job install-layout install_layout

# a fake systemd (tests/lib/notify.py): READY=1 after the first frame, WATCHDOG=1 at half
# of WATCHDOG_USEC and never much sooner, STOPPING=1 at SIGTERM
watchdog() {
    local out
    out=$(xvfb-run -a -n 130 -s "-screen 0 1024x600x24 -noreset" python3 "$LIB/notify.py" "$W/notify.sock" 300000 4 0 \
        "$B/sveiki" --pack "$PACK" --data "$W/data" --office-key "$OFFICE_PUB" 2>&1)
    [ $? = 0 ] && ok "systemd watchdog: READY=1 after the first frame, a ping every half WATCHDOG_USEC, STOPPING=1" || bad "systemd watchdog" "$out"
    # with no pack, the staff screen is up and pings too (else systemd would restart it)
    out=$(xvfb-run -a -n 131 -s "-screen 0 1024x600x24 -noreset" python3 "$LIB/notify.py" "$W/notify2.sock" 300000 2 1 \
        "$B/sveiki" --pack "$W/nope.pack" --data "$W/data" 2>&1)
    grep -q 'READY=1\\nSTATUS=.*nope.pack: no such content pack' <<<"$out" && grep -q "'WATCHDOG=1', 'WATCHDOG=1'" <<<"$out" \
        && ok "no pack: READY=1 with the reason as STATUS, and the pings go on" || bad "no pack: watchdog" "$out"
}
job watchdog watchdog

# --fullscreen on a bare X server (no window manager to answer a fullscreen request): the
# window is the screen's size, not --size
fullscreen_bare_x() {
    local out
    printf 'shot %s\n' "$W/full.png" > "$W/full.txt"
    out=$(env -u SDL_VIDEODRIVER xvfb-run -a -n 132 -s "-screen 0 1024x600x24 -noreset" "$B/sveiki" --fullscreen --size 800x480 \
        --pack "$PACK" --data "$W/data" --office-key "$OFFICE_PUB" --script "$W/full.txt" 2>&1)
    local size
    size=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$W/full.png" 2>&1)
    [ "$size" = 1024x600 ] && grep -q 'display x11, 1024x600 fullscreen' <<<"$out" \
        && ok "--fullscreen without a window manager fills the screen (1024x600, not --size 800x480)" || bad "--fullscreen on bare X: $size" "$out"
}
job fullscreen-bare-x fullscreen_bare_x

# The kiosk as sveiki.service starts it: installed, under cage with wlroots' headless backend,
# as an unprivileged user (cage refuses root), through SDL's Wayland driver; its first frame
# is the output's size. Prints the time from starting cage to the first frame.
cage_kiosk() {
    local why="" user run=$W/cage pfx="" out d=$W/dest
    command -v cage >/dev/null || why="no cage (apt-get install cage)"
    command -v Xwayland >/dev/null || why="${why:+$why, }no Xwayland (apt-get install xwayland)"
    if [ -n "$why" ]; then echo "skipped: the kiosk under cage: $why"; return; fi
    out=$(env -u MAKEFLAGS -u MAKELEVEL make -s -C "$ROOT" install DESTDIR="$d" PREFIX=/usr 2>&1) || { bad "make install for cage" "$out"; return; }
    mkdir -p "$run" && chmod 700 "$run"
    printf 'shot %s/first.png\n' "$run" > "$run/first.txt"
    # what the unprivileged user reads from the checkout, copied: a checkout in a folder only
    # its owner may enter (mktemp -d, /root) is out of its reach
    cp "$LIB/notify.py" "$OFFICE_PUB" "$run/"
    local office=$run/${OFFICE_PUB##*/}
    if [ "$(id -u)" = 0 ]; then
        user=sveiki-test
        id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$user" 2>/dev/null || id "$user" >/dev/null 2>&1 \
            || { echo "skipped: the kiosk under cage: cage refuses root, and no user could be made"; return; }
        chown -R "$user" "$run"
        pfx="setpriv --reuid=$user --regid=$(id -g "$user") --init-groups"
    fi
    # the environment of a login session, nothing of the tests' (no dummy video driver)
    local envs="PATH=/usr/bin:/bin HOME=$run XDG_RUNTIME_DIR=$run WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman"
    # shellcheck disable=SC2086
    out=$($pfx env -i $envs cage -d -- "$d/usr/bin/sveiki" --fullscreen --size 800x480 --data "$run/data" \
        --office-key "$office" --script "$run/first.txt" 2>&1)
    local size
    size=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]))' "$run/first.png" 2>&1)
    if grep -q 'display wayland, 1280x720 fullscreen' <<<"$out" && [ "$size" = 1280x720 ]; then
        ok "cage: the installed kiosk's first frame is fullscreen (1280x720) through SDL's Wayland driver"
    else bad "cage: first frame $size" "$out"; fi
    # the unit's own command (env -u WATCHDOG_PID under cage) with a fake systemd: READY=1
    # and the watchdog's pings reach it from under cage
    # shellcheck disable=SC2086
    out=$($pfx env -i $envs WATCHDOG_PID=1 python3 "$run/notify.py" "$run/notify.sock" 300000 2 any \
        cage -d -- /usr/bin/env -u WATCHDOG_PID "$d/usr/bin/sveiki" --fullscreen --data "$run/data" --office-key "$office" 2>&1)
    if [ $? = 0 ] && grep -q 'display wayland, 1280x720 fullscreen' <<<"$out"; then
        ok "cage: the unit's command tells systemd READY=1 and pings the watchdog from under cage"
    else bad "cage: READY and watchdog under cage" "$out"; fi
    # for the README: from starting cage to the installed (release) kiosk's first frame
    # shellcheck disable=SC2086
    out=$($pfx env -i $envs SVEIKI_BENCH_FIRST_FRAME=exit python3 -c '
import subprocess, sys, time
t = time.monotonic_ns()
r = subprocess.run(sys.argv[1:], capture_output=True, text=True)
ff = [int(l.split()[1]) for l in r.stderr.splitlines() if l.startswith("first-frame ")]
print("%d ms" % ((ff[0] - t) / 1e6) if ff else r.stderr)' \
        cage -d -- "$d/usr/bin/sveiki" --fullscreen --data "$run/data" --office-key "$office" 2>&1)
    echo "      measured: cage started to the installed kiosk's first frame: $out"
}
job cage cage_kiosk

# `make run` keeps the kiosk's state and the demo office's keys outside build/ (in a HOME of
# the test's), so `make clean`, which removes build/ alone, never deletes answers or keys
make_run_state() {
    local out h=$W/home
    if [ -e "$B/data" ] || [ -e "$B/demo-office.key" ]; then
        echo "skipped: make run's state: $B/data or $B/demo-office.key of an older make run is there, and make run would move it into the test's HOME"
        return
    fi
    mkdir -p "$h"
    out=$(env -u MAKEFLAGS -u MAKELEVEL -u XDG_STATE_HOME -u XDG_DATA_HOME -u SDL_VIDEODRIVER HOME="$h" SVEIKI_BENCH_FIRST_FRAME=exit \
        xvfb-run -a -n 133 -s "-screen 0 1280x800x24 -noreset" make -s -C "$ROOT" run 2>&1)
    if grep -q '^first-frame ' <<<"$out" && [ -e "$h/.local/state/sveiki/feedback.db" ] && \
        [ -s "$h/.local/share/sveiki/demo-office.key" ] && [ -s "$h/.local/share/sveiki/demo-office.pub" ] && \
        [ ! -e "$B/data" ] && [ ! -e "$B/demo-office.key" ] && [ "$(env -u MAKEFLAGS -u MAKELEVEL make -s -n -C "$ROOT" clean)" = "rm -rf build" ]; then
        ok "make run: state in ~/.local/state/sveiki, demo office keys in ~/.local/share/sveiki, make clean removes build/ only"
    else bad "make run's state" "$out"$'\n'"$(find "$h" -path "$h/.config" -prune -o -print)"; fi
}
job make-run make_run_state
