/* central: the office's merged database (CENTRAL.db), the contract between `sveikictl merge`
 * (which creates and fills it) and `sveikictl report` (which only reads it). It promises:
 *  - The tables and columns below exist with these names and meanings; later versions may add
 *    columns and tables, never rename or drop these. PRAGMA user_version is CENTRAL_VERSION,
 *    PRAGMA application_id CENTRAL_APPLICATION_ID.
 *  - answers holds each answer once, keyed by its device and its random UUID (made on the
 *    kiosk): the same answer merged again from any batch is a duplicate and changes nothing.
 *    Answer ids are scoped by device: a batch of one device can never replace, move or
 *    conflict with an answer of another, so a batch from a made-up device carrying a real
 *    kiosk's UUIDs adds rows under its own device id only (merge names such a batch), and a
 *    batch from a device that is not enrolled is refused outright. Nothing in it identifies a person (see
 *    store.h): period is unix time rounded down to the hour or day on the kiosk, free text
 *    was scrubbed there; lang is a language code in its normal form (feedback.h).
 *  - What is in the database does not depend on the order batches were merged in, nor on how
 *    often (except devices.last_merged, the wall clock of the last merge).
 *  - devices.public_key is the first key a device's batches came with; device_keys holds any
 *    other key the operator accepted for it. A batch signed with neither is refused.
 *  - A UUID seen again from the same device with other content is a conflict: answers keeps
 *    the copy from the batch whose name sorts first (then the smaller content); conflicts
 *    holds each other content once, with the first batch by name that brought it and, in
 *    reason, the fields in which it differs from the kept copy; at most CENTRAL_CONFLICTS_MAX
 *    of them an answer: the smallest by (batch, content), so which are kept does not depend
 *    on the order either (two contents from two files of the same name are both kept).
 *  - Version 1 keyed answers by UUID alone (a forged copy could take a real answer's place):
 *    merge migrates such a database in place, in one transaction, the first time it opens it
 *    (a copy in conflicts from another device than the kept answer becomes that device's own
 *    answer). Version 2 had no kind and no batch format, number or seal: merge adds the
 *    columns in place (NULL in the rows it had). The report reads every version.
 *  - batches records each batch merged: its format, whether it was sealed (a plain batch,
 *    format 1, is merged only when the operator says so: sveikictl merge --allow-plain), and
 *    in format 2 the device's batch number, so a number never merged (a lost stick) shows.
 *  - merge writes with a rollback journal and commits every 250,000 answers and at its end; a
 *    reader that opens the file during a merge may meet SQLITE_BUSY at a commit (set a busy
 *    timeout). Reading needs no key: sealed batches are opened before their rows are stored.
 * Meaning of the answer columns (what a report needs; every fixed id below is defined once,
 * for the kiosk and the report, in app/feedback.h):
 *  - survey "helpful": question = page id, value "yes" / "no";
 *    survey "helpful-reason": question = page id, value hard | not-found | outdated | language;
 *    any other survey: question = a question id of the pack's surveys, or bg-age, bg-gender,
 *    bg-time for the background questions; value = the answer id, "1".."4" for faces,
 *    "prefer-not", or scrubbed free text.
 *  - kind: what the question is (feedback.h: faces, yesno, single, multi, text, background;
 *    a newer kiosk's kind is kept as it came). NULL for an answer that came without one (a
 *    format 1 batch, or an answer a version 2 store kept in plain): the report takes those as
 *    typed text unless the pack it is given says the question is a choice.
 *  - submission: a random id grouping the answers given together; lang: interface language;
 *    pack, pack_version: the content pack on screen; device: the kiosk's random id; seq: in
 *    format 1 the kiosk's sequence number of the answer, 0 in format 2 (which carries none:
 *    no number that follows time leaves a kiosk); batch: the batch file name (without
 *    ".batch") that brought it (the first by name, when several did). */
#ifndef SV_CENTRAL_H
#define SV_CENTRAL_H

#define CENTRAL_VERSION 4
/* other contents kept in conflicts for one answer (device and UUID) */
#define CENTRAL_CONFLICTS_MAX 64
/* PRAGMA application_id of a central database ("SvC1"), so no other SQLite file is taken
 * for one */
#define CENTRAL_APPLICATION_ID 0x53764331

