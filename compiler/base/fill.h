/* fill.h — patterns with named holes: "— {1} —", "{issuer}{year}年…".
 *
 * Layouts and templates are data, and their texts carry holes the compiler
 * fills: page numbers, heading numbers, dates, attachment labels, running
 * text, titles, the wording of a broken rule.  One filler serves them all,
 * and bounds what it makes: a pattern of ten thousand {title} holes is an
 * error, not a gigabyte. */
#ifndef REPORTC_FILL_H
#define REPORTC_FILL_H

#include "arena.h"

/* The longest text a pattern may expand to. */
#define FILL_MAX_BYTES (64 * 1024)

/* `pattern` with every {name} replaced by its value; pairs is "name",
 * "value", …, NULL.  Holes with no pair stay as written.  In a; NULL when
 * the result would be longer than FILL_MAX_BYTES. */
const char *fill_placeholders(arena *a, const char *pattern, const char *const *pairs);

#endif
