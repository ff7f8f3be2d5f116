# unit: the cmocka unit tests (ASan+UBSan), one job per build/test_* program; each test counts
# needs: unit all build/fixture.pack

# ---- unit tests (each cmocka test counts) -----------------------------------------------
unit() {
    local t=$1 out rc p f
    out=$("$t" 2>&1); rc=$?
    p=$(grep -oE '\[  PASSED  \] [0-9]+' <<<"$out" | grep -oE '[0-9]+$' | head -1)
    f=$(grep -oE '\[  FAILED  \] [0-9]+' <<<"$out" | grep -oE '[0-9]+$' | head -1)
    p=${p:-0} f=${f:-0}
    [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$f" = 0 ]; then echo "ok    ${t##*/}: $p tests"; else
        echo "FAIL  ${t##*/}"; grep -E 'FAIL|ERROR|error|Sanitizer' <<<"$out" | sed 's/^/      /' | head -20; fi
}
for t in "$B"/test_*; do
    [ -x "$t" ] && job "${t##*/}" unit "$t"
done
