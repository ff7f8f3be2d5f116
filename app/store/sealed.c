/* sealed: a submission sealed to the office's key, made and opened (sealed.h). */
#include "store/sealed.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VERSION 1
#define ID_MAX 64
#define VALUE_MAX 2000

_Static_assert(SEALED_OVERHEAD == crypto_box_SEALBYTES, "the seal's overhead");

int sealed_is_uuid(const char *s, size_t n)
{
    if (n != 36)
        return 0;
    for (size_t i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        char c = s[i];
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return 0;
    }
    return 1;
}

const char *sealed_id_problem(const char *s, size_t n)
{
    if (!n)
        return "is empty";
    if (n > ID_MAX)
        return "is over 64 bytes";
    if (!utf8_valid(s, n, NULL, NULL))
        return "is not valid UTF-8";
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] <= ' ' || s[i] == 0x7F)
            return "holds a space or control character";
    return NULL;
}

const char *sealed_value_problem(const char *s, size_t n)
{
    if (!n)
        return "is empty";
    if (n > VALUE_MAX)
        return "is over 2000 bytes";
    if (!utf8_valid(s, n, NULL, NULL))
        return "is not valid UTF-8";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < ' ' && c != '\n' && c != '\t') || c == 0x7F)
            return "holds a control character";
    }
    return NULL;
}

/* ---- making ---------------------------------------------------------------------------- */

static void put_str(buf *b, const char *s)
{
    size_t n = strlen(s);
    unsigned char len[2] = {(unsigned char)(n & 0xFF), (unsigned char)(n >> 8)};
    buf_add(b, len, 2);
    buf_add(b, s, n);
}

/* Why field what (value s) cannot be sealed, or 0. kind: 0 id, 1 value, 2 uuid, 3 kind. */
static int bad_field(const char *what, const char *s, int kind, err *e)
{
    size_t n = s ? strlen(s) : 0;
    const char *why = kind == 2   ? (sealed_is_uuid(s ? s : "", n) ? NULL : "is not a lowercase UUID")
                      : kind == 1 ? sealed_value_problem(s ? s : "", n)
                      : kind == 3 && !n ? NULL
                                        : sealed_id_problem(s ? s : "", n);
    return why ? err_set(e, "%s %s", what, why) : 0;
}

int sealed_make(const sealed_submission *s, const unsigned char pk[32], unsigned char **out,
                size_t *len, err *e)
{
    if (sodium_init() < 0)
        return err_set(e, "libsodium failed to start");
    if (bad_field("the submission id", s->id, 2, e) || bad_field("the survey id", s->survey, 0, e) ||
        bad_field("the language", s->lang, 0, e) || bad_field("the pack id", s->pack, 0, e) ||
        bad_field("the pack version", s->pack_version, 0, e))
        return -1;
    if (s->nanswers < 1 || s->nanswers > SEALED_MAX_ANSWERS)
        return err_set(e, "%d answers, not 1 to %d", s->nanswers, SEALED_MAX_ANSWERS);
    for (int i = 0; i < s->nanswers; i++) {
        const sealed_answer *a = &s->answers[i];
        char what[64];
        snprintf(what, sizeof what, "answer %d: its", i + 1);
        char w[4][80];
        static const char *const names[] = {"uuid", "question", "kind", "value"};
        for (int k = 0; k < 4; k++)
            snprintf(w[k], sizeof w[k], "%s %s", what, names[k]);
        if (bad_field(w[0], a->uuid, 2, e) || bad_field(w[1], a->question, 0, e) ||
            bad_field(w[2], a->kind, 3, e) || bad_field(w[3], a->value, 1, e))
            return -1;
    }
    buf b;
    buf_init(&b);
    unsigned char v = VERSION;
    buf_add(&b, &v, 1);
    buf_add(&b, s->id, 36);
    unsigned char t[8];
    for (int i = 0; i < 8; i++)
        t[i] = (unsigned char)((uint64_t)s->period >> (8 * i));
    buf_add(&b, t, 8);
    put_str(&b, s->survey);
    put_str(&b, s->lang);
    put_str(&b, s->pack);
    put_str(&b, s->pack_version);
    unsigned char na = (unsigned char)s->nanswers;
    buf_add(&b, &na, 1);
    for (int i = 0; i < s->nanswers; i++) {
        buf_add(&b, s->answers[i].uuid, 36);
        put_str(&b, s->answers[i].question);
        put_str(&b, s->answers[i].kind ? s->answers[i].kind : "");
        put_str(&b, s->answers[i].value);
    }
    /* room for the padding, which sodium_pad writes in place */
    size_t used = b.len, padded;
    for (size_t k = 0; k < SEALED_BLOCK; k++)
        buf_addc(&b, 0);
    int rc = -1;
    if (sodium_pad(&padded, (unsigned char *)b.data, used, SEALED_BLOCK, b.len) ||
        padded > SEALED_MAX_PLAIN) {
        err_set(e, "the submission is over %u bytes", SEALED_MAX_PLAIN);
    } else {
        *out = xmalloc(padded + crypto_box_SEALBYTES);
        if (crypto_box_seal(*out, (unsigned char *)b.data, padded, pk)) {
            free(*out);
            err_set(e, "cannot seal the submission to the office's key");
        } else {
            *len = padded + crypto_box_SEALBYTES;
            rc = 0;
        }
    }
    sodium_memzero(b.data, b.len);
    buf_free(&b);
    return rc;
}

