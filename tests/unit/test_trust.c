/* trust: which pack a kiosk with a key shows. Real packs (built here from a one-page source)
 * signed as one file. A power cut at any write, fsync or rename of taking a new pack leaves
 * a good signed pack to start with; only a newer version is taken; refusals name the file a
 * person gave; a stale temporary is cleaned at start; the data directory is private. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "builder/pack.h"
#include "fs.h"
#include "pack/content.h"
#include "pack/trust.h"
#include "sign.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scratch.h"

/* Builds a signed pack of this version at rel. */
static void signed_pack(const char *rel, const char *version)
{
    scratch_pack(at(rel), version, at("k.key"));
}

static int setup(void **state)
{
    (void)state;
    if (scratch_make("trust"))
        return -1;
    err e;
    if (sign_keygen(at("k"), &e))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return scratch_remove();
}

/* The version of the pack the kiosk would show now, after a (re)start offered `offer`. */
static const char *start_with(const char *offer, trust_note *note, int *rc)
{
    static char version[32];
    char pack[512];
    err e = {{0}};
    snprintf(pack, sizeof pack, "%s", offer);
    version[0] = 0;
    *rc = trust_data_dir(at("data"), note, &e);
    if (!*rc)
        *rc = trust_choose(pack, sizeof pack, at("data"), at("k.pub"), note, &e);
    if (*rc)
        return NULL;
    assert_string_equal(pack, at("data/current.pack"));
    content *c = content_open(pack, &e);
    if (!c)
        fail_msg("the chosen pack does not open: %s", e.msg);
    snprintf(version, sizeof version, "%s", content_version(c));
    content_close(c);
    return version;
}

static void test_newer_only(void **state)
{
    (void)state;
    signed_pack("v1.pack", "2022.9");
    signed_pack("v2.pack", "2022.12");
    trust_note note;
    int rc;
    assert_string_equal(start_with(at("v1.pack"), &note, &rc), "2022.9");
    assert_false(note.refused);
    assert_string_equal(start_with(at("v2.pack"), &note, &rc), "2022.12");
    assert_false(note.refused);
    /* the same pack again is nothing new, and no refusal either */
    assert_string_equal(start_with(at("v2.pack"), &note, &rc), "2022.12");
    assert_false(note.refused);
    /* an older signed pack does not roll the kiosk back */
    assert_string_equal(start_with(at("v1.pack"), &note, &rc), "2022.12");
    assert_true(note.refused);
    assert_non_null(strstr(note.why.msg, at("v1.pack")));
    assert_non_null(strstr(note.why.msg, "not newer"));
    /* the pack shown before is kept for staff to go back to */
    err e;
    assert_int_equal(sign_pack_verify(at("data/previous.pack"), NULL, at("k.pub"), &e), 0);
}

static void test_refusals_name_the_given_file(void **state)
{
    (void)state;
    signed_pack("v1.pack", "1");
    trust_note note;
    int rc;
    assert_string_equal(start_with(at("v1.pack"), &note, &rc), "1");
    /* unsigned */
    pack_opts o = {.src = at("src"), .root = ".", .out = at("plain.pack")};
    pack_result r;
    err e;
    assert_int_equal(pack_compile(&o, &r, &e), 0);
    assert_string_equal(start_with(at("plain.pack"), &note, &rc), "1");
    assert_true(note.refused);
    assert_non_null(strstr(note.why.msg, "not signed"));
    assert_non_null(strstr(note.why.msg, at("plain.pack")));
    assert_null(strstr(note.why.msg, "incoming"));
    /* one changed byte */
    signed_pack("v2.pack", "2");
    FILE *fp = fopen(at("v2.pack"), "r+");
    fseek(fp, 5000, SEEK_SET);
    fputc('X', fp);
    fclose(fp);
    assert_string_equal(start_with(at("v2.pack"), &note, &rc), "1");
    assert_true(note.refused);
    assert_non_null(strstr(note.why.msg, "does not match"));
    assert_non_null(strstr(note.why.msg, at("v2.pack")));
    /* a FIFO and a link to a device are not packs, and do not hang the start */
    assert_int_equal(mkfifo(at("fifo.pack"), 0600), 0);
    assert_string_equal(start_with(at("fifo.pack"), &note, &rc), "1");
    assert_true(note.refused);
    assert_int_equal(symlink("/dev/zero", at("zero.pack")), 0);
    assert_string_equal(start_with(at("zero.pack"), &note, &rc), "1");
    assert_true(note.refused);
}

/* Fail each write, fsync and rename of taking v2 in turn (a power cut there), then start
 * again offering nothing new: the kiosk always has a good signed pack, v1 or v2, and a
 * later offer of v2 is taken. */
