/* receipt: the office's signed list of a device's batches it holds (receipt.h). */
#include "sync/receipt.h"
#include "core/buf.h"
#include "fs.h"
#include "sign.h"
#include "store/sealed.h"
#include "store/store.h"

#include <limits.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NUMBER_MAX 9999999999LL

int sync_receipt_make(const char *device, long long issued, const long long *numbers,
                      const char (*sha256)[65], int n, const unsigned char sk[64],
                      unsigned char **out, size_t *len, err *e)
{
    if (!sealed_is_uuid(device, strlen(device)) || n < 0 || n > SYNC_RECEIPT_BATCHES)
        return err_set(e, "receipt for %s: not a device id, or too many batches", device);
    buf b;
    buf_init(&b);
    buf_printf(&b, "sveiki-receipt\nformat 1\ndevice %s\nissued %lld\ncount %d\n", device,
               issued, n);
    for (int i = 0; i < n; i++) {
        if (numbers[i] < 1 || numbers[i] > NUMBER_MAX || (i && numbers[i] <= numbers[i - 1]) ||
            strlen(sha256[i]) != 64) {
            buf_free(&b);
            return err_set(e, "receipt for %s: batch %lld out of order or without a hash",
                           device, numbers[i]);
        }
        buf_printf(&b, "batch %lld %s\n", numbers[i], sha256[i]);
    }
    buf_printf(&b, "\n");
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, NULL, (const unsigned char *)b.data, b.len, sk);
    buf_add(&b, sig, sizeof sig);
    *len = b.len;
    *out = (unsigned char *)buf_take(&b);
    return 0;
}

/* The next line of the text at *p (before end) into line (NUL-ended), or -1 when there is no
 * whole line or it is too long. */
static int next_line(const char **p, const char *end, char *line, size_t cap)
{
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    if (!nl || (size_t)(nl - *p) >= cap)
        return -1;
    memcpy(line, *p, (size_t)(nl - *p));
    line[nl - *p] = 0;
    *p = nl + 1;
    return 0;
}

/* A decimal number of 1..10 digits without sign or leading zero into *v; 0 or -1. */
static int number(const char *s, long long lo, long long hi, long long *v)
{
    size_t n = strspn(s, "0123456789");
    if (!n || n > 11 || s[n] || (s[0] == '0' && n > 1))
        return -1;
    *v = strtoll(s, NULL, 10);
    return *v < lo || *v > hi ? -1 : 0;
}

int sync_receipt_read(const unsigned char *p, size_t len, const unsigned char pk[32],
                      const char *device, const char *name, sync_receipt *r, err *e)
{
    memset(r, 0, sizeof *r);
    if (len < crypto_sign_BYTES + 16 || len > SYNC_RECEIPT_MAX)
        return err_set(e, "%s: %zu bytes: no receipt is that size", name, len);
    size_t body = len - crypto_sign_BYTES;
    if (crypto_sign_verify_detached(p + body, p, body, pk))
        return err_set(e, "%s: not signed by this kiosk's office key (forged, changed, or "
                       "from another office): nothing deleted", name);
    const char *s = (const char *)p, *end = s + body;
    char line[160];
    long long v;
    int ln = 0;
#define BAD(why) do { sync_receipt_free(r); \
        return err_set(e, "%s: line %d: %s: nothing deleted", name, ln, why); } while (0)
    ln++;
    if (next_line(&s, end, line, sizeof line) || strcmp(line, "sveiki-receipt"))
        BAD("not a receipt");
    ln++;
    if (next_line(&s, end, line, sizeof line) || strcmp(line, "format 1"))
        BAD("not format 1");
    ln++;
    if (next_line(&s, end, line, sizeof line) || strncmp(line, "device ", 7) ||
        !sealed_is_uuid(line + 7, strlen(line + 7)))
        BAD("no device id");
    str_copy(r->device, sizeof r->device, line + 7);
    ln++;
    if (next_line(&s, end, line, sizeof line) || strncmp(line, "issued ", 7) ||
        number(line + 7, 0, 1LL << 40, &r->issued))
        BAD("no time it was issued");
    ln++;
    if (next_line(&s, end, line, sizeof line) || strncmp(line, "count ", 6) ||
        number(line + 6, 0, SYNC_RECEIPT_BATCHES, &v))
        BAD("no count of batches");
    r->count = (int)v;
    r->numbers = xmalloc(((size_t)r->count + 1) * sizeof *r->numbers);
    for (int i = 0; i < r->count; i++) {
        ln++;
        char *sp;
        if (next_line(&s, end, line, sizeof line) || strncmp(line, "batch ", 6) ||
            !(sp = strchr(line + 6, ' ')))
            BAD("not a batch line");
        *sp = 0;
        const char *h = sp + 1;
        if (number(line + 6, 1, NUMBER_MAX, &v) || (i && v <= r->numbers[i - 1]))
            BAD("a batch number out of range or out of order");
        if (strlen(h) != 64 || strspn(h, "0123456789abcdef") != 64)
            BAD("a batch hash that is not 64 lowercase hex digits");
        r->numbers[i] = v;
    }
    ln++;
    if (next_line(&s, end, line, sizeof line) || line[0] || s != end)
        BAD("not ended by an empty line just before the signature");
