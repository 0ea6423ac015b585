/* table_layout.c — a table's plan: cell lines, row heights, break rules
 * (table_layout.h). */
#include "table_layout.h"

#include <string.h>

#include "linebreak.h"
#include "text_runs.h"

/* How a cell's lines sit in its box. */
static text_align cell_align(const table_plan *p, const grid_cell *gc)
{
    const model_cell *c = gc->m;
    const model_column *col = &p->g->model->columns[gc->col];
    if (c->has_align) return c->align;
    if (c->role == CELL_DATA && col->has_align) return col->align;
    switch (c->role) {
    case CELL_CORNER:
    case CELL_COL_HEAD: return p->ts->head_align;
    case CELL_ROW_HEAD: return p->ts->row_head_align;
    case CELL_DATA: break;
    }
    return c->numeric ? p->ts->number_align : p->ts->text_align;
}

static mpt_t align_offset(text_align align, mpt_t room, mpt_t w)
{
    return align == ALIGN_CENTER ? (room - w) / 2 : align == ALIGN_RIGHT ? room - w : 0;
}

/* A label opening with an enumerator — （三）, 三、 — that has to wrap
 * anyway reads better broken right after it ("（三）/不予公开", not
 * "（三）不/予公开"), when that takes no more lines. */
static int break_after_enumerator(arena *a, const table_cell_text *ct, mpt_t cw, line_range **lines, int n)
{
    const text_item *it = ct->items;
    int k = 0;
    if (ct->n_items > 3 && (it[0].cp == 0xFF08 || it[0].cp == '(')) {
        for (int i = 1; i < 5 && i < ct->n_items; i++)
            if (it[i].cp == 0xFF09 || it[i].cp == ')') {
                k = i + 1;
                break;
            }
    } else {
        for (int i = 1; i < 4 && i < ct->n_items; i++)
            if (it[i].cp == 0x3001) {   /* 、 */
                k = i + 1;
                break;
            }
    }
    if (k == 0 || k >= ct->n_items || (*lines)[0].end == k) return n;
    if (text_width(it, k) > cw) return n;
    line_range *rest;
    int m = linebreak_greedy(a, it + k, ct->n_items - k, cw, cw, &rest);
    if (1 + m > n) return n;
    line_range *out = arena_alloc(a, (size_t)(1 + m) * sizeof *out);
    out[0] = (line_range){ 0, k, text_width(it, k) };
    for (int i = 0; i < m; i++) out[1 + i] = (line_range){ rest[i].start + k, rest[i].end + k, rest[i].natural };
    *lines = out;
    return 1 + m;
}

/* A centred label that wraps breaks between words where that takes no more
 * than the `n` lines its row was made for (GB/T 9704 §7.3.1 词意完整, as
 * titles): 按期答复/率（%） rather than 按期答/复率（%）.  False on an ICU
 * failure. */
static bool words_only(const table_env *env, table_cell_text *ct, mpt_t cw, int n)
{
    text_prep tp = *env->tp;
    tp.a = env->scratch;
    uint8_t *saved = arena_alloc(tp.a, (size_t)ct->n_items + 1);
    for (int k = 0; k < ct->n_items; k++) saved[k] = ct->items[k].break_before;
    if (!text_prepare_word_breaks(&tp, ct->items, ct->n_items, cw)) return false;
    if (linebreak_count(ct->items, ct->n_items, cw, NULL) > n)
        for (int k = 0; k < ct->n_items; k++) ct->items[k].break_before = saved[k];
    return true;
}

/* Breaks cell i into lines at its column width and positions them.  Numbers
 * of a column line up on their decimal points: the column's numbers form
 * one block (widest integer part + widest fraction) placed by number-align. */
