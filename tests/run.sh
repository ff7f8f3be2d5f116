#!/bin/bash
# Runs the test groups: every tests/groups/*.sh, or those named (tests/run.sh stick sync, or
# stick,sync). `make test` and `make test T=NAME` call it after building what the groups need.
#
# A group file registers jobs (`job NAME FUNCTION ARGS`, tests/lib/common.sh); the jobs of all
# groups run in parallel, at most `nproc` at once, the longest first (by the times of the last
# run, kept in build/test-times.txt; tests/job-times.txt for a clean clone), each with its own
# scratch directory, and their output is printed in a fixed order (groups by file name, jobs
# as registered). Ends with "N passed, N failed"; exits 1 on any failure. TEST_TIMES=1 also
# prints each job's seconds (wall, CPU), the longest first.
#
# The UI tests run on the fixture pack (tests/fixtures/pack, built as build/fixture.pack),
# so editing the demo content never breaks them; the demo pack (build/demo.pack) keeps its
# own smoke tests, each named "demo ...".
set -u
cd "$(dirname "$0")/.."
. tests/lib/common.sh

groups=()
for a in "$@"; do
    for g in ${a//,/ }; do
        if [ ! -e "tests/groups/$g.sh" ]; then
            echo "no test group \"$g\"; the groups: $(cd tests/groups && ls *.sh | sed 's/\.sh$//' | tr '\n' ' ')" >&2
            exit 2
        fi
        groups+=("tests/groups/$g.sh")
    done
done
all=0
if [ ${#groups[@]} = 0 ]; then all=1 groups=(tests/groups/*.sh); fi

rm -rf "$OUT" "$SCRATCH" && mkdir -p "$OUT/res" "$OUT/shots" "$OUT/diff" "$SCRATCH"
# jobs start only once every group is read, so two groups must not define one function name
dup=$(grep -hoE '^[a-zA-Z_][a-zA-Z0-9_]*\(\)' "${groups[@]}" tests/lib/*.sh | sort | uniq -d)
if [ -n "$dup" ]; then echo "tests/groups: functions defined twice (rename one): $dup" >&2; exit 2; fi
for f in "${groups[@]}"; do
    # shellcheck source=/dev/null
    . "$f"
done
job_start_all

total_p=0 total_f=0
outs=() # the jobs' outputs, in order, printed by one cat
for ((n = 0; n < njobs; n++)); do
    printf -v id '%03d' "$n"
    [ -e "$OUT/res/$id.out" ] && outs+=("$OUT/res/$id.out")
    if read -r name p f < "$OUT/res/$id.n" 2>/dev/null; then
        total_p=$((total_p + p)) total_f=$((total_f + f))
    else
        total_f=$((total_f + 1))
        [ ${#outs[@]} -gt 0 ] && cat "${outs[@]}" && outs=()
        echo "FAIL  job $id did not finish"
    fi
done
[ ${#outs[@]} -gt 0 ] && cat "${outs[@]}"
# every reference is still made by some test (only known when every group ran)
if [ $all = 1 ]; then
    orphans=$(comm -23 <(ls tests/golden | sort) <(find "$OUT/shots" -type f -printf '%f\n' | sort))
    if [ -z "$orphans" ]; then total_p=$((total_p + 1)); echo "ok    every reference in tests/golden/ is made by a test"
    else total_f=$((total_f + 1)); echo "FAIL  references no test makes any more (remove them?)"; sed 's/^/      /' <<<"$orphans"; fi
fi
if [ "${TEST_TIMES:-0}" = 1 ]; then
    echo "seconds each job took (wall, CPU of its programs), the longest first:"
    for ((n = 0; n < njobs; n++)); do
        printf -v id '%03d' "$n"
        read -r w c < "$OUT/res/$id.t" 2>/dev/null || w=0 c=0
        printf '%6.1f %6.1f %s\n' "$w" "$c" "${job_name[n]}"
    done | sort -k1,1gr | awk '{ print; w += $1; c += $2 } END { printf "%6.1f %6.1f in all\n", w, c }'
fi
# the scratch folders stay for a look when something failed; else RAM is given back
if [ "$total_f" = 0 ]; then rm -rf "$SCRATCH"; else echo "the jobs' scratch folders: $SCRATCH"; fi
echo "$total_p passed, $total_f failed"
[ "$total_f" = 0 ]
