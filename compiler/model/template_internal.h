/* template_internal.h — shared by the files of the template module:
 * template.c (the body), template_numbers.c (names, numbers, sums),
 * template_rules.c (rules and where a broken one is reported),
 * template_prose.c (numbers in the prose), template_suggest.c (reportc
 * suggest).  Not for use outside them.
 *
 * The calls go one way: template.c → template_prose.c and
 * template_rules.c → template_numbers.c; template_prose.c →
 * template_suggest.c → template_claims.c → template_quote.c. */
#ifndef REPORTC_TEMPLATE_INTERNAL_H
#define REPORTC_TEMPLATE_INTERNAL_H

#include <stdbool.h>

#include "base/decimal.h"
#include "model_internal.h"

/* One number of a template table: stated by the report, or computed. */
typedef struct tcell {
    const char *name;           /* table.row.column */
    decimal v;
    bool known;                 /* stated and valid, computed, or counted as 0 */
    const syn_scalar *stated;   /* the report's number, or NULL */
    const struct tcell *const *terms;   /* a computed cell: what it adds up */
    int n_terms;
    table_value shown;          /* what the table prints */
    bool has_format;            /* the column's format, for {{name}} in prose */
    decimal_format format;
} tcell;

typedef struct tcol {
    const char *path, *title, *group, *parent;
    const syn_column *spec;
    bool amount;
} tcol;

typedef struct trow {
    const char *path, *parent, *label;
    const syn_row *spec;
    int first_leaf, end_leaf;   /* leaf rows under it (itself for a leaf) */
} trow;

typedef struct ttable {
    const char *name;
    const syn_table *spec;
    tcol *cols;
    int n_cols;
    trow *rows;                 /* every row node, in order */
    int n_rows;
    int *leaves;                /* leaf index → row index */
    int n_leaves;
    tcell *cells;               /* header trees: n_leaves × n_cols */
    tcell *holes;               /* grids: one per data hole, in the grid's order */
    const syn_cell **hole_cells;
    int n_holes;
} ttable;

/* A rule broken by the numbers: its wording filled in, the stated numbers
 * involved (where it may be reported). */
typedef struct broken {
    const char *text;
    bool warning;
    const syn_scalar **ops;
    const char **names;         /* the name of each of ops */
    int n_ops, cap_ops, cap_names;
    bool computed;              /* some of ops stand for a computed number */
} broken;

typedef struct expander {
    arena *a;
    diag *d;
    bool ok;
    bool quiet;                 /* reading last year's numbers: no diagnostics */
    bool default_zero;          /* missing-numbers: zero */
    const syn_data *data;
    const char **missing;
    int n_missing, cap_missing, defaulted;
    broken *broken;
    int n_broken, cap_broken;
    const char **names;         /* every number's name, for checking the report's keys */
    int n_names, cap_names;
    ttable *tables;             /* parallel to the template's tables */
    int n_tables;
    const ttable *prev;         /* last year's tables (parallel), or NULL */
    const template_spec *spec;
    bool suggest;               /* reportc suggest: collect suggestions */
    model_suggestion *suggestions;
    int n_suggestions, cap_suggestions;
} expander;

/* ---- template_numbers.c ---- */
/* A number as written: 12, 1.5 (exact). In a. */
const char *template_number_text(arena *a, decimal v);
/* Reads and computes template table `tt` from e->data; grids read their
 * holes. */
void template_build_table(expander *e, ttable *t, const tmpl_table *tt);
/* Row `path` of t, or -1. */
int template_find_row(const ttable *t, const char *path);
/* Every key under data must name a number or lead to one. */
void template_check_data_keys(expander *e);
/* The missing numbers as one error, the defaulted ones as one warning. */
void template_report_missing(expander *e, const syn_report *r);
/* A rule broken (its wording filled in), to be reported by template_report_broken. */
broken *template_broken(expander *e, const char *text, bool warning);
/* Adds the stated numbers behind c (itself, or what a computed c adds up). */
void template_add_operand(expander *e, broken *b, const tcell *c);
/* Reports each broken rule at the stated number where the broken rules meet. */
void template_report_broken(expander *e);

/* ---- template_rules.c ---- */
/* The template's rules over the tables (R1, R6, R7 …), into e's broken list;
 * `prev`: last year's tables (parallel to e->tables), or NULL. */
void template_check_rules(expander *e, const ttable *prev);

/* ---- template_quote.c ---- */
typedef enum { QUOTE_OK, QUOTE_NO_NAME, QUOTE_UNKNOWN, QUOTE_NO_PREVIOUS, QUOTE_TOO_LARGE } quote_status;
/* The number called `name`: a table's number, a group of rows' sum in a
 * column (applications.results.not_disclosed.total), last year's with
 * previous.; *cell is the number (or the first added up), when there is one. */
quote_status template_value(const expander *e, const char *name, decimal *v, const tcell **cell);
/* The text of a quoted number, expr[0..len) being what {{…}} holds: names
 * joined by +, then optionally | format.  NULL after an error at pos. */
const char *template_quote(expander *e, const char *expr, size_t len, src_pos pos);

/* ---- template_claims.c ---- */
/* R8: numbers the prose states next to the template's words, checked (warnings). */
void template_check_claims(expander *e, const syn_scalar *s);
/* Position of byte `offset` of scalar s (exact when its columns are). */
src_pos template_pos_in(const syn_scalar *s, size_t offset);
/* A number a prose text states (reportc suggest): followed by a unit of the
 * prose checks, not quoted by name, not in a sentence about something else. */
typedef struct prose_number {
    size_t start, end;          /* its bytes in the text */
    decimal v;
    int check;                  /* the check whose words bind it (as R8 binds), or -1 */
    const int *nearby;          /* checks whose words come before it in its sentence, nearest first */
    int n_nearby;
} prose_number;
/* The numbers of s, in order, into *out (in e's arena); how many. */
int template_prose_numbers(expander *e, const syn_scalar *s, prose_number **out);

/* ---- template_suggest.c ---- */
/* The numbers of prose text s that equal a table's number or a group's sum
 * and are not quoted by name, with the names to quote them by, best first:
 * the check whose words bind the number, then the checks whose words come
 * before it in its sentence, then the tables' order. */
void template_suggest(expander *e, const syn_scalar *s);

/* ---- template_prose.c ---- */
/* Adds a section's prose: numbers quoted by name filled in, numbers stated
 * after the template's words checked (R8). */
void template_add_prose(expander *e, model_builder *b, const syn_section *s, const tmpl_section *ts);
/* Adds prose blocks (a section's, the preamble) the same way; a level-1
 * heading among them is an error with `h1_hint`. */
void template_add_blocks(expander *e, model_builder *b, const syn_blocks *body, const char *where, const char *h1_hint);

#endif
