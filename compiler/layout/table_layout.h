/* table_layout.h — a table's geometry: column widths, cell lines, row heights,
 * and drawing any run of its rows as one piece of a page.
 *
 * Four files, one step each, each calling only the ones above it:
 *   table_rows.c    row heights from cell heights; lines a cell needs
 *   table_widths.c  min/max-content of every cell and the column widths
 *   table_layout.c  cell text broken into lines, row heights, where a page may break
 *   table_draw.c    rules and text of rows [r0, r1) at a given height on a page
 * The flow (flow_blocks.c, paginate.c) decides where pages break and asks
 * for the pieces. */
#ifndef REPORTC_TABLE_LAYOUT_H
#define REPORTC_TABLE_LAYOUT_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "frame.h"
#include "model/model_table.h"
#include "parse/style.h"
#include "text_prepare.h"

/* A cell as the layout sets it: the model's cell (text, role, alignment)
 * at a place in the grid.  The grid is the model's, with rows added where a
 * row taller than a page is cut between lines (table_layout.c). */
typedef struct grid_cell {
    int row, col;
    int rowspan, colspan;
    const model_cell *m;
    int index;                    /* of m in the model table's cells (for tags) */
} grid_cell;

typedef struct table_grid {
    int n_rows, n_cols;
    int header_rows, head_cols;
    grid_cell *cells;             /* ordered by (row, col) */
    int n_cells;
    const model_table *model;     /* columns, position */
} table_grid;

/* One cell's text, measured (table_widths.c) and set (table_layout.c). */
typedef struct table_cell_text {
    text_item *items;             /* in the scratch arena while the plan is built; NULL after */
    int n_items;
    bool one_line;                /* no break opportunity: one line at any width to the solver */
    bool shared_items;            /* the items are also other cells' (the same text): a cell
                                     whose setting changes them takes its own copy first */
    mpt_t min_width, max_width;   /* content only, padding excluded */
    mpt_t int_width;              /* up to the decimal point (numbers align on it) */
    mpt_t fit_width;              /* at this content width or wider, one line (greedy fill) */
    frame_text *runs;             /* x absolute; y: baseline below the block's top */
    int n_runs;
    int n_lines;
    mpt_t height;                 /* of the set lines, padding excluded */
} table_cell_text;

typedef struct table_plan {
    const table_grid *g;
    const table_style *ts;
    int block;                    /* the model block (for tags) */
    mpt_t left, width;            /* the text block's left edge and width */
    mpt_t line_pitch;             /* of cell lines */
    mpt_t *col_x;                 /* n_cols + 1 edges from the page's left */
    mpt_t *row_h;                 /* n_rows: heights, rules included */
    table_cell_text *texts;       /* parallel to g->cells */
    int *slot_owner;              /* n_rows × n_cols: the cell covering each slot */
    int *first_cell;              /* n_rows + 1: cells whose top row is r are [first_cell[r], first_cell[r+1]) */
    bool *break_ok;               /* n_rows: a page may start before row r */
    mpt_t *break_grow;            /* n_rows: when a page starts before row r, the height its first
                                     rows gain so that every row label continued there shows whole */
    int *grow_rows;               /* n_rows: how many rows from r share break_grow[r], evenly */
    mpt_t header_height;          /* the column-header rows */
    frame_text *continued;        /* the "续表" label: runs at baseline 0 */
    int n_continued;
    mpt_t continued_height;       /* 0 without a label */
} table_plan;

/* What laying out a table needs from the flow. */
typedef struct table_env {
    arena *a;                     /* the plan */
    arena *scratch;               /* measuring and solving; released before returning */
    diag *d;
    const text_prep *tp;
    const table_style *ts;
    int cell_role, caption_role;  /* font-set roles of the table and caption styles */
    mpt_t left, width;            /* the text block */
    mpt_t page_height;            /* the text block's height: the tallest a row may be */
    int block;                    /* the model block */
} table_env;

/* ---- table_rows.c ---- */
/* Row heights from the content heights of the cells (padding excluded):
 * each row as tall as its tallest one-row cell, then a spanning cell that
 * needs more than its rows give shares the difference evenly among them. */
void table_row_heights(const table_plan *p, const mpt_t *cell_h, mpt_t *row_h);
/* The height of rows [r0, r1). */
mpt_t table_rows_height(const table_plan *p, int r0, int r1);
/* What row r gains in a piece that starts a page before row r0 (its share
 * of break_grow[r0]; 0 outside the rows that share it). */
mpt_t table_row_growth(const table_plan *p, int r0, int r);
/* Lines a cell needs at content width w (greedy fill, as the final setting
 * does), and whether the last holds a lone character; for the width solver. */
int table_count_lines(const table_cell_text *c, mpt_t w, bool *lone_last);

/* ---- table_widths.c ---- */
/* Measures every cell (items, min/max-content widths).  False after an
 * internal error. */
bool table_measure(const table_env *env, table_plan *p);
/* Solves the column widths into p->col_x.  A table that cannot fit the text
 * block even at its narrowest is an error at the table. */
bool table_solve_widths(const table_env *env, table_plan *p);

/* ---- table_layout.c ---- */
/* Builds the whole plan: measure, widths, lines, row heights, break rules.
 * Returns NULL on error (diagnostics recorded). */
table_plan *table_plan_build(const table_env *env, const model_table *t);

/* ---- table_draw.c ---- */
/* Draws rows [r0, r1) with their top at y (from the page's top).  `top_edge`:
 * the first row's top rule is the table's frame (not a rule under a repeated
 * header); `bottom_edge`: close the piece with the frame below r1;
 * `repeated`: the piece repeats rows already drawn (a continued table's
 * headers: tagged as furniture); `grown`: the piece starts a continuation
 * page, its first rows taller by break_grow[r0].  A cell spanning rows
 * outside the piece is drawn over the part inside it, with its whole text
 * centred there. */
void table_draw_rows(const table_plan *p, int r0, int r1, mpt_t y, bool top_edge, bool bottom_edge, bool repeated,
                     bool grown, frame_sink *out);

#endif
