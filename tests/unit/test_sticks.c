/* sticks: hostile input, second round (issue 15), each a class of attack rather than one
 * example:
 *  - every folder and file on a stick that is a symbolic link (sveiki, exports, the device's
 *    folder, packs, a pack file) is never followed: nothing is written or read through it,
 *    nothing is marked exported, and the stick's screen names it;
 *  - two kiosks made from one data folder lose no answer: a batch under this kiosk's name is
 *    kept only when it is byte for byte the one it makes, and a folder copied to other
 *    hardware takes a new device id;
 *  - a lost device key is never replaced silently: the batch says so, the office refuses it
 *    until told to accept it, then takes every batch whatever the order;
 *  - junk on a stick (thousands of files, a 500 MB file, forged trailers, older packs) is
 *    checked where it lies and never copied (bytes written counted, not time);
 *  - a data folder that cannot be written still exports what it holds;
 *  - a script's dump and shot write only a new or regular file; a FIFO or device is never
 *    opened as a regular file (a font, an asset). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "builder/pack.h"
#include "fs.h"
#include "kiosk.h"
#include "pack/content.h"
#include "script/script.h"
#include "sign.h"
#include "store/store.h"
#include "sync/merge.h"
#include "sync/sync.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fake_platform.h"
#include "office_key.h"
#include "scratch.h"

#define FIXTURE "build/fixture.pack"

static char logpath[512]; /* where stick_in catches the kiosk's log */

static int setup(void **state)
{
    (void)state;
    memset(&fake_seen, 0, sizeof fake_seen);
    fs_fault_reset();
    logpath[0] = 0;
    err e;
    if (scratch_make("sticks") || sign_keygen(at("k"), &e))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return scratch_remove();
}

/* ---- helpers, outside the code under test ------------------------------------------------ */

/* A pack of this version at path, signed with k.key unless unsigned_. */
static void make_pack(const char *path, const char *version, int unsigned_)
{
    scratch_pack(path, version, unsigned_ ? NULL : at("k.key"));
}

static store *open_store(const char *d)
{
    mkdir(d, 0700);
    err e = {{0}};
    store_config c = {.seal_pk = office_pk()};
    store *s = store_open(d, &c, NULL, &e);
    if (!s)
        fail_msg("store_open(%s): %s", d, e.msg);
    return s;
}

/* n submissions of one answer each */
static void fill(store *s, int n)
{
    static const store_answer a[] = {{"face", "3", 0, "faces"}};
    for (int i = 0; i < n; i++) {
        store_submission sub = {.survey = "s", .lang = "en", .pack_id = "p",
                                .pack_version = "1", .answers = a, .nanswers = 1};
        char id[37];
        err e = {{0}};
        if (store_submit(s, &sub, id, &e))
            fail_msg("store_submit: %s", e.msg);
    }
}

static long waiting(const char *d)
{
    store *s = open_store(d);
    err e;
    long n = store_unexported_count(s, &e);
    store_close(s);
    return n;
}

static void device_of(const char *d, char id[37])
{
    store *s = open_store(d);
    err e;
    assert_int_equal(store_device_id(s, id, &e), 0);
    store_close(s);
}

/* Every name below path (links not followed), counted. */
static int entries(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d))) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        n++;
        if (de->d_type == DT_DIR) {
            char sub[512];
            snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
            n += entries(sub);
        }
    }
    closedir(d);
    return n;
}

static kiosk *start(const char *pack, const char *data, int trusted)
{
    kiosk_options o = {.pack = pack, .data = data, .trust = trusted ? at("k.pub") : NULL,
                       .lang = "en", .w = 800, .h = 480, .office_key = OFFICE_PUB};
    err e = {{0}};
    kiosk *k = kiosk_open(&o, &e);
    if (!k)
        fail_msg("%s", e.msg);
    if (kiosk_fault(k))
        fail_msg("no pack: %s", kiosk_fault(k));
    kiosk_start(k, &fake_platform, 800, 480, 1000);
    return k;
}

/* The label of a widget, or NULL; the stick's screen scrolls where its lines are taller
 * than the window, so it is looked for from the top down, a page at a time, as staff would. */
