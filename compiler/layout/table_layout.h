/* table_layout.h — a table's geometry: column widths, cell lines, row heights,
 * and drawing any run of its rows as one piece of a page.
 *
 * Three files, one step each:
 *   table_widths.c  min/max-content of every cell and the column widths
 *   table_layout.c  cell text broken into lines, row heights, where a page may break
 *   table_draw.c    rules and text of rows [r0, r1) at a given height on a page
 * The flow (flow.c) decides where pages break and asks for the pieces. */
#ifndef REPORTC_TABLE_LAYOUT_H
#define REPORTC_TABLE_LAYOUT_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "frame.h"
#include "parse/style.h"
#include "model/table_model.h"
#include "text_prepare.h"

/* One cell's text, measured (table_widths.c) and set (table_layout.c). */
typedef struct table_cell_text {
    text_item *items;             /* NULL once set, or when unbreakable (prepared again to set) */
    int n_items;
    bool items_temporary;
    mpt_t min_width, max_width;   /* content only, padding excluded */
    mpt_t int_width;              /* up to the decimal point (numbers align on it) */
    frame_text *runs;             /* x absolute; y: baseline below the block's top */
    int n_runs;
    int n_lines;
    mpt_t height;                 /* of the set lines, padding excluded */
} table_cell_text;

typedef struct table_plan {
    const model_table *t;
    const table_style *ts;
    mpt_t left, width;            /* the text block's left edge and width */
    mpt_t line_pitch;             /* of cell lines */
    mpt_t *col_x;                 /* n_cols + 1 edges from the page's left */
    mpt_t *row_h;                 /* n_rows: heights, rules included */
    table_cell_text *texts;       /* parallel to t->cells */
    int *slot_owner;              /* n_rows × n_cols: the cell covering each slot */
    int *first_cell;              /* n_rows + 1: cells whose top row is r are [first_cell[r], first_cell[r+1]) */
    bool *break_ok;               /* n_rows: a page may start before row r */
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
} table_env;

/* Measures every cell (items, min/max-content widths).  False on an ICU failure. */
bool table_measure(const table_env *env, table_plan *p);

/* Solves the column widths into p->col_x.  A table that cannot fit the text
 * block even at its narrowest is an error at the table. */
bool table_solve_widths(const table_env *env, table_plan *p);

/* Builds the whole plan: measure, widths, lines, row heights, break rules.
 * Returns NULL on error (diagnostics recorded). */
table_plan *table_plan_build(const table_env *env, const model_table *t);

/* Row heights from the content heights of the cells (padding excluded):
 * each row as tall as its tallest one-row cell, then a spanning cell that
 * needs more than its rows give shares the difference evenly among them. */
void table_row_heights(const table_plan *p, const mpt_t *cell_h, mpt_t *row_h);

/* Lines a cell needs at content width w (greedy fill, as the final setting
 * does), and whether the last holds a lone character; for the width solver. */
int table_count_lines(const table_cell_text *c, mpt_t w, bool *lone_last);

/* Appends frame items to a page. */
typedef struct frame_sink {
    arena *a;
    frame_page *page;
    int cap;
    arena *scratch;               /* for a piece's working memory */
} frame_sink;

void frame_sink_push(frame_sink *s, frame_item item);

/* Draws rows [r0, r1) with their top at y (from the page's top).  `top_edge`:
 * the first row's top rule is the table's frame (not a rule under a repeated
 * header); `bottom_edge`: close the piece with the frame below r1.  A cell
 * spanning rows outside the piece is drawn over the part inside it, with
 * its whole text centred there. */
void table_draw_rows(const table_plan *p, int r0, int r1, mpt_t y, bool top_edge, bool bottom_edge, frame_sink *out);

/* The height of rows [r0, r1). */
mpt_t table_rows_height(const table_plan *p, int r0, int r1);

#endif
