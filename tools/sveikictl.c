/* sveikictl: the operator's tool. `pack build` compiles content sources into a pack,
 * `pack check` reports every problem and the translation table, `pack info` describes a
 * built pack; `keygen` makes signing keys (and with --seal, the office's key pair kiosks seal
 * answers to); `export` writes a kiosk's new sealed submissions as batches, `merge` opens
 * them into the central database, `report` writes what the office reads from it
 * (tools/report.h). Errors name the file and line; the exit code is non-zero on any error. */
#include "core/buf.h"
#include "core/utf8.h"
#include "pack/content.h"
#include "home.h"
#include "builder/pack.h"
#include "fs.h"
#include "sign.h"
#include "store/store.h"
#include "sync/merge.h"
#include "sync/sync.h"
#include "report/report.h"

#include <limits.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h> /* isatty */

#ifndef SVEIKI_VERSION
#define SVEIKI_VERSION "0.1.0"
#endif

/* Every message goes through here: it names files and quotes what they hold, which are
 * anyone's choice (a batch folder from a stick, a pack from a stranger), so control and bidi
 * characters are written as \\xHH or \\u{HHHH} (utf8_escape_name), never as themselves; one
 * line, ended here. */
static void say(FILE *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(FILE *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *safe = utf8_escaped_vprintf(fmt, ap);
    va_end(ap);
    fprintf(o, "%s\n", safe);
    free(safe);
}

static void usage(FILE *o)
{
    fputs("usage:\n"
          "  sveikictl keygen NAME                  write NAME.key (keep it secret) and NAME.pub\n"
          "  sveikictl keygen --seal NAME           the office's sealing key pair: kiosks seal\n"
          "                                         every submission to NAME.pub (as\n"
          "                                         DATA/operator.pub); NAME.key opens them\n"
          "  sveikictl export --data DIR --to DIR [--seal OFFICE.pub]\n"
          "                                         write the sealed submissions not yet exported\n"
          "                                         as batches under DIR/sveiki/exports/; --seal\n"
          "                                         (default DIR/operator.pub) seals first what an\n"
          "                                         older version kept unsealed\n"
          "  sveikictl merge --into CENTRAL.db PATH... [--key OFFICE.key]...\n"
          "                  [--accept-key-change DEVICE]... [--allow-plain] [--enrol-new]\n"
          "                  [--receipt-key RECEIPTS.key] [--remove-merged]\n"
          "                                         verify batches (files, or folders searched\n"
          "                                         for *.batch), open them with the office's\n"
          "                                         keys and add their answers; exit 1 when any\n"
          "                                         batch was rejected or suspect, or a folder\n"
          "                                         skipped; a batch number a kiosk skipped is\n"
          "                                         named on a gap: line; --accept-key-change\n"
          "                                         takes DEVICE's batches signed with a new key\n"
          "                                         (its kiosk lost its key, and staff confirmed\n"
          "                                         it); --allow-plain takes an old kiosk's plain\n"
          "                                         (unsealed) batches; a batch from a kiosk not\n"
          "                                         enrolled is rejected (--enrol-new enrols it);\n"
          "                                         --receipt-key writes each kiosk a signed\n"
          "                                         sveiki/receipts/DEVICE.receipt of what the\n"
          "                                         office holds; --remove-merged removes each\n"
          "                                         batch file once its answers are committed\n"
          "  sveikictl enrol DEVICE.pub --name NAME --into CENTRAL.db\n"
          "                                         accept the kiosk with this key (its\n"
          "                                         DATA/device.pub), named NAME in reports\n"
          "  sveikictl purge --into CENTRAL.db [--days N]\n"
          "                                         remove answers N days old (--days stores\n"
          "                                         the retention setting; else the one stored)\n"
          "  sveikictl delete SUBMISSION --reason TEXT --into CENTRAL.db\n"
          "                                         remove one submission's answers, with an\n"
          "                                         audit row (when, which, the reason)\n"
          "  sveikictl pack build SRC -o OUT.pack [--key FILE.key]\n"
          "                                         compile a content folder into a pack; with --key\n"
          "                                         the pack is signed: one file, nothing beside it\n"
          "  sveikictl pack check SRC [--release]   report errors, font coverage and translations;\n"
          "                                         --release checks as a signed build does\n"
          "  sveikictl pack verify PACK --pub FILE.pub   check its signature: exit 1 on any changed byte\n"
          "  sveikictl pack info PACK               describe a built pack\n"
          "  sveikictl report CENTRAL.db --out DIR [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
          "                  [--months] [--k N] [--pack PACK] [--lang CODE] [--free-text]\n"
          "                  [--answers] [--pdf]\n"
          "                                         index.html and CSV files for whole ISO\n"
          "                                         weeks (or months): dates are widened to\n"
          "                                         them; counts below k (5, never below 3)\n"
          "                                         hidden; typed answers only with --free-text,\n"
          "                                         those with the pack's danger words first and\n"
          "                                         counted on the page; bursts of identical\n"
          "                                         submissions flagged; --lang: the page's\n"
          "                                         language (lang/CODE.po); --answers: also\n"
          "                                         answers.csv, one row an answer (not\n"
          "                                         suppressed: keep it in the office); --pdf:\n"
          "                                         also report.pdf, printed by Chromium\n"
          "  sveikictl --version\n",
          o);
}


static int cmd_build(int argc, char **argv, const char *root, int check)
{
    const char *src = NULL, *out = NULL, *key = NULL;
    int release = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--release") && check)
            release = 1;
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out = argv[++i];
        else if (!strcmp(argv[i], "--key") && i + 1 < argc && !check)
            key = argv[++i];
        else if (argv[i][0] == '-') {
            say(stderr, "sveikictl: unknown option %s", argv[i]);
            return 2;
        } else if (!src)
            src = argv[i];
        else {
            say(stderr, "sveikictl: unexpected argument %s", argv[i]);
            return 2;
        }
    }
    if (!src || (!check && !out)) {
        usage(stderr);
        return 2;
    }
    pack_opts o = {.src = src, .root = root, .out = check ? NULL : out, .report = stderr,
                   .coverage = 1, .table = check, .release = release || key};
    if (check)
        o.report = stdout;
    pack_result r;
    err e;
    if (key && sign_check_key(key, &e)) { /* before building: a wrong key file costs nothing */
        say(stderr, "sveikictl: %s", e.msg);
        return 1;
    }
    /* build and sign beside the target, then move it into place: an earlier good pack stays
     * until the new one is complete and signed */
    char tmp[4200], sig[4300];
    snprintf(tmp, sizeof tmp, "%s.new", out ? out : "");
    snprintf(sig, sizeof sig, "%s.sig", out ? out : "");
    if (!check)
        o.out = tmp;
    if (pack_compile(&o, &r, &e)) {
        say(stderr, "sveikictl: %s", e.msg);
        return 1;
    }
    if (!check) {
        /* a .sig beside the pack is a detached signature of an older sveikictl: it would
         * only mislead */
        int bad = (key && sign_pack(tmp, tmp, key, &e)) || fs_rename(tmp, out, &e) ||
                  fs_remove(sig, &e);
        if (bad) {
            say(stderr, "sveikictl: %s", e.msg);
            fs_remove(tmp, NULL);
            return 1;
        }
    }
    if (check)
        say(stdout, "%s: %d pages in %d languages, 0 errors, %d warnings", src, r.pages,
               r.languages, r.warnings);
    else
        say(stderr, "%s: %d pages in %d languages (%d warnings)%s", out, r.pages,
                r.languages, r.warnings, key ? ", signed: copy this one file" : "");
    return 0;
}