static const char *label(kiosk *k, const char *id)
{
    const ui_widget *w = ui_find_id(kiosk_ui(k), id);
    if (w || strcmp(ui_screen_name(kiosk_ui(k)), "media"))
        return w ? w->label : NULL;
    ui_event up = {.type = UI_EV_KEY, .text = "pageup"}, down = {.type = UI_EV_KEY, .text = "pagedown"};
    for (int i = 0; i < 100; i++)
        kiosk_event(k, &up, 1000);
    for (int i = 0; i < 100 && !(w = ui_find_id(kiosk_ui(k), id)); i++)
        kiosk_event(k, &down, 1000);
    return w ? w->label : NULL;
}

static char logbuf[1 << 16];

/* A stick's visit, with the kiosk's log (standard error) caught into logbuf. */
static void stick_in(kiosk *k, const char *stick)
{
    fflush(stderr);
    if (!logpath[0])
        snprintf(logpath, sizeof logpath, "%s", at("log.txt"));
    int saved = dup(2), fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    assert_true(saved >= 0 && fd >= 0);
    dup2(fd, 2);
    close(fd);
    ui_event ev = {.type = UI_EV_MEDIA, .text = stick};
    kiosk_event(k, &ev, 5000);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    FILE *fp = fopen(logpath, "r");
    size_t n = fp ? fread(logbuf, 1, sizeof logbuf - 1, fp) : 0;
    logbuf[n] = 0;
    if (fp)
        fclose(fp);
}

static void assert_current(const char *data, const char *version)
{
    char p[512];
    snprintf(p, sizeof p, "%s/current.pack", data);
    err e;
    content *c = content_open(p, &e);
    if (!c)
        fail_msg("%s", e.msg);
    assert_string_equal(content_version(c), version);
    content_close(c);
}

static long long one(const char *db, const char *sql)
{
    sqlite3 *h;
    sqlite3_stmt *st;
    long long v = -1;
    if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(h);
    return v;
}

/* Merges every batch below path into central, accepting the new keys of the devices in
 * accept (NULL-terminated); the stats. */
static sync_merge_stats merge_all(const char *central, const char *path, const char **accept,
                                  int reverse, char *why, size_t cap)
{
    char **files = NULL;
    int n = 0;
    err e = {{0}};
    if (sync_merge_collect(path, &files, &n, &e))
        fail_msg("collect: %s", e.msg);
    sync_merger *m = sync_merge_open(central, office_key(), &e);
    if (m) /* enrolment has its own tests */
        sync_merge_enrol_new(m, 1);
    if (!m)
        fail_msg("sync_merge_open: %s", e.msg);
    for (int i = 0; accept && accept[i]; i++)
        assert_int_equal(sync_merge_accept_key(m, accept[i], &e), 0);
    sync_merge_stats st = {0};
    if (why)
        why[0] = 0;
    for (int j = 0; j < n; j++) {
        int i = reverse ? n - 1 - j : j;
        int r = sync_merge_file(m, files[i], &st, &e);
        if (r < 0)
            fail_msg("merge %s: %s", files[i], e.msg);
        if (r > 0 && why)
            snprintf(why, cap, "%s", e.msg);
    }
    assert_int_equal(sync_merge_finish(m, &e), 0);
    sync_merge_close(m);
    fs_list_free(files, n);
    return st;
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char b[65536];
    size_t n;
    while ((n = fread(b, 1, sizeof b, in)) > 0)
        assert_int_equal(fwrite(b, 1, n, out), n);
    fclose(in);
    assert_int_equal(fclose(out), 0);
}

/* A data folder copied file by file, as a restore or a cloned card would. */
static void copy_data(const char *from, const char *to)
{
    mkdir(to, 0700);
    DIR *d = opendir(from);
    assert_non_null(d);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        char a[512], b[512];
        snprintf(a, sizeof a, "%s/%s", from, de->d_name);
        snprintf(b, sizeof b, "%s/%s", to, de->d_name);
        copy_file(a, b);
    }
    closedir(d);
}

static void export_with(store *s, const char *data, const char *stick, const char *machine,
                        sync_result *r)
{
    sync_options o = {.machine_id = machine};
    err e = {{0}};
    if (sync_export_opt(s, data, stick, &o, r, &e))
        fail_msg("export from %s: %s", data, e.msg);
}

/* ---- links on a stick ---------------------------------------------------------------------- */