static void set_cell(const table_env *env, table_plan *p, int i, const mpt_t *int_w, const mpt_t *frac_w)
{
    const grid_cell *gc = &p->g->cells[i];
    const model_cell *c = gc->m;
    table_cell_text *ct = &p->texts[i];
    mpt_t x0 = p->col_x[gc->col] + p->ts->padding_x;
    mpt_t cw = p->col_x[gc->col + gc->colspan] - p->col_x[gc->col] - 2 * p->ts->padding_x;
    if (ct->n_items == 0) return;
    arena *tmp = env->scratch;
    /* A cell set on one line leaves its items as they are; any other may
       squeeze them or drop opportunities, so it takes its own. */
    if (ct->shared_items && ct->fit_width > cw) {
        text_item *own = arena_alloc(tmp, (size_t)ct->n_items * sizeof *own);
        memcpy(own, ct->items, (size_t)ct->n_items * sizeof *own);
        ct->items = own;
        ct->shared_items = false;
    }
    arena_mark mark = arena_save(tmp);   /* the items come before it: only this cell's lines go */
    if (ct->min_width > cw)
        diag_warning(env->d, c->pos, "widen the column (width:) or shorten the text",
                     "this text does not fit its column (%.1f mm of %.1f mm); it is cut between characters",
                     mm_from_mpt(ct->min_width), mm_from_mpt(cw));
    text_align align = cell_align(p, gc);
    line_range one, *lines = &one;
    int n = 1;
    /* Most cells fit their column: their one line as linebreak_greedy
       would set it, without its allocations. */
    if (ct->fit_width <= cw) one = (line_range){ 0, ct->n_items, ct->max_width };
    else n = linebreak_greedy(tmp, ct->items, ct->n_items, cw, cw, &lines);
    if (n > 1 && align == ALIGN_CENTER && !words_only(env, ct, cw, n)) {
        diag_internal(env->d, "layout", "ICU's word breaker failed on a table label of %d characters", ct->n_items);
        arena_restore(tmp, mark);
        return;
    }
    if (n > 1 && align == ALIGN_CENTER) {
        /* A centred label of several lines is balanced, not filled line by
           line: the narrowest measure that needs no more lines (自然/人 → 自然人 stays). */
        mpt_t hi = linebreak_balanced_width(ct->items, ct->n_items, 0, cw, n, MPT_PER_PT / 2);
        n = linebreak_greedy(tmp, ct->items, ct->n_items, hi, hi, &lines);
    } else if (n > 1) {
        n = linebreak_avoid_lone_char(tmp, ct->items, ct->n_items, cw, &lines, n);
        n = break_after_enumerator(tmp, ct, cw, &lines, n);
    }
    bool on_point = c->numeric && !c->has_align && n == 1 && gc->colspan == 1 && int_w[gc->col] > 0 &&
                   (c->role == CELL_DATA);
    mpt_t size = p->ts->cell.size;
    mpt_t baseline = (p->line_pitch - size) / 2 + (mpt_t)((int64_t)size * EM_BOX_ASCENT_PER_MILLE / 1000);
    frame_text *one_part, **parts = n == 1 ? &one_part : arena_alloc(tmp, (size_t)n * sizeof *parts);
    int one_count, *counts = n == 1 ? &one_count : arena_alloc(tmp, (size_t)n * sizeof *counts), total = 0;
    for (int k = 0; k < n; k++) {
        linebreak_squeeze(ct->items, &lines[k], cw);
        mpt_t x = x0 + align_offset(align, cw, lines[k].natural);
        if (on_point) {
            mpt_t block = int_w[gc->col] + frac_w[gc->col];
            x = x0 + align_offset(align, cw, block) + int_w[gc->col] - ct->int_width;
        }
        mpt_t max_size;
        counts[k] = text_runs_build(env->a, env->tp, ct->items, lines[k].start, lines[k].end, x, 0, &parts[k], &max_size);
        for (int j = 0; j < counts[k]; j++) parts[k][j].y = k * p->line_pitch + baseline;
        total += counts[k];
    }
    if (n == 1) {   /* the usual cell: its one line's runs are the cell's, not copied (and left behind) */
        ct->runs = parts[0];
        ct->n_runs = counts[0];
    } else {
        ct->runs = arena_alloc(env->a, (size_t)(total ? total : 1) * sizeof *ct->runs);
        for (int k = 0; k < n; k++)
            for (int j = 0; j < counts[k]; j++) ct->runs[ct->n_runs++] = parts[k][j];
    }
    ct->n_lines = n;
    ct->height = n * p->line_pitch;
    arena_restore(tmp, mark);
}

/* A head row inside the body: a row of labels heading the rows under it —
 * one label across the whole width (第二十条第（八）项) or nothing but
 * header cells (信息内容 | 本年制发件数 …), none spanning further down. */
