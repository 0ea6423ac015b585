/* fill.h — patterns with named holes: "— {1} —", "{issuer}{year}年…".
 *
 * Layouts and templates are data, and their texts carry holes the compiler
 * fills: page numbers, attachment labels, running text, titles, the wording
 * of a broken rule.  One filler serves them all. */
#ifndef REPORTC_FILL_H
#define REPORTC_FILL_H

#include "arena.h"

/* `pattern` with every {name} replaced by its value; pairs is "name",
 * "value", …, NULL.  Holes with no pair stay as written.  In a. */
const char *fill_placeholders(arena *a, const char *pattern, const char *const *pairs);

#endif
