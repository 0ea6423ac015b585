/* names.h — dotted names of a template's numbers ("applications.new.total").
 *
 * Shared by the template's checks (template.c) and `reportc init`
 * (template_init.c), which both walk the names level by level. */
#ifndef REPORTC_NAMES_H
#define REPORTC_NAMES_H

#include "base/arena.h"

/* prefix.key, or either alone when the other is empty or NULL; in a. */
const char *names_join(arena *a, const char *prefix, const char *key);

/* The distinct keys that follow `prefix` ("" for the first level) among
 * names[0..n), in order of first appearance; NULL-terminated, in a. */
const char **names_next_keys(arena *a, const char *const *names, int n, const char *prefix);

#endif
