/* template_internal.h — shared by the files of the template module:
 * template.c (the body handed to the model), template_numbers.c (names,
 * numbers, sums, rules), template_prose.c (prose: numbers by name, R8,
 * headings).  Not for use outside them. */
#ifndef REPORTC_TEMPLATE_INTERNAL_H
#define REPORTC_TEMPLATE_INTERNAL_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "parse/yaml_tree.h"

typedef struct cell {
    const char *name;       /* table.row.column */
    double v;
    const ynode *stated;    /* the report's number, or NULL */
    bool known;
    const struct cell *const *terms;   /* a computed cell: what it adds up */
    int n_terms;
} cell;

typedef struct tcol {
    const char *path, *title, *group, *parent;
    const ynode *spec, *sum;
    bool amount;
} tcol;

typedef struct trow {
    const char *path, *parent, *label;
    const ynode *spec, *sum;
    int first_leaf, end_leaf;   /* leaf rows under it (itself for a leaf) */
} trow;

typedef struct ttable {
    const char *name;
    const ynode *spec;
    tcol *cols;
    int n_cols;
    trow *rows;                 /* every row node, in order */
    int n_rows;
    int *leaves;                /* leaf index → row index */
    int n_leaves;
    cell *cells;                /* n_leaves × n_cols */
} ttable;

/* A rule broken by the numbers: its wording filled in, the stated numbers involved. */
typedef struct broken {
    const char *text;
    bool warning;
    const ynode *ops[64];
    int n_ops;
} broken;

typedef struct expander {
    arena *a;
    diag *d;
    const ynode *data;
    bool ok;
    bool quiet;                 /* reading last year's report: no diagnostics */
    bool default_zero;
    const char **missing;
    int n_missing, cap_missing, defaulted;
    broken *broken;
    int n_broken, cap_broken;
    const char **names;         /* every number's name, for checking the report's keys */
    int n_names, cap_names;
    const struct ttable *tables; /* for names in the prose */
    int n_tables;
    const ynode *prose_checks;  /* the template's checks of numbers in the prose (R8) */
} expander;

/* ---- template.c: synthetic YAML ---- */
ynode *y_new(arena *a, ynode_kind kind, src_pos pos, int cap);
ynode *y_scalar(arena *a, const char *s, src_pos pos);
void y_put(arena *a, ynode *map, const char *key, ynode *value);

/* ---- template_numbers.c ---- */
/* A number as text: whole numbers without decimals. */
const char *number_text(arena *a, double v);
/* m.a.b.c for the dotted path "a.b.c", or NULL. */
const ynode *lookup_path(arena *a, const ynode *m, const char *dotted);
/* Reads the report's number at n (NULL: missing) under R5. */
bool read_number(expander *e, const ynode *n, const char *name, bool amount, cell *out);
/* Reads and computes a header-tree table of the template. */
bool build_table(expander *e, ttable *t, const char *name, const ynode *spec);
/* The template's rules over the tables (R1, R6 …), into e's broken list. */
void check_rules(expander *e, const ynode *rules, ttable *tables, const ynode *table_names, ttable *prev_tables);
/* Reports each broken rule at the stated number where the broken rules meet. */
void report_broken(expander *e, src_pos fallback);
/* Every key under data: must name a number (e->names sorted by compare_names). */
void check_data_keys(expander *e, const ynode *m, const char *prefix);
int compare_names(const void *a, const void *b);
/* Last year's report (R6), parsed; NULL with a warning when unreadable. */
const ynode *load_previous(expander *e, const ynode *prev, const char *base_dir);
/* The number called `name` (table.row.column), or NULL. */
const cell *cell_named(expander *e, const char *name);

/* ---- template_prose.c ---- */
/* Adds a section's prose (a list of blocks, or {heading, body}) to body,
 * numbers by name filled in and R8 checked; headings must be the template's. */
void add_prose(expander *e, const ynode *prose, const ynode *heading, ynode *body);

#endif