static void test_power_cut_at_every_step(void **state)
{
    (void)state;
    signed_pack("v1.pack", "1");
    signed_pack("v2.pack", "2");
    const fs_op kinds[] = {FS_WRITE, FS_FSYNC, FS_RENAME};
    int cuts = 0;
    for (int k = 0; k < 3; k++)
        for (int n = 1;; n++) {
            char data[256];
            snprintf(data, sizeof data, "%s", at("data"));
            nftw(data, scratch_rm, 16, FTW_DEPTH | FTW_PHYS); /* from the last round, if any */
            assert_int_equal(access(data, F_OK), -1);
            trust_note note;
            int rc;
            assert_string_equal(start_with(at("v1.pack"), &note, &rc), "1");
            fs_fault_set(kinds[k], n, EIO);
            const char *v = start_with(at("v2.pack"), &note, &rc);
            int fired = fs_fault_fired();
            fs_fault_reset();
            if (!fired) {
                assert_string_equal(v, "2");
                break;
            }
            cuts++;
            /* the next start, offered the pack it had: a good signed pack, and no stray file */
            v = start_with(at("data/current.pack"), &note, &rc);
            if (!v) { /* current.pack was the one renamed away: start as systemd would */
                v = start_with(at("v1.pack"), &note, &rc);
                assert_non_null(v);
            }
            assert_true(!strcmp(v, "1") || !strcmp(v, "2"));
            assert_int_equal(access(at("data/incoming.pack"), F_OK), -1);
            /* and v2 offered again is taken */
            assert_string_equal(start_with(at("v2.pack"), &note, &rc), "2");
        }
    assert_true(cuts >= 6); /* the copy's write, fsyncs, and both renames of the swap */
}

static void test_data_dir_private_and_clean(void **state)
{
    (void)state;
    trust_note note;
    err e;
    mode_t old = umask(0);
    assert_int_equal(trust_data_dir(at("data"), &note, &e), 0);
    umask(old);
    struct stat st;
    assert_int_equal(stat(at("data"), &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    assert_string_equal(note.warning, "");
    /* a copy killed midway left its temporary: gone at the next start */
    puts_file(at("data/incoming.pack.tmp-123-1"), "half a pack");
    puts_file(at("data/incoming.pack"), "half a pack");
    puts_file(at("data/keep.txt"), "not ours to remove");
    assert_int_equal(trust_data_dir(at("data"), &note, &e), 0);
    assert_int_equal(access(at("data/incoming.pack.tmp-123-1"), F_OK), -1);
    assert_int_equal(access(at("data/incoming.pack"), F_OK), -1);
    assert_int_equal(access(at("data/keep.txt"), F_OK), 0);
    /* writable by others: said */
    chmod(at("data"), 0777);
    assert_int_equal(trust_data_dir(at("data"), &note, &e), 0);
    assert_non_null(strstr(note.warning, "writable by other users"));
}

/* The pack shown is hashed in full at a start only when it or the key changed since the
 * last check: a byte changed in place (even with the record of the last check beside it), or
 * another key, is caught at the next start. */
static void test_checked_once_until_changed(void **state)
{
    (void)state;
    signed_pack("v1.pack", "1");
    trust_note note;
    int rc;
    assert_string_equal(start_with(at("v1.pack"), &note, &rc), "1");
    size_t n;
    err e;
    unsigned char *rec = fs_read_all(at("data/current.pack.checked"), 1024, &n, &e);
    assert_non_null(rec);
    assert_memory_equal(rec, "sveiki-checked-v1 ", 18);
    free(rec);
    /* started again on the pack it shows: the record stands */
    char pack[512];
    snprintf(pack, sizeof pack, "%s", at("data/current.pack"));
    assert_int_equal(trust_choose(pack, sizeof pack, at("data"), at("k.pub"), &note, &e), 0);
    /* one byte changed where it lies, the record left as it was */
    FILE *fp = fopen(at("data/current.pack"), "r+b");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 20000, SEEK_SET), 0);
    int c = fgetc(fp);
    assert_int_equal(fseek(fp, 20000, SEEK_SET), 0);
    fputc(c ^ 1, fp);
    assert_int_equal(fclose(fp), 0);
    snprintf(pack, sizeof pack, "%s", at("data/current.pack"));
    assert_int_equal(trust_choose(pack, sizeof pack, at("data"), at("k.pub"), &note, &e), -1);
    assert_non_null(strstr(e.msg, "no earlier signed pack to keep"));
    /* a good pack again, then another key in force: checked anew, and refused */
    assert_int_equal(remove(at("data/current.pack")), 0);
    assert_string_equal(start_with(at("v1.pack"), &note, &rc), "1");
    assert_int_equal(sign_keygen(at("other"), &e), 0);
    snprintf(pack, sizeof pack, "%s", at("data/current.pack"));
    assert_int_equal(trust_choose(pack, sizeof pack, at("data"), at("other.pub"), &note, &e), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_newer_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refusals_name_the_given_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_power_cut_at_every_step, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_dir_private_and_clean, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checked_once_until_changed, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
