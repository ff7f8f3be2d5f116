# hostile: packs that are valid SQLite but wrong inside
# needs: build/san/sveiki build/fixture.pack

# hostile packs: valid SQLite, wrong inside; the kiosk refuses them or shows what it can
hostile() { # hostile NAME SQL WANT_RC PATTERN
    cp "$PACK" "$W/h-$1.pack"
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()" "$W/h-$1.pack" "$2"
    printf 'dump -\nkey pagedown\nkey escape\nkey escape\ndump -\n' > "$W/h.txt"
    expect_fail "hostile pack: $1" "$3" "$4" "$KIOSK" --headless --pack "$W/h-$1.pack" --data "$W/data" --lang en --page transport --script "$W/h.txt"
}
job hostile-other-format hostile other-format "UPDATE meta SET value='3' WHERE key='format'" 1 "format is not 2"
job hostile-bad-language-code hostile bad-language-code "UPDATE languages SET code='x'' OR 1' WHERE code='ti'" 1 "invalid language code"
job hostile-no-languages hostile no-languages "DELETE FROM languages" 1 "declares no languages"
job hostile-no-pages hostile no-pages "DELETE FROM pages" 1 "has no pages"
job hostile-no-categories hostile no-categories "DELETE FROM categories" 1 "has no categories"
job hostile-no-blocks-table hostile no-blocks-table "DROP TABLE blocks" 1 'not a Sveiki content pack: table "blocks" of format 2 is missing'
job hostile-no-texts-table hostile no-texts-table "DROP TABLE texts" 1 'not a Sveiki content pack: table "texts" of format 2 is missing'
job hostile-extra-table hostile extra-table "CREATE TABLE extra(x)" 1 'not a Sveiki content pack: table "extra" is not part of format 2'
job hostile-trigger hostile trigger "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END" 1 'not a Sveiki content pack: trigger "t" is not part'
job hostile-generated-column hostile generated-column "ALTER TABLE pages ADD COLUMN g GENERATED ALWAYS AS (title || title) VIRTUAL" 1 'not a Sveiki content pack: table "pages" differs from format 2'
job hostile-no-search-index hostile no-search-index "DROP TABLE search_en" 0 '"screen":"page"'
job hostile-null-language-name hostile null-language-name "UPDATE languages SET name=NULL" 0 '"screen":"page"'
job hostile-null-page-status hostile null-page-status "UPDATE pages SET status=NULL" 0 '"screen":"page"'
job hostile-null-block-text hostile null-block-text "UPDATE blocks SET text=NULL, kind=NULL" 0 '"screen":"page"'
job hostile-null-category-id hostile null-category-id "UPDATE categories SET id=NULL" 0 '"screen":"page"'
job hostile-endless-view hostile endless-view "DROP TABLE languages; CREATE VIEW languages AS WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM r) SELECT 'en' AS code, x AS ord, 'English' AS name, 0 AS rtl FROM r" 1 'not a Sveiki content pack: view "languages" is not part'
job hostile-huge-bold-spans hostile huge-bold-spans "UPDATE blocks SET bold='999999-5 -3-7 x'" 0 '"screen":"page"'
# broken UTF-8 and U+FFFF in a pack's text: shown as U+FFFD, never a crash, every dump valid JSON
hostile_text() {
    local out rc
    cp "$PACK" "$W/h-bad-text.pack"
    python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE blocks SET text=CAST(X'41FF42EFBFBF43' AS TEXT)\"); c.execute(\"UPDATE strings SET msgstr=CAST(X'C3' AS TEXT)\"); c.execute(\"UPDATE strings SET msgstr=CAST(X'41EFBFBF' AS TEXT) WHERE msgid IN ('Back', 'Touch the screen to start')\"); c.commit()" "$W/h-bad-text.pack"
    out=$(printf 'dump -\nkey escape\ntap 10 10\ndump -\n' | "$KIOSK" --headless --pack "$W/h-bad-text.pack" --data "$W/data" --lang en --page transport --script - 2>&1); rc=$?
    if [ $rc = 0 ] && ! grep -q 'Sanitizer\|runtime error' <<<"$out" &&
        python3 -c 'import json,sys; d=[json.loads(l) for l in sys.stdin if l.startswith("{")]; assert any(w["label"]=="A\ufffdB\ufffdC" for w in d[0]["widgets"])' <<<"$out"; then
        ok "hostile pack: broken UTF-8 and U+FFFF in text shown as U+FFFD, dumps valid JSON"; else bad "hostile pack: bad text (exit $rc)" "$out"; fi
}
job hostile-bad-text hostile_text
