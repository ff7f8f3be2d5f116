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
#include "admin/setup.h"
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

/* Each command's synopsis and what it does: `sveikictl COMMAND --help` shows its own,
 * `sveikictl --help` all of them. The three key pairs have names that cannot be confused:
 * content signing (packs), office sealing (answers), office receipts. */
typedef struct command_help {
    const char *name, *text;
} command_help;

static const command_help helps[] = {
    {"keygen",
     "  sveikictl keygen --signing NAME        the content signing key pair: NAME.key signs\n"
     "                                         packs (pack build --key; keep it off the\n"
     "                                         kiosks), NAME.pub goes to each kiosk as\n"
     "                                         DATA/trusted.pub (or --trust)\n"
     "  sveikictl keygen --sealing NAME        the office sealing key pair: kiosks seal every\n"
     "                                         submission to NAME.pub (as DATA/operator.pub,\n"
     "                                         or --office-key); NAME.key, kept in the office,\n"
     "                                         opens them (merge --key)\n"
     "  sveikictl keygen --receipts NAME       the office receipts key pair: NAME.key signs\n"
     "                                         receipts (merge --receipt-key), NAME.pub goes\n"
     "                                         to each kiosk as DATA/office.pub\n"
     "                                         (keygen NAME and keygen --seal NAME, the older\n"
     "                                         spellings, still make a signing and a sealing\n"
     "                                         pair)\n"},
    {"status",
     "  sveikictl status DATA                  what a kiosk's data folder holds: its device id,\n"
     "                                         the pack it shows, answers waiting for export,\n"
     "                                         its last export and last receipt; reads only\n"},
    {"export",
     "  sveikictl export --data DIR --to DIR [--seal OFFICE.pub]\n"
     "                                         write the sealed submissions not yet exported\n"
     "                                         as batches under the --to folder's\n"
     "                                         sveiki/exports/; --seal (default: the --data\n"
     "                                         folder's operator.pub) seals first what an\n"
     "                                         older version kept unsealed\n"},
    {"merge",
     "  sveikictl merge --into CENTRAL.db PATH... [--key OFFICE.key]...\n"
     "                  [--accept-key-change DEVICE]... [--allow-plain] [--enrol-new]\n"
     "                  [--receipt-key RECEIPTS.key] [--remove-merged]\n"
     "                                         verify batches (files, or folders searched\n"
     "                                         for *.batch), open them with the office's\n"
     "                                         sealing keys and add their answers; exit 1 when\n"
     "                                         any batch was rejected or suspect, or a folder\n"
     "                                         skipped; a batch number a kiosk skipped is\n"
     "                                         named on a gap: line; --accept-key-change\n"
     "                                         takes DEVICE's batches signed with a new key\n"
     "                                         (its kiosk lost its key, and staff confirmed\n"
     "                                         it); --allow-plain takes an old kiosk's plain\n"
     "                                         (unsealed) batches; a batch from a kiosk not\n"
     "                                         enrolled is rejected (--enrol-new enrols it);\n"
     "                                         --receipt-key (the office receipts key)\n"
     "                                         writes each kiosk a signed\n"
     "                                         sveiki/receipts/DEVICE.receipt of what the\n"
     "                                         office holds; --remove-merged removes each\n"
     "                                         batch file once its answers are committed\n"},
    {"enrol",
     "  sveikictl enrol DEVICE.pub --name NAME --into CENTRAL.db\n"
     "                                         accept the kiosk with this key (its\n"
     "                                         DATA/device.pub), named NAME in reports\n"},
    {"purge",
     "  sveikictl purge --into CENTRAL.db [--days N]\n"
     "                                         remove answers N days old (--days stores\n"
     "                                         the retention setting; else the one stored)\n"},
    {"delete",
     "  sveikictl delete SUBMISSION --reason TEXT --into CENTRAL.db\n"
     "                                         remove one submission's answers, with an\n"
     "                                         audit row (when, which, the reason)\n"},
    {"setup-stick",
     "  sveikictl setup-stick DIR --sign-pub SIGNING.pub --office-pub SEALING.pub\n"
     "                                         a kiosk's set-up folder, DIR/sveiki/setup/:\n"
     "                                         the content signing and office sealing\n"
     "                                         public keys; prints their fingerprints\n"},
    {"pin-hash",
     "  sveikictl pin-hash < PIN               the staff PIN's hash for admin-pin\n"},
    {"pack build",
     "  sveikictl pack build SRC -o OUT.pack [--key SIGNING.key]\n"
     "                                         compile a content folder into a pack; with --key\n"
     "                                         (the content signing key) the pack is signed:\n"
     "                                         one file, nothing beside it\n"},
    {"pack check",
     "  sveikictl pack check SRC [--release]   report errors, font coverage and translations;\n"
     "                                         --release checks as a signed build does\n"},
    {"pack stamp",
     "  sveikictl pack stamp SRC [PAGE...] [--lang L]\n"
     "                                         after updating a translation: record in its\n"
     "                                         header (source:) the version of the reference\n"
     "                                         page it was made from; until then pack check\n"
     "                                         lists it as stale and the kiosk says it may\n"
     "                                         be out of date\n"},
    {"pack verify",
     "  sveikictl pack verify PACK --pub SIGNING.pub\n"
     "                                         check its signature by the content signing key:\n"
     "                                         exit 1 on any changed byte\n"},
    {"pack info",
     "  sveikictl pack info PACK               describe a built pack\n"},
    {"report",
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
     "                                         also report.pdf, printed by Chromium\n"},
};

