# fuzz: every libFuzzer target of tests/fuzz/ (one per parser) replays its seeds and regression
# inputs (tests/fuzz/corpus/NAME) and fuzzes on for a fixed number of inputs from a fixed seed
# (the same work on a fast or a busy machine), under ASan and UBSan; any crash, sanitizer
# report or leak fails. `make fuzz FUZZ_SECONDS=N` runs them longer.
# needs: fuzzers

fuzz_brief() {
    local n=$1 out rc runs n_runs=2000
    # the targets that check a whole content folder with the fonts take ~40 ms an input
    case $n in page|manifest|glossary|sources) n_runs=30 ;; pack) n_runs=300 ;; esac
    mkdir -p "$W/corpus"
    out=$(TMPDIR=$W "$B/fuzz/fuzz_$n" -seed=1 -runs=$n_runs -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$W/" "$W/corpus" "tests/fuzz/corpus/$n" 2>&1); rc=$?
    runs=$(grep -oE '^#[0-9]+' <<<"$out" | tr -d '#' | tail -1)
    if [ $rc = 0 ] && [ -n "$runs" ] && grep -q 'Done [0-9]* runs\|DONE' <<<"$out"; then
        ok "fuzz $n: its seeds and ${runs} inputs, no crash"
    else
        bad "fuzz $n (exit $rc)" "$(grep -A12 -E 'ERROR|SUMMARY|deadly|runtime error' <<<"$out" | head -20)"
    fi
}
for f in tests/fuzz/fuzz_*.c; do
    n=${f#tests/fuzz/fuzz_}; n=${n%.c}
    job "fuzz-$n" fuzz_brief "$n"
done
