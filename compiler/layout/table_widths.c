/* table_widths.c — measuring cells and solving column widths (table_layout.h).
 *
 * The model is CSS's automatic table layout: every cell has a min-content
 * width (its widest unbreakable stretch — one character of Chinese text,
 * a whole number, a whole Latin word) and a max-content width (all on one
 * line); spanning cells spread theirs over their columns.  A table is set
 * to the full text block.  When the max-content widths do not all fit, the
 * room between min and max goes where it shortens the table most: a step of
 * width at a time to the column whose cells then need the fewest lines, so
 * short labels stay whole and long ones wrap. */
#include "table_layout.h"

#include <stdint.h>
#include <string.h>

#include "linebreak.h"

/* Cells of the same text, found by hashing it: a big table repeats its
 * numbers and labels, and preparing a text is most of measuring it. */
typedef struct text_seen {
    int *first;           /* per slot: 1 + the first cell of a text; 0 when empty */
    size_t mask;
} text_seen;

static uint64_t text_hash(const char *s, size_t n)
{
    uint64_t h = 14695981039346656037u;   /* FNV-1a */
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

/* The slot of c's text: holding an earlier cell of the same text, or empty. */
static int *seen_slot(const text_seen *seen, const table_grid *t, const model_cell *c)
{
    for (size_t k = (size_t)text_hash(c->utf8, c->len) & seen->mask;; k = (k + 1) & seen->mask) {
        int *slot = &seen->first[k];
        if (*slot == 0) return slot;
        const model_cell *o = t->cells[*slot - 1].m;
        if (o->len == c->len && memcmp(o->utf8, c->utf8, c->len) == 0) return slot;
    }
}

/* The narrowest measure at which greedy filling (linebreak.c) puts
 * items[0..n) on one line: every character, with all before it, within
 * it.  Without a space at either end (text_prepare drops them), else never. */
static mpt_t fit_width(const text_item *items, int n)
{
    if (n == 0 || items[0].space || items[n - 1].space) return INT32_MAX;
    mpt_t w = 0, fit = 0;
    for (int k = 0; k < n; k++) {
        if (!items[k].space && w + items[k].advance > fit) fit = w + items[k].advance;
        w += items[k].advance + items[k].gap_after;
    }
    return fit;
}

bool table_measure(const table_env *env, table_plan *p)
{
    const table_grid *t = p->g;
    p->texts = arena_alloc(env->a, (size_t)(t->n_cells ? t->n_cells : 1) * sizeof *p->texts);
    text_prep tp = *env->tp;
    tp.a = env->scratch;          /* items live only while the plan is built */
    text_seen seen = { NULL, 1 };
    while (seen.mask < 2 * (size_t)t->n_cells) seen.mask <<= 1;
    seen.first = arena_alloc(env->scratch, seen.mask * sizeof *seen.first);
    seen.mask--;
    for (int i = 0; i < t->n_cells; i++) {
        const model_cell *c = t->cells[i].m;
        table_cell_text *ct = &p->texts[i];
        if (c->len == 0) continue;
        /* A text seen before shares its measures and items (set_cell copies
           them before changing them) — unless preparing it had something
           to say: then every cell of it says it, at its place. */
        int *slot = seen_slot(&seen, t, c);
        if (*slot) {
            table_cell_text *first = &p->texts[*slot - 1];
            first->shared_items = true;
            *ct = *first;
            continue;
        }
        int said = env->d->errors + env->d->warnings + env->d->failures;
        text_span span = { { c->utf8, c->len, c->pos, c->exact_cols, NULL, 0 }, env->cell_role, p->ts->cell.size, FRAME_PART_BODY };
        /* The items are kept for setting the cell (table_layout.c): preparing
           is most of a big table's layout, so it is done once. */
        int n = text_prepare(&tp, &span, 1, &ct->items);
        if (n < 0) return false;
        if (env->d->errors + env->d->warnings + env->d->failures == said) *slot = i + 1;
        ct->n_items = n;
        ct->max_width = text_width(ct->items, n);
        for (int k = 0; k < n && ct->items[k].cp != '.'; k++) ct->int_width += ct->items[k].advance + ct->items[k].gap_after;
        /* The widest stretch between two break opportunities. */
        ct->min_width = linebreak_widest_stretch(ct->items, n);
        bool breakable = false;
        for (int k = 1; k < n && !breakable; k++) breakable = ct->items[k].break_before;
        /* A cell that cannot break (a number, a short word) is always one
           line to the width solver (most cells of a big table). */
        ct->one_line = !breakable;
        ct->fit_width = fit_width(ct->items, n);
    }
    return true;
}


/* Raises the columns [c0, c1) so that together they are at least `need`,
 * spreading the shortfall in proportion to `weight` (evenly if all zero). */
static void spread(mpt_t *w, const mpt_t *weight, int c0, int c1, mpt_t need)
{
    if (c1 - c0 == 1) {   /* one column takes the whole shortfall: most cells, so at once */
        if (need > w[c0]) w[c0] = need;
        return;
    }
    mpt_t have = 0, total = 0;
    for (int c = c0; c < c1; c++) have += w[c], total += weight[c];
    if (need <= have) return;
    mpt_t extra = need - have, given = 0;
    for (int c = c0; c < c1; c++) {
        mpt_t share = total > 0 ? (mpt_t)((int64_t)extra * weight[c] / total) : extra / (c1 - c0);
        w[c] += share;
        given += share;
    }
    w[c1 - 1] += extra - given;
}

/* What the search remembers of a cell's lines at the widths it tried: each
 * round tries the same widths again for every column but the one it
 * widened, so most counts are answered from here. */
enum { LINE_CACHE_WAYS = 4 };
typedef struct line_cache {
    mpt_t width[LINE_CACHE_WAYS];
    int lines[LINE_CACHE_WAYS];
    bool lone[LINE_CACHE_WAYS];
    int used, next;
} line_cache;

/* The state of the height-minimising search.  The table's cost is kept as
 * sums over row groups — rows tied together by cells spanning them, whose
 * heights depend on each other and on nothing else — so that a trial, which
 * changes the lines of one column's cells, measures again only the groups
 * holding those cells (with the same arithmetic as table_row_heights, group
 * by group: the sums come out the same). */
typedef struct solver {
    const table_env *env;
    table_plan *p;
    mpt_t *w;             /* current column widths */
    int *lines;           /* per cell at the current widths */
    int *trial;           /* per cell, for a trial width */
    bool *lone, *trial_lone; /* the last line holds a lone character (孤字) */
    /* The cells of each column that may still lose a line (more than one
       at the start: a cell of one line never changes): [col_first[c], col_first[c+1]). */
    int *col_cells;
    int *col_first;
    line_cache *cache;    /* parallel to col_cells */
    mpt_t pad2;
    int *row_cells;       /* n_rows + 1: cells whose top row is r are [row_cells[r], row_cells[r+1]) */
    int *row_group;       /* the group of each row */
    mpt_t *base;          /* per row: its height from its one-row cells, at the current lines */
    mpt_t *trial_base;    /* the same, at the trial's lines in the rows it touches */
    mpt_t *row_h;         /* a group's row heights while it is measured */
    int n_groups;
    int *group_row;       /* n_groups + 1: group g is rows [group_row[g], group_row[g+1]) */
    int *group_span;      /* its spanning cells, in table order: [span_first[g], span_first[g+1]) */
    int *span_first;
    int64_t *group_h;     /* per group: its height at the current lines */
    int64_t height, extra; /* the table's height and its broken-label cost at the current lines */
    int stamp;            /* of the current trial, for row_seen and group_seen */
    int *row_seen, *group_seen;
    int *touched_rows, *touched_groups;
} solver;

static mpt_t span_width(const solver *s, const grid_cell *c)
{
    mpt_t w = 0;
    for (int k = c->col; k < c->col + c->colspan; k++) w += s->w[k];
    return w;
}

/* The cost of a cell's broken lines, weighed as the layout says
 * (table.width-solver): a little for a body cell (among equally tall
 * tables, the one breaking fewer labels), as much as a few rows for a
 * header label (headers repeat on every page, and a header stacked a
 * character per line is hard to read), and a row's worth for a lone last
 * character (clreq §5). */
static int64_t cell_extra(const solver *s, int i, int lines, bool lone)
{
    const table_solver_style *w = &s->p->ts->solver;
    if (lines <= 1) return 0;
    return (int64_t)(lines - 1) * (s->p->g->cells[i].m->role == CELL_COL_HEAD ? w->head_break : w->body_break) +
           (lone ? w->lone_char : 0);
}

/* Row r's height from its one-row cells at `lines` (as table_row_heights). */
static mpt_t row_base(const solver *s, int r, const int *lines)
{
    const table_plan *p = s->p;
    mpt_t pad2 = 2 * p->ts->padding_y, h = p->line_pitch + pad2;
    for (int i = s->row_cells[r]; i < s->row_cells[r + 1]; i++) {
        mpt_t cell_h = lines[i] * p->line_pitch;
        if (p->g->cells[i].rowspan == 1 && cell_h + pad2 > h) h = cell_h + pad2;
    }
    return h;
}

/* Group g's height from its rows' `base` heights and its spanning cells at
 * `lines`: each spanning cell that needs more than its rows give shares
 * the difference evenly among them (as table_row_heights). */
static int64_t group_height(solver *s, int g, const mpt_t *base, const int *lines)
{
    const table_plan *p = s->p;
    mpt_t pad2 = 2 * p->ts->padding_y, *row_h = s->row_h;
    int r0 = s->group_row[g], r1 = s->group_row[g + 1];
    for (int r = r0; r < r1; r++) row_h[r] = base[r];
    for (int k = s->span_first[g]; k < s->span_first[g + 1]; k++) {
        int i = s->group_span[k];
        const grid_cell *c = &p->g->cells[i];
        mpt_t cell_h = lines[i] * p->line_pitch;
        mpt_t have = 0, need = cell_h + pad2;
        for (int r = c->row; r < c->row + c->rowspan; r++) have += row_h[r];
        if (need <= have) continue;
        mpt_t extra = need - have, each = extra / c->rowspan;
        for (int r = c->row; r < c->row + c->rowspan; r++) row_h[r] += each;
        row_h[c->row + c->rowspan - 1] += extra - each * c->rowspan;
    }
    int64_t h = 0;
    for (int r = r0; r < r1; r++) h += row_h[r];
    return h;
}

/* Table height at the current lines per cell, plus the cost of every broken
 * label: the height weighed by the layout's height_weight. */
static int64_t cost_of(const solver *s, int64_t height, int64_t extra)
{
    return height * s->p->ts->solver.height_weight + extra * s->p->line_pitch;
}

/* The cost with the trial lines of column c's cells (s->trial); with `keep`
 * they become the current lines. */
static int64_t measure_trial(solver *s, int c, bool keep)
{
    const table_grid *t = s->p->g;
    int n_rows = 0, n_groups = 0;
    int64_t extra = s->extra, height = s->height;
    s->stamp++;
    for (int k = s->col_first[c]; k < s->col_first[c + 1]; k++) {
        int i = s->col_cells[k], r = t->cells[i].row, g = s->row_group[r];
        if (s->trial[i] == s->lines[i] && s->trial_lone[i] == s->lone[i]) continue;
        extra += cell_extra(s, i, s->trial[i], s->trial_lone[i]) - cell_extra(s, i, s->lines[i], s->lone[i]);
        if (t->cells[i].rowspan == 1 && s->row_seen[r] != s->stamp) {
            s->row_seen[r] = s->stamp;
            s->touched_rows[n_rows++] = r;
        }
        if (s->group_seen[g] != s->stamp) {
            s->group_seen[g] = s->stamp;
            s->touched_groups[n_groups++] = g;
        }
    }
    for (int k = 0; k < n_rows; k++) s->trial_base[s->touched_rows[k]] = row_base(s, s->touched_rows[k], s->trial);
    for (int k = 0; k < n_groups; k++) {
        int g = s->touched_groups[k];
        int64_t h = group_height(s, g, s->trial_base, s->trial);
        height += h - s->group_h[g];
        if (keep) s->group_h[g] = h;
    }
    for (int k = 0; k < n_rows; k++) {
        int r = s->touched_rows[k];
        if (keep) s->base[r] = s->trial_base[r];
        else s->trial_base[r] = s->base[r];
    }
    if (keep) {
        for (int k = s->col_first[c]; k < s->col_first[c + 1]; k++) {
            s->lines[s->col_cells[k]] = s->trial[s->col_cells[k]];
            s->lone[s->col_cells[k]] = s->trial_lone[s->col_cells[k]];
        }
        s->height = height;
        s->extra = extra;
    }
    return cost_of(s, height, extra);
}

/* table_count_lines through the entry's cache. */
static int cached_lines(const solver *s, int k, mpt_t w, bool *lone)
{
    line_cache *lc = &s->cache[k];
    for (int j = 0; j < lc->used; j++)
        if (lc->width[j] == w) {
            *lone = lc->lone[j];
            return lc->lines[j];
        }
    int n = table_count_lines(&s->p->texts[s->col_cells[k]], w, lone);
    int j = lc->used < LINE_CACHE_WAYS ? lc->used++ : lc->next;
    lc->next = (j + 1) % LINE_CACHE_WAYS;
    lc->width[j] = w;
    lc->lines[j] = n;
    lc->lone[j] = *lone;
    return n;
}

/* Lines of every cell covering column c when it is `delta` wider, into
 * s->trial (which otherwise equals s->lines).  True when any cell changed. */
static bool try_wider(solver *s, int c, mpt_t delta)
{
    const table_grid *t = s->p->g;
    bool changed = false;
    for (int k = s->col_first[c]; k < s->col_first[c + 1]; k++) {
        int i = s->col_cells[k];
        if (s->lines[i] <= 1) continue;    /* one line cannot get shorter */
        s->trial[i] = cached_lines(s, k, span_width(s, &t->cells[i]) + delta - s->pad2, &s->trial_lone[i]);
        changed |= s->trial[i] != s->lines[i] || s->trial_lone[i] != s->lone[i];
    }
    return changed;
}

/* Undoes try_wider's changes to s->trial. */
static void reset_trial(solver *s, int c)
{
    for (int k = s->col_first[c]; k < s->col_first[c + 1]; k++) {
        s->trial[s->col_cells[k]] = s->lines[s->col_cells[k]];
        s->trial_lone[s->col_cells[k]] = s->lone[s->col_cells[k]];
    }
}

/* The rows' groups: a cell spanning rows ties them into one group; each
 * group's spanning cells in table order. */
static void solver_groups(solver *s, arena *a)
{
    const table_grid *t = s->p->g;
    int n_rows = t->n_rows;
    s->row_cells = arena_alloc(a, (size_t)(n_rows + 1) * sizeof *s->row_cells);
    int *reach = arena_alloc(a, (size_t)(n_rows + 1) * sizeof *reach);   /* the end of the rows tied to r */
    for (int r = 0; r < n_rows; r++) reach[r] = r + 1;
    for (int i = 0; i < t->n_cells; i++) {
        const grid_cell *c = &t->cells[i];
        s->row_cells[c->row + 1]++;
        if (c->row + c->rowspan > reach[c->row]) reach[c->row] = c->row + c->rowspan;
    }
    for (int r = 0; r < n_rows; r++) s->row_cells[r + 1] += s->row_cells[r];
    s->row_group = arena_alloc(a, (size_t)(n_rows + 1) * sizeof *s->row_group);
    s->group_row = arena_alloc(a, (size_t)(n_rows + 1) * sizeof *s->group_row);
    s->span_first = arena_alloc(a, (size_t)(n_rows + 1) * sizeof *s->span_first);
    s->group_span = arena_alloc(a, (size_t)(t->n_cells + 1) * sizeof *s->group_span);
    int n_spans = 0;
    for (int r0 = 0; r0 < n_rows;) {
        int end = reach[r0];
        for (int r = r0 + 1; r < end; r++)
            if (reach[r] > end) end = reach[r];
        s->group_row[s->n_groups] = r0;
        s->span_first[s->n_groups] = n_spans;
        for (int r = r0; r < end; r++) {
            s->row_group[r] = s->n_groups;
            for (int i = s->row_cells[r]; i < s->row_cells[r + 1]; i++)
                if (t->cells[i].rowspan > 1) s->group_span[n_spans++] = i;
        }
        s->n_groups++;
        r0 = end;
    }
    s->group_row[s->n_groups] = n_rows;
    s->span_first[s->n_groups] = n_spans;
}

/* The search's working memory, and the lines, heights and cost at the
 * starting widths. */
static void solver_init(solver *s, arena *a)
{
    const table_grid *t = s->p->g;
    int n_cols = t->n_cols, n_rows = t->n_rows;
    size_t n = (size_t)(t->n_cells ? t->n_cells : 1);
    s->lines = arena_alloc(a, n * sizeof *s->lines);
    s->trial = arena_alloc(a, n * sizeof *s->trial);
    s->lone = arena_alloc(a, n * sizeof *s->lone);
    s->trial_lone = arena_alloc(a, n * sizeof *s->trial_lone);
    for (int i = 0; i < t->n_cells; i++)
        s->lines[i] = table_count_lines(&s->p->texts[i], span_width(s, &t->cells[i]) - s->pad2, &s->lone[i]);
    memcpy(s->trial, s->lines, (size_t)t->n_cells * sizeof *s->trial);
    memcpy(s->trial_lone, s->lone, (size_t)t->n_cells * sizeof *s->trial_lone);
    s->col_first = arena_alloc(a, (size_t)(n_cols + 1) * sizeof *s->col_first);
    for (int i = 0; i < t->n_cells; i++)
        if (s->lines[i] > 1)
            for (int c = t->cells[i].col; c < t->cells[i].col + t->cells[i].colspan; c++) s->col_first[c + 1]++;
    for (int c = 0; c < n_cols; c++) s->col_first[c + 1] += s->col_first[c];
    s->col_cells = arena_alloc(a, (size_t)(s->col_first[n_cols] + 1) * sizeof *s->col_cells);
    s->cache = arena_alloc(a, (size_t)(s->col_first[n_cols] + 1) * sizeof *s->cache);
    int *fill = arena_alloc(a, (size_t)n_cols * sizeof *fill);
    for (int i = 0; i < t->n_cells; i++)
        if (s->lines[i] > 1)
            for (int c = t->cells[i].col; c < t->cells[i].col + t->cells[i].colspan; c++)
                s->col_cells[s->col_first[c] + fill[c]++] = i;
    solver_groups(s, a);
    size_t rows = (size_t)(n_rows ? n_rows : 1), groups = (size_t)(s->n_groups ? s->n_groups : 1);
    s->base = arena_alloc(a, rows * sizeof *s->base);
    s->trial_base = arena_alloc(a, rows * sizeof *s->trial_base);
    s->row_h = arena_alloc(a, rows * sizeof *s->row_h);
    s->row_seen = arena_alloc(a, rows * sizeof *s->row_seen);
    s->touched_rows = arena_alloc(a, rows * sizeof *s->touched_rows);
    s->group_h = arena_alloc(a, groups * sizeof *s->group_h);
    s->group_seen = arena_alloc(a, groups * sizeof *s->group_seen);
    s->touched_groups = arena_alloc(a, groups * sizeof *s->touched_groups);
    for (int r = 0; r < n_rows; r++) s->base[r] = s->trial_base[r] = row_base(s, r, s->lines);
    for (int g = 0; g < s->n_groups; g++) {
        s->group_h[g] = group_height(s, g, s->base, s->lines);
        s->height += s->group_h[g];
    }
    for (int i = 0; i < t->n_cells; i++) s->extra += cell_extra(s, i, s->lines[i], s->lone[i]);
}

/* Hands out `room` to the auto columns of `grow`, a step at a time, where it
 * lowers the cost most per point; stops when no step helps.  Returns what is left. */
static mpt_t minimise_height(solver *s, const bool *grow, const mpt_t *max_w, mpt_t room)
{
    int n_cols = s->p->g->n_cols;
    solver_init(s, s->env->scratch);
    int64_t current = cost_of(s, s->height, s->extra);
    /* Steps of ¼ em, or of 1/48 of the room in a wide table: bounds the search. */
    mpt_t step = s->p->ts->cell.size / 4;
    if (step < room / 48) step = room / 48;
    if (step < MPT_PER_PT) step = MPT_PER_PT;
    while (room >= step) {
        int best_c = -1;
        mpt_t best_delta = 0;
        double best_score = 0;
        int64_t best_cost = current;
        for (int c = 0; c < n_cols; c++) {
            if (!grow[c] || s->w[c] >= max_w[c]) continue;
            /* Widths act in steps (a cell loses a line only past its
               threshold): look a few doublings ahead. */
            for (mpt_t delta = step; delta <= room; delta *= 2) {
                if (!try_wider(s, c, delta)) {
                    if (s->w[c] + delta >= max_w[c]) break;
                    continue;
                }
                int64_t trial = measure_trial(s, c, false);
                reset_trial(s, c);
                double score = (double)(current - trial) / delta;
                if (trial < current && score > best_score) {
                    best_score = score;
                    best_c = c;
                    best_delta = delta;
                    best_cost = trial;
                }
                if (s->w[c] + delta >= max_w[c]) break;
            }
        }
        if (best_c < 0) break;
        try_wider(s, best_c, best_delta);
        measure_trial(s, best_c, true);
        s->w[best_c] += best_delta;
        room -= best_delta;
        current = best_cost;
    }
    return room;
}

/* The content limits of every column: min_w (the least each may get) and
 * max_w (all its text on one line), spans spread over their columns.  First
 * with the label minimums; when even those are too wide, with plain
 * min-content widths. */
static void content_limits(const table_plan *p, mpt_t *min_w, mpt_t *max_w)
{
    const table_grid *t = p->g;
    const model_column *columns = t->model->columns;
    const table_style *ts = p->ts;
    mpt_t pad2 = 2 * ts->padding_x, floor_w = pad2 + ts->cell.size;   /* room for one character */
    for (int whole = 1; whole >= 0; whole--) {
        for (int c = 0; c < t->n_cols; c++) min_w[c] = max_w[c] = floor_w;
        for (int pass = 0; pass < 2; pass++)     /* single columns first, then spans */
            for (int i = 0; i < t->n_cells; i++) {
                const grid_cell *c = &t->cells[i];
                const table_cell_text *ct = &p->texts[i];
                if ((c->colspan > 1) != (pass == 1)) continue;
                mpt_t least = ct->min_width;
                /* Labels are never stacked a character per line where the
                   width allows: a short one stays whole (自然人, not
                   自然/人), a longer one gets a few characters a line (商业/企业). */
                if (whole && c->m->role != CELL_DATA) {
                    mpt_t line = ct->max_width <= ts->solver.short_label * ts->cell.size ? ct->max_width
                                                                                        : ts->solver.label_line * ts->cell.size;
                    if (line > least) least = line;
                }
                spread(min_w, max_w, c->col, c->col + c->colspan, least + pad2);
                spread(max_w, max_w, c->col, c->col + c->colspan, ct->max_width + pad2);
            }
        mpt_t least = 0;
        for (int c = 0; c < t->n_cols; c++)
            least += columns[c].width == WIDTH_FIXED     ? columns[c].fixed
                   : columns[c].width == WIDTH_PERCENT ? (mpt_t)((int64_t)p->width * columns[c].permille / 1000)
                                                          : min_w[c];
        if (least <= p->width) break;
    }
    for (int c = 0; c < t->n_cols; c++)
        if (max_w[c] < min_w[c]) max_w[c] = min_w[c];
}

/* Hands out the room left after the search: to fraction columns by
 * weight; else to the auto columns, to their max-content first, then in
 * proportion to their widths. */
static void share_room(const table_plan *p, mpt_t *w, const bool *grow, const mpt_t *max_w, mpt_t room, mpt_t weights)
{
    const model_column *columns = p->g->model->columns;
    int n_cols = p->g->n_cols;
    mpt_t given = 0;
    int last = -1;
    if (weights > 0) {
        for (int c = 0; c < n_cols; c++)
            if (columns[c].width == WIDTH_FRACTION) {
                mpt_t share = (mpt_t)((int64_t)room * columns[c].permille / weights);
                w[c] += share;
                given += share;
                last = c;
            }
        w[last] += room - given;
        return;
    }
    if (room <= 0) return;
    mpt_t deficit = 0, total = 0;
    for (int c = 0; c < n_cols; c++)
        if (grow[c]) deficit += max_w[c] > w[c] ? max_w[c] - w[c] : 0, total += w[c];
    for (int c = 0; c < n_cols; c++) {
        if (!grow[c]) continue;
        mpt_t share = deficit > 0 ? (mpt_t)((int64_t)room * (max_w[c] > w[c] ? max_w[c] - w[c] : 0) / deficit)
                                  : (mpt_t)((int64_t)room * w[c] / total);
        w[c] += share;
        given += share;
        last = c;
    }
    if (last >= 0) w[last] += room - given;
}

bool table_solve_widths(const table_env *env, table_plan *p)
{
    const table_grid *t = p->g;
    const model_column *columns = t->model->columns;
    arena *a = env->scratch;
    int n_cols = t->n_cols;
    mpt_t *min_w = arena_alloc(a, (size_t)n_cols * sizeof *min_w), *max_w = arena_alloc(a, (size_t)n_cols * sizeof *max_w);
    content_limits(p, min_w, max_w);
    /* Fixed and percentage columns take their widths; the others start at
       their minimum. */
    mpt_t fixed = 0, need = 0, weights = 0;
    bool *grow = arena_alloc(a, (size_t)n_cols * sizeof *grow);
    solver s = { .env = env, .p = p, .pad2 = 2 * p->ts->padding_x };
    s.w = arena_alloc(a, (size_t)n_cols * sizeof *s.w);
    for (int c = 0; c < n_cols; c++) {
        const model_column *mc = &columns[c];
        switch (mc->width) {
        case WIDTH_FIXED: s.w[c] = mc->fixed; break;
        case WIDTH_PERCENT: s.w[c] = (mpt_t)((int64_t)p->width * mc->permille / 1000); break;
        case WIDTH_FRACTION: s.w[c] = min_w[c]; weights += mc->permille; need += min_w[c]; break;
        case WIDTH_AUTO: s.w[c] = min_w[c]; grow[c] = true; need += min_w[c]; break;
        }
        if (mc->width == WIDTH_FIXED || mc->width == WIDTH_PERCENT) fixed += s.w[c];
    }
    if ((int64_t)fixed + need > p->width) {
        diag_error(env->d, t->model->pos,
                   "give fewer columns, narrower explicit widths, or a smaller table font (layout table.size)",
                   "this table needs at least %.1f mm, but the text block is %.1f mm wide", mm_from_mpt(fixed + need),
                   mm_from_mpt(p->width));
        return false;
    }
    mpt_t room = p->width - fixed - need, want = 0;
    /* The auto columns all at max-content when they fit; else the room goes
       where it lowers the table's cost most. */
    for (int c = 0; c < n_cols; c++)
        if (grow[c]) want += max_w[c] - s.w[c];
    if (want <= room) {
        for (int c = 0; c < n_cols; c++)
            if (grow[c]) s.w[c] = max_w[c];
        room -= want;
    } else {
        room = minimise_height(&s, grow, max_w, room);
    }
    share_room(p, s.w, grow, max_w, room, weights);
    p->col_x = arena_alloc(env->a, (size_t)(n_cols + 1) * sizeof *p->col_x);
    p->col_x[0] = p->left;
    for (int c = 0; c < n_cols; c++) p->col_x[c + 1] = p->col_x[c] + s.w[c];
    return true;
}