/* Each folder on the way, and a pack file, made a link to a folder of the kiosk's own (here
 * "victim", holding a newer signed pack): nothing is written there or read from it, the
 * answers stay unexported when the export's way is linked, and the screen names the link. */
static void test_links_on_a_stick_are_never_followed(void **state)
{
    (void)state;
    static const char *const linked[] = {"sveiki", "sveiki/exports", "sveiki/exports/DEV",
                                         "sveiki/packs", "sveiki/packs/new.pack"};
    for (int L = 0; L < 5; L++) {
        char data[256], stick[256], victim[256], p[512], name[64], dev[37];
        snprintf(data, sizeof data, "%s", at("data"));
        snprintf(stick, sizeof stick, "%s", at("stick"));
        snprintf(victim, sizeof victim, "%s", at("victim"));
        scratch_remove();
        mkdir(dir, 0700);
        { /* the scratch is gone: the key and packs again */
            err e;
            assert_int_equal(sign_keygen(at("k"), &e), 0);
            make_pack(at("v1.pack"), "1", 0);
            make_pack(at("v2.pack"), "2", 0);
        }
        store *s = open_store(data);
        fill(s, 2);
        store_close(s);
        device_of(data, dev);
        /* the victim holds what a followed link would reach */
        mkdir(victim, 0700);
        snprintf(p, sizeof p, "%s/packs", victim), mkdir(p, 0700);
        snprintf(p, sizeof p, "%s/packs/new.pack", victim), copy_file(at("v2.pack"), p);
        snprintf(p, sizeof p, "%s/new.pack", victim), copy_file(at("v2.pack"), p);
        int before = entries(victim);
        /* the stick: every folder on the way real, the last one a link */
        mkdir(stick, 0700);
        snprintf(name, sizeof name, "%s", linked[L]);
        if (L == 2)
            snprintf(name, sizeof name, "sveiki/exports/%s", dev);
        for (const char *q = name; (q = strchr(q, '/')); q++) {
            snprintf(p, sizeof p, "%s/%.*s", stick, (int)(q - name), name);
            mkdir(p, 0700);
        }
        snprintf(p, sizeof p, "%s/%s", stick, name);
        const char *target = L == 4 ? "victim/new.pack" : L == 3 ? "victim/packs" : "victim";
        char t[512];
        snprintf(t, sizeof t, "%s/%s", dir, target);
        if (symlink(t, p))
            fail_msg("symlink %s: %s", p, strerror(errno));
        kiosk *k = start(at("v1.pack"), data, 1);
        long long wrote = fs_bytes_written();
        stick_in(k, stick);
        const char *l = label(k, "media-link");
        if (!l || !strstr(l, name) || !strstr(l, "nothing was written or read through it"))
            fail_msg("layout %d (%s): the screen says %s", L, name, l ? l : "nothing of it");
        if (!strstr(logbuf, "symbolic link"))
            fail_msg("layout %d: the log does not name the link:\n%s", L, logbuf);
        kiosk_close(k);
        if (entries(victim) != before)
            fail_msg("layout %d (%s): something was written through the link", L, name);
        assert_current(data, "1");
        if (L <= 2) { /* the export's own way: nothing written, nothing marked */
            assert_int_equal(waiting(data), 2);
            assert_int_equal(fs_bytes_written() - wrote, 0);
        } else { /* the export went to the stick's real folders */
            assert_int_equal(waiting(data), 0);
        }
    }
}

/* ---- a cloned kiosk ------------------------------------------------------------------------ */

/* Kiosk A exports once, then its data folder is copied to B; both take new answers under the
 * same batch numbers. On the same hardware (a restore) both keep the id, and B's batch,
 * with the same name, key and count as A's, must not be taken for A's; on other hardware B
 * takes a new device id. Every answer of both reaches the office. */
