/* model_table.h — a table of the report as a grid of spanning cells.
 *
 * A table is written either as two header trees (columns and rows) or as a
 * free grid of cells with explicit spans; both resolve here to the same
 * plain grid, checked: every slot covered by exactly one cell.  Numbers are
 * set as their column's format says (exactly: base/decimal.h). */
#ifndef REPORTC_MODEL_TABLE_H
#define REPORTC_MODEL_TABLE_H

#include <stdbool.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/decimal.h"
#include "base/diag.h"
#include "parse/style.h"
#include "parse/syntax.h"

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
    src_pos pos;            /* of its text in the source */
    bool exact_cols;        /* character i of utf8 is i characters after pos */
    bool numeric;           /* a number: aligned on its decimal point in its column */
    bool has_align;         /* an explicit alignment below */
    text_align align;
} model_cell;

/* Per column (leaf columns; the row-header columns of a tree table take
 * head-widths). */
typedef struct model_column {
    width_kind width;
    mpt_t fixed;            /* WIDTH_FIXED */
    int permille;           /* WIDTH_PERCENT: of the text width; WIDTH_FRACTION: weight × 1000 */
    bool has_align;
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

/* A value a caller gives for a cell instead of what the table says (the
 * template's numbers, stated by the report or computed). */
typedef struct table_value {
    bool present;           /* false: an empty cell */
    decimal number;
    src_pos pos;
    const syn_scalar *written;  /* the report's number as written, or NULL when computed */
} table_value;

typedef struct table_values {
    /* Header trees: the values of leaf row r, leaf column c at [r * n_cols + c]. */
    const table_value *leaf;
    int n_leaf_cols;
    /* Grids: the value of a cell with a `data` hole. */
    const table_value *(*hole)(void *ctx, const syn_cell *cell);
    void *ctx;
} table_values;

/* Builds the table of a `table:` block.  `values` (NULL for a report's own
 * tables) supplies a template's numbers.  Records every mistake — ragged
 * rows, overlapping spans, a values list of the wrong length, a number its
 * column cannot print — at its position and returns NULL. */
model_table *model_table_build(arena *a, diag *d, const syn_table *t, const table_values *values);


/* Prints the table as stable text for reportc --dump model. */
void model_table_dump(const model_table *t, FILE *out);

#endif
