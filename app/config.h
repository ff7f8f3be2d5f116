/* config: the kiosk's settings, from an INI file and the command line, through one table.
 * Every key of the file is the long name of a command-line option (`idle = 90` in the file is
 * `--idle 90`), so an option added to the table is a key of the file at once; adding one is
 * one line of the table in config.c. The file is /etc/sveiki/sveiki.conf when it exists, or
 * the one --config names; options on the command line override it. A line is `key = value`,
 * `# comment` or `; comment`, blank, or a `[section]` header (sections only group keys for
 * the reader: a key means the same in any). A flag (fullscreen, kiosk) takes yes or no in the
 * file. Every bad line is reported with its number: an unknown key, a key given twice, a bad
 * value, a line too long, bytes that are not UTF-8, a NUL byte, a line without `=`. */
#ifndef SV_CONFIG_H
#define SV_CONFIG_H

#include "core/err.h"

#include <stddef.h>

struct kiosk_options;

#define CONFIG_DEFAULT "/etc/sveiki/sveiki.conf"
/* the longest file and line read: a configuration is a screenful of short lines */
#define CONFIG_MAX_BYTES (64 * 1024)
#define CONFIG_MAX_LINE 1024

enum { CONFIG_RUN, CONFIG_HELP, CONFIG_VERSION, CONFIG_CHECK };

/* Parses the command line over the file it names (--config) or CONFIG_DEFAULT: CONFIG_RUN,
 * _HELP, _VERSION, or _CHECK (--check-config FILE: o->check_config names it), or -1 with a
 * message for an unknown option, a bad value or a bad line of the file (its first). The
 * strings of o point into argv or into the file's text, which o owns until
 * config_free(o). */
int config_args(int argc, char **argv, struct kiosk_options *o, err *e);
/* What config_args allocated for o (the file's text). */
void config_free(struct kiosk_options *o);

/* Checks the file at path whole: every bad line goes to report (one message each, "PATH:N:
 * ...", without a newline); returns the number of bad lines (0: good), or -1 when the file
 * cannot be read (e says why). */
int config_check(const char *path, void (*report)(void *ctx, const char *msg), void *ctx,
                 err *e);

/* The options as --help shows them, from the table (a static buffer). */
const char *config_usage(void);

/* "HH:MM-HH:MM" as minutes of the day; from == to is refused (say nothing instead) */
int config_hours(const char *s, int *from, int *to);

#endif
