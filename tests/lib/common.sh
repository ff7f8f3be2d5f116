# Sourced by tests/run.sh: the paths, the environment and the helpers every group file uses.
# A group file (tests/groups/NAME.sh) defines functions and registers them with `job`.
ROOT=$PWD
B=$ROOT/build
OUT=$B/test-out
# Each job's scratch directory ($W), and TMPDIR for all it starts (the unit tests' folders
# too), on a RAM file system when there is one with room: the tests make and remove tens of
# thousands of files, and on ext4 the search for a free inode among so many just deleted was
# most of the suite's system time (test_sticks: 6.8 s on ext4, 1.8 s on tmpfs). Else beside
# the results. One folder per checkout, so two checkouts can test at once.
SCRATCH=$OUT/tmp
if [ "$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] &&
   [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -gt 2097152 ] 2>/dev/null; then
    SCRATCH=/dev/shm/sveiki-test-$(id -u)-$(printf %s "$ROOT" | md5sum | cut -c1-8)
fi
# A 16 MB quarantine (256 by default) still holds every freed block far longer than any test
# process reuses memory, and kept each short-lived process from touching hundreds of MB of
# fresh pages: a third of the suite's system time. Ten frames of allocation stack are enough
# to read a report.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:quarantine_size_mb=16:malloc_context_size=10
export LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp:print_suppressions=0
export SDL_VIDEODRIVER=dummy SDL_RENDER_DRIVER=software
# no sound card in tests: the kiosk reads aloud into SDL's dummy audio driver (the speech
# group writes it to a file with the disk driver)
export SDL_AUDIODRIVER=dummy
JOBS=$(nproc 2>/dev/null || echo 2)
# Debian's own python3 first: a version manager's shim (pyenv's is a bash script that runs
# more scripts) failed now and then to start under a full parallel run. The checks need only
# the standard library.
[ -x /usr/bin/python3 ] && export PATH=/usr/bin:$PATH

KIOSK=$B/san/sveiki       # the kiosk under ASan and UBSan
CTL=$B/san/sveikictl      # the pack builder under ASan and UBSan
CTL_PLAIN=$B/sveikictl    # the pack builder as operators run it
DEMO=$B/demo.pack
FIXTURE=$B/fixture.pack
DEMO_SRC=assets/content/latvia
FIX_SRC=tests/fixtures/pack
LIB=$ROOT/tests/lib       # the Python halves of some checks
# the office key pair of the tests (a test key, public in the repository): kiosks that collect
# feedback seal it to OFFICE_PUB, and merge opens it with OFFICE_KEY
OFFICE_PUB=$ROOT/tests/fixtures/office-test-only.pub
OFFICE_KEY=$ROOT/tests/fixtures/office-test-only.key

# ---- reporting: within a job, counts and lines go to the job's own result file -----------
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok    $1"; }
bad() { failed=$((failed + 1)); echo "FAIL  $1"; [ -n "${2:-}" ] && sed 's/^/      /' <<<"$2" | head -20; }

# check NAME COMMAND...: passes when the command exits 0
check() {
    local name=$1; shift
    local out
    if out=$("$@" 2>&1); then ok "$name"; else bad "$name" "$out"; fi
}

# expect_fail NAME WANT_RC PATTERN COMMAND...: the command must exit WANT_RC and print PATTERN
expect_fail() {
    local name=$1 want=$2 pat=$3; shift 3
    local out rc
    out=$("$@" 2>&1); rc=$?
    if [ "$rc" = "$want" ] && [[ $out != *AddressSanitizer* && $out != *"runtime error"* ]] && grep -qE -- "$pat" <<<"$out"; then
        ok "$name"
    else
        bad "$name (exit $rc, wanted $want and /$pat/)" "$out"
    fi
}

# job NAME FUNCTION [ARGS...]: registers FUNCTION to run in the background, with $W its own
# scratch directory and $PACK the fixture pack. tests/run.sh starts the jobs once every group
# is read, the longest first (job_start_all), at most $JOBS at once; output is printed later in
# the order the jobs were registered.
# `job --waits NAME ...` marks a job that spends its time waiting, not computing (sound played
# in real time through the disk audio driver): such jobs run beside the others, at most $JOBS
# of them at once, so they do not keep a core idle.
njobs=0
job_name=() job_cmd=() job_waits=()
job() {
    local waits=0
    [ "$1" = --waits ] && waits=1 && shift
    local name=$1
    shift
    job_name[njobs]=$name
    job_cmd[njobs]=$(printf '%q ' "$@")
    job_waits[njobs]=$waits
    njobs=$((njobs + 1))
}

# Starts every registered job, the longest first so the two cores stay busy till the end: a
# job's time is the one of the last run (build/test-times.txt), else the one in
# tests/job-times.txt, else 1 s (a new job). Each job's seconds go to $OUT/res/ID.t and, once
# all ended, into build/test-times.txt.
job_start_all() {
    local f s n i id order
    declare -A est=()
    for f in tests/job-times.txt "$B/test-times.txt"; do
        [ -e "$f" ] || continue
        while read -r s n; do [ -n "$n" ] && est[$n]=$s; done < "$f"
    done
    # every job's scratch folder in one mkdir
    local dirs=()
    for ((i = 0; i < njobs; i++)); do printf -v id '%03d' "$i"; dirs+=("$SCRATCH/$id-${job_name[i]}/tmp"); done
    mkdir -p "${dirs[@]}"
    order=$(for ((i = 0; i < njobs; i++)); do echo "${est[${job_name[i]}]:-1} $i"; done | sort -k1,1gr -k2,2n | cut -d' ' -f2)
    # two queues, each the longest first: the jobs that wait, beside the ones that compute
    local qw=() qc=() pid i nw nc
    declare -A running=() # the pid of each job running: 1 when it waits, 0 when it computes
    for i in $order; do if [ "${job_waits[i]}" = 1 ]; then qw+=("$i"); else qc+=("$i"); fi; done
    while [ $((${#qw[@]} + ${#qc[@]})) -gt 0 ]; do
        nw=0 nc=0
        for pid in "${!running[@]}"; do
            if ! kill -0 "$pid" 2>/dev/null; then unset "running[$pid]"
            elif [ "${running[$pid]}" = 1 ]; then nw=$((nw + 1)); else nc=$((nc + 1)); fi
        done
        if [ ${#qw[@]} -gt 0 ] && [ $nw -lt "$JOBS" ]; then i=${qw[0]} qw=("${qw[@]:1}")
        elif [ ${#qc[@]} -gt 0 ] && [ $nc -lt "$JOBS" ]; then i=${qc[0]} qc=("${qc[@]:1}")
        else wait -n; continue; fi
        printf -v id '%03d' "$i"
        (
            W=$SCRATCH/$id-${job_name[i]} PACK=$FIXTURE passed=0 failed=0
            export TMPDIR=$W/tmp
            # its seconds, wall and CPU (user + system of the job's programs), timed by the
            # shell itself: many jobs take less time than a program started to count it
            TIMEFORMAT='%3R %3U %3S'
            { time eval "${job_cmd[i]}" > "$OUT/res/$id.out" 2>&1; } 2> "$OUT/res/$id.time"
            echo "${job_name[i]} $passed $failed" > "$OUT/res/$id.n"
            read -r r u s < "$OUT/res/$id.time"
            r=$((10#${r/[.,]/})) c=$((10#${u/[.,]/} + 10#${s/[.,]/})) # milliseconds
            printf '%d.%02d %d.%02d\n' $((r / 1000)) $((r % 1000 / 10)) $((c / 1000)) $((c % 1000 / 10)) > "$OUT/res/$id.t"
        ) &
        running[$!]=${job_waits[i]}
    done
    wait
    # the times of this run over those of the last, for the next one
    for f in "$B/test-times.txt"; do
        [ -e "$f" ] && while read -r s n; do [ -n "$n" ] && est[$n]=$s; done < "$f"
    done
    for ((i = 0; i < njobs; i++)); do
        printf -v id '%03d' "$i"
        [ -e "$OUT/res/$id.t" ] && read -r s _ < "$OUT/res/$id.t" && printf -v "est[${job_name[i]}]" '%.1f' "$s"
    done
    for n in "${!est[@]}"; do echo "${est[$n]} $n"; done | sort -k1,1gr > "$B/test-times.txt.tmp" &&
        mv "$B/test-times.txt.tmp" "$B/test-times.txt"
}

run_kiosk() { "$KIOSK" --headless --pack "$PACK" --data "$W/data" --office-key "$OFFICE_PUB" "$@"; }

# ---- comparing screenshots and dumps with their references ------------------------------
# Every NAME.png in DIR is compared with tests/golden/NAME.png (tests/imgdiff: exact within a
# few levels, not one pixel over), and the dump NAME.json written at the same moment byte for
# byte with tests/golden/NAME.json.
compare_shots() {
    local dir=$1 png name args=() p rc said
    declare -A seen=()
    # a picture that is its reference byte for byte is alike (the kiosk writes the same PNG
    # for the same pixels); the others in one imgdiff run (--each: a line a picture)
    for png in "$dir"/*.png; do
        [ -e "$png" ] || continue
        name=${png##*/} name=${name%.png}
        [ -e "tests/golden/$name.png" ] || continue
        if cmp -s "$png" "tests/golden/$name.png"; then seen[$png]=0$'\t'"the same bytes"
        else args+=("$png" "tests/golden/$name.png" "$OUT/diff/$name.png"); fi
    done
    if [ ${#args[@]} -gt 0 ]; then
        while IFS=$'\t' read -r p rc said; do seen[$p]="$rc"$'\t'"$said"; done < <("$B/imgdiff" --each "${args[@]}" 2>&1)
    fi
    for png in "$dir"/*.png; do
        [ -e "$png" ] || continue
        name=${png##*/} name=${name%.png}
        if [ ! -e "tests/golden/$name.png" ]; then
            bad "golden $name.png: no reference (review $png, then copy it to tests/golden/)"
        elif [ "${seen[$png]:-}" = "" ]; then
            bad "golden $name.png: imgdiff said nothing of it"
        elif [ "${seen[$png]%%$'\t'*}" = 0 ]; then
            ok "golden $name.png"
        else
            bad "golden $name.png" "imgdiff: ${seen[$png]#*$'\t'}"
        fi
        if [ ! -e "$dir/$name.json" ]; then
            bad "golden $name.json: no dump beside the screenshot (add \`dump $name.json\` after \`shot $name.png\`)"
        elif [ ! -e "tests/golden/$name.json" ]; then
            bad "golden $name.json: no reference (review $dir/$name.json, then copy it to tests/golden/)"
        elif cmp -s "$dir/$name.json" "tests/golden/$name.json"; then
            ok "golden $name.json"
        else
            bad "golden $name.json differs from the reference" \
                "$(diff <(sed 's/},{/},\n{/g' "tests/golden/$name.json") <(sed 's/},{/},\n{/g' "$dir/$name.json"))"
        fi
    done
}