static int cmd_verify(int argc, char **argv)
{
    const char *pack = NULL, *pub = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--pub") && i + 1 < argc)
            pub = argv[++i];
        else if (!pack && argv[i][0] != '-')
            pack = argv[i];
        else {
            usage(stderr);
            return 2;
        }
    }
    if (!pack || !pub) {
        usage(stderr);
        return 2;
    }
    err e;
    if (sign_pack_verify(pack, NULL, pub, &e)) {
        say(stderr, "sveikictl: %s", e.msg);
        return 1;
    }
    say(stdout, "%s: signature good (%s)", pack, pub);
    return 0;
}

static int cmd_info(int argc, char **argv)
{
    if (argc != 1) {
        usage(stderr);
        return 2;
    }
    err e;
    content *c = content_open(argv[0], &e);
    if (!c) {
        say(stderr, "sveikictl: %s", e.msg);
        return 1;
    }
    say(stdout, "pack: %s", content_pack_id(c));
    say(stdout, "version: %s", content_version(c));
    buf langs;
    buf_init(&langs);
    for (int i = 0; i < content_nlangs(c); i++)
        buf_printf(&langs, " %s", content_lang_at(c, i)->code);
    say(stdout, "languages:%s", langs.data ? langs.data : "");
    buf_free(&langs);
    say(stdout, "fallback: %s", content_fallback(c));
    say(stdout, "pages: %d", content_npages(c));
    content_close(c);
    return 0;
}

