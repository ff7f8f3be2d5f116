/* builder voices: what the kiosk can read aloud. A page folder may hold a recording per
 * language (pages/<id>/<lang>.opus, Ogg Opus, beside <lang>.md), checked and packed whole;
 * where there is none, the kiosk synthesizes with espeak-ng in the languages it has a voice
 * for. pack check prints, per language, the pages read from a recording, by synthesis and
 * not at all (see builder.h). */
#include "builder/builder.h"

#include "fs.h"
#include "speech/speech.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int voices_recording(builder *c, const char *id, const char *file, const char *path,
                     const char *rel)
{
    size_t fl = strlen(file);
    if (fl < 6 || strcmp(file + fl - 5, ".opus"))
        return 0;
    char lang[32];
    snprintf(lang, sizeof lang, "%.*s", (int)(fl - 5), file);
    if (builder_lang_index(c, lang) < 0) {
        builder_report(c, 1, "%s: language \"%s\" is not declared in the manifest", path, lang);
        return 1;
    }
    err e;
    size_t len;
    unsigned char *data = fs_read_all(path, SPEECH_RECORDING_MAX, &len, &e);
    if (!data) {
        builder_report(c, 1, "%s", e.msg);
        return 1;
    }
    double seconds;
    if (speech_recording_check(data, len, &seconds, &e)) {
        builder_report(c, 1, "%s: %s", path, e.msg);
        free(data);
        return 1;
    }
    builder_hash_file(c, rel, (const char *)data, len);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(c->db, "INSERT INTO recordings VALUES(?,?,?)", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
        sqlite3_bind_blob64(st, 3, data, len, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE)
            builder_report(c, 1, "%s: cannot store the recording: %s", path, sqlite3_errmsg(c->db));
        sqlite3_finalize(st);
    }
    free(data);
    return 1;
}

/* One count of the query with the page and the language bound. */
static int exists(builder *c, const char *sql, const char *page, const char *lang)
{
    sqlite3_stmt *st;
    int found = 0;
    if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_text(st, 1, page, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, lang, -1, SQLITE_STATIC);
    found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

void voices_table(builder *c)
{
    FILE *o = c->o->report;
    if (!o || !c->o->table)
        return;
    err e;
    int synth = speech_init(&e) == 0;
    int voice[BUILDER_MAX_LANGS];
    fprintf(o, "read aloud (a recording, else espeak-ng%s):\n", synth ? "" : ", which did not start");
    fprintf(o, "  lang  voice  recording  synthesis  neither\n");
    for (int l = 0; l < c->nlangs; l++)
        voice[l] = synth && speech_has_voice(c->langs[l].code);
    int fb = builder_lang_index(c, c->fallback);
    for (int l = 0; l < c->nlangs; l++) {
        int rec = 0, syn = 0, none = 0;
        for (int k = 0; k < c->npages; k++) {
            /* the kiosk reads the page in the language it shows it in: the fallback's when
             * the page is missing in this one */
            const char *id = c->page_ids[k];
            int li = exists(c, "SELECT 1 FROM pages WHERE id=? AND lang=?", id, c->langs[l].code)
                         ? l : fb;
            if (li < 0) {
                none++;
                continue;
            }
            if (exists(c, "SELECT 1 FROM recordings WHERE page=? AND lang=?", id, c->langs[li].code))
                rec++;
            else if (voice[li])
                syn++;
            else
                none++;
        }
        fprintf(o, "  %-5s %5s  %9d  %9d  %7d\n", c->langs[l].code, voice[l] ? "yes" : "no", rec,
                syn, none);
    }
}