static bool is_head_row(const table_plan *p, int r)
{
    const table_grid *t = p->g;
    int first = p->first_cell[r], last = p->first_cell[r + 1];
    if (last - first == 1 && t->cells[first].colspan == t->n_cols && t->cells[first].rowspan == 1 &&
        !t->cells[first].m->numeric)
        return true;
    int cols = 0;
    for (int i = first; i < last; i++) {
        if (t->cells[i].m->role != CELL_COL_HEAD || t->cells[i].rowspan != 1) return false;
        cols += t->cells[i].colspan;
    }
    return cols == t->n_cols;
}

/* Where a page may start inside the table: not inside the header rows nor
 * before the first body row (a header never stands alone at a page
 * bottom), not right after a head row inside the body (a block label stays
 * with the rows it heads), and not where a spanning row label would get
 * less height than its text above the break.  Below it the label is drawn
 * again, whole: where its rows there are shorter than its text, they grow
 * (break_grow, spread evenly over the rows of the label that lacks most),
 * and the page breaker weighs that growth against the white space an
 * earlier break would leave (paginate.c). */
static void mark_breaks(const table_plan *p, bool *ok)
{
    const table_grid *t = p->g;
    for (int r = 0; r < t->n_rows; r++) ok[r] = r == 0 || r > t->header_rows;
    if (t->header_rows == 0 && t->n_rows > 1) ok[1] = t->n_rows == 2;  /* no lone first row either */
    /* Nor a lone last row under repeated headers on a page of its own (a widow). */
    if (t->n_rows - t->header_rows > 2) ok[t->n_rows - 1] = false;
    for (int r = t->header_rows; r + 1 < t->n_rows; r++)
        if (is_head_row(p, r)) ok[r + 1] = false;
    mpt_t pad2 = 2 * p->ts->padding_y;
    mpt_t *deficit = p->break_grow;   /* first the largest shortfall below each break, then the growth */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < t->n_cells; i++) {
            const grid_cell *c = &t->cells[i];
            if (c->rowspan == 1 || c->row < t->header_rows) continue;
            int end = c->row + c->rowspan;
            mpt_t need = p->texts[i].height + pad2, total = table_rows_height(p, c->row, end), above = 0;
            for (int r = c->row + 1; r < end; r++) {
                above += p->row_h[r - 1];
                if (pass == 0 && above < need) ok[r] = false;
                mpt_t lack = need - (total - above);
                if (lack <= 0) continue;
                if (pass == 0 && lack > deficit[r]) {
                    deficit[r] = lack;
                    p->grow_rows[r] = end - r;
                } else if (pass == 1) {
                    /* Its share of growth spread over grow_rows[r] rows must cover its lack. */
                    int k = p->grow_rows[r], mine = (end < r + k ? end : r + k) - r;
                    mpt_t grow = (mpt_t)(((int64_t)lack * k + mine - 1) / mine);
                    if (grow > p->break_grow[r]) p->break_grow[r] = grow;
                }
            }
        }
}

/* The lines [from, to) of a set cell, moved up to start at the top. */
static table_cell_text cell_lines(arena *a, const table_cell_text *ct, mpt_t pitch, int from, int to)
{
    table_cell_text part = *ct;
    part.runs = arena_alloc(a, (size_t)(ct->n_runs ? ct->n_runs : 1) * sizeof *part.runs);
    part.n_runs = 0;
    for (int k = 0; k < ct->n_runs; k++) {
        int line = ct->runs[k].y / pitch;
        if (line < from || line >= to) continue;
        part.runs[part.n_runs] = ct->runs[k];
        part.runs[part.n_runs++].y -= from * pitch;
    }
    if (to > ct->n_lines) to = ct->n_lines;
    part.n_lines = to > from ? to - from : 0;
    part.height = part.n_lines * pitch;
    return part;
}

/* The last resort for a body row taller than a page (under its repeated
 * headers): it becomes several rows of as many lines as a page holds, its
 * cells cut between lines; cells spanning it from other rows grow. */