static int cmd_export(int argc, char **argv)
{
    const char *data = NULL, *to = NULL, *seal = NULL;
    sync_options o = {0};
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--data") && i + 1 < argc)
            data = argv[++i];
        else if (!strcmp(argv[i], "--to") && i + 1 < argc)
            to = argv[++i];
        else if (!strcmp(argv[i], "--seal") && i + 1 < argc)
            seal = argv[++i];
        else if (!strcmp(argv[i], "--plain")) {
            say(stderr, "sveikictl: --plain is gone: every submission is sealed to the office's "
                "key when it is stored, and only sealed batches are written");
            return 2;
        } else {
            usage(stderr);
            return 2;
        }
    }
    if (!data || !to) {
        usage(stderr);
        return 2;
    }
    char db[PATH_MAX], pub[PATH_MAX + 16];
    snprintf(db, sizeof db, "%s/feedback.db", data);
    if (!fs_exists(db)) {
        say(stderr, "sveikictl: %s: no feedback store here (is it the kiosk's --data "
                "folder?)", data);
        return 1;
    }
    err e;
    /* the office key seals what an older version kept in plain rows, before anything goes */
    unsigned char pk[32];
    store_config cfg = {0};
    snprintf(pub, sizeof pub, "%s/operator.pub", data);
    if (seal && sign_read_seal_public(seal, pk, &e)) {
        say(stderr, "sveikictl: not exporting: %s", e.msg);
        return 1;
    }
    if (seal)
        cfg.seal_pk = pk;
    else if (fs_exists(pub) && sign_read_seal_public(pub, pk, &e) == 0)
        cfg.seal_pk = pk;
    else if (fs_exists(pub)) /* the submissions sealed already still go out */
        say(stderr, "sveikictl: %s cannot be used: %s", pub, e.msg);
    store_note note;
    store *s = store_open(data, &cfg, &note, &e);
    if (!s) {
        say(stderr, "sveikictl: %s", e.msg);
        return 1;
    }
    if (note.warning[0])
        say(stderr, "sveikictl: %s", note.warning);
    if (note.sealed_now)
        say(stderr, "sveikictl: sealed %ld answers an older version had kept unsealed",
            note.sealed_now);
    sync_result r;
    /* the folder may be a kiosk's card read on the office's machine: not a copied kiosk */
    o.machine_id = "";
    int rc = sync_export_opt(s, data, to, &o, &r, &e);
    store_close(s);
    if (rc) {
        if (r.batches)
            say(stderr, "sveikictl: %s", r.note[0] ? r.note : "some batches written");
        say(stderr, "sveikictl: %s", e.msg);
        return 1;
    }
    say(stdout, "%s", r.note);
    return 0;
}

