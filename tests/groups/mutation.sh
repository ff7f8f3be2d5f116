# mutation: the screenshot comparison notices a changed digit
# needs: build/san/sveiki build/sveikictl build/imgdiff

# ---- the comparison notices a changed digit ---------------------------------------------
# A copy of the demo sources, built with build/sveikictl: unchanged, its specimen screenshots
# and dumps match the references; with one figure or one date changed they must not.
render_specimen() { # render_specimen PACK SIZE OUT-BASE
    printf 'shot %s.png\ndump %s.json\n' "$3" "$3" > "$W/shot.txt"
    "$KIOSK" --headless --pack "$1" --data "$W/data" --office-key "$OFFICE_PUB" --size "$2" --lang en --page one-off-support --script "$W/shot.txt" 2>&1
}
mutation() {
    local page=pages/one-off-support/en.md kind size ref base out rc
    for kind in unchanged figure date; do
        rm -rf "$W/src-$kind" && cp -r "$DEMO_SRC" "$W/src-$kind"
        case $kind in
        figure) sed -i 's/^- \*\*278 EUR\*\* for an adult\.$/- **279 EUR** for an adult./' "$W/src-$kind/$page"
                grep -q '^- \*\*279 EUR\*\*' "$W/src-$kind/$page" || { bad "mutation: no line \"- **278 EUR** for an adult.\" in $DEMO_SRC/$page to change"; continue; } ;;
        date)   sed -i 's/^checked: 2022-12-01$/checked: 2022-12-02/' "$W/src-$kind/$page"
                grep -q '^checked: 2022-12-02$' "$W/src-$kind/$page" || { bad "mutation: no line \"checked: 2022-12-01\" in $DEMO_SRC/$page to change"; continue; } ;;
        esac
        if ! out=$("$CTL_PLAIN" pack build "$W/src-$kind" -o "$W/$kind.pack" 2>&1); then
            bad "mutation: building the $kind copy" "$out"; continue
        fi
        for size in 800x480 1920x1080; do
            ref=tests/golden/specimen-en-$size
            base=$W/$kind-en-$size
            if ! out=$(render_specimen "$W/$kind.pack" "$size" "$base"); then bad "mutation: rendering the $kind copy at $size" "$out"; continue; fi
            out=$("$B/imgdiff" "$base.png" "$ref.png" "$OUT/diff/mutation-$kind-$size.png" 2>&1); rc=$?
            if [ "$kind" = unchanged ]; then
                if [ $rc = 0 ] && cmp -s "$base.json" "$ref.json"; then
                    ok "mutation: an unchanged copy of the demo matches specimen-en-$size (png and json)"
                else
                    bad "mutation: an unchanged copy of the demo does not match specimen-en-$size (imgdiff exit $rc)" "$out"
                fi
            elif [ $rc = 1 ] && grep -q 'pixels differ' <<<"$out" && [ -s "$OUT/diff/mutation-$kind-$size.png" ] &&
                ! cmp -s "$base.json" "$ref.json"; then
                ok "mutation: a changed $kind fails specimen-en-$size: $(head -1 <<<"$out")"
            else
                bad "mutation: a changed $kind was not noticed at $size (imgdiff exit $rc; the dump $(cmp -s "$base.json" "$ref.json" && echo matched || echo differed))" "$out"
            fi
        done
    done
}
job mutation mutation
