/* batch: the export batch file format (sync.h): making one, verifying and reading one. */
#include "sync/sync.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "fs.h"
#include "sign.h"

#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAGIC "sveiki-batch"
#define ID_MAX 64
#define VALUE_MAX 2000
#define SIG 64
#define SEAL_EXTRA crypto_box_SEALBYTES
#define NFIELDS 8

/* ---- the rules for one answer (the store's own: store/sealed.h) ------------------------- */

static const char *const field_names[NFIELDS] = {"uuid", "submission", "survey", "question",
                                                 "value", "lang", "pack", "pack_version"};

/* Why field k (of field_names) is not acceptable, or NULL. */
static const char *field_problem(int k, const char *s, size_t n)
{
    if (k <= 1)
        return sealed_is_uuid(s, n) ? NULL : "is not a lowercase UUID";
    return k == 4 ? sealed_value_problem(s, n) : sealed_id_problem(s, n);
}

static void fields_of(const sync_answer *a, const char *f[NFIELDS])
{
    f[0] = a->uuid, f[1] = a->submission, f[2] = a->survey, f[3] = a->question;
    f[4] = a->value, f[5] = a->lang, f[6] = a->pack, f[7] = a->pack_version;
}

/* ---- little-endian integers ------------------------------------------------------------ */

static void put_u64(buf *b, uint64_t v)
{
    unsigned char x[8];
    for (int i = 0; i < 8; i++)
        x[i] = (unsigned char)(v >> (8 * i));
    buf_add(b, x, 8);
}

static void put_u32(buf *b, uint32_t v)
{
    unsigned char x[4];
    for (int i = 0; i < 4; i++)
        x[i] = (unsigned char)(v >> (8 * i));
    buf_add(b, x, 4);
}