/* A progress bar on standard error, only when it is a terminal. */
static void progress(int on, int done, int total)
{
    if (!on)
        return;
    char bar[31];
    int fill = total ? done * 30 / total : 30;
    for (int i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[30] = 0;
    fprintf(stderr, "\r[%s] %d/%d batches", bar, done, total);
    fflush(stderr);
}

static int cmd_merge(int argc, char **argv)
{
    const char *into = NULL;
    char **paths = xcalloc((size_t)argc + 1, sizeof *paths);
    /* devices whose new key staff confirmed (a kiosk that lost its key, or was reinstalled) */
    const char *accept[16], *keyfiles[8];
    int npaths = 0, naccept = 0, nkeys = 0, allow_plain = 0, enrol_new = 0, remove = 0;
    const char *receipt_key = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--into") && i + 1 < argc)
            into = argv[++i];
        else if (!strcmp(argv[i], "--enrol-new"))
            enrol_new = 1;
        else if (!strcmp(argv[i], "--remove-merged"))
            remove = 1;
        else if (!strcmp(argv[i], "--receipt-key") && i + 1 < argc)
            receipt_key = argv[++i];
        else if (!strcmp(argv[i], "--accept-key-change") && i + 1 < argc && naccept < 16)
            accept[naccept++] = argv[++i];
        else if (!strcmp(argv[i], "--key") && i + 1 < argc && nkeys < 8)
            keyfiles[nkeys++] = argv[++i];
        else if (!strcmp(argv[i], "--allow-plain"))
            allow_plain = 1;
        else if (argv[i][0] == '-' && argv[i][1]) {
            say(stderr, "sveikictl: unknown option %s", argv[i]);
            free(paths);
            return 2;
        } else
            paths[npaths++] = argv[i];
    }
    if (!into || !npaths) {
        usage(stderr);
        free(paths);
        return 2;
    }
    err e;
    /* the office's Ed25519 receipt key: read first, so a wrong file stops before merging */
    unsigned char rsk[64];
    if (receipt_key && sign_read_secret(receipt_key, rsk, &e)) {
        say(stderr, "sveikictl: %s", e.msg);
        free(paths);
        return 1;
    }
    sync_seal_key keys[8];
    for (int i = 0; i < nkeys; i++)
        if (sync_load_seal_key(keyfiles[i], &keys[i], &e)) {
            say(stderr, "sveikictl: %s", e.msg);
            sodium_memzero(keys, sizeof keys);
            free(paths);
            return 1;
        }
    sync_merge_stats st = {0};
    char **files = NULL, **skipped = NULL;
    int nfiles = 0, nskipped = 0;
    for (int i = 0; i < npaths; i++)
        if (sync_merge_find(paths[i], &files, &nfiles, &skipped, &nskipped, &e)) {
            say(stdout, "rejected: %s", e.msg);
            st.rejected++;
        }
    /* what could not be searched is named, and the rest merged all the same */
    for (int i = 0; i < nskipped; i++)
        say(stdout, "skipped: %s", skipped[i]);
    fs_list_free(skipped, nskipped);
    free(paths);
    sync_merger *m = sync_merge_open(into, NULL, &e);
    for (int i = 0; m && i < nkeys; i++)
        sync_merge_add_key(m, &keys[i]);
    sodium_memzero(keys, sizeof keys);
    if (m) {
        sync_merge_allow_plain(m, allow_plain);
        sync_merge_enrol_new(m, enrol_new);
    }
    for (int i = 0; m && i < naccept; i++)
        if (sync_merge_accept_key(m, accept[i], &e)) {
            sync_merge_close(m);
            m = NULL;
        }
    if (!m) {
        say(stderr, "sveikictl: %s", e.msg);
        fs_list_free(files, nfiles);
        return 1;
    }
    int bar = isatty(2) && nfiles > 1, rc = 0;
    for (int i = 0; i < nfiles && !rc; i++) {
        progress(bar, i, nfiles);
        int r = sync_merge_file(m, files[i], &st, &e);
        if (r && bar)
            fputs("\r\033[K", stderr);
        if (r > 0)
            say(stdout, "rejected: %s", e.msg);
        else if (!r && st.note[0])
            say(stdout, "suspect: %s", st.note);
        else if (r < 0) {
            say(stderr, "sveikictl: %s (stopped: the batches merged since the last commit "
                    "are not kept; merge again)", e.msg);
            rc = 1;
        }
    }
    if (!rc && sync_merge_finish(m, &e)) {
        say(stderr, "sveikictl: %s (merge again)", e.msg);
        rc = 1;
    }
    if (bar) {
        progress(bar, nfiles, nfiles);
        fputs("\n", stderr);
    }
    /* a kiosk numbers its batches 1, 2, 3...: a number never merged is a batch on its way, or
     * lost */
    char **gaps = NULL;
    int ngaps = 0;
    if (!rc && sync_merge_gaps(m, &gaps, &ngaps, &e)) {
        say(stderr, "sveikictl: %s", e.msg);
        rc = 1;
    }
    /* only now, with everything merged committed: receipts name what the office holds, and
     * a batch file goes only once its answers are kept */
    char **receipts = NULL;
    int nreceipts = 0;
    long removed = 0;
    if (!rc && receipt_key && sync_merge_write_receipts(m, rsk, (long long)time(NULL), &receipts,
                                                        &nreceipts, &e)) {
        say(stderr, "sveikictl: %s", e.msg);
        rc = 1;
    }
    sodium_memzero(rsk, sizeof rsk);
    if (!rc && remove && sync_merge_remove_merged(m, &removed, &e)) {
        say(stderr, "sveikictl: %s (the rest stay; they are duplicates at the next merge)",
            e.msg);
        rc = 1;
    }
    sync_merge_close(m);
    fs_list_free(files, nfiles);
    for (int i = 0; i < nreceipts; i++)
        say(stdout, "receipt: %s", receipts[i]);
    fs_list_free(receipts, nreceipts);
    if (rc) {
        fs_list_free(gaps, ngaps);
        return 1;
    }
    if (nskipped)
        say(stdout, "added: %lld, duplicates: %lld, rejected: %ld, skipped: %d", st.added,
            st.duplicates, st.rejected, nskipped);
    else
        say(stdout, "added: %lld, duplicates: %lld, rejected: %ld", st.added, st.duplicates,
            st.rejected);
    if (st.suspect)
        say(stdout, "suspect: %ld batches carry answer ids of other devices (kept apart, "
            "replacing nothing: see above)", st.suspect);
    if (st.unknown)
        say(stdout, "unknown: %ld batches from devices not enrolled (rejected: see above)",
            st.unknown);
    if (st.enrolled)
        say(stdout, "enrolled: %ld new devices (--enrol-new)", st.enrolled);
    if (st.deleted)
        say(stdout, "deleted before: %lld answers of submissions deleted at the office, not "
            "taken again", st.deleted);
    if (remove)
        say(stdout, "removed: %ld merged batch files", removed);
    if (st.conflicts)
        say(stdout, "conflicts: %lld (the same UUID with other content: see the conflicts table)",
               st.conflicts);
    for (int i = 0; i < ngaps; i++)
        say(stdout, "gap: %s", gaps[i]);
    fs_list_free(gaps, ngaps);
    return st.rejected || nskipped || st.suspect ? 1 : 0;
}

