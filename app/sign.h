/* sign: Ed25519 keys and signed content packs, and the X25519 keys export batches are sealed
 * to (libsodium). Key files are short text files, so an operator can see what they are:
 *   NAME.key  "sveiki-secret-key-v1" and the base64 secret key (mode 0600)
 *   NAME.pub  "sveiki-public-key-v1" and the base64 public key
 *   sealing keys (sveikictl keygen --sealing NAME): the same two files with the tags
 *   "sveiki-seal-secret-key-v1" (mode 0600) and "sveiki-seal-public-key-v1"; one kind is
 *   never read as the other, and the message says which kind a file is.
 * A signed pack is one file: the pack's bytes followed by an 88-byte trailer (the Ed25519
 * signature of "sveiki-pack-v1" and the SHA-256 of those bytes, their length, and the magic
 * "sveiki-signed-1"). SQLite reads the pack and ignores the trailer (the database header
 * says how long the database is), so a signed pack opens as it is; and a pack and its
 * signature can never be copied, renamed or replaced one without the other.
 * Every file read is checked; a wrong, truncated or swapped file is an error naming it. */
#ifndef SV_SIGN_H
#define SV_SIGN_H

#include "core/err.h"

#include <stddef.h>

#define SIGN_TRAILER (64 + 8 + 16)

/* Writes NAME.key and NAME.pub; refuses to overwrite an existing key. */
int sign_keygen(const char *name, err *e);
/* Writes NAME.key and NAME.pub as an X25519 sealing key pair; refuses to overwrite. */
int sign_seal_keygen(const char *name, err *e);
/* Reads a signing secret key (64 bytes) or public key (32 bytes); and the sealing ones (32
 * bytes each; the secret key file gives the public key too, derived from it). */
int sign_read_secret(const char *path, unsigned char sk[64], err *e);
int sign_read_public(const char *path, unsigned char pk[32], err *e);
int sign_read_seal_secret(const char *path, unsigned char sk[32], unsigned char pk[32], err *e);
int sign_read_seal_public(const char *path, unsigned char pk[32], err *e);
/* Checks that keyfile holds a secret key, without using it. */
int sign_check_key(const char *keyfile, err *e);
/* Writes out (atomically): the pack in, signed with the secret key file. A pack that is
 * signed already is signed anew. in and out may be the same file. */
int sign_pack(const char *in, const char *out, const char *keyfile, err *e);
/* What the pack checks below return when they fail: -1 (the file or the key could not be
 * read), or why the pack is not trusted, so that a screen can say it in a person's words. */
enum { SIGN_UNSIGNED = -2, SIGN_MISMATCH = -3 };
/* 0 when the file at path is a pack signed by the key in pubfile. Messages name the pack as
 * name (the file a person gave, not a copy's path), or path when name is NULL. */
int sign_pack_verify(const char *path, const char *name, const char *pubfile, err *e);
/* For a pack on a stick, checked where it lies before anything is copied: the trailer of the
 * open file fd of size bytes into t (0 when it is a signed pack's), and the signature by the
 * key in pubfile, hashing the file in chunks. Messages name the pack as name. */
int sign_pack_trailer_fd(int fd, size_t size, unsigned char t[SIGN_TRAILER], const char *name,
                         err *e);
int sign_pack_verify_fd(int fd, size_t size, const char *name, const char *pubfile, err *e);
/* Whether a and b are the same signed pack, byte for byte. */
int sign_pack_same(const char *a, const char *b);

#endif
