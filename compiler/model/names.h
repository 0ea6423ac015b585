/* names.h — dotted names of a template's numbers ("applications.new.total").
 *
 * Shared by the template's checks (template.c) and `reportc init`
 * (template_init.c), which both walk the names level by level. */
#ifndef REPORTC_NAMES_H
#define REPORTC_NAMES_H

#include <stdbool.h>

#include "base/arena.h"
#include "parse/syntax.h"

/* prefix.key, or either alone when the other is empty or NULL; in a. */
const char *names_join(arena *a, const char *prefix, const char *key);

/* The distinct keys that follow `prefix` ("" for the first level) among
 * names[0..n), in order of first appearance; NULL-terminated, in a. */
const char **names_next_keys(arena *a, const char *const *names, int n, const char *prefix);

/* The numbers of one template table (`reportc init`, `reportc schema`, the
 * CSV form): each name relative to the table, in the template's order, with
 * the template's words for it (row heads, then column titles, joined by
 * " / ") and whether it is an amount (decimals allowed); and the words of
 * every row group and row by its path (a grid: of a name's first part). */
typedef struct names_table {
    const char **names, **words;
    bool *amount;
    int n, cap_names, cap_words, cap_amount;
    const char **label_paths, **labels;
    int n_labels, cap_labels, cap_label_text;
} names_table;

void names_of_table(arena *a, const syn_table *spec, names_table *out);

/* The words of group or row `path` in t, or NULL. */
const char *names_label(const names_table *t, const char *path);

#endif
