# valgrind: the kiosk as shipped (build/sveiki: -O2, no sanitizer) under valgrind's memcheck
# over a tour of the fixture pack (tests/lib/tour.sh): no error (an uninitialised value, a read
# out of bounds, a bad free), nothing definitely lost. `make test` takes the short tour (a
# survey sent and taken by a stick, then Arabic); `make valgrind` the whole one. No
# suppressions: the graphics stack (SDL's dummy driver, the software renderer) reports nothing.
# needs: build/sveiki build/fixture.pack

. tests/lib/tour.sh

valgrind_tour() {
    local kind=${VALGRIND_TOUR:-short} out rc
    mkdir -p "$W/stick/sveiki"
    tour_script "$W/stick" "$([ "$kind" = full ] || echo short)" > "$W/tour.txt"
    out=$(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
        --errors-for-leak-kinds=definite "$B/sveiki" --headless --pack "$PACK" --data "$W/data" \
        --office-key "$OFFICE_PUB" --size 800x480 --script "$W/tour.txt" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -q 'info: export: exported 2 submissions' <<<"$out" && ! grep -q '^==[0-9]*==' <<<"$out"; then
        ok "valgrind: the $kind tour, no memory error, nothing definitely lost"
    else
        bad "valgrind: the $kind tour (exit $rc)" "$(grep -A14 -E '^==[0-9]+== [A-Z]|^script' <<<"$out" | head -40)"
    fi
}
job valgrind valgrind_tour