static void test_cloned_kiosk_loses_no_answer(void **state)
{
    (void)state;
    puts_file(at("machine-a"), "0123456789abcdef0123456789abcdef\n");
    puts_file(at("machine-b"), "fedcba9876543210fedcba9876543210\n");
    store *a = open_store(at("a"));
    fill(a, 2);
    sync_result r;
    export_with(a, at("a"), at("stick"), at("machine-a"), &r);
    assert_int_equal(r.submissions, 2);
    assert_int_equal(r.new_device, 0);
    store_close(a);
    copy_data(at("a"), at("same"));  /* restored on the same machine */
    copy_data(at("a"), at("other")); /* copied to another machine */
    char dev_a[37], dev_other[37];
    device_of(at("a"), dev_a);
    for (int round = 0; round < 2; round++) {
        /* each takes 3 answers more, as batch 2 (then 3) in every one of them */
        static const char *const d[] = {"a", "same", "other"};
        static const char *const m[] = {"machine-a", "machine-a", "machine-b"};
        for (int i = 0; i < 3; i++) {
            char dd[256], mm[256];
            snprintf(dd, sizeof dd, "%s", at(d[i]));
            snprintf(mm, sizeof mm, "%s", at(m[i]));
            store *s = open_store(dd);
            fill(s, 3);
            export_with(s, dd, at("stick"), mm, &r);
            assert_int_equal(r.submissions, 3);
            assert_int_equal(r.new_device, round == 0 && i == 2);
            err e;
            assert_int_equal(store_unexported_count(s, &e), 0);
            store_close(s);
        }
    }
    device_of(at("other"), dev_other);
    assert_string_not_equal(dev_a, dev_other);
    sync_merge_stats st = merge_all(at("central.db"), at("stick"), NULL, 0, NULL, 0);
    assert_int_equal(st.rejected, 0);
    /* 2 + 2 rounds x 3 kiosks x 3 answers, each once */
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers"), 2 + 2 * 3 * 3);
    assert_int_equal(one(at("central.db"), "SELECT count(DISTINCT device) FROM answers"), 2);
    /* an export stopped after its rename still finds its own batch and writes no second: the
     * nth fsync fails, n = 1, 2, ... until one stops the export with its batch written */
    store *s = open_store(at("a"));
    fill(s, 1);
    sync_options o = {.machine_id = at("machine-a")};
    err e;
    int before = entries(at("stick")), files = before, reserved = 0;
    for (int n = 1, tries = 0;; n++) {
        if (++tries > 40)
            fail_msg("no fsync stopped the export between its rename and its mark");
        fs_fault_set(FS_FSYNC, n, EIO);
        int rc = sync_export_opt(s, at("a"), at("stick"), &o, &r, &e);
        fs_fault_reset();
        if (rc == 0)
            fail_msg("fsync %d: the export ended before its batch was there", n);
        files = entries(at("stick"));
        if (files > before && store_unexported_count(s, &e) == 1)
            break;
        long long b;
        assert_int_equal(store_reserved(s, 0, &b, &e), 0);
        if (b && !reserved) /* reserved now: the next export has fewer fsyncs before its file */
            reserved = 1, n = 0;
    }
    export_with(s, at("a"), at("stick"), at("machine-a"), &r);
    assert_int_equal(r.submissions, 1);
    assert_non_null(strstr(r.note, "there already"));
    assert_int_equal(entries(at("stick")), files);
    store_close(s);
}

/* ---- a lost key -------------------------------------------------------------------------- */

static void rm_data(const char *d, const char *name)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", d, name);
    unlink(p);
}

/* The device key lost, with its record (device.state) and without: the kiosk makes a new one
 * and says so (note, flag, the batch's key-change line naming the old key when known); the
 * office refuses those batches until told, then takes all of them in any order. */
