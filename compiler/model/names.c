/* names.c — see names.h. */
#include "names.h"

#include <stdbool.h>
#include <string.h>

const char *names_join(arena *a, const char *prefix, const char *key)
{
    if (!key || !*key) return prefix;
    if (!prefix || !*prefix) return key;
    /* Joined by hand: printf costs ~1,900 instructions a call here, and a
       template's every name is joined (13 % of a --check). */
    size_t lp = strlen(prefix), lk = strlen(key);
    char *s = arena_alloc(a, lp + lk + 2);
    memcpy(s, prefix, lp);
    s[lp] = '.';
    memcpy(s + lp + 1, key, lk + 1);
    return s;
}

const char **names_next_keys(arena *a, const char *const *names, int n, const char *prefix)
{
    const char **keys = arena_alloc(a, (size_t)(n + 1) * sizeof *keys);
    size_t len = strlen(prefix);
    int count = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i];
        if (len && (strncmp(name, prefix, len) != 0 || name[len] != '.')) continue;
        const char *start = len ? name + len + 1 : name, *dot = strchr(start, '.');
        const char *key = dot ? arena_strndup(a, start, (size_t)(dot - start)) : start;
        bool seen = false;
        for (int k = 0; k < count && !seen; k++) seen = strcmp(keys[k], key) == 0;
        if (!seen) keys[count++] = key;
    }
    keys[count] = NULL;
    return keys;
}

static void add_name(arena *a, names_table *t, const char *name, const char *words, bool amount)
{
    arena_grow(a, (void **)&t->names, &t->cap_names, t->n + 1, sizeof *t->names);
    arena_grow(a, (void **)&t->words, &t->cap_words, t->n + 1, sizeof *t->words);
    arena_grow(a, (void **)&t->amount, &t->cap_amount, t->n + 1, sizeof *t->amount);
    t->names[t->n] = name;
    t->words[t->n] = words;
    t->amount[t->n++] = amount;
}

static void add_label(arena *a, names_table *t, const char *path, const char *label)
{
    if (!path || !*path || !label || !*label) return;
    arena_grow(a, (void **)&t->label_paths, &t->cap_labels, t->n_labels + 1, sizeof *t->label_paths);
    arena_grow(a, (void **)&t->labels, &t->cap_label_text, t->n_labels + 1, sizeof *t->labels);
    t->label_paths[t->n_labels] = path;
    t->labels[t->n_labels++] = label;
}

const char *names_label(const names_table *t, const char *path)
{
    for (int i = 0; i < t->n_labels; i++)
        if (strcmp(t->label_paths[i], path) == 0) return t->labels[i];
    return NULL;
}

/* "a / b", either alone when the other is empty; in a. */
static const char *words_join(arena *a, const char *x, const char *y)
{
    if (!y || !*y) return x;
    if (!x || !*x) return y;
    return arena_printf(a, "%s / %s", x, y);
}

/* A leaf column of a column tree: its path, its words, an amount. */
typedef struct leaf_col {
    const char *path, *words;
    bool amount;
} leaf_col;

static void column_leaves(arena *a, names_table *t, const syn_column *n, const char *prefix, const char *words,
                          leaf_col **out, int *count, int *cap, const char *row)
{
    const char *path = names_join(a, prefix, n->key.s);
    const char *w = words_join(a, words, n->title.s);
    if (n->children) {
        add_label(a, t, names_join(a, row, path), n->title.s);
        for (int i = 0; i < n->n_children; i++) column_leaves(a, t, &n->children[i], path, w, out, count, cap, row);
        return;
    }
    arena_grow(a, (void **)out, cap, *count + 1, sizeof **out);
    (*out)[(*count)++] = (leaf_col){ path, w, n->amount };
}

static void row_names(arena *a, names_table *t, const syn_row *n, const char *prefix, const char *words, const syn_table *spec)
{
    const char *path = names_join(a, prefix, n->key.s);
    const char *w = words_join(a, words, n->head.s);
    add_label(a, t, path, n->head.s);
    if (n->children) {
        for (int i = 0; i < n->n_children; i++) row_names(a, t, &n->children[i], path, w, spec);
        return;
    }
    leaf_col *cols = NULL;
    int count = 0, cap = 0;
    for (int i = 0; i < spec->n_columns; i++) column_leaves(a, t, &spec->columns[i], "", "", &cols, &count, &cap, path);
    for (int i = 0; i < count; i++) add_name(a, t, names_join(a, path, cols[i].path), words_join(a, w, cols[i].words), cols[i].amount);
}

void names_of_table(arena *a, const syn_table *spec, names_table *out)
{
    memset(out, 0, sizeof *out);
    if (!spec->is_grid) {
        for (int i = 0; i < spec->n_rows; i++) row_names(a, out, &spec->rows[i], "", "", spec);
        return;
    }
    /* A grid: a number's words are its row's label and its column's header
       (the nearest row of header labels above it). */
    const syn_grid_row *header = NULL;
    for (int r = 0; r < spec->n_grid; r++) {
        const syn_grid_row *row = &spec->grid[r];
        bool heads = row->n_cells > 1;
        for (int k = 0; k < row->n_cells; k++) heads = heads && row->cells[k].head;
        if (heads) header = row;
        const char *row_label = row->n_cells ? row->cells[0].content.s : NULL;
        for (int k = 0; k < row->n_cells; k++) {
            const char *hole = row->cells[k].data.s;
            if (!hole) continue;
            const char *col = header && k < header->n_cells ? header->cells[k].content.s : NULL;
            add_name(a, out, hole, words_join(a, row_label, col), row->cells[k].amount);
            const char *dot = strchr(hole, '.');
            add_label(a, out, dot ? arena_strndup(a, hole, (size_t)(dot - hole)) : hole, row_label);
        }
    }
}
