/* format: what a content pack file is, shared by the builder (tools/builder) and the reader
 * (content.c), so the two can never disagree: the format number and the id rule. */
#ifndef SV_FORMAT_H
#define SV_FORMAT_H

/* The pack format the builder writes and the kiosk accepts. */
#define PACK_FORMAT 1

/* Whether a name is a valid id (page, category, stage, survey, language code):
 * 1-64 characters of a-z, 0-9 and '-'. Ids name SQL tables, so nothing else gets in. */
int pack_valid_id(const char *s);

#endif