static void test_lost_key_is_never_silent(void **state)
{
    (void)state;
    puts_file(at("machine"), "0123456789abcdef0123456789abcdef\n");
    store *s = open_store(at("d"));
    sync_result r;
    char dev[37], old[128] = "", newer[128] = "";
    err e;
    assert_int_equal(store_device_id(s, dev, &e), 0);
    fill(s, 1);
    export_with(s, at("d"), at("stick"), at("machine"), &r);
    assert_int_equal(r.key_changed, 0);
    FILE *fp = fopen(at("d/device.pub"), "r");
    assert_non_null(fp);
    assert_non_null(fgets(old, sizeof old, fp) && fgets(old, sizeof old, fp) ? old : NULL);
    fclose(fp);
    old[strcspn(old, "\n")] = 0;
    for (int lose_state = 0; lose_state < 2; lose_state++) {
        fill(s, 1);
        rm_data(at("d"), "device.key"), rm_data(at("d"), "device.pub");
        if (lose_state)
            rm_data(at("d"), "device.state");
        export_with(s, at("d"), at("stick"), at("machine"), &r);
        assert_int_equal(r.key_changed, 1);
        if (!strstr(r.note, "--accept-key-change"))
            fail_msg("the note does not tell staff: %s", r.note);
        size_t n;
        char *b = (char *)fs_read_all(r.path, 1 << 20, &n, &e);
        assert_non_null(b);
        char want[160];
        snprintf(want, sizeof want, "\nkey-change %s\n", lose_state ? "unknown" : old);
        if (!strstr(b, want))
            fail_msg("batch %s has no \"%s\"", r.path, want + 1);
        free(b);
        /* a later export with the same new key says so as well: it is still a key the office
         * has not seen */
        fill(s, 1);
        export_with(s, at("d"), at("stick"), at("machine"), &r);
        assert_int_equal(r.key_changed, 0);
        b = (char *)fs_read_all(r.path, 1 << 20, &n, &e);
        assert_non_null(strstr(b, "\nkey-change "));
        free(b);
    }
    (void)newer;
    store_close(s);
    /* the office: refused until told, naming the flag */
    char why[800];
    sync_merge_stats st = merge_all(at("c1.db"), at("stick"), NULL, 0, why, sizeof why);
    assert_int_equal(st.rejected, 4);
    if (!strstr(why, "--accept-key-change") || !strstr(why, dev) || !strstr(why, "lost its key"))
        fail_msg("%s", why);
    const char *acc[] = {dev, NULL};
    st = merge_all(at("c1.db"), at("stick"), acc, 0, NULL, 0);
    assert_int_equal(st.rejected, 0);
    assert_int_equal(one(at("c1.db"), "SELECT count(*) FROM answers"), 5);
    assert_int_equal(one(at("c1.db"), "SELECT count(*) FROM device_keys"), 2);
    /* accepted once, taken from then on without the flag */
    st = merge_all(at("c1.db"), at("stick"), NULL, 0, NULL, 0);
    assert_int_equal(st.rejected, 0);
    /* in the other order (the newest key first), the same answers */
    st = merge_all(at("c2.db"), at("stick"), acc, 1, NULL, 0);
    assert_int_equal(st.rejected, 0);
    assert_int_equal(one(at("c2.db"), "SELECT count(*) FROM answers"), 5);
    /* a key change is accepted only for the device named */
    const char *other[] = {"00000000-0000-4000-8000-000000000000", NULL};
    st = merge_all(at("c3.db"), at("stick"), other, 0, NULL, 0);
    assert_true(st.rejected > 0);
}

/* A kiosk whose key went missing tells staff on the stick's screen. */
static void test_lost_key_on_the_screen(void **state)
{
    (void)state;
    store *s = open_store(at("data"));
    fill(s, 1);
    store_close(s);
    mkdir(at("stick"), 0700);
    kiosk *k = start(FIXTURE, at("data"), 0);
    stick_in(k, at("stick"));
    assert_null(label(k, "media-key-changed"));
    kiosk_close(k);
    s = open_store(at("data"));
    fill(s, 1);
    store_close(s);
    rm_data(at("data"), "device.key"), rm_data(at("data"), "device.pub");
    k = start(FIXTURE, at("data"), 0);
    stick_in(k, at("stick"));
    const char *l = label(k, "media-key-changed");
    if (!l || !strstr(l, "key was missing, so a new one was made. Tell the office"))
        fail_msg("%s", l ? l : "no note on the screen");
    if (!strstr(logbuf, "--accept-key-change"))
        fail_msg("the log does not say it:\n%s", logbuf);
    kiosk_close(k);
}

/* ---- junk on a stick ----------------------------------------------------------------------- */

/* A stick of junk: a 500 MB file, a forged trailer, the pack shown already, an older signed
 * pack, an unsigned one, and 5,000 junk files: served with no byte copied. A newer signed pack
 * beside them is the one thing copied. */
