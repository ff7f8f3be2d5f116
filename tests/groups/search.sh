# search: the demo's search in several languages
# needs: build/san/sveiki build/demo.pack

# ---- search the demo: prefixes, Latvian diacritics optional, Arabic and Persian variants --
search() { # search NAME LANG QUERY EXPECTED-TITLE
    local label
    label=$(grep -A1 '^msgid "Search"$' "lang/$2.po" | sed -n 's/^msgstr "\(.*\)"$/\1/p')
    printf 'tap 10 10\ntap "%s"\ntype "%s"\nexpect "%s"\n' "$label" "$3" "$4" > "$W/search.txt"
    check "demo: search $1" run_kiosk --lang "$2" --script "$W/search.txt"
}
search_demo() {
    PACK=$DEMO
    search "lv word" lv "darbs" "Pirmais darbs"
    search "lv capital letter" lv "Darbs" "Pirmais darbs"
    search "lv prefix without diacritics" lv "nodarbinat" "NVA – Nodarbinātības valsts aģentūra"
    search "lv diacritic typed, plain in title" lv "valodā centrā" "Latviešu valoda centrā"
    search "ar alef without hamza" ar "اثناء انتظار" "المال أثناء انتظار القرار"
    search "fa with Arabic yeh" fa "تصميم" "انتظار برای تصمیم پناهندگی"
    search "ru prefix" ru "банк" "$(sed -n 's/^title: //p' "$DEMO_SRC/pages/bank-account/ru.md")"
}
job search-demo search_demo
