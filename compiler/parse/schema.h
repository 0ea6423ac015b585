/* schema.h — typed reading of YAML nodes, with a diagnostic for every mistake.
 *
 * Each reader takes the node and a short English name of what is expected
 * there, records an error at the node when the value is wrong, and returns
 * false.  Readers never see a NULL node: callers skip absent keys.  Numbers
 * are read exactly (base/decimal.h): no reader goes through a double. */
#ifndef REPORTC_SCHEMA_H
#define REPORTC_SCHEMA_H

#include <stdbool.h>
#include <stdint.h>

#include "base/decimal.h"
#include "base/diag.h"
#include "base/units.h"
#include "yaml_tree.h"

/* Checks that n is a mapping whose keys are all in `allowed` (a NULL-
 * terminated list).  An unknown key is an error at the key with a
 * "did you mean" hint.  `what` names the mapping ("meta", "a heading"). */
bool schema_check_keys(diag *d, const ynode *n, const char *what, const char *const *allowed);

/* The closest of `choices` to `word` by edit distance, or NULL if none is
 * close enough to be a plausible typo. */
const char *schema_suggest(const char *word, const char *const *choices);

/* A non-null scalar (numbers and booleans are read as their text). */
bool schema_string(diag *d, const ynode *n, const char *what, const char **out);
/* A language tag in the syntax of BCP 47 (RFC 5646 §2.1): subtags of 1–8
 * ASCII letters and digits joined by '-', the first of 2–8 letters (or
 * "x"/"i"), at most 35 characters (PDF /Lang and XMP dc:language). */
bool schema_language(diag *d, const ynode *n, const char *what, const char **out);
/* A whole number in [min, max]. */
bool schema_int(diag *d, const ynode *n, const char *what, long min, long max, long *out);
/* A plain decimal number in thousandths, in [min, max] thousandths ("0.25" →
 * 250); more than three decimals round half away from zero. */
bool schema_permille(diag *d, const ynode *n, const char *what, int min, int max, int *out);
/* true/false, yes/no. */
bool schema_bool(diag *d, const ynode *n, const char *what, bool *out);
/* A length with a unit: mm, cm, pt, in (e.g. "37mm", "15.75pt"), from 0 to
 * SCHEMA_MAX_LENGTH; converted exactly, rounded to the nearest millipoint. */
bool schema_length(diag *d, const ynode *n, const char *what, mpt_t *out);
/* The longest length accepted: 14,400 pt (200 in), PDF's largest page. */
#define SCHEMA_MAX_LENGTH (14400 * MPT_PER_PT)
/* A length in em of some size ("0.033em"), in thousandths of an em. */
bool schema_em(diag *d, const ynode *n, const char *what, int min_permille, int max_permille, int *out);
/* One of `choices` (NULL-terminated); *out is its index. */
bool schema_enum(diag *d, const ynode *n, const char *what, const char *const *choices, int *out);
/* An ISO date YYYY-MM-DD, checked against the calendar. */
bool schema_date(diag *d, const ynode *n, const char *what, int *year, int *month, int *day);
/* A list of scalars: *out (in a) holds the nodes; false after an error. */
bool schema_scalar_list(diag *d, const ynode *n, const char *what, const ynode *const **out, int *count);

#endif