static void test_junk_on_a_stick_is_not_copied(void **state)
{
    (void)state;
    make_pack(at("v1.pack"), "1", 0);
    mkdir(at("stick"), 0700), mkdir(at("stick/sveiki"), 0700);
    mkdir(at("stick/sveiki/packs"), 0700);
    int fd = open(at("stick/sveiki/packs/0-big.pack"), O_WRONLY | O_CREAT, 0600);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 500LL << 20), 0); /* sparse: no disk used */
    close(fd);
    /* a trailer that claims a signature over the right length, and is not one */
    unsigned char forged[4096 + SIGN_TRAILER];
    memset(forged, 'j', sizeof forged);
    unsigned long long len = 4096;
    for (int i = 0; i < 8; i++)
        forged[4096 + 64 + i] = (unsigned char)(len >> (56 - 8 * i));
    memcpy(forged + 4096 + 72, "sveiki-signed-1\n", 16);
    put(at("stick/sveiki/packs/1-forged.pack"), forged, sizeof forged);
    copy_file(at("v1.pack"), at("stick/sveiki/packs/2-same.pack"));
    make_pack(at("stick/sveiki/packs/3-older.pack"), "0.9", 0);
    make_pack(at("stick/sveiki/packs/4-unsigned.pack"), "3", 1);
    for (int i = 0; i < 5000; i++) {
        char name[64];
        snprintf(name, sizeof name, "stick/sveiki/packs/junk%04d.pack", i);
        puts_file(at(name), "junk");
    }
    kiosk *k = start(at("v1.pack"), at("data"), 1);
    long long before = fs_bytes_written();
    stick_in(k, at("stick"));
    long long copied = fs_bytes_written() - before;
    static const char *const why[][2] = {
        {"media-pack-1", "It is not signed"}, {"media-pack-2", "signature does not match"},
        {"media-pack-3", "shows this content already"}, {"media-pack-4", "only newer content"},
        {"media-pack-5", "It is not signed"}};
    for (int i = 0; i < 5; i++) {
        const char *l = label(k, why[i][0]);
        if (!l || !strstr(l, why[i][1]))
            fail_msg("%s: %s", why[i][0], l ? l : "missing");
    }
    const char *more = label(k, "media-pack-more");
    if (!more || !strstr(more, "4989 more content files"))
        fail_msg("%s", more ? more : "no line for the files not looked at");
    printf("a stick of 5,000 junk files and a 500 MB one: %lld bytes copied\n", copied);
    assert_int_equal(copied, 0);
    assert_current(at("data"), "1");
    /* the one newer signed pack is copied, and nothing else */
    make_pack(at("stick/sveiki/packs/0-a-new.pack"), "2", 0);
    struct stat st;
    assert_int_equal(stat(at("stick/sveiki/packs/0-a-new.pack"), &st), 0);
    before = fs_bytes_written();
    stick_in(k, at("stick"));
    copied = fs_bytes_written() - before;
    assert_string_equal(label(k, "media-pack-1"), "New content taken: version 2.");
    if (copied != st.st_size)
        fail_msg("%lld bytes copied for a pack of %lld", copied, (long long)st.st_size);
    assert_current(at("data"), "2");
    kiosk_close(k);
}

/* ---- a read-only data folder ----------------------------------------------------------------- */

/* The data folder cannot be written (here: owned by root, the kiosk run as nobody): its
 * answers still reach a stick, the screen says they could not be marked, and a second visit
 * brings them again (the office drops them as duplicates). */