static const command_help *help_of(const char *name)
{
    for (size_t i = 0; i < sizeof helps / sizeof *helps; i++)
        if (!strcmp(helps[i].name, name))
            return &helps[i];
    return NULL;
}

static void usage(FILE *o)
{
    fputs("usage:\n", o);
    for (size_t i = 0; i < sizeof helps / sizeof *helps; i++)
        fputs(helps[i].text, o);
    fputs("  sveikictl COMMAND --help                one command's usage\n"
          "  sveikictl --version\n", o);
}

/* A mistake in a command's arguments: one line naming it, then where to read more, never
 * the whole usage (which would bury the line). Returns 2, the exit code of a misuse. */
static int wrong(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int wrong(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *safe = utf8_escaped_vprintf(fmt, ap);
    va_end(ap);
    fprintf(stderr, "sveikictl %s: %s\n", cmd, safe);
    fprintf(stderr, "see sveikictl %s --help\n", cmd);
    free(safe);
    return 2;
}

/* The argument after option i, or NULL having said it is missing. */
#define NEED_VALUE(cmd, argc, argv, i)                                                      \
    ((i) + 1 < (argc) ? (argv)[++(i)]                                                       \
                      : (wrong(cmd, "%s needs a value", (argv)[i]), (const char *)NULL))

static int cmd_build(int argc, char **argv, const char *root, int check)
{
    const char *src = NULL, *out = NULL, *key = NULL;
    const char *cmd = check ? "pack check" : "pack build";
    int release = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--release") && check)
            release = 1;
        else if ((!strcmp(argv[i], "-o") || !strcmp(argv[i], "--out")) && !check) {
            if (!(out = NEED_VALUE(cmd, argc, argv, i)))
                return 2;
        } else if (!strcmp(argv[i], "--key") && !check) {
            if (!(key = NEED_VALUE(cmd, argc, argv, i)))
                return 2;
        } else if (argv[i][0] == '-')
            return wrong(cmd, "unknown option %s", argv[i]);
        else if (!src)
            src = argv[i];
        else
            return wrong(cmd, "one content folder only: %s is one too many", argv[i]);
    }
    if (!src)
        return wrong(cmd, "which content folder? name it (a folder with manifest.txt)");
    if (!check && !out)
        return wrong(cmd, "where to? give -o OUT.pack");
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

static int cmd_stamp(int argc, char **argv)
{
    const char *src = NULL, *lang = NULL;
    const char **pages = xcalloc((size_t)argc + 1, sizeof *pages);
    int npages = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--lang")) {
            if (!(lang = NEED_VALUE("pack stamp", argc, argv, i))) {
                free(pages);
                return 2;
            }
        } else if (argv[i][0] == '-') {
            free(pages);
            return wrong("pack stamp", "unknown option %s", argv[i]);
        } else if (!src)
            src = argv[i];
        else
            pages[npages++] = argv[i];
    }
    if (!src) {
        free(pages);
        return wrong("pack stamp", "which content folder? name it (SRC)");
    }
    err e;
    int n;
    int rc = pack_stamp(src, pages, npages, lang, stdout, &n, &e);
    free(pages);
    if (rc) {
        say(stderr, "sveikictl: %s", e.msg);
        return 1;
    }
    say(stdout, "%s: %d translation%s stamped", src, n, n == 1 ? "" : "s");
    return 0;
}

