# network: the kiosk never opens a network socket: a whole tour (tests/lib/tour.sh) of the
# kiosk as shipped (LeakSanitizer does not run under ptrace) under
# strace, and the operator tool's pack build, export and merge; any socket of AF_INET or
# AF_INET6 fails the test (a local AF_UNIX one, as a sound or display library may open, is
# fine)
# needs: build/sveiki build/sveikictl build/fixture.pack

. tests/lib/tour.sh

# strace_net NAME COMMAND...: runs the command under strace -f, tracing socket() (and
# execve, which shows the trace took)
strace_net() {
    local name=$1 out rc inet log=$W/trace-$njobs-$RANDOM.strace; shift
    out=$(strace -f -qq -e trace=socket,execve -o "$log" "$@" 2>&1); rc=$?
    inet=$(grep -E 'socket\((AF|PF)_INET6?\b' "$log")
    if [ $rc != 0 ]; then bad "no network: $name (exit $rc)" "$out"
    elif [ -n "$inet" ]; then bad "no network: $name opened an internet socket" "$inet"
    elif ! grep -q 'execve(' "$log"; then bad "no network: $name was not traced" "$(head "$log")"
    else ok "no network: $name opens no AF_INET or AF_INET6 socket"; fi
}
no_network() {
    mkdir -p "$W/stick/sveiki"
    tour_script "$W/stick" > "$W/tour.txt"
    strace_net "a tour of the kiosk" "$B/sveiki" --headless --pack "$PACK" --data "$W/data" --office-key "$OFFICE_PUB" --size 800x480 --script "$W/tour.txt"
    strace_net "the operator's pack build" "$CTL_PLAIN" pack build "$FIX_SRC" -o "$W/p.pack"
    strace_net "the operator's merge" "$CTL_PLAIN" merge --enrol-new --into "$W/central.db" "$W/stick" --key "$OFFICE_KEY"
}
job no-network no_network