static void test_readonly_data_still_exports(void **state)
{
    (void)state;
    if (geteuid() != 0)
        skip(); /* the test makes the folder read-only by running the kiosk as nobody */
    store *s = open_store(at("data"));
    fill(s, 3);
    sync_result r;
    sync_options o = {0};
    err e;
    /* a first export makes the key, as a kiosk that had a writable folder once */
    mkdir(at("first"), 0700);
    assert_int_equal(sync_export_opt(s, at("data"), at("first"), &o, &r, &e), 0);
    fill(s, 2);
    store_close(s);
    mkdir(at("stick"), 0700);
    mkdir(at("logs"), 0700);
    assert_int_equal(chown(at("logs"), 65534, 65534), 0);
    snprintf(logpath, sizeof logpath, "%s", at("logs/log.txt"));
    chmod(dir, 0755);
    chmod(at("data"), 0755);
    assert_int_equal(chown(at("stick"), 65534, 65534), 0);
    DIR *d = opendir(at("data"));
    struct dirent *de;
    while ((de = readdir(d)))
        if (de->d_name[0] != '.') {
            char p[512];
            snprintf(p, sizeof p, "%s/%s", at("data"), de->d_name);
            assert_int_equal(chown(p, 65534, 65534), 0);
        }
    closedir(d);
    /* the pack where nobody can read it: a checkout may sit in a folder only root enters */
    size_t plen;
    unsigned char *pbytes = fs_read_all(FIXTURE, 64u << 20, &plen, &e);
    assert_non_null(pbytes);
    put(at("fixture.pack"), pbytes, plen);
    free(pbytes);
    assert_int_equal(chmod(at("fixture.pack"), 0644), 0);
    fflush(stdout), fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        if (setgid(65534) || setuid(65534))
            _exit(10);
        /* no cmocka here: a failed assertion would run the rest of the suite in the child */
        kiosk_options ko = {.pack = at("fixture.pack"), .data = at("data"), .lang = "en",
                            .w = 800, .h = 480};
        err ke;
        kiosk *k = kiosk_open(&ko, &ke);
        if (!k || kiosk_fault(k)) {
            fprintf(stderr, "%s\n", k ? kiosk_fault(k) : ke.msg);
            _exit(13);
        }
        kiosk_start(k, &fake_platform, 800, 480, 1000);
        int bad = 0;
        for (int visit = 0; visit < 2; visit++) {
            stick_in(k, at("stick"));
            const char *l = label(k, "media-export"), *n = label(k, "media-unmarked");
            if (!l || !strstr(l, "Feedback written to the stick. Responses: 2.")) {
                fprintf(stderr, "visit %d: %s\n%s", visit, l ? l : "-", logbuf);
                bad = 11;
            }
            if (!n || !strstr(n, "written again with the next stick")) {
                fprintf(stderr, "visit %d: note %s\n", visit, n ? n : "-");
                bad = 12;
            }
        }
        kiosk_close(k);
        _exit(bad);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    sync_merge_stats st = merge_all(at("central.db"), at("stick"), NULL, 0, NULL, 0);
    assert_int_equal(st.rejected, 0);
    assert_int_equal(one(at("central.db"), "SELECT count(*) FROM answers"), 2);
    assert_int_equal(waiting(at("data")), 2); /* nothing marked */
}

/* ---- scripts and assets ---------------------------------------------------------------------- */

/* dump and shot write a new or a regular file, and nothing else: a FIFO, a link (to a file
 * of someone else's) or a folder at the path stays what it was. */
