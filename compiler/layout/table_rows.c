/* table_rows.c — row heights and the lines of a cell (table_layout.h):
 * what both the width solver and the final setting measure. */
#include "table_layout.h"

#include "linebreak.h"

void table_row_heights(const table_plan *p, const mpt_t *cell_h, mpt_t *row_h)
{
    const table_grid *t = p->g;
    mpt_t pad2 = 2 * p->ts->padding_y, least = p->line_pitch + pad2;
    for (int r = 0; r < t->n_rows; r++) row_h[r] = least;
    for (int i = 0; i < t->n_cells; i++) {
        const grid_cell *c = &t->cells[i];
        if (c->rowspan == 1 && cell_h[i] + pad2 > row_h[c->row]) row_h[c->row] = cell_h[i] + pad2;
    }
    for (int i = 0; i < t->n_cells; i++) {
        const grid_cell *c = &t->cells[i];
        if (c->rowspan == 1) continue;
        mpt_t have = 0, need = cell_h[i] + pad2;
        for (int r = c->row; r < c->row + c->rowspan; r++) have += row_h[r];
        if (need <= have) continue;
        mpt_t extra = need - have, each = extra / c->rowspan;
        for (int r = c->row; r < c->row + c->rowspan; r++) row_h[r] += each;
        row_h[c->row + c->rowspan - 1] += extra - each * c->rowspan;
    }
}

mpt_t table_rows_height(const table_plan *p, int r0, int r1)
{
    mpt_t h = 0;
    for (int r = r0; r < r1; r++) h += p->row_h[r];
    return h;
}

mpt_t table_row_growth(const table_plan *p, int r0, int r)
{
    int k = p->grow_rows ? p->grow_rows[r0] : 0;
    if (k == 0 || r < r0 || r >= r0 + k) return 0;
    mpt_t each = p->break_grow[r0] / k;
    return r == r0 + k - 1 ? p->break_grow[r0] - each * (k - 1) : each;
}

int table_count_lines(const table_cell_text *c, mpt_t w, bool *lone_last)
{
    *lone_last = false;
    if (c->n_items == 0) return 0;
    if (c->one_line || w >= c->fit_width) return 1;   /* unbreakable, or fits (table_measure) */
    return linebreak_count(c->items, c->n_items, w, lone_last);
}