/* ---- the central database: enrol, purge, delete ---- */

/* Opens --into CENTRAL from the arguments of a command that takes want_rest words (into rest,
 * at most 8) and one option, opt_name, whose value goes to *opt_val (required with need_opt).
 * NULL, having said why (usage), when the arguments are not that: checked before the
 * database is opened, so a mistyped command makes no file. */
static sync_merger *central_of(int argc, char **argv, const char **rest, int want_rest,
                               const char *opt_name, const char **opt_val, int need_opt)
{
    const char *into = NULL;
    int nrest = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], opt_name) && i + 1 < argc)
            *opt_val = argv[++i];
        else if (!strcmp(argv[i], "--into") && i + 1 < argc)
            into = argv[++i];
        else if (argv[i][0] == '-' && argv[i][1]) {
            say(stderr, "sveikictl: unknown option %s", argv[i]);
            return NULL;
        } else if (nrest == want_rest) {
            usage(stderr);
            return NULL;
        } else
            rest[nrest++] = argv[i];
    }
    if (!into || nrest != want_rest || (need_opt && !*opt_val)) {
        usage(stderr);
        return NULL;
    }
    err e;
    sync_merger *m = sync_merge_open(into, NULL, &e);
    if (!m)
        say(stderr, "sveikictl: %s", e.msg);
    return m;
}

static int cmd_enrol(int argc, char **argv)
{
    const char *rest[1], *vals[1] = {NULL};
    sync_merger *m = central_of(argc, argv, rest, 1, "--name", vals, 1);
    if (!m)
        return 2;
    err e;
    unsigned char pk[32];
    char b64[64];
    int rc = 0;
    if (sign_read_public(rest[0], pk, &e) ||
        (sodium_bin2base64(b64, sizeof b64, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL),
         sync_merge_enrol(m, b64, vals[0], &e))) {
        say(stderr, "sveikictl: %s", e.msg);
        rc = 1;
    } else {
        say(stdout, "enrolled: %s as \"%s\" (key %s)", rest[0], vals[0], b64);
    }
    sync_merge_close(m);
    return rc;
}

static int cmd_purge(int argc, char **argv)
{
    const char *rest[1], *vals[1] = {NULL};
    sync_merger *m = central_of(argc, argv, rest, 0, "--days", vals, 0);
    if (!m)
        return 2;
    err e;
    int rc = 0;
    long long n = 0;
    if (vals[0]) {
        char *end;
        long d = strtol(vals[0], &end, 10);
        if (*end || end == vals[0] || sync_merge_set_retention(m, d > 0 && d <= 36500 ? (int)d
                                                                                      : 0, &e)) {
            say(stderr, "sveikictl: --days %s: a number of days from 1 to 36500", vals[0]);
            rc = 2;
        }
    }
    int days = 0;
    if (!rc && (sync_merge_retention(m, &days, &e) ||
                (n = sync_merge_purge(m, (long long)time(NULL), &e)) < 0)) {
        say(stderr, "sveikictl: %s", e.msg);
        rc = 1;
    }
    if (!rc)
        say(stdout, "purged: %lld answers %d days old or older (retention: %d days)", n, days,
            days);
    sync_merge_close(m);
    return rc;
}