#undef BAD
    if (strcmp(r->device, device)) {
        err_set(e, "%s: a receipt for device %s, not this kiosk (%s): nothing deleted", name,
                r->device, device);
        sync_receipt_free(r);
        return -1;
    }
    return 0;
}

void sync_receipt_free(sync_receipt *r)
{
    free(r->numbers);
    r->numbers = NULL;
    r->count = 0;
}

int sync_take_receipt(store *s, const char *data_dir, const char *to_dir, sync_receipt_result *r,
                      err *e)
{
    memset(r, 0, sizeof *r);
    char pubfile[PATH_MAX], dev[37], name[64];
    if (str_printf(pubfile, sizeof pubfile, "%s/office.pub", data_dir))
        return err_set(e, "%s: path too long", data_dir);
    if (!fs_exists(pubfile)) {
        snprintf(r->note, sizeof r->note, "no office receipt key (DATA/office.pub): receipts "
                 "are not read, answers go after the retention days");
        return 0;
    }
    unsigned char pk[32];
    if (sign_read_public(pubfile, pk, e) || store_device_id(s, dev, e))
        return -1;
    fs_dir *root = fs_dir_open(to_dir, e), *dir = NULL;
    if (!root)
        return -1;
    err why;
    int rc = fs_dir_sub(root, "sveiki/receipts", 0, &dir, &why);
    fs_dir_close(root);
    if (rc == FS_ABSENT) {
        snprintf(r->note, sizeof r->note, "no receipt for this kiosk");
        return 0;
    }
    if (rc == FS_LINKED)
        return err_set(e, "%s: the receipts folder is reached through a link: not followed, "
                       "nothing deleted", why.msg);
    if (rc)
        return err_set(e, "%s", why.msg);
    snprintf(name, sizeof name, "%s.receipt", dev);
    fs_info in;
    if (fs_dir_info(dir, name, &in, NULL) != 0) {
        fs_dir_close(dir);
        snprintf(r->note, sizeof r->note, "no receipt for this kiosk");
        return 0;
    }
    char shown[PATH_MAX + 80];
    snprintf(shown, sizeof shown, "%s/%s", fs_dir_path(dir), name);
    size_t len = 0;
    unsigned char *p = in.kind == FS_LINK ? NULL
                                          : fs_dir_read_all(dir, name, SYNC_RECEIPT_MAX, &len, &why);
    fs_dir_close(dir);
    if (!p)
        return err_set(e, "%s: %s: nothing deleted", shown,
                       in.kind == FS_LINK ? "a symbolic link, not followed" : why.msg);
    sync_receipt rc2;
    int bad = sync_receipt_read(p, len, pk, dev, shown, &rc2, e);
    free(p);
    if (bad)
        return -1;
    r->found = 1;
    r->deleted = store_delete_receipted(s, rc2.numbers, rc2.count, &r->receipted, e);
    sync_receipt_free(&rc2);
    if (r->deleted < 0) {
        r->deleted = 0;
        return -1;
    }
    snprintf(r->note, sizeof r->note, "the office's receipt names %d batch%s of this kiosk: "
             "%ld submission%s deleted", r->receipted, r->receipted == 1 ? "" : "es",
             r->deleted, r->deleted == 1 ? "" : "s");
    return 0;
}