static void test_script_writes_only_regular_files(void **state)
{
    (void)state;
    assert_int_equal(mkfifo(at("fifo"), 0600), 0);
    puts_file(at("theirs"), "theirs");
    assert_int_equal(symlink(at("theirs"), at("link.json")), 0);
    mkdir(at("folder.png"), 0700);
    puts_file(at("old.json"), "old");
    kiosk *k = start(FIXTURE, at("data"), 0);
    static const char *const bad[] = {"dump %s", "fifo", "dump %s", "link.json",
                                      "shot %s", "folder.png", "dump %s", "folder.png"};
    for (int i = 0; i < 8; i += 2) {
        char script[512];
        snprintf(script, sizeof script, bad[i], at(bad[i + 1]));
        strcat(script, "\n");
        puts_file(at("s.txt"), script);
        if (script_run(k, at("s.txt")) == 0)
            fail_msg("%s: written", script);
    }
    struct stat st;
    assert_int_equal(lstat(at("fifo"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_int_equal(lstat(at("link.json"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    size_t n;
    err e;
    char *t = (char *)fs_read_all(at("theirs"), 100, &n, &e);
    assert_string_equal(t, "theirs");
    free(t);
    assert_int_equal(lstat(at("folder.png"), &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    /* a new file, and a regular one replaced, as before */
    char script[512];
    snprintf(script, sizeof script, "dump %s\ndump %s\n", at("new.json"), at("old.json"));
    puts_file(at("s.txt"), script);
    assert_int_equal(script_run(k, at("s.txt")), 0);
    t = (char *)fs_read_all(at("old.json"), 1 << 20, &n, &e);
    assert_non_null(t);
    assert_non_null(strstr(t, "\"screen\""));
    free(t);
    kiosk_close(k);
}

/* A font or any asset is opened only as a regular file and without blocking: a FIFO (no
 * writer: a plain open would wait for ever), a device and a link are refused at once, each
 * said in its own words. Run in a child with an alarm, so a hang fails instead of stopping the
 * suite. */
static void test_assets_only_regular_files(void **state)
{
    (void)state;
    assert_int_equal(mkfifo(at("font.ttf"), 0600), 0);
    puts_file(at("real.ttf"), "0123456789abcdef");
    assert_int_equal(symlink(at("real.ttf"), at("link.ttf")), 0);
    fflush(stdout), fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        alarm(5);
        static const char *const cases[][2] = {{"font.ttf", "a FIFO"},
                                               {"/dev/null", "a device"},
                                               {"link.ttf", "symbolic link"}};
        for (int i = 0; i < 3; i++) {
            size_t size;
            err e = {{0}};
            const char *p = cases[i][0][0] == '/' ? cases[i][0] : at(cases[i][0]);
            int fd = fs_open_file(p, 1 << 20, &size, &e);
            if (fd >= 0 || !strstr(e.msg, cases[i][1]) || !strstr(e.msg, p)) {
                fprintf(stderr, "%s: %d %s\n", p, fd, e.msg);
                _exit(1);
            }
        }
        size_t size;
        err e;
        int fd = fs_open_file(at("real.ttf"), 1 << 20, &size, &e);
        _exit(fd >= 0 && size == 16 ? 0 : 2);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status))
        fail_msg("the child was killed (signal %d): an open blocked", WTERMSIG(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* The kiosk itself with a FIFO in place of every font under SVEIKI_HOME: it ends at once with
 * a message naming a FIFO, instead of waiting for ever for a writer. Needs build/san/sveiki
 * (make test builds it first); the child is killed after 30 s, which then fails the test. */
static void test_fifo_font_stops_the_start(void **state)
{
    (void)state;
    const char *prog = "build/san/sveiki";
    if (access(prog, X_OK) || access(FIXTURE, R_OK))
        skip();
    mkdir(at("home"), 0700), mkdir(at("home/assets"), 0700), mkdir(at("home/assets/fonts"), 0700);
    DIR *d = opendir("assets/fonts");
    assert_non_null(d);
    struct dirent *de;
    int fifos = 0;
    while ((de = readdir(d)))
        if (strstr(de->d_name, ".ttf") || strstr(de->d_name, ".otf")) {
            char p[512];
            snprintf(p, sizeof p, "%s/%s", at("home/assets/fonts"), de->d_name);
            assert_int_equal(mkfifo(p, 0600), 0);
            fifos++;
        }
    closedir(d);
    assert_true(fifos > 0);
    char home[256], data[256], out[256];
    snprintf(home, sizeof home, "%s", at("home"));
    snprintf(data, sizeof data, "%s", at("data"));
    snprintf(out, sizeof out, "%s", at("out.txt"));
    fflush(stdout), fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600), in = open("/dev/null", O_RDONLY);
        if (fd < 0 || in < 0)
            _exit(100);
        dup2(fd, 1), dup2(fd, 2), dup2(in, 0);
        setenv("SVEIKI_HOME", home, 1);
        setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
        execl(prog, prog, "--headless", "--script", "-", "--pack", FIXTURE, "--data", data,
              (char *)NULL);
        _exit(101);
    }
    int status = 0, waited = 0;
    pid_t r;
    while ((r = waitpid(pid, &status, WNOHANG)) == 0 && waited < 300) {
        usleep(100 * 1000);
        waited++;
    }
    if (r == 0) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        fail_msg("the kiosk still waits at start after 30 s: a FIFO font blocked it");
    }
    size_t n;
    err e;
    char *log = (char *)fs_read_all(out, 1 << 20, &n, &e);
    assert_non_null(log);
    if (!WIFEXITED(status) || WEXITSTATUS(status) == 0 || !strstr(log, "a FIFO"))
        fail_msg("exit %d:\n%s", WIFEXITED(status) ? WEXITSTATUS(status) : -1, log);
    free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_links_on_a_stick_are_never_followed, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cloned_kiosk_loses_no_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lost_key_is_never_silent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lost_key_on_the_screen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_junk_on_a_stick_is_not_copied, setup, teardown),
        cmocka_unit_test_setup_teardown(test_readonly_data_still_exports, setup, teardown),
        cmocka_unit_test_setup_teardown(test_script_writes_only_regular_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_assets_only_regular_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fifo_font_stops_the_start, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