static int cmd_delete(int argc, char **argv)
{
    const char *rest[1], *vals[1] = {NULL};
    sync_merger *m = central_of(argc, argv, rest, 1, "--reason", vals, 1);
    if (!m)
        return 2;
    err e;
    int rc = 0;
    long long n = sync_merge_delete(m, rest[0], vals[0], (long long)time(NULL), &e);
    if (n < 0) {
        say(stderr, "sveikictl: %s", e.msg);
        rc = 1;
    } else {
        say(stdout, "deleted: submission %s, %lld answers (recorded in the deletions table)",
            rest[0], n);
    }
    sync_merge_close(m);
    return rc;
}

/* ---- report (tools/report.c) ---- */
static int cmd_report(int argc, char **argv)
{
    report_opts o;
    report_result r;
    err e;
    char root[PATH_MAX];
    if (report_args(argc, argv, &o, &e)) {
        say(stderr, "sveikictl: %s", e.msg);
        usage(stderr);
        return 2;
    }
    if (home_locate(root, sizeof root, &e)) { /* the report's words and fonts */
        say(stderr, "sveikictl: %s", e.msg);
        return 1;
    }
    o.root = root;
    if (report_run(&o, &r, &e)) {
        say(stderr, "sveikictl: %s", e.msg);
        return 1;
    }
    /* the same units as the page: an answer is one answer to one question, a survey submission
     * one person's answers to one survey, a page vote one "was this helpful?" */
    say(stderr, "%s: %d files from %ld answers: %ld survey submissions and %ld page votes%s%s%s%s", o.out,
        r.files, r.answers, r.submissions, r.votes,
        o.free_text ? "; free-text.csv holds typed answers: keep it inside the organisation" : "",
        o.answers ? "; answers.csv holds every answer, no count hidden: keep it where the central database is" : "",
        r.free_text_removed ? "; removed the free-text.csv of an earlier run" : "",
        r.answers_removed ? "; removed the answers.csv of an earlier run" : "");
    return 0;
}

int main(int argc, char **argv)
{
    char root[PATH_MAX];
    home_find(root, sizeof root);
    if (argc >= 2 && !strcmp(argv[1], "--version")) {
        say(stdout, "sveikictl %s", SVEIKI_VERSION);
        return 0;
    }
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        usage(stdout);
        return 0;
    }
    if (argc == 3 && !strcmp(argv[1], "keygen")) {
        err e;
        if (sign_keygen(argv[2], &e)) {
            say(stderr, "sveikictl: %s", e.msg);
            return 1;
        }
        say(stdout, "wrote %s.key (secret: keep it off the kiosks) and %s.pub", argv[2], argv[2]);
        return 0;
    }
    if (argc == 4 && !strcmp(argv[1], "keygen") && !strcmp(argv[2], "--seal")) {
        err e;
        if (sign_seal_keygen(argv[3], &e)) {
            say(stderr, "sveikictl: %s", e.msg);
            return 1;
        }
        say(stdout, "wrote %s.key (secret: keep it in the office, give it to merge --key) and %s.pub "
               "(copy it to each kiosk as DATA/operator.pub)", argv[3], argv[3]);
        return 0;
    }
    if (argc >= 2 && !strcmp(argv[1], "export"))
        return cmd_export(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "merge"))
        return cmd_merge(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "enrol"))
        return cmd_enrol(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "purge"))
        return cmd_purge(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "delete"))
        return cmd_delete(argc - 2, argv + 2);
    if (argc >= 2 && !strcmp(argv[1], "report"))
        return cmd_report(argc - 2, argv + 2);
    if (argc >= 3 && !strcmp(argv[1], "pack")) {
        if (!strcmp(argv[2], "verify"))
            return cmd_verify(argc - 3, argv + 3);
        err no_home; /* a pack is built with the installation's fonts, pictograms and words */
        if ((!strcmp(argv[2], "build") || !strcmp(argv[2], "check")) &&
            home_locate(root, sizeof root, &no_home)) {
            say(stderr, "sveikictl: %s", no_home.msg);
            return 1;
        }
        if (!strcmp(argv[2], "build"))
            return cmd_build(argc - 3, argv + 3, root, 0);
        if (!strcmp(argv[2], "check"))
            return cmd_build(argc - 3, argv + 3, root, 1);
        if (!strcmp(argv[2], "info"))
            return cmd_info(argc - 3, argv + 3);
    }
    usage(stderr);
    return 2;
}