static void split_tall_rows(const table_env *env, table_plan *p)
{
    const table_grid *t = p->g;
    arena *a = env->a;
    mpt_t pad2 = 2 * p->ts->padding_y;
    int per_band = (env->page_height - p->header_height - p->continued_height - pad2) / p->line_pitch;
    if (per_band < 1) return;
    arena_mark mark = arena_save(env->scratch);
    int *bands = arena_alloc(env->scratch, (size_t)t->n_rows * sizeof *bands);
    int *lines = arena_alloc(env->scratch, (size_t)t->n_rows * sizeof *lines);
    for (int i = 0; i < t->n_cells; i++)
        if (t->cells[i].rowspan == 1 && p->texts[i].n_lines > lines[t->cells[i].row])
            lines[t->cells[i].row] = p->texts[i].n_lines;
    int extra_rows = 0, extra_cells = 0;
    for (int r = 0; r < t->n_rows; r++) {
        bands[r] = r < t->header_rows || lines[r] <= per_band ? 1 : (lines[r] + per_band - 1) / per_band;
        extra_rows += bands[r] - 1;
    }
    if (extra_rows == 0) {
        arena_restore(env->scratch, mark);
        return;
    }
    for (int i = 0; i < t->n_cells; i++)
        if (t->cells[i].rowspan == 1 && p->texts[i].n_lines > per_band) extra_cells += bands[t->cells[i].row] - 1;
    table_grid *nt = arena_alloc(a, sizeof *nt);
    *nt = *t;
    nt->n_rows = t->n_rows + extra_rows;
    nt->cells = arena_alloc(a, (size_t)(t->n_cells + extra_cells) * sizeof *nt->cells);
    table_cell_text *texts = arena_alloc(a, (size_t)(t->n_cells + extra_cells) * sizeof *texts);
    int *first_new = arena_alloc(env->scratch, (size_t)(t->n_rows + 1) * sizeof *first_new);
    for (int r = 0; r < t->n_rows; r++) first_new[r + 1] = first_new[r] + bands[r];
    int n = 0;
    for (int i = 0; i < t->n_cells;) {
        int row = t->cells[i].row, end = i;
        while (end < t->n_cells && t->cells[end].row == row) end++;
        if (bands[row] > 1)
            diag_warning(env->d, t->cells[i].m->pos, "shorten the texts of this row or widen its columns",
                         "this table row is taller than a page: it is split between lines over %d pages", bands[row]);
        /* Band by band, each in column order: cells stay sorted by row and column. */
        for (int b = 0; b < bands[row]; b++)
            for (int k = i; k < end; k++) {
                const grid_cell *c = &t->cells[k];
                /* Only the cells too tall for a page are cut; the others
                   (its label, its numbers) span the pieces and so appear,
                   centred, on every page of the row. */
                bool split = c->rowspan == 1 && bands[row] > 1 && p->texts[k].n_lines > per_band;
                if (!split && b > 0) continue;
                grid_cell *nc = &nt->cells[n];
                *nc = *c;
                nc->row = first_new[row] + b;
                if (split) {
                    texts[n] = cell_lines(a, &p->texts[k], p->line_pitch, b * per_band, (b + 1) * per_band);
                } else {
                    nc->rowspan = first_new[c->row + c->rowspan] - first_new[c->row];
                    texts[n] = p->texts[k];
                }
                n++;
            }
        i = end;
    }
    nt->n_cells = n;
    p->g = nt;
    p->texts = texts;
    mpt_t *cell_h = arena_alloc(env->scratch, (size_t)n * sizeof *cell_h);
    for (int i = 0; i < n; i++) cell_h[i] = texts[i].height;
    p->row_h = arena_alloc(a, (size_t)nt->n_rows * sizeof *p->row_h);
    table_row_heights(p, cell_h, p->row_h);
    arena_restore(env->scratch, mark);
}

/* The model's grid as the layout's own, which split_tall_rows may extend. */
static const table_grid *grid_of(arena *a, const model_table *mt)
{
    table_grid *g = arena_alloc(a, sizeof *g);
    *g = (table_grid){ mt->n_rows, mt->n_cols, mt->header_rows, mt->head_cols, NULL, mt->n_cells, mt };
    g->cells = arena_alloc(a, (size_t)(mt->n_cells ? mt->n_cells : 1) * sizeof *g->cells);
    for (int i = 0; i < mt->n_cells; i++) {
        const model_cell *c = &mt->cells[i];
        g->cells[i] = (grid_cell){ c->row, c->col, c->rowspan, c->colspan, c, i };
    }
    return g;
}

