/* sign: Ed25519 keys and detached signatures for content packs (libsodium). Key and
 * signature files are short text files, so an operator can see what they are:
 *   NAME.key  "sveiki-secret-key-v1" and the base64 secret key (mode 0600)
 *   NAME.pub  "sveiki-public-key-v1" and the base64 public key
 *   PACK.sig  "sveiki-signature-v1" and the base64 signature of every byte of PACK
 * Every file read is checked; a wrong, truncated or swapped file is an error naming it. */
#ifndef SV_SIGN_H
#define SV_SIGN_H

#include "core/err.h"

/* Writes NAME.key and NAME.pub; refuses to overwrite an existing key. */
int sign_keygen(const char *name, err *e);
/* Checks that keyfile holds a secret key, without using it. */
int sign_check_key(const char *keyfile, err *e);
/* Signs the file at path with the secret key file; writes path.sig atomically. */
int sign_file(const char *path, const char *keyfile, err *e);
/* 0 when sigfile is a valid signature of path by the public key in pubfile. */
int sign_verify(const char *path, const char *sigfile, const char *pubfile, err *e);

#endif
