/* setup: sveikictl setup-stick and pin-hash (see setup.h). */
#include "admin/setup.h"

#include "admin.h"
#include "fs.h"
#include "sign.h"

#include <stdio.h>
#include <string.h>

/* --help: the usage; after a mistake (already named in one line) only where to read more,
 * as every sveikictl command does. */
static int usage_stick(FILE *o)
{
    if (o != stdout) {
        fputs("see sveikictl setup-stick --help\n", o);
        return 2;
    }
    fputs("usage: sveikictl setup-stick DIR --sign-pub CONTENT-SIGNING.pub --office-pub OFFICE-SEALING.pub\n"
          "  writes DIR/sveiki/setup/ for a kiosk's first set-up (or new keys in admin mode)\n"
          "  and prints the keys' fingerprints: read them to staff when they compare\n",
          o);
    return 0;
}

int setup_stick_cmd(int argc, char **argv)
{
    const char *dir = NULL, *sign = NULL, *seal = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
            return usage_stick(stdout);
        const char **val = !strcmp(argv[i], "--sign-pub") ? &sign : !strcmp(argv[i], "--office-pub") ? &seal : NULL;
        if (val && i + 1 < argc) {
            *val = argv[++i];
        } else if (val || argv[i][0] == '-' || dir) {
            fprintf(stderr, "sveikictl setup-stick: %s %s\n", argv[i],
                    val ? "needs a file" : argv[i][0] == '-' ? "is not an option of setup-stick"
                                                             : "is a second folder: give one");
            return usage_stick(stderr);
        } else {
            dir = argv[i];
        }
    }
    if (!dir || !sign || !seal) {
        fprintf(stderr, "sveikictl setup-stick: %s\n",
                !dir ? "name the stick's folder" : !sign ? "--sign-pub is missing (the content signing public key)"
                                                         : "--office-pub is missing (the office's sealing public key)");
        return usage_stick(stderr);
    }
    unsigned char pk[32], opk[32];
    err e;
    if (sign_read_public(sign, pk, &e) || sign_read_seal_public(seal, opk, &e)) {
        fprintf(stderr, "sveikictl setup-stick: %s\n", e.msg);
        return 1;
    }
    char to[4200], file[4300];
    snprintf(to, sizeof to, "%s/" ADMIN_SETUP_DIR, dir);
    if (fs_mkdirs(to, &e)) {
        fprintf(stderr, "sveikictl setup-stick: %s\n", e.msg);
        return 1;
    }
    snprintf(file, sizeof file, "%s/" ADMIN_SIGNING_FILE, to);
    int rc = fs_copy_atomic(sign, file, 4096, 0644, &e);
    snprintf(file, sizeof file, "%s/" ADMIN_SEALING_FILE, to);
    if (rc || fs_copy_atomic(seal, file, 4096, 0644, &e)) {
        fprintf(stderr, "sveikictl setup-stick: %s\n", e.msg);
        return 1;
    }
    char fs[32], fo[32];
    admin_fingerprint(pk, fs);
    admin_fingerprint(opk, fo);
    printf("wrote %s\n"
           "content signing key: %s\n"
           "office sealing key:  %s\n"
           "Read these to staff when the kiosk shows them; they take the keys only when all match.\n",
           to, fs, fo);
    return 0;
}

int setup_pin_hash_cmd(int argc, char **argv)
{
    if (argc && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
        puts("usage: sveikictl pin-hash < PIN\n"
             "  reads a staff PIN (4 to 12 digits) from standard input and prints its Argon2id\n"
             "  hash, for admin-pin = HASH in /etc/sveiki/sveiki.conf");
        return 0;
    }
    if (argc) {
        fprintf(stderr, "sveikictl pin-hash: %s: give the PIN on standard input, never as an "
                        "argument (it would stay in the shell's history)\n", argv[0]);
        return 2;
    }
    char pin[64] = "", hash[ADMIN_HASH_MAX];
    if (!fgets(pin, sizeof pin, stdin))
        pin[0] = 0;
    pin[strcspn(pin, "\r\n")] = 0;
    err e;
    int rc = admin_pin_hash(pin, 0, hash, &e);
    memset(pin, 0, sizeof pin);
    if (rc) {
        fprintf(stderr, "sveikictl pin-hash: %s\n", e.msg);
        return 1;
    }
    printf("%s\n", hash);
    return 0;
}