static int cmd_verify(int argc, char **argv)
{
    const char *pack = NULL, *pub = NULL, *cmd = "pack verify";
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--pub")) {
            if (!(pub = NEED_VALUE(cmd, argc, argv, i)))
                return 2;
        } else if (argv[i][0] == '-')
            return wrong(cmd, "unknown option %s", argv[i]);
        else if (!pack)
            pack = argv[i];
        else
            return wrong(cmd, "one pack only: %s is one too many", argv[i]);
    }
    if (!pack)
        return wrong(cmd, "which pack? name the .pack file");
    if (!pub)
        return wrong(cmd, "against which key? give --pub SIGNING.pub (the content signing "
                     "public key)");
    err e;
    if (sign_pack_verify(pack, NULL, pub, &e)) {
        say(stderr, "sveikictl: %s", e.msg);
        return 1;
    }
    say(stdout, "%s: signature good (signed by the key in %s)", pack, pub);
    return 0;
}

static int cmd_info(int argc, char **argv)
{
    if (argc == 0)
        return wrong("pack info", "which pack? name the .pack file");
    if (argv[0][0] == '-')
        return wrong("pack info", "unknown option %s", argv[0]);
    if (argc > 1)
        return wrong("pack info", "one pack only: %s is one too many", argv[1]);
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
        const char **val = !strcmp(argv[i], "--data") ? &data : !strcmp(argv[i], "--to") ? &to
                           : !strcmp(argv[i], "--seal") ? &seal : NULL;
        if (val) {
            if (!(*val = NEED_VALUE("export", argc, argv, i)))
                return 2;
        } else if (!strcmp(argv[i], "--plain"))
            return wrong("export", "--plain is gone: every submission is sealed to the office's "
                         "key when it is stored, and only sealed batches are written; leave "
                         "it out");
        else if (argv[i][0] == '-')
            return wrong("export", "unknown option %s", argv[i]);
        else
            return wrong("export", "unexpected %s: name folders with --data and --to", argv[i]);
    }
    if (!data)
        return wrong("export", "from which kiosk? give --data DIR (the kiosk's data folder)");
    if (!to)
        return wrong("export", "to where? give --to DIR (a stick, or a folder that is carried "
                     "to the office)");
    char db[PATH_MAX], pub[PATH_MAX + 16];
    snprintf(db, sizeof db, "%s/feedback.db", data);
    if (!fs_exists(db)) {
        say(stderr, "sveikictl: %s holds no feedback store: give the kiosk's data folder "
            "(its --data; /var/lib/sveiki on an installed kiosk)", data);
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
        say(stderr, "sveikictl: warning: %s", e.msg);
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
        const char *v = NULL;
        if (!strcmp(argv[i], "--into") || !strcmp(argv[i], "--receipt-key") ||
            !strcmp(argv[i], "--accept-key-change") || !strcmp(argv[i], "--key")) {
            if (!(v = NEED_VALUE("merge", argc, argv, i))) {
                free(paths);
                return 2;
            }
            i--; /* read again below, with its value */
        }
        if (!strcmp(argv[i], "--accept-key-change") && naccept == 16) {
            free(paths);
            return wrong("merge", "at most 16 --accept-key-change; merge again for more");
        }
        if (!strcmp(argv[i], "--key") && nkeys == 8) {
            free(paths);
            return wrong("merge", "at most 8 --key files");
        }
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
            free(paths);
            return wrong("merge", "unknown option %s", argv[i]);
        } else
            paths[npaths++] = argv[i];
    }
    if (!into || !npaths) {
        free(paths);
        return wrong("merge", !into ? "into which database? give --into CENTRAL.db"
                                    : "merge what? name batch files or folders holding them");
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
        say(stdout, "suspect: %ld batch%s carr%s answer ids of other devices (kept apart, "
            "replacing nothing: see above)", st.suspect, st.suspect == 1 ? "" : "es",
            st.suspect == 1 ? "ies" : "y");
    if (st.unknown)
        say(stdout, "unknown: %ld batch%s from devices not enrolled (rejected: see above)",
            st.unknown, st.unknown == 1 ? "" : "es");
    if (st.enrolled)
        say(stdout, "enrolled: %ld new device%s (--enrol-new)", st.enrolled,
            st.enrolled == 1 ? "" : "s");
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

/* Opens --into CENTRAL from the arguments of a command cmd that takes want_rest words (what
 * they are: what; into rest, at most 8) and one option, opt_name, whose value goes to
 * *opt_val (required when need, the line that asks for it, is given). NULL, having said in
 * one line what was wrong, when the arguments are not that: checked before the
 * database is opened, so a mistyped command makes no file. */
static sync_merger *central_of(const char *cmd, int argc, char **argv, const char **rest,
                               int want_rest, const char *what, const char *opt_name,
                               const char **opt_val, const char *need)
{
    const char *into = NULL;
    int nrest = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], opt_name) || !strcmp(argv[i], "--into")) {
            const char **to = !strcmp(argv[i], "--into") ? &into : opt_val;
            if (!(*to = NEED_VALUE(cmd, argc, argv, i)))
                return NULL;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            wrong(cmd, "unknown option %s", argv[i]);
            return NULL;
        } else if (nrest == want_rest) {
            wrong(cmd, want_rest ? "one %s only: %s is one too many" : "%sunexpected %s",
                  want_rest ? what : "", argv[i]);
            return NULL;
        } else
            rest[nrest++] = argv[i];
    }
    if (nrest != want_rest) {
        wrong(cmd, "which %s? name it", what);
        return NULL;
    }
    if (need && !*opt_val) {
        wrong(cmd, "%s", need);
        return NULL;
    }
    if (!into) {
        wrong(cmd, "which central database? give --into CENTRAL.db");
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
    sync_merger *m = central_of("enrol", argc, argv, rest, 1, "kiosk key (DEVICE.pub)",
                                "--name", vals, "what do reports call it? give --name NAME");
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
    sync_merger *m = central_of("purge", argc, argv, rest, 0, "", "--days", vals, NULL);
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
            rc = wrong("purge", "--days %s: a number of days from 1 to 36500", vals[0]);
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
    sync_merger *m = central_of("delete", argc, argv, rest, 1, "submission (its id)",
                                "--reason", vals,
                                "why? give --reason TEXT (kept in the audit row)");
    if (!m)
        return 2;
    err e;
    int rc = 0;
    long long n = sync_merge_delete(m, rest[0], vals[0], (long long)time(NULL), &e);
    if (n < 0) {
        say(stderr, "sveikictl: %s", e.msg);
        rc = 1;
    } else {
        say(stdout, "deleted: submission %s, %lld answer%s (recorded in the deletions table)",
            rest[0], n, n == 1 ? "" : "s");
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
    if (report_args(argc, argv, &o, &e))
        /* its messages begin "report: " */
        return wrong("report", "%s", !strncmp(e.msg, "report: ", 8) ? e.msg + 8 : e.msg);
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
    say(stderr, "%s: %d files from %ld answer%s: %ld survey submission%s and %ld page vote%s%s%s%s%s",
        o.out, r.files, r.answers, r.answers == 1 ? "" : "s", r.submissions,
        r.submissions == 1 ? "" : "s", r.votes, r.votes == 1 ? "" : "s",
        o.free_text ? "; free-text.csv holds typed answers: keep it inside the organisation" : "",
        o.answers ? "; answers.csv holds every answer, no count hidden: keep it where the central database is" : "",
        r.free_text_removed ? "; removed the free-text.csv of an earlier run" : "",
        r.answers_removed ? "; removed the answers.csv of an earlier run" : "");
    return 0;
}

/* ---- keygen ---- */
static int cmd_keygen(int argc, char **argv)
{
    /* kind: 0 content signing, 1 office sealing, 2 office receipts; the older spellings
     * (keygen NAME, keygen --seal NAME) still work */
    int kind = -1;
    const char *name = NULL;
    for (int i = 0; i < argc; i++) {
        int k = !strcmp(argv[i], "--signing") ? 0
                : !strcmp(argv[i], "--sealing") || !strcmp(argv[i], "--seal") ? 1
                : !strcmp(argv[i], "--receipts") ? 2 : -1;
        if (k >= 0 && kind >= 0 && k != kind)
            return wrong("keygen", "one kind of key pair at a time: --signing, --sealing or "
                         "--receipts");
        if (k >= 0)
            kind = k;
        else if (argv[i][0] == '-')
            return wrong("keygen", "unknown option %s", argv[i]);
        else if (name)
            return wrong("keygen", "one NAME only: %s is one too many", argv[i]);
        else
            name = argv[i];
    }
    if (!name)
        return wrong("keygen", "which NAME? the pair is written as NAME.key and NAME.pub");
    err e;
    if (kind == 1 ? sign_seal_keygen(name, &e) : sign_keygen(name, &e)) {
        say(stderr, "sveikictl: %s", e.msg);
        return 1;
    }
    if (kind == 1)
        say(stdout, "wrote the office sealing key pair: %s.key (secret: keep it in the office, "
            "give it to merge --key) and %s.pub (copy it to each kiosk as DATA/operator.pub)",
            name, name);
    else if (kind == 2)
        say(stdout, "wrote the office receipts key pair: %s.key (secret: keep it in the office, "
            "give it to merge --receipt-key) and %s.pub (copy it to each kiosk as "
            "DATA/office.pub)", name, name);
    else
        say(stdout, "wrote the content signing key pair: %s.key (secret: keep it off the "
            "kiosks, give it to pack build --key) and %s.pub (copy it to each kiosk as "
            "DATA/trusted.pub)", name, name);
    return 0;
}

/* ---- status ---- */

/* The one line of DATA/NAME the kiosk writes after a visit ("UNIXTIME what happened"), as
 * "YYYY-MM-DD HH:MM UTC, what happened", or "never". */
static void last_line(const char *data, const char *name, char *out, size_t cap)
{
    char p[PATH_MAX + 32];
    snprintf(p, sizeof p, "%s/%s", data, name);
    size_t len;
    unsigned char *t = fs_exists(p) ? fs_read_all(p, 1024, &len, NULL) : NULL;
    snprintf(out, cap, "never");
    if (!t)
        return;
    char *text = xcalloc(len + 1, 1), *end;
    memcpy(text, t, len);
    free(t);
    text[strcspn(text, "\n")] = 0;
    long long when = strtoll(text, &end, 10);
    if (end != text && *end == ' ' && when > 0) {
        time_t tt = (time_t)when;
        struct tm tm;
        char day[40];
        if (gmtime_r(&tt, &tm) && strftime(day, sizeof day, "%Y-%m-%d %H:%M UTC", &tm))
            snprintf(out, cap, "%s, %s", day, end + 1);
    }
    free(text);
}

static int cmd_status(int argc, char **argv)
{
    if (argc == 0)
        return wrong("status", "which kiosk? name its data folder (its --data; "
                     "/var/lib/sveiki on an installed kiosk)");
    if (argv[0][0] == '-')
        return wrong("status", "unknown option %s", argv[0]);
    if (argc > 1)
        return wrong("status", "one data folder only: %s is one too many", argv[1]);
    const char *data = argv[0];
    char db[PATH_MAX + 16], pack[PATH_MAX + 16], line[300];
    snprintf(db, sizeof db, "%s/feedback.db", data);
    snprintf(pack, sizeof pack, "%s/current.pack", data);
    if (!fs_exists(db) && !fs_exists(pack)) {
        say(stderr, "sveikictl: %s is not a kiosk's data folder (no feedback store, no pack): "
            "give its --data, /var/lib/sveiki on an installed kiosk", data);
        return 1;
    }
    err e;
    int rc = 0;
    /* read only: a running kiosk's store is looked at, never changed */
    store *s = fs_exists(db) ? store_open_readonly(data, &e) : NULL;
    char id[37] = "";
    long waiting = -1;
    if (s && (store_device_id(s, id, &e) || (waiting = store_unexported_count(s, &e)) < 0))
        s = (store_close(s), NULL);
    if (!s && fs_exists(db)) {
        say(stderr, "sveikictl: warning: %s", e.msg);
        rc = 1;
    }
    say(stdout, "device: %s", id[0] ? id : "none yet (made with the first feedback)");
    content *c = fs_exists(pack) ? content_open(pack, &e) : NULL;
    if (c)
        say(stdout, "pack: %s version %s", content_pack_id(c), content_version(c));
    else if (fs_exists(pack)) {
        say(stdout, "pack: cannot be opened (%s)", e.msg);
        rc = 1;
    } else
        say(stdout, "pack: none taken yet (the kiosk shows the pack it is started with)");
    content_close(c);
    if (waiting >= 0)
        say(stdout, "answers waiting for export: %ld submission%s", waiting,
            waiting == 1 ? "" : "s");
    else
        say(stdout, "answers waiting for export: unknown (the feedback store cannot be read)");
    last_line(data, "last-export", line, sizeof line);
    say(stdout, "last export: %s", line);
    last_line(data, "last-receipt", line, sizeof line);
    say(stdout, "last receipt: %s", line);
    store_close(s);
    return rc;
}

/* Each argument that asks for help: `sveikictl COMMAND --help` (or -h), anywhere after it. */
static int asks_help(int argc, char **argv, int from)
{
    for (int i = from; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return 1;
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
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        if (argc >= 3 && strcmp(argv[1], "help") == 0) {
            /* sveikictl help COMMAND [SUB] */
            char name[64];
            snprintf(name, sizeof name, "%s%s%s", argv[2], argc >= 4 ? " " : "",
                     argc >= 4 ? argv[3] : "");
            if (help_of(name)) {
                fprintf(stdout, "usage:\n%s", help_of(name)->text);
                return 0;
            }
        }
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    /* the command: one word, or "pack" and a second */
    char name[64];
    int words = !strcmp(argv[1], "pack") ? 2 : 1;
    if (words == 2 && (argc < 3 || argv[2][0] == '-')) {
        if (argc >= 3 && asks_help(argc, argv, 2)) {
            fputs("usage:\n", stdout);
            for (size_t i = 0; i < sizeof helps / sizeof *helps; i++)
                if (!strncmp(helps[i].name, "pack ", 5))
                    fputs(helps[i].text, stdout);
            return 0;
        }
        return wrong("pack", "which one? build, check, stamp, verify or info");
    }
    snprintf(name, sizeof name, "%s%s%s", argv[1], words == 2 ? " " : "",
             words == 2 ? argv[2] : "");
    const command_help *h = help_of(name);
    if (!h && argv[1][0] == '-') {
        say(stderr, "sveikictl: unknown option %s: a command comes first", argv[1]);
        fputs("see sveikictl --help\n", stderr);
        return 2;
    }
    if (!h) {
        say(stderr, "sveikictl: no command \"%s\": the commands are keygen, status, export, "
            "merge, enrol, purge, delete, setup-stick, pin-hash, pack build|check|stamp|verify|info and report", name);
        fputs("see sveikictl --help\n", stderr);
        return 2;
    }
    if (asks_help(argc, argv, 1 + words)) {
        fprintf(stdout, "usage:\n%s", h->text);
        return 0;
    }
    int n = argc - 1 - words;
    char **rest = argv + 1 + words;
    if (!strcmp(name, "keygen"))
        return cmd_keygen(n, rest);
    if (!strcmp(name, "status"))
        return cmd_status(n, rest);
    if (!strcmp(name, "export"))
        return cmd_export(n, rest);
    if (!strcmp(name, "merge"))
        return cmd_merge(n, rest);
    if (!strcmp(name, "enrol"))
        return cmd_enrol(n, rest);
    if (!strcmp(name, "purge"))
        return cmd_purge(n, rest);
    if (!strcmp(name, "delete"))
        return cmd_delete(n, rest);
    if (!strcmp(name, "report"))
        return cmd_report(n, rest);
    if (!strcmp(name, "setup-stick"))
        return setup_stick_cmd(n, rest);
    if (!strcmp(name, "pin-hash"))
        return setup_pin_hash_cmd(n, rest);
    if (!strcmp(name, "pack verify"))
        return cmd_verify(n, rest);
    err no_home; /* a pack is built with the installation's fonts, pictograms and words */
    if ((!strcmp(name, "pack build") || !strcmp(name, "pack check")) &&
        home_locate(root, sizeof root, &no_home)) {
        say(stderr, "sveikictl: %s", no_home.msg);
        return 1;
    }
    if (!strcmp(name, "pack build"))
        return cmd_build(n, rest, root, 0);
    if (!strcmp(name, "pack check"))
        return cmd_build(n, rest, root, 1);
    if (!strcmp(name, "pack stamp"))
        return cmd_stamp(n, rest);
    return cmd_info(n, rest);
}
