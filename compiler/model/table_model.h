/* table_model.h — a table of the report as a grid of spanning cells.
 *
 * The description gives a table either as two header trees (columns and
 * rows) or as a free grid of cells with explicit spans; both resolve here to
 * the same plain grid, checked: every slot covered by exactly one cell. */
#ifndef REPORTC_TABLE_MODEL_H
#define REPORTC_TABLE_MODEL_H

#include <stdbool.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "parse/style.h"
#include "parse/yaml_tree.h"

typedef enum {
    CELL_CORNER,     /* over the row headers, beside the column headers */
    CELL_COL_HEAD,   /* a column-header label */
    CELL_ROW_HEAD,   /* a row-header label */
    CELL_DATA,       /* a value */
} cell_role;

typedef struct model_cell {
    int row, col;           /* top-left slot */
    int rowspan, colspan;
    cell_role role;
    const char *utf8;       /* text as set (numbers formatted); "" when empty */
    size_t len;
    src_pos pos;            /* of the YAML node */
    bool exact_cols;        /* character i of utf8 is at column pos.col + i */
    bool numeric;           /* a number: aligned on its decimal point in its column */
    int has_align;          /* an explicit alignment below */
    text_align align;
} model_cell;

typedef enum { WIDTH_AUTO, WIDTH_FIXED, WIDTH_PERCENT, WIDTH_FRACTION } width_kind;

/* Per leaf column. */
typedef struct model_column {
    width_kind width;
    mpt_t fixed;            /* WIDTH_FIXED */
    int permille;           /* WIDTH_PERCENT: of the text width; WIDTH_FRACTION: weight × 1000 */
    int has_align;
    text_align align;
    src_pos pos;
} model_column;

typedef struct model_table {
    src_pos pos;
    int n_rows, n_cols;
    int header_rows;        /* the first rows are column headers: repeated on every page */
    int head_cols;          /* the first columns are row headers */
    model_cell *cells;      /* ordered by (row, col) of their top-left slot */
    int n_cells;
    model_column *columns;  /* n_cols */
    const char *caption;    /* or NULL */
    src_pos caption_pos;
    const char **notes;     /* lines under the table */
    src_pos *notes_pos;
    int n_notes;
} model_table;

/* Builds the table of a `table:` block (node v).  Records every mistake —
 * ragged rows, overlapping spans, a values list of the wrong length, a bad
 * number format — at its node and returns NULL. */
model_table *table_model_build(arena *a, diag *d, const ynode *v);

/* Prints the table as stable text for reportc --dump model. */
void table_model_dump(const model_table *t, FILE *out);

#endif
