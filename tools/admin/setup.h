/* setup: the operator's side of a kiosk's first set-up and admin mode.
 *   sveikictl setup-stick DIR --sign-pub FILE --office-pub FILE
 *       writes DIR/sveiki/setup/ with the content signing public key and the office's
 *       sealing public key under names that cannot be confused, and prints their
 *       fingerprints for the office to read aloud when staff set the kiosk up
 *   sveikictl pin-hash
 *       reads a staff PIN from standard input and prints its Argon2id hash for admin-pin in
 *       /etc/sveiki/sveiki.conf (the PIN itself is never written anywhere) */
#ifndef SV_TOOLS_SETUP_H
#define SV_TOOLS_SETUP_H

/* argv after the command's name; the exit code */
int setup_stick_cmd(int argc, char **argv);
int setup_pin_hash_cmd(int argc, char **argv);

#endif