/* ---- opening --------------------------------------------------------------------------- */

void sealed_free(sealed_submission *s)
{
    if (!s)
        return;
    if (s->mem_) {
        sodium_memzero(s->mem_, s->mem_n_);
        free(s->mem_);
    }
    memset(s, 0, sizeof *s);
}

typedef struct cursor {
    const unsigned char *p;
    size_t n, at;
    char *out; /* where the next string and its NUL go */
} cursor;

static int take_fixed(cursor *c, size_t len, const char **into)
{
    if (c->n - c->at < len)
        return -1;
    memcpy(c->out, c->p + c->at, len);
    c->out[len] = 0;
    *into = c->out;
    c->out += len + 1;
    c->at += len;
    return 0;
}

/* A 2-byte length and its bytes; -1 when they run past the end. */
static int take_str(cursor *c, const char **into, size_t *len)
{
    if (c->n - c->at < 2)
        return -1;
    *len = (size_t)c->p[c->at] | (size_t)c->p[c->at + 1] << 8;
    c->at += 2;
    return take_fixed(c, *len, into);
}

int sealed_parse(const unsigned char *p, size_t n, sealed_submission *s, err *e)
{
    memset(s, 0, sizeof *s);
    if (n > SEALED_MAX_PLAIN)
        return err_set(e, "over %u bytes", SEALED_MAX_PLAIN);
    /* every string gets a NUL: fixed fields (id and answer UUIDs) one byte more each */
    s->mem_n_ = n + 2 + SEALED_MAX_ANSWERS + 1;
    s->mem_ = xmalloc(s->mem_n_);
    cursor c = {p, n, 0, s->mem_};
    const char *why = NULL;
    char where[80] = "";
    if (n < 1 || p[0] != VERSION) {
        why = n ? "is a layout this version does not know (a newer kiosk's?)" : "is empty";
        goto bad;
    }
    c.at = 1;
    if (take_fixed(&c, 36, &s->id) || c.n - c.at < 8) {
        why = "is cut short";
        goto bad;
    }
    if (!sealed_is_uuid(s->id, 36)) {
        why = "has an id that is not a lowercase UUID";
        goto bad;
    }
    uint64_t t = 0;
    for (int i = 7; i >= 0; i--)
        t = t << 8 | c.p[c.at + (size_t)i];
    s->period = (long long)t;
    c.at += 8;
    static const char *const head[] = {"survey id", "language", "pack id", "pack version"};
    const char **hf[] = {&s->survey, &s->lang, &s->pack, &s->pack_version};
    for (int k = 0; k < 4; k++) {
        size_t len;
        if (take_str(&c, hf[k], &len)) {
            snprintf(where, sizeof where, ": its %s runs past its end", head[k]);
            why = "is cut short";
            goto bad;
        }
        const char *pr = sealed_id_problem(*hf[k], len);
        if (pr) {
            snprintf(where, sizeof where, ": its %s %s", head[k], pr);
            why = "breaks a rule";
            goto bad;
        }
    }
    if (c.n - c.at < 1 || c.p[c.at] < 1 || c.p[c.at] > SEALED_MAX_ANSWERS) {
        why = "does not hold 1 to 64 answers";
        goto bad;
    }
    s->nanswers = c.p[c.at++];
    static const char *const names[] = {"question", "kind", "value"};
    for (int i = 0; i < s->nanswers; i++) {
        sealed_answer *a = &s->answers[i];
        if (take_fixed(&c, 36, &a->uuid)) {
            snprintf(where, sizeof where, ": answer %d runs past its end", i + 1);
            why = "is cut short";
            goto bad;
        }
        if (!sealed_is_uuid(a->uuid, 36)) {
            snprintf(where, sizeof where, ": answer %d: its uuid is not a lowercase UUID", i + 1);
            why = "breaks a rule";
            goto bad;
        }
        const char **f[] = {&a->question, &a->kind, &a->value};
        for (int k = 0; k < 3; k++) {
            size_t len;
            if (take_str(&c, f[k], &len)) {
                snprintf(where, sizeof where, ": answer %d: its %s runs past its end", i + 1,
                         names[k]);
                why = "is cut short";
                goto bad;
            }
            const char *pr = k == 2 ? sealed_value_problem(*f[k], len)
                             : k == 1 && !len ? NULL
                                              : sealed_id_problem(*f[k], len);
            if (pr) {
                snprintf(where, sizeof where, ": answer %d: its %s %s", i + 1, names[k], pr);
                why = "breaks a rule";
                goto bad;
            }
        }
        for (int j = 0; j < i; j++)
            if (!strcmp(s->answers[j].uuid, a->uuid)) {
                snprintf(where, sizeof where, ": answers %d and %d have the same UUID", j + 1,
                         i + 1);
                why = "breaks a rule";
                goto bad;
            }
    }
    if (c.at != c.n) {
        snprintf(where, sizeof where, ": %zu bytes after its last answer", c.n - c.at);
        why = "breaks a rule";
        goto bad;
    }
    return 0;
bad:
    sealed_free(s);
    return err_set(e, "the sealed submission %s%s", why, where);
}

