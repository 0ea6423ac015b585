/* table_draw.c — one piece of a table on a page: rules and cell text
 * (table_layout.h). */
#include "table_layout.h"


/* A straight rule: at `at` (y of a horizontal rule, x of a vertical one),
 * from `from` to `to` along it. */
typedef struct segment {
    mpt_t at, from, to, width;
} segment;

typedef struct segments {
    segment *items;
    int n, cap;
} segments;

static void add_segment(arena *a, segments *s, mpt_t at, mpt_t from, mpt_t to, mpt_t width)
{
    arena_grow(a, (void **)&s->items, &s->cap, s->n + 1, sizeof *s->items);
    s->items[s->n++] = (segment){ at, from, to, width };
}

static int segment_order(const void *pa, const void *pb)
{
    const segment *a = pa, *b = pb;
    if (a->at != b->at) return a->at < b->at ? -1 : 1;
    if (a->width != b->width) return a->width < b->width ? -1 : 1;
    return a->from < b->from ? -1 : a->from > b->from;
}

/* Merges the ordered runs src[lo, mid) and src[mid, hi) into dst[lo, hi). */
static void merge_runs(const segment *src, segment *dst, int lo, int mid, int hi)
{
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) dst[k++] = segment_order(&src[j], &src[i]) < 0 ? src[j++] : src[i++];
    while (i < mid) dst[k++] = src[i++];
    while (j < hi) dst[k++] = src[j++];
}

/* Sorts the segments by segment_order.  The cells come row by row, so the
 * segments arrive as runs already in order (a row's top edges left to
 * right; its left edges too): merging the runs, a pair at a time, costs a
 * fraction of sorting them afresh, which was most of drawing a big table.
 * Equal segments join into one rule whatever their order. */
static void sort_segments(arena *a, segments *s)
{
    int n = s->n;
    if (n < 2) return;
    int *starts = arena_alloc(a, (size_t)(n + 1) * sizeof *starts), runs = 0;
    for (int i = 0; i < n; i++)
        if (i == 0 || segment_order(&s->items[i - 1], &s->items[i]) > 0) starts[runs++] = i;
    starts[runs] = n;
    segment *src = s->items, *dst = arena_alloc(a, (size_t)n * sizeof *dst);
    while (runs > 1) {
        int merged = 0;
        for (int r = 0; r < runs; r += 2) {
            if (r + 1 < runs) merge_runs(src, dst, starts[r], starts[r + 1], starts[r + 2]);
            else for (int k = starts[r]; k < n; k++) dst[k] = src[k];
            starts[merged++] = starts[r];
        }
        starts[merged] = n;
        runs = merged;
        segment *swap = src;
        src = dst;
        dst = swap;
    }
    s->items = src;
}

/* Emits the rules, joining segments that continue each other into one
 * line (cells draw their own edges; shared edges would double). */
static void emit_segments(arena *a, segments *s, bool horizontal, frame_sink *out)
{
    sort_segments(a, s);
    for (int i = 0; i < s->n;) {
        segment m = s->items[i++];
        while (i < s->n && s->items[i].at == m.at && s->items[i].width == m.width && s->items[i].from <= m.to) {
            if (s->items[i].to > m.to) m.to = s->items[i].to;
            i++;
        }
        frame_rule r = horizontal ? (frame_rule){ m.from, m.at, m.to, m.at, m.width }
                                  : (frame_rule){ m.at, m.from, m.at, m.to, m.width };
        frame_sink_rule(out, r);
    }
}

static void draw_cell(const table_plan *p, int i, int r0, int r1, const mpt_t *ys, bool top_edge, bool bottom_edge,
                      bool repeated, segments *h, segments *v, frame_sink *out)
{
    const table_grid *t = p->g;
    const grid_cell *c = &t->cells[i];
    const table_cell_text *ct = &p->texts[i];
    int rr0 = c->row > r0 ? c->row : r0, rr1 = c->row + c->rowspan < r1 ? c->row + c->rowspan : r1;
    mpt_t top = ys[rr0 - r0], bottom = ys[rr1 - r0];
    mpt_t x0 = p->col_x[c->col], x1 = p->col_x[c->col + c->colspan];
    mpt_t rule = p->ts->rule_width, frame = p->ts->frame_width;
    add_segment(out->scratch, h, top, x0, x1, rr0 == r0 && top_edge ? frame : rule);
    add_segment(out->scratch, v, x0, top, bottom, c->col == 0 ? frame : rule);
    if (c->col + c->colspan == t->n_cols) add_segment(out->scratch, v, x1, top, bottom, frame);
    if (rr1 == r1 && bottom_edge) add_segment(out->scratch, h, bottom, x0, x1, frame);
    /* Vertically centred in the part of the cell on this page: a row label
       whose rows cross a page break appears whole on both pages. */
    mpt_t room = bottom - top - 2 * p->ts->padding_y;
    mpt_t block_top = top + p->ts->padding_y + (room > ct->height ? (room - ct->height) / 2 : 0);
    /* A cell spanning down from a page before is drawn again here: the
       text belongs to its first page, this copy is furniture. */
    out->tag = (frame_tag){ p->block, c->index, repeated || c->row < r0, 0 };
    for (int k = 0; k < ct->n_runs; k++) {
        frame_text run = ct->runs[k];
        run.y += block_top;
        frame_sink_text(out, run);
    }
}

void table_draw_rows(const table_plan *p, int r0, int r1, mpt_t y, bool top_edge, bool bottom_edge, bool repeated,
                     bool grown, frame_sink *out)
{
    const table_grid *t = p->g;
    if (r1 <= r0) return;
    arena_mark mark = arena_save(out->scratch);
    mpt_t *ys = arena_alloc(out->scratch, (size_t)(r1 - r0 + 1) * sizeof *ys);
    ys[0] = y;
    for (int r = r0; r < r1; r++) ys[r - r0 + 1] = ys[r - r0] + p->row_h[r] + (grown ? table_row_growth(p, r0, r) : 0);
    segments h = { 0 }, v = { 0 };
    /* Cells spanning down into the piece from rows above it. */
    for (int c = 0; c < t->n_cols; c++) {
        int i = p->slot_owner[r0 * t->n_cols + c];
        if (t->cells[i].row < r0 && t->cells[i].col == c) draw_cell(p, i, r0, r1, ys, top_edge, bottom_edge, repeated, &h, &v, out);
    }
    for (int i = p->first_cell[r0]; i < p->first_cell[r1]; i++)
        draw_cell(p, i, r0, r1, ys, top_edge, bottom_edge, repeated, &h, &v, out);
    /* The rules are the table's furniture, not its content. */
    out->tag = (frame_tag){ p->block, -1, true, 0 };
    emit_segments(out->scratch, &h, true, out);
    emit_segments(out->scratch, &v, false, out);
    arena_restore(out->scratch, mark);
}