#define CENTRAL_SCHEMA                                                                       \
    "CREATE TABLE IF NOT EXISTS answers(uuid TEXT NOT NULL, device TEXT NOT NULL,\n"       \
    "  seq INTEGER NOT NULL, submission TEXT NOT NULL, survey TEXT NOT NULL,\n"               \
    "  question TEXT NOT NULL, value TEXT NOT NULL, lang TEXT NOT NULL, pack TEXT NOT NULL,\n" \
    "  pack_version TEXT NOT NULL,\n"                                                          \
    "  period INTEGER NOT NULL /* unix time, rounded on the kiosk */, batch TEXT NOT NULL,\n"  \
    "  kind TEXT /* version 3 */, PRIMARY KEY(uuid, device));\n"                              \
    "CREATE TABLE IF NOT EXISTS devices(id TEXT PRIMARY KEY, public_key TEXT NOT NULL,\n"   \
    "  first_batch TEXT, last_period INTEGER /* newest answer */, last_merged INTEGER);\n"    \
    "CREATE TABLE IF NOT EXISTS batches(name TEXT PRIMARY KEY, device TEXT NOT NULL,\n"     \
    "  first_seq INTEGER, last_seq INTEGER, count INTEGER /* answers */, sha256 TEXT NOT NULL,\n" \
    "  /* version 3: 1 or 2; the device's batch number (format 2); 1 sealed, 0 plain */\n"    \
    "  format INTEGER, number INTEGER, sealed INTEGER);\n"                                     \
    "CREATE TABLE IF NOT EXISTS conflicts(uuid TEXT NOT NULL, batch TEXT NOT NULL,\n"       \
    "  reason TEXT NOT NULL,\n"                                                                \
    "  /* the other copy, kept whole so nothing is lost */\n"                                 \
    "  device TEXT, seq INTEGER, submission TEXT, survey TEXT, question TEXT, value TEXT,\n"   \
    "  lang TEXT, pack TEXT, pack_version TEXT, period INTEGER, kind TEXT /* version 3 */);\n" \
    "CREATE INDEX IF NOT EXISTS conflicts_answer ON conflicts(uuid, device);\n"             \
    CENTRAL_SCHEMA_KEYS CENTRAL_SCHEMA_V4

/* Added in version 4 (made at every open when missing; a version 3 database gets them in
 * place, its devices enrolled under names made from their ids, so nothing merged before is
 * refused after):
 *  - enrolled: the kiosks the office accepts batches from (sveikictl enrol DEVICE.pub --name,
 *    or merge --enrol-new), each by its Ed25519 public key (base64, as in a batch header) and
 *    a name for reports; device: its id, filled in when its first batch is merged (a key
 *    file says no id). A batch whose key is not enrolled, from a device not enrolled, is
 *    refused.
 *  - settings: one value a key; retention_days: answers whose period is this many days
 *    old are removed by sveikictl purge.
 *  - deletions: the audit of sveikictl delete: when (unix time), which submission, the
 *    reason given, how many answers went; nothing of their content. A deleted submission
 *    brought again in another batch is not stored again. */
#define CENTRAL_SCHEMA_V4                                                                    \
    "CREATE TABLE IF NOT EXISTS enrolled(public_key TEXT UNIQUE, device TEXT UNIQUE,\n"      \
    "  name TEXT NOT NULL, enrolled INTEGER NOT NULL /* unix time */);\n"                     \
    "CREATE TABLE IF NOT EXISTS settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"       \
    "CREATE TABLE IF NOT EXISTS deletions(at INTEGER NOT NULL, submission TEXT NOT NULL,\n"   \
    "  reason TEXT NOT NULL, answers INTEGER NOT NULL);\n"                                    \
    "CREATE INDEX IF NOT EXISTS deletions_submission ON deletions(submission);\n"

/* Added after version 1 was released (made at every open when missing): the other public
 * keys a device's batches are accepted with, each accepted by the operator (sveikictl merge
 * --accept-key-change DEVICE) after the kiosk lost its key and made a new one. replaces: the
 * key the batch said it replaced (or the word unknown), or NULL when it said nothing. */
#define CENTRAL_SCHEMA_KEYS                                                                  \
    "CREATE TABLE IF NOT EXISTS device_keys(device TEXT NOT NULL, public_key TEXT NOT NULL,\n" \
    "  replaces TEXT, accepted INTEGER /* unix time */, PRIMARY KEY(device, public_key));\n"

#endif