int sealed_open(const unsigned char *blob, size_t len, const sealed_key *keys, int nkeys,
                sealed_submission *s, err *e)
{
    memset(s, 0, sizeof *s);
    if (sodium_init() < 0)
        return err_set(e, "libsodium failed to start");
    if (len < crypto_box_SEALBYTES + SEALED_BLOCK || len > SEALED_MAX ||
        (len - crypto_box_SEALBYTES) % SEALED_BLOCK)
        return err_set(e, "the sealed submission has a size no sealed submission has (%zu bytes)",
                       len);
    if (nkeys < 1)
        return err_set(e, "the submission is sealed to the office's key, and no key was given "
                       "to open it (--key OFFICE.key)");
    size_t n = len - crypto_box_SEALBYTES;
    unsigned char *plain = xmalloc(n);
    int opened = 0;
    for (int k = 0; k < nkeys && !opened; k++)
        opened = !crypto_box_seal_open(plain, blob, len, keys[k].pk, keys[k].sk);
    int rc;
    size_t unpadded;
    if (!opened && nkeys == 1)
        rc = err_set(e, "the sealed submission does not open with this office key (sealed to "
                     "another key)");
    else if (!opened)
        rc = err_set(e, "the sealed submission opens with none of the %d office keys given "
                     "(sealed to another key)", nkeys);
    else if (sodium_unpad(&unpadded, plain, n, SEALED_BLOCK))
        rc = err_set(e, "the sealed submission's padding is damaged");
    else
        rc = sealed_parse(plain, unpadded, s, e);
    sodium_memzero(plain, n);
    free(plain);
    return rc;
}
