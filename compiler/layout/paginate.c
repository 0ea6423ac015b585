/* paginate.c — lines to pages, and each page's frame (flow_internal.h):
 * text lines on the grid, table pieces with repeated headers, page numbers
 * and running text, the outline's entries. */
#include "flow_internal.h"

/* The table a page continues: its first content line is a body row past
 * the table's first, so the column headers (and the 续表 label) repeat
 * above it. */
static const table_plan *continued_table(const line *l)
{
    if (!l->table || l->table_row == 0 || l->table_row < l->table->g->header_rows) return NULL;
    return l->table;
}

/* The height line l takes on a page whose first content line is `first`:
 * a table row continued at a page top may have grown (table_row_growth). */
static mpt_t line_height(const flow *f, const line *first, const line *l)
{
    if (!l->table) return l->slots * f->st->line_pitch;
    const table_plan *cont = continued_table(first);
    return l->height + (cont == l->table ? table_row_growth(cont, first->table_row, l->table_row) : 0);
}

/* What a page starting at line k costs beyond the white space above it: a
 * continued row group whose rows there grow to hold its label (weighed
 * by table.grown-row-cost); -1 when the grown rows would not fit a page. */
static int64_t growth_cost(const flow *f, const line *l)
{
    const table_plan *cont = continued_table(l);
    if (!cont || cont->break_grow[l->table_row] == 0) return 0;
    int r = l->table_row, k = cont->grow_rows[r];
    mpt_t h = cont->continued_height + cont->header_height + table_rows_height(cont, r, r + k) + cont->break_grow[r];
    if (h > f->st->text_height) return -1;
    return (int64_t)cont->break_grow[r] * f->st->table.grown_row_cost_permille / 1000;
}

/* Among the places a page may end before line `end` (breaks allowed), the
 * cheapest: white space left at the page foot plus growth_cost.  Without
 * growth this is the last allowed place, as before; 0 when there is none. */
static int cheapest_break(const flow *f, const mpt_t *top, int content_first, int end)
{
    const line *first = &f->lines[content_first];
    int best = 0;
    int64_t best_cost = 0;
    for (int j = end; j > content_first + 1; j--) {
        if (!f->lines[j].break_ok_before) continue;
        mpt_t white = f->st->text_height - (top[j - 1] + line_height(f, first, &f->lines[j - 1]));
        if (best && white >= best_cost) break;
        int64_t grow = growth_cost(f, &f->lines[j]);
        if (grow < 0) continue;
        if (!best || white + grow < best_cost) {
            best = j;
            best_cost = white + grow;
        }
    }
    return best;
}

/* Assigns lines to pages.  Text lines sit on the layout's line grid (a line
 * after a table moves down to the next grid line); table rows sit where the
 * previous line ends.  A page starts only where break_ok_before allows
 * (headings kept with the next line, orphans and widows avoided, table
 * headers kept with a row) unless that is impossible — of those the one
 * leaving least white space, a continued row group's growth counted in;
 * blank lines at a page top are dropped. */
