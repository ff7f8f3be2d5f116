# specimen: the demo's specimen page in every language, smallest and largest screen
# needs: build/san/sveiki build/demo.pack build/imgdiff

# the demo's specimen page in every language, on the smallest and the largest screen
specimen() {
    local l=$1 size dir=$OUT/shots/specimen-$1
    PACK=$DEMO
    mkdir -p "$dir"
    for size in 800x480 1920x1080; do
        printf 'shot %s.png\ndump %s.json\n' "$dir/specimen-$l-$size" "$dir/specimen-$l-$size" > "$W/shot.txt"
        check "demo: specimen $l $size renders" run_kiosk --size "$size" --lang "$l" --page one-off-support --script "$W/shot.txt"
    done
    compare_shots "$dir"
}
for l in lv en ru uk ar fa ku ti; do job "specimen-$l" specimen "$l"; done