table_plan *table_plan_build(const table_env *env, const model_table *mt)
{
    arena *a = env->a;
    table_plan *p = arena_alloc(a, sizeof *p);
    const table_grid *t = p->g = grid_of(a, mt);
    p->block = env->block;
    p->ts = env->ts;
    p->left = env->left;
    p->width = env->width;
    p->line_pitch = (mpt_t)((int64_t)p->ts->cell.size * p->ts->line_height_permille / 1000);
    arena_mark mark = arena_save(env->scratch);
    if (!table_measure(env, p) || !table_solve_widths(env, p)) {
        arena_restore(env->scratch, mark);
        return NULL;
    }

    /* The decimal-point block of every column. */
    mpt_t *int_w = arena_alloc(env->scratch, (size_t)t->n_cols * sizeof *int_w);
    mpt_t *frac_w = arena_alloc(env->scratch, (size_t)t->n_cols * sizeof *frac_w);
    for (int i = 0; i < t->n_cells; i++) {
        const grid_cell *c = &t->cells[i];
        if (!c->m->numeric || c->colspan != 1 || c->m->role != CELL_DATA) continue;
        mpt_t iw = p->texts[i].int_width, fw = p->texts[i].max_width - iw;
        if (iw > int_w[c->col]) int_w[c->col] = iw;
        if (fw > frac_w[c->col]) frac_w[c->col] = fw;
    }
    mpt_t *cell_h = arena_alloc(env->scratch, (size_t)(t->n_cells ? t->n_cells : 1) * sizeof *cell_h);
    for (int i = 0; i < t->n_cells; i++) {
        set_cell(env, p, i, int_w, frac_w);
        cell_h[i] = p->texts[i].height;
    }
    p->row_h = arena_alloc(a, (size_t)t->n_rows * sizeof *p->row_h);
    table_row_heights(p, cell_h, p->row_h);
    arena_restore(env->scratch, mark);   /* the items are gone: only lines and runs remain */
    for (int i = 0; i < t->n_cells; i++) p->texts[i].items = NULL;

    p->header_height = table_rows_height(p, 0, t->header_rows);
    if (p->ts->continued && t->header_rows > 0) {
        text_span span = { { p->ts->continued, strlen(p->ts->continued), p->ts->cell.font_role_pos, false, NULL, 0 },
                           env->caption_role, p->ts->caption.size, FRAME_PART_BODY };
        text_item *items;
        int n = text_prepare(env->tp, &span, 1, &items);
        if (n < 0) return NULL;
        if (n > 0) {
            mpt_t w = text_width(items, n), max_size;
            mpt_t x = p->left + align_offset(p->ts->continued_align, p->width, w);
            p->n_continued = text_runs_build(a, env->tp, items, 0, n, x, 0, &p->continued, &max_size);
            p->continued_height = (mpt_t)((int64_t)p->ts->caption.size * p->ts->continued_height_permille / 1000);
        }
    }
    split_tall_rows(env, p);
    t = p->g;

    p->slot_owner = arena_alloc(a, (size_t)t->n_rows * (size_t)t->n_cols * sizeof *p->slot_owner);
    p->first_cell = arena_alloc(a, (size_t)(t->n_rows + 1) * sizeof *p->first_cell);
    for (int i = 0; i < t->n_cells; i++) {
        const grid_cell *c = &t->cells[i];
        for (int r = c->row; r < c->row + c->rowspan; r++)
            for (int k = c->col; k < c->col + c->colspan; k++) p->slot_owner[r * t->n_cols + k] = i;
        p->first_cell[c->row + 1]++;
    }
    for (int r = 0; r < t->n_rows; r++) p->first_cell[r + 1] += p->first_cell[r];
    p->break_ok = arena_alloc(a, (size_t)t->n_rows * sizeof *p->break_ok);
    p->break_grow = arena_alloc(a, (size_t)t->n_rows * sizeof *p->break_grow);
    p->grow_rows = arena_alloc(a, (size_t)t->n_rows * sizeof *p->grow_rows);
    mark_breaks(p, p->break_ok);
    return p;
}