static uint64_t get_u64(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void hex(const unsigned char *bin, size_t n, char *out)
{
    sodium_bin2hex(out, n * 2 + 1, bin, n);
}

static int cmp_pack(const void *a, const void *b)
{
    const sync_pack *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : strcmp(x->version, y->version);
}

/* ---- making ---------------------------------------------------------------------------- */

struct sync_maker {
    int format;
    char device[37];
    char key_change[48]; /* the key the signing key replaced, "unknown", or "" */
    buf payload;
    long count;
    long long first, last; /* format 1: sequence numbers */
    long long number;      /* format 2: the batch number */
    char last_id[37];      /* format 2: the id added last */
    int npacks;
    sync_pack packs[SYNC_MAX_PACKS];
};

sync_maker *sync_make_begin(const char *device)
{
    sync_maker *m = xcalloc(1, sizeof *m);
    m->format = 1;
    snprintf(m->device, sizeof m->device, "%s", device ? device : "");
    buf_init(&m->payload);
    return m;
}

sync_maker *sync_make2_begin(const char *device, long long number)
{
    sync_maker *m = sync_make_begin(device);
    m->format = 2;
    m->number = number;
    return m;
}

int sync_make2_add(sync_maker *m, const char *id, const unsigned char *sealed, size_t len,
                   err *e)
{
    if (m->format != 2)
        return err_set(e, "a format 1 batch holds answers, not sealed submissions");
    size_t n = id ? strlen(id) : 0;
    if (!sealed_is_uuid(id ? id : "", n))
        return err_set(e, "submission \"%.40s\": its id is not a lowercase UUID", id ? id : "");
    if (m->count && strcmp(id, m->last_id) <= 0)
        return err_set(e, "submission %s: ids must rise (after %s)", id, m->last_id);
    if (len < SEALED_OVERHEAD + SEALED_BLOCK || len > SEALED_MAX ||
        (len - SEALED_OVERHEAD) % SEALED_BLOCK)
        return err_set(e, "submission %s: %zu bytes is no sealed submission's size", id, len);
    if (m->count >= SYNC_MAX_SUBMISSIONS ||
        m->payload.len + SYNC_RECORD_EXTRA + len > SYNC_MAX_PAYLOAD)
        return 1;
    buf_add(&m->payload, id, 36);
    put_u32(&m->payload, (uint32_t)len);
    buf_add(&m->payload, sealed, len);
    memcpy(m->last_id, id, 37);
    m->count++;
    return 0;
}

void sync_make_key_change(sync_maker *m, const char *replaces)
{
    snprintf(m->key_change, sizeof m->key_change, "%s", replaces ? replaces : "");
}

void sync_make_free(sync_maker *m)
{
    if (!m)
        return;
    sodium_memzero(m->payload.data, m->payload.len);
    buf_free(&m->payload);
    free(m);
}

int sync_make_add(sync_maker *m, const sync_answer *a, err *e)
{
    if (m->format != 1)
        return err_set(e, "a format 2 batch holds sealed submissions, not answers");
    const char *f[NFIELDS];
    fields_of(a, f);
    size_t need = 16;
    for (int k = 0; k < NFIELDS; k++) {
        size_t n = f[k] ? strlen(f[k]) : 0;
        const char *why = field_problem(k, f[k] ? f[k] : "", n);
        if (why)
            return err_set(e, "answer %lld: its %s %s", a->seq, field_names[k], why);
        need += 2 + n;
    }
    if (a->seq < 1 || (m->count && a->seq <= m->last))
        return err_set(e, "answer %lld: sequence numbers must rise from 1 (after %lld)", a->seq,
                       m->last);
    if (m->count >= SYNC_MAX_ANSWERS || m->payload.len + need > SYNC_MAX_PAYLOAD)
        return 1;
    int known = 0;
    for (int i = 0; i < m->npacks && !known; i++)
        known = !strcmp(m->packs[i].id, a->pack) && !strcmp(m->packs[i].version, a->pack_version);
    if (!known) {
        if (m->npacks == SYNC_MAX_PACKS)
            return 1;
        snprintf(m->packs[m->npacks].id, 65, "%s", a->pack);
        snprintf(m->packs[m->npacks].version, 65, "%s", a->pack_version);
        m->npacks++;
    }
    put_u64(&m->payload, (uint64_t)a->seq);
    put_u64(&m->payload, (uint64_t)a->period);
    for (int k = 0; k < NFIELDS; k++) {
        size_t n = strlen(f[k]);
        unsigned char len[2] = {(unsigned char)(n & 0xFF), (unsigned char)(n >> 8)};
        buf_add(&m->payload, len, 2);
        buf_add(&m->payload, f[k], n);
    }
    if (!m->count)
        m->first = a->seq;
    m->last = a->seq;
    m->count++;
    return 0;
}

int sync_make_end(sync_maker *m, const unsigned char sk[64], const unsigned char *seal_pk,
                  unsigned char **file, size_t *len, char name[SYNC_NAME_MAX], err *e)
{
    int rc = -1;
    if (sodium_init() < 0) {
        err_set(e, "libsodium failed to start");
        goto done;
    }
    if (!sealed_is_uuid(m->device, strlen(m->device))) {
        err_set(e, "device id \"%s\" is not a UUID", m->device);
        goto done;
    }
    if (!m->count) {
        err_set(e, "a batch needs at least one %s", m->format == 2 ? "submission" : "answer");
        goto done;
    }
    if (m->format == 2 && (m->number < 1 || m->number > 9999999999LL)) {
        err_set(e, "batch number %lld is not 1 to 9999999999", m->number);
        goto done;
    }
    /* the payload as stored */
    unsigned char *pl = (unsigned char *)m->payload.data;
    size_t pn = m->payload.len;
    unsigned char *sealed = NULL;
    if (seal_pk && m->format == 1) {
        sealed = xmalloc(pn + SEAL_EXTRA);
        if (crypto_box_seal(sealed, pl, pn, seal_pk)) {
            free(sealed);
            err_set(e, "cannot seal the batch to the operator's key");
            goto done;
        }
        pl = sealed, pn += SEAL_EXTRA;
    }
    unsigned char h[crypto_hash_sha256_BYTES], pk[crypto_sign_PUBLICKEYBYTES];
    char hh[65], kb[48];
    crypto_hash_sha256(h, pl, pn);
    hex(h, sizeof h, hh);
    crypto_sign_ed25519_sk_to_pk(pk, sk);
    sodium_bin2base64(kb, sizeof kb, pk, sizeof pk, sodium_base64_VARIANT_ORIGINAL);
    qsort(m->packs, (size_t)m->npacks, sizeof *m->packs, cmp_pack);
    buf b;
    buf_init(&b);
    buf_printf(&b, MAGIC "\nformat %d\ndevice %s\nkey %s\n", m->format, m->device, kb);
    if (m->key_change[0])
        buf_printf(&b, "key-change %s\n", m->key_change);
    if (m->format == 2) {
        buf_printf(&b, "batch %lld\ncount %ld\nsize %zu\nsha256 %s\n\n", m->number, m->count,
                   pn, hh);
    } else {
        buf_printf(&b, "count %ld\nfirst %lld\nlast %lld\n", m->count, m->first, m->last);
        for (int i = 0; i < m->npacks; i++)
            buf_printf(&b, "pack %s %s\n", m->packs[i].id, m->packs[i].version);
        buf_printf(&b, "payload %s\nsize %zu\nsha256 %s\n\n", seal_pk ? "sealed" : "plain", pn,
                   hh);
    }
    buf_add(&b, pl, pn);
    free(sealed);
    unsigned char sig[SIG];
    crypto_sign_detached(sig, NULL, (const unsigned char *)b.data, b.len, sk);
    buf_add(&b, sig, SIG);
    if (m->format == 2)
        snprintf(name, SYNC_NAME_MAX, "%s-%010lld", m->device, m->number);
    else
        snprintf(name, SYNC_NAME_MAX, "%s-%010lld-%lld", m->device, m->first, m->last);
    *len = b.len;
    *file = (unsigned char *)buf_take(&b);
    rc = 0;
done:
    sync_make_free(m);
    return rc;
}

/* ---- reading the header ---------------------------------------------------------------- */

typedef struct cursor {
    const char *p, *end;
    int line;
} cursor;

/* The next header line "KEY VALUE" (or "KEY" alone when want_value is 0) into val;
 * 0, or -1 with why. */
static int line_kv(cursor *c, const char *key, const char **val, size_t *vn, char *why,
                   size_t cap)
{
    c->line++;
    const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
    if (!nl) {
        snprintf(why, cap, "header line %d: missing (the header is cut short)", c->line);
        return -1;
    }
    size_t kl = strlen(key), n = (size_t)(nl - c->p);
    if (n < kl + 1 || memcmp(c->p, key, kl) || c->p[kl] != ' ') {
        snprintf(why, cap, "header line %d: expected \"%s\", found \"%.*s\"", c->line, key,
                 (int)(n > 40 ? 40 : n), c->p);
        for (char *q = why; *q; q++)
            if ((unsigned char)*q < ' ')
                *q = '?';
        return -1;
    }
    *val = c->p + kl + 1;
    *vn = n - kl - 1;
    c->p = nl + 1;
    return 0;
}

/* A decimal number without sign or leading zero, at most max. */
static int number(const char *s, size_t n, long long max, long long *out)
{
    if (!n || n > 18 || (n > 1 && s[0] == '0'))
        return -1;
    long long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

static int num_line(cursor *c, const char *key, long long max, long long *out, char *why,
                    size_t cap)
{
    const char *v;
    size_t n;
    if (line_kv(c, key, &v, &n, why, cap))
        return -1;
    if (number(v, n, max, out)) {
        snprintf(why, cap, "header line %d: %s is not a number from 0 to %lld", c->line, key,
                 max);
        return -1;
    }
    return 0;
}

/* Parses and checks the header of file[0..len); sets *hlen (header bytes) and *size. */
static int parse_header(const unsigned char *file, size_t len, sync_batch *b, size_t *hlen,
                        char *why, size_t cap)
{
    size_t lim = len < SYNC_MAX_HEADER ? len : SYNC_MAX_HEADER;
    const char *s = (const char *)file;
    if (len < sizeof MAGIC || memcmp(s, MAGIC "\n", sizeof MAGIC)) {
        snprintf(why, cap, "not a Sveiki export batch (it does not start with \"" MAGIC "\")");
        return -1;
    }
    const char *endh = NULL;
    for (size_t i = sizeof MAGIC; i + 1 < lim; i++)
        if (s[i] == '\n' && s[i + 1] == '\n') {
            endh = s + i + 2;
            break;
        }
    if (!endh) {
        snprintf(why, cap, "the header has no end within %d bytes (cut short, or not a batch)",
                 SYNC_MAX_HEADER);
        return -1;
    }
    cursor c = {s + sizeof MAGIC, endh - 1, 1};
    long long v;
    const char *val;
    size_t vn;
    if (line_kv(&c, "format", &val, &vn, why, cap))
        return -1;
    if (number(val, vn, 1000000, &v) || (v != 1 && v != 2)) {
        snprintf(why, cap, "format \"%.*s\": this version of Sveiki reads formats 1 and 2 only "
                 "(a newer sveikictl may read it)", (int)(vn > 20 ? 20 : vn), val);
        for (char *q = why; *q; q++)
            if ((unsigned char)*q < ' ')
                *q = '?';
        return -1;
    }
    b->format = (int)v;
    if (line_kv(&c, "device", &val, &vn, why, cap))
        return -1;
    if (!sealed_is_uuid(val, vn)) {
        snprintf(why, cap, "header line %d: the device id is not a lowercase UUID", c.line);
        return -1;
    }
    memcpy(b->device, val, 36);
    b->device[36] = 0;
    if (line_kv(&c, "key", &val, &vn, why, cap))
        return -1;
    size_t got = 0;
    if (vn != 44 || sodium_base642bin(b->key, sizeof b->key, val, vn, NULL, &got, NULL,
                                      sodium_base64_VARIANT_ORIGINAL) ||
        got != sizeof b->key) {
        snprintf(why, cap, "header line %d: the device key is not 32 bytes of base64", c.line);
        return -1;
    }
    sodium_bin2base64(b->key_b64, sizeof b->key_b64, b->key, sizeof b->key,
                      sodium_base64_VARIANT_ORIGINAL);
    if (memcmp(b->key_b64, val, 44)) {
        snprintf(why, cap, "header line %d: the device key is not in canonical base64", c.line);
        return -1;
    }
    if (c.p + 11 <= c.end && !memcmp(c.p, "key-change ", 11)) {
        /* the kiosk lost its key and made this one: the key it replaces, or "unknown" */
        if (line_kv(&c, "key-change", &val, &vn, why, cap))
            return -1;
        unsigned char old[32];
        char canon[48];
        int ok = vn == 7 && !memcmp(val, "unknown", 7);
        if (!ok && vn == 44 &&
            !sodium_base642bin(old, sizeof old, val, vn, NULL, &got, NULL,
                               sodium_base64_VARIANT_ORIGINAL) && got == sizeof old) {
            sodium_bin2base64(canon, sizeof canon, old, sizeof old,
                              sodium_base64_VARIANT_ORIGINAL);
            ok = !memcmp(canon, val, 44);
        }
        if (!ok) {
            snprintf(why, cap, "header line %d: key-change is neither a key in canonical "
                     "base64 nor \"unknown\"", c.line);
            return -1;
        }
        memcpy(b->key_change, val, vn);
        b->key_change[vn] = 0;
    }
    long long size;
    if (b->format == 2) {
        /* sealed submission by submission: no pack names, no sequence numbers */
        if (num_line(&c, "batch", 9999999999LL, &b->number, why, cap) ||
            num_line(&c, "count", SYNC_MAX_SUBMISSIONS, &b->count, why, cap))
            return -1;
        if (b->number < 1 || b->count < 1) {
            snprintf(why, cap, "header line %d: a batch number and a count start at 1", c.line);
            return -1;
        }
        b->sealed = 1;
        if (num_line(&c, "size", SYNC_MAX_PAYLOAD, &size, why, cap))
            return -1;
        goto hash;
    }
    if (num_line(&c, "count", SYNC_MAX_ANSWERS, &b->count, why, cap) ||
        num_line(&c, "first", 9999999999LL, &b->first_seq, why, cap) ||
        num_line(&c, "last", 999999999999999999LL, &b->last_seq, why, cap))
        return -1;
    if (b->count < 1 || b->first_seq < 1 || b->last_seq < b->first_seq ||
        b->last_seq - b->first_seq + 1 < b->count) {
        snprintf(why, cap, "header: count %lld does not fit sequence numbers %lld to %lld",
                 b->count, b->first_seq, b->last_seq);
        return -1;
    }
    b->packs = xcalloc(SYNC_MAX_PACKS, sizeof *b->packs);
    b->npacks = 0;
    while (c.p + 5 <= c.end && !memcmp(c.p, "pack ", 5)) {
        if (line_kv(&c, "pack", &val, &vn, why, cap))
            return -1;
        const char *sp = memchr(val, ' ', vn);
        const char *p1 = NULL, *p2 = NULL;
        if (b->npacks == SYNC_MAX_PACKS) {
            snprintf(why, cap, "header line %d: more than %d packs", c.line, SYNC_MAX_PACKS);
            return -1;
        }
        if (!sp || (p1 = sealed_id_problem(val, (size_t)(sp - val))) ||
            (p2 = sealed_id_problem(sp + 1, vn - (size_t)(sp - val) - 1))) {
            snprintf(why, cap, "header line %d: a pack line is \"pack ID VERSION\"%s%s", c.line,
                     p1 || p2 ? ": the id or version " : "", p1 ? p1 : p2 ? p2 : "");
            return -1;
        }
        sync_pack *k = &b->packs[b->npacks];
        memcpy(k->id, val, (size_t)(sp - val));
        memcpy(k->version, sp + 1, vn - (size_t)(sp - val) - 1);
        if (b->npacks && cmp_pack(&b->packs[b->npacks - 1], k) >= 0) {
            snprintf(why, cap, "header line %d: packs are not sorted and unique", c.line);
            return -1;
        }
        b->npacks++;
    }
    if (!b->npacks) {
        snprintf(why, cap, "header line %d: no \"pack\" line", c.line + 1);
        return -1;
    }
    if (line_kv(&c, "payload", &val, &vn, why, cap))
        return -1;
    if (vn == 6 && !memcmp(val, "sealed", 6))
        b->sealed = 1;
    else if (vn == 5 && !memcmp(val, "plain", 5))
        b->sealed = 0;
    else {
        snprintf(why, cap, "header line %d: payload is neither plain nor sealed", c.line);
        return -1;
    }
    if (num_line(&c, "size", SYNC_MAX_PAYLOAD + SEAL_EXTRA, &size, why, cap))
        return -1;
hash:
    if (line_kv(&c, "sha256", &val, &vn, why, cap))
        return -1;
    int hexok = vn == 64;
    for (size_t i = 0; i < vn && hexok; i++)
        hexok = (val[i] >= '0' && val[i] <= '9') || (val[i] >= 'a' && val[i] <= 'f');
    if (!hexok) {
        snprintf(why, cap, "header line %d: sha256 is not 64 lowercase hex digits", c.line);
        return -1;
    }
    memcpy(b->sha256, val, 64);
    b->sha256[64] = 0;
    if (c.p != c.end) {
        snprintf(why, cap, "header line %d: unexpected line after sha256", c.line + 1);
        return -1;
    }
    *hlen = (size_t)(endh - s);
    unsigned long long want = (unsigned long long)*hlen + (unsigned long long)size + SIG;
    if (len != want) {
        snprintf(why, cap, "%zu bytes, but its header says %llu: %s", len, want,
                 len < want ? "cut short (an interrupted copy?)" : "bytes added after its end");
        return -1;
    }
    if (b->format == 2)
        snprintf(b->name, sizeof b->name, "%s-%010lld", b->device, b->number);
    else
        snprintf(b->name, sizeof b->name, "%s-%010lld-%lld", b->device, b->first_seq,
                 b->last_seq);
    return 0;
}

/* ---- verifying and reading ------------------------------------------------------------- */

void sync_batch_free(sync_batch *b)
{
    if (!b)
        return;
    free(b->packs);
    free(b->answers);
    free(b->file_);
    if (b->arena_) {
        arena_free(b->arena_);
        free(b->arena_);
    }
    if (b->strings_) {
        sodium_memzero(b->strings_, b->strings_n_);
        free(b->strings_);
    }
    memset(b, 0, sizeof *b);
}

/* Verifies the len bytes at file (malloc'd: b owns them from here, in b->file_); sets the
 * header length. */
static int check_bytes(unsigned char *file, size_t len, const char *name, sync_batch *b,
                       size_t *hlen, err *e)
{
    memset(b, 0, sizeof *b);
    b->file_ = file;
    if (sodium_init() < 0) {
        sync_batch_free(b);
        return err_set(e, "%s: libsodium failed to start", name);
    }
    char w[300];
    if (parse_header(b->file_, len, b, hlen, w, sizeof w)) {
        sync_batch_free(b);
        return err_set(e, "%s: %s", name, w);
    }
    size_t size = len - *hlen - SIG;
    unsigned char h[crypto_hash_sha256_BYTES];
    char hh[65];
    crypto_hash_sha256(h, b->file_ + *hlen, size);
    hex(h, sizeof h, hh);
    if (strcmp(hh, b->sha256)) {
        sync_batch_free(b);
        return err_set(e, "%s: the payload's SHA-256 does not match its header (damaged)", name);
    }
    if (crypto_sign_verify_detached(b->file_ + len - SIG, b->file_, len - SIG, b->key)) {
        sync_batch_free(b);
        return err_set(e, "%s: the signature does not match the device key in its header "
                       "(changed after it was written, or forged)", name);
    }
    return 0;
}

/* Reads and verifies; keeps the file in b->file_ and the header length and size. */
static int load(const char *path, const char *name, sync_batch *b, size_t *hlen, size_t *len,
                err *e)
{
    memset(b, 0, sizeof *b);
    if (!name)
        name = path;
    err why;
    unsigned char *file = fs_read_all(path, SYNC_MAX_FILE, len, &why);
    if (!file)
        return err_set(e, "%s", why.msg);
    return check_bytes(file, *len, name, b, hlen, e);
}

int sync_verify_bytes(const unsigned char *file, size_t len, const char *name, sync_batch *b,
                      err *e)
{
    memset(b, 0, sizeof *b);
    if (len > SYNC_MAX_FILE)
        return err_set(e, "%s: %zu bytes is over the %u byte limit", name, len, SYNC_MAX_FILE);
    unsigned char *copy = xmalloc(len + 1);
    memcpy(copy, file, len);
    size_t hlen;
    if (check_bytes(copy, len, name, b, &hlen, e))
        return -1;
    snprintf(b->file, sizeof b->file, "%s", name);
    free(b->file_);
    b->file_ = NULL;
    return 0;
}

int sync_verify(const char *path, const char *name, sync_batch *b, err *e)
{
    if (sync_open(path, name, b, e))
        return -1;
    free(b->file_);
    b->file_ = NULL;
    return 0;
}

int sync_open(const char *path, const char *name, sync_batch *b, err *e)
{
    size_t hlen, len;
    if (load(path, name, b, &hlen, &len, e))
        return -1;
    snprintf(b->file, sizeof b->file, "%s", name ? name : path);
    b->hlen_ = hlen, b->len_ = len;
    return 0;
}

static int cmp_uuid(const void *a, const void *b)
{
    const sync_answer *x = *(const sync_answer *const *)a, *y = *(const sync_answer *const *)b;
    return memcmp(x->uuid, y->uuid, 36);
}

/* Checks that no answer UUID is in the batch twice; why on failure. */
static int uuids_once(sync_batch *b, char *why, size_t cap)
{
    if (b->nanswers < 2)
        return 0;
    const sync_answer **byid = xmalloc((size_t)b->nanswers * sizeof *byid);
    for (long long i = 0; i < b->nanswers; i++)
        byid[i] = &b->answers[i];
    qsort(byid, (size_t)b->nanswers, sizeof *byid, cmp_uuid);
    int rc = 0;
    for (long long i = 1; i < b->nanswers && !rc; i++)
        if (!memcmp(byid[i - 1]->uuid, byid[i]->uuid, 36)) {
            snprintf(why, cap, "UUID %s is in it twice", byid[i]->uuid);
            rc = -1;
        }
    free(byid);
    return rc;
}

/* Parses the plain payload p[0..n) into b->answers; why on failure. */
static int parse_payload(const unsigned char *p, size_t n, sync_batch *b, char *why, size_t cap)
{
    b->answers = xcalloc((size_t)b->count, sizeof *b->answers);
    /* every string gets its NUL where its 2-byte length was: n bytes are always enough */
    b->strings_ = xmalloc(n + 1);
    b->strings_n_ = n + 1;
    char *out = (char *)b->strings_;
    size_t at = 0;
    char *used = xcalloc((size_t)b->npacks, 1);
    int rc = -1;
    for (long long i = 0; i < b->count; i++) {
        sync_answer *a = &b->answers[i];
        a->kind = ""; /* format 1 carried none */
        if (n - at < 16) {
            snprintf(why, cap, "answer %lld of %lld: cut short at byte %zu", i + 1, b->count, at);
            goto done;
        }
        a->seq = (long long)get_u64(p + at);
        a->period = (long long)get_u64(p + at + 8);
        at += 16;
        if (a->seq < 1 || (i && a->seq <= b->answers[i - 1].seq) || a->seq > b->last_seq ||
            (i == 0 && a->seq != b->first_seq) || (i == b->count - 1 && a->seq != b->last_seq)) {
            snprintf(why, cap, "answer %lld: sequence number %lld is out of order or outside "
                     "the header's %lld to %lld", i + 1, a->seq, b->first_seq, b->last_seq);
            goto done;
        }
        const char **f[NFIELDS] = {&a->uuid, &a->submission, &a->survey, &a->question,
                                   &a->value, &a->lang, &a->pack, &a->pack_version};
        for (int k = 0; k < NFIELDS; k++) {
            if (n - at < 2) {
                snprintf(why, cap, "answer %lld (seq %lld): cut short in its %s", i + 1, a->seq,
                         field_names[k]);
                goto done;
            }
            size_t len = (size_t)p[at] | (size_t)p[at + 1] << 8;
            at += 2;
            if (len > n - at) {
                snprintf(why, cap, "answer %lld (seq %lld): its %s runs past the payload's end",
                         i + 1, a->seq, field_names[k]);
                goto done;
            }
            const char *problem = field_problem(k, (const char *)p + at, len);
            if (problem) {
                snprintf(why, cap, "answer %lld (seq %lld): its %s %s", i + 1, a->seq,
                         field_names[k], problem);
                goto done;
            }
            memcpy(out, p + at, len);
            out[len] = 0;
            *f[k] = out;
            out += len + 1;
            at += len;
        }
        sync_pack key;
        snprintf(key.id, sizeof key.id, "%s", a->pack);
        snprintf(key.version, sizeof key.version, "%s", a->pack_version);
        sync_pack *hit = bsearch(&key, b->packs, (size_t)b->npacks, sizeof key, cmp_pack);
        if (!hit) {
            snprintf(why, cap, "answer %lld (seq %lld): pack %s %s is not in the header", i + 1,
                     a->seq, a->pack, a->pack_version);
            goto done;
        }
        used[hit - b->packs] = 1;
    }
    if (at != n) {
        snprintf(why, cap, "%zu bytes after the last of %lld answers", n - at, b->count);
        goto done;
    }
    for (int k = 0; k < b->npacks; k++)
        if (!used[k]) {
            snprintf(why, cap, "the header lists pack %s %s, which no answer has",
                     b->packs[k].id, b->packs[k].version);
            goto done;
        }
    /* one answer, one UUID */
    b->nanswers = b->count;
    if (uuids_once(b, why, cap))
        goto done;
    rc = 0;
done:
    free(used);
    return rc;
}

static uint32_t get_u32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* ---- opening sealed submissions on every core ---------------------------------------------- */

/* submissions opened at once: as many results held, then taken in order */
#define OPEN_CHUNK 512
#define OPEN_THREADS_MAX 16

typedef struct opener {
    const sync_seal_key *keys;
    int nkeys, n, threads;
    const unsigned char **blob;
    size_t *len;
    sealed_submission *res;
    err *why;
    int *rc;
} opener;

typedef struct opener_part {
    opener *op;
    int first;
} opener_part;

/* Opens every threads-th submission of the chunk from first on. */
static void *open_part(void *arg)
{
    opener_part *t = arg;
    opener *op = t->op;
    for (int i = t->first; i < op->n; i += op->threads)
        op->rc[i] = sealed_open(op->blob[i], op->len[i], op->keys, op->nkeys, &op->res[i],
                                &op->why[i]);
    return NULL;
}

static int cores(void)
{
    static int n;
    if (!n) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        n = c < 1 ? 1 : c > OPEN_THREADS_MAX ? OPEN_THREADS_MAX : (int)c;
    }
    return n;
}

/* Opens the op->n submissions of the chunk, on as many threads as there are cores (the
 * calling one among them); a thread that cannot start leaves its part to the caller. */
static void open_chunk(opener *op)
{
    int threads = cores() < op->n ? cores() : op->n;
    op->threads = threads < 1 ? 1 : threads;
    pthread_t tid[OPEN_THREADS_MAX];
    opener_part part[OPEN_THREADS_MAX];
    int started[OPEN_THREADS_MAX] = {0};
    for (int t = 1; t < op->threads; t++) {
        part[t] = (opener_part){op, t};
        started[t] = pthread_create(&tid[t], NULL, open_part, &part[t]) == 0;
    }
    part[0] = (opener_part){op, 0};
    open_part(&part[0]);
    for (int t = 1; t < op->threads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            open_part(&part[t]);
    }
}

/* Parses the format 2 payload p[0..n): every record's bounds and order first, then each
 * sealed submission opened with keys and its answers taken into b->answers; why on
 * failure. */
static int parse_payload2(const unsigned char *p, size_t n, sync_batch *b,
                          const sync_seal_key *keys, int nkeys, char *why, size_t cap)
{
    size_t at = 0;
    char last[37] = "";
    for (long long i = 0; i < b->count; i++) {
        if (n - at < SYNC_RECORD_EXTRA) {
            snprintf(why, cap, "submission %lld of %lld: cut short at byte %zu", i + 1, b->count,
                     at);
            return -1;
        }
        char id[37];
        memcpy(id, p + at, 36);
        id[36] = 0;
        if (!sealed_is_uuid(id, 36)) {
            snprintf(why, cap, "submission %lld: its id is not a lowercase UUID", i + 1);
            return -1;
        }
        if (i && strcmp(id, last) <= 0) {
            snprintf(why, cap, "submission %lld (%s): the ids are not in increasing order, each "
                     "once", i + 1, id);
            return -1;
        }
        memcpy(last, id, 37);
        size_t len = get_u32(p + at + 36);
        at += SYNC_RECORD_EXTRA;
        if (len > n - at) {
            snprintf(why, cap, "submission %lld (%s): its sealed bytes run past the payload's "
                     "end", i + 1, id);
            return -1;
        }
        if (len < SEALED_OVERHEAD + SEALED_BLOCK || len > SEALED_MAX ||
            (len - SEALED_OVERHEAD) % SEALED_BLOCK) {
            snprintf(why, cap, "submission %lld (%s): %zu sealed bytes is no sealed submission's "
                     "size", i + 1, id, len);
            return -1;
        }
        at += len;
    }
    if (at != n) {
        snprintf(why, cap, "%zu bytes after the last of %lld submissions", n - at, b->count);
        return -1;
    }
    if (nkeys < 1) {
        snprintf(why, cap, "sealed to the office's key, and no key was given to open it "
                 "(--key OFFICE.key)");
        return -1;
    }
    arena *a = xcalloc(1, sizeof *a);
    b->arena_ = a;
    long long cap_answers = 0;
    /* opened a chunk at a time on every core (one X25519 a submission is most of a merge),
     * then taken in order, so the first refusal is always the same one */
    opener op = {.keys = keys, .nkeys = nkeys};
    op.res = xcalloc(OPEN_CHUNK, sizeof *op.res);
    op.why = xcalloc(OPEN_CHUNK, sizeof *op.why);
    op.rc = xcalloc(OPEN_CHUNK, sizeof *op.rc);
    op.blob = xcalloc(OPEN_CHUNK, sizeof *op.blob);
    op.len = xcalloc(OPEN_CHUNK, sizeof *op.len);
    const char **ids = xcalloc(OPEN_CHUNK, sizeof *ids);
    int rc = -1;
    at = 0;
    for (long long base = 0; base < b->count; base += OPEN_CHUNK) {
        op.n = b->count - base < OPEN_CHUNK ? (int)(b->count - base) : OPEN_CHUNK;
        for (int j = 0; j < op.n; j++) {
            ids[j] = (const char *)p + at;
            op.len[j] = get_u32(p + at + 36);
            op.blob[j] = p + at + SYNC_RECORD_EXTRA;
            at += SYNC_RECORD_EXTRA + op.len[j];
        }
        open_chunk(&op);
        int j = 0;
        for (; j < op.n; j++) {
            const char *id = ids[j];
            sealed_submission *sub = &op.res[j];
            if (op.rc[j]) {
                snprintf(why, cap, "submission %.36s: %s", id, op.why[j].msg);
                break;
            }
            if (memcmp(sub->id, id, 36)) {
                snprintf(why, cap, "submission %.36s: sealed under another id (%s)", id, sub->id);
                break;
            }
            if (b->nanswers + sub->nanswers > SYNC_MAX_OPENED) {
                snprintf(why, cap, "submission %.36s: over %d answers in one batch", id,
                         SYNC_MAX_OPENED);
                break;
            }
            if (b->nanswers + sub->nanswers > cap_answers) {
                while (b->nanswers + sub->nanswers > cap_answers)
                    cap_answers = cap_answers ? 2 * cap_answers : 256;
                b->answers = xrealloc(b->answers, (size_t)cap_answers * sizeof *b->answers);
            }
            const char *sid = arena_strdup(a, sub->id), *survey = arena_strdup(a, sub->survey);
            const char *lang = arena_strdup(a, sub->lang), *pack = arena_strdup(a, sub->pack);
            const char *version = arena_strdup(a, sub->pack_version);
            for (int k = 0; k < sub->nanswers; k++) {
                const sealed_answer *x = &sub->answers[k];
                b->answers[b->nanswers++] = (sync_answer){
                    arena_strdup(a, x->uuid), sid, survey, arena_strdup(a, x->question),
                    arena_strdup(a, x->value), lang, pack, version, 0, sub->period,
                    arena_strdup(a, x->kind)};
            }
        }
        for (int k = 0; k < op.n; k++)
            sealed_free(&op.res[k]);
        if (j < op.n)
            goto done;
    }
    rc = uuids_once(b, why, cap);
done:
    free(op.res), free(op.why), free(op.rc), free(op.blob), free(op.len), free(ids);
    return rc;
}

int sync_parse(sync_batch *b, const sync_seal_key *key, err *e)
{
    return sync_parse_keys(b, key, key ? 1 : 0, e);
}

/* The file's bytes are let go once parsed; a batch that did not parse is freed whole, with
 * the reason named after its file. */
static int parsed(sync_batch *b, int rc, const char *name, const char *why, err *e)
{
    free(b->file_);
    b->file_ = NULL;
    if (!rc)
        return 0;
    err_set(e, "%s: %s", name, why);
    sync_batch_free(b);
    return -1;
}

int sync_parse_keys(sync_batch *b, const sync_seal_key *keys, int nkeys, err *e)
{
    const char *name = b->file;
    if (!b->file_)
        return err_set(e, "%s: not opened", name);
    if (b->format == 2) {
        char why[900];
        int rc = parse_payload2(b->file_ + b->hlen_, b->len_ - b->hlen_ - SIG, b,
                                nkeys ? keys : NULL, nkeys, why, sizeof why);
        return parsed(b, rc, name, why, e);
    }
    const sync_seal_key *key = nkeys ? keys : NULL;
    const unsigned char *p = b->file_ + b->hlen_;
    size_t n = b->len_ - b->hlen_ - SIG;
    unsigned char *plain = NULL;
    if (b->sealed) {
        if (!key) {
            err_set(e, "%s: sealed to the office's key, and no key was given to open it "
                    "(--key OFFICE.key)", name);
            sync_batch_free(b);
            return -1;
        }
        if (n < SEAL_EXTRA || n - SEAL_EXTRA > SYNC_MAX_PAYLOAD) {
            err_set(e, "%s: the sealed payload has an impossible size", name);
            sync_batch_free(b);
            return -1;
        }
        plain = xmalloc(n - SEAL_EXTRA + 1);
        int opened = 0;
        for (int k = 0; k < nkeys && !opened; k++)
            opened = !crypto_box_seal_open(plain, p, n, keys[k].pk, keys[k].sk);
        if (!opened) {
            free(plain);
            err_set(e, "%s: the sealed payload does not open with the office key%s given "
                    "(sealed to another key)", name, nkeys > 1 ? "s" : "");
            sync_batch_free(b);
            return -1;
        }
        p = plain, n -= SEAL_EXTRA;
    } else if (n > SYNC_MAX_PAYLOAD) {
        err_set(e, "%s: the payload is over %u bytes", name, SYNC_MAX_PAYLOAD);
        sync_batch_free(b);
        return -1;
    }
    char why[300];
    int rc = parse_payload(p, n, b, why, sizeof why);
    if (plain) {
        sodium_memzero(plain, n);
        free(plain);
    }
    return parsed(b, rc, name, why, e);
}

int sync_read(const char *path, const char *name, const sync_seal_key *key, sync_batch *b,
              err *e)
{
    return sync_open(path, name, b, e) ? -1 : sync_parse(b, key, e);
}

int sync_load_seal_key(const char *path, sync_seal_key *k, err *e)
{
    return sign_read_seal_secret(path, k->sk, k->pk, e);
}