int paginate_lines(flow *f, const model_doc *doc, mpt_t *top, page_span **out)
{
    const style *st = f->st;
    mpt_t pitch = st->line_pitch, capacity = st->text_height;
    int cap = 0, n_pages = 0;
    page_span *pages = NULL;
    int i = 0;
    while (i < f->n_lines) {
        int first = i;
        while (i < f->n_lines && f->lines[i].blank) top[i++] = -1;  /* no blank line at a page top */
        int content_first = i;
        mpt_t y = 0;
        const table_plan *cont = i < f->n_lines ? continued_table(&f->lines[i]) : NULL;
        if (cont) y = cont->continued_height + cont->header_height;
        bool after_table = false;
        while (i < f->n_lines) {
            const line *l = &f->lines[i];
            if (i > content_first && l->page_break_before) break;
            mpt_t t0 = y, t1;
            if (l->table) {
                t1 = t0 + line_height(f, &f->lines[content_first], l);
            } else {
                if (after_table) t0 += st->table.space_after;
                t0 = (t0 + pitch - 1) / pitch * pitch;
                t1 = t0 + l->slots * pitch;
            }
            if (t1 > capacity && i > content_first) break;
            top[i] = t0;
            y = t1;
            after_table = l->table != NULL;
            i++;
        }
        if (i < f->n_lines && !f->lines[i].page_break_before && i > content_first) {
            int j = cheapest_break(f, top, content_first, i);
            if (j) i = j;   /* else: nothing to keep together can fit */
        }
        if (i == first) break;
        if (n_pages == FRAME_MAX_PAGES) {
            const line *l = &f->lines[content_first < f->n_lines ? content_first : first];
            int b = l->block >= 0 ? l->block : doc->n_blocks - 1;   /* (furniture lines have no block) */
            diag_error(f->d, doc->blocks[b].pos,
                       "split the report into several documents",
                       "the document would have more than %d pages (the page limit)", FRAME_MAX_PAGES);
            f->ok = false;
            break;
        }
        arena_grow(f->a, (void **)&pages, &cap, n_pages + 1, sizeof *pages);
        pages[n_pages++] = (page_span){ first, i };
    }
    *out = pages;
    return n_pages;
}

void paginate_frames(flow *f, const model_doc *doc, const mpt_t *top, const page_span *spans, int n_pages,
                     frame_doc *out)
{
    int cap_outline = 0;
    frame_sink sink = { .a = f->out, .scratch = &f->scratch };
    for (int p = 0; p < n_pages && f->ok; p++) {
        frame_sink_begin(&sink, &out->pages[p]);
        sink.tag = (frame_tag){ -1, -1, true, 0 };
        bool first_content = true;
        for (int i = spans[p].first; i < spans[p].end; i++) {
            line *l = &f->lines[i];
            if (top[i] < 0) continue;
            mpt_t y = f->st->margin_top + top[i];
            if (l->table) {
                /* A piece of a table: its rows on this page, after the repeated
                   headers when the page continues it. */
                int end = i + 1;
                while (end < spans[p].end && f->lines[end].table == l->table) end++;
                int r0 = l->table_row, r1 = r0 + (end - i);
                const table_plan *cont = first_content ? continued_table(l) : NULL;
                if (cont) {
                    mpt_t label_y = f->st->margin_top;
                    sink.tag = (frame_tag){ cont->block, -1, true, 0 };   /* 续表 and the repeated headers */
                    for (int k = 0; k < cont->n_continued; k++) {
                        frame_text t = cont->continued[k];
                        t.y = label_y + (mpt_t)((int64_t)t.size * EM_BOX_ASCENT_PER_MILLE / 1000);
                        frame_sink_text(&sink, t);
                    }
                    table_draw_rows(cont, 0, cont->g->header_rows, label_y + cont->continued_height, true, false, true,
                                    false, &sink);
                }
                table_draw_rows(l->table, r0, r1, y, !cont, true, false, cont != NULL, &sink);
                i = end - 1;
                first_content = false;
                continue;
            }
            first_content = false;
            sink.tag = (frame_tag){ l->block, -1, false, l->sub };
            for (int k = 0; k < l->n_runs; k++) {
                frame_text t = l->runs[k];
                t.y = y + l->ascent;
                frame_sink_text(&sink, t);
            }
            if (l->outline_level) {
                arena_grow(f->out, (void **)&out->outline, &cap_outline, out->n_outline + 1, sizeof *out->outline);
                const char *title = l->outline_title ? arena_strdup(f->out, l->outline_title) : NULL;
                out->outline[out->n_outline++] = (frame_outline){ l->outline_level, title, p, y };
            }
        }
        /* Page furniture (artifacts for a structure tree). */
        sink.tag = (frame_tag){ -1, -1, true, 0 };
        flow_page_number(f, &sink, p + 1);
        flow_running_text(f, &sink, 0, p + 1, &doc->meta);
        flow_running_text(f, &sink, 1, p + 1, &doc->meta);
        frame_sink_end(&sink);
    }
    frame_sink_free(&sink);
}
