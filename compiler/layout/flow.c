/* flow.c — blocks to grid lines to pages (layout.h). */
#include "flow_internal.h"

#include <stdbool.h>
#include <string.h>

#include "linebreak.h"
#include "table_layout.h"
#include "text_clreq.h"
#include "text_prepare.h"
#include "text_runs.h"
#include "base/utf8.h"

/* Resolves a style's font role, once per style (cached in the role slot). */
int role_of(flow *f, const text_style *ts, int *slot)
{
    if (*slot == ROLE_UNRESOLVED) {
        *slot = fontset_role(f->fonts, f->d, ts->font_role, ts->font_role_pos);
        if (*slot < 0) f->ok = false;
    }
    return *slot;
}

line *new_line(flow *f)
{
    arena_grow(f->a, (void **)&f->lines, &f->cap_lines, f->n_lines + 1, sizeof *f->lines);
    line *l = &f->lines[f->n_lines++];
    memset(l, 0, sizeof *l);
    l->break_ok_before = !f->keep_next;
    l->page_break_before = f->force_break;
    l->slots = 1;
    f->keep_next = false;
    f->force_break = false;
    return l;
}

void blank_lines(flow *f, int count, bool keep)
{
    for (int i = 0; i < count; i++) {
        if (keep) f->keep_next = true;
        new_line(f)->blank = true;
    }
}

/* Sets line l to items[start,end) from x (text_runs_build); type too large
 * for one grid line takes as many as its line height needs. */
void build_runs(flow *f, line *l, const text_item *items, int start, int end, mpt_t x, mpt_t extra)
{
    mpt_t max_size;
    l->n_runs = text_runs_build(f->a, items, start, end, x, extra, &l->runs, &max_size);
    l->ascent = (mpt_t)((int64_t)max_size * EM_BOX_ASCENT_PER_MILLE / 1000);
    int64_t height = (int64_t)max_size * f->st->min_line_height_permille / 1000;
    l->slots = height > f->st->line_pitch ? (int)((height + f->st->line_pitch - 1) / f->st->line_pitch) : 1;
}

/* Lays out one paragraph-like block: spans in the paragraph style ps.  The
 * first line is indented ps->first_line_indent characters (GB/T 9704 §7.3.3:
 * 空二字, continuation lines flush left).  Returns the index of its first line. */
int emit_paragraph(flow *f, const text_span *spans, int n_spans, const text_style *ps)
{
    text_item *items;
    int n = text_prepare(&f->tp, spans, n_spans, &items);
    int first = f->n_lines;
    if (n < 0) {
        diag_error(f->d, spans[0].text.pos, NULL, "ICU line breaking failed on this text");
        f->ok = false;
        return first;
    }
    mpt_t left = f->st->margin_left, width = f->st->text_width;
    mpt_t indent = ps->first_line_indent * ps->size;
    if (indent >= width) indent = 0;
    line_range *ranges;
    int n_ranges = ps->align == ALIGN_JUSTIFY
                       ? linebreak_total_fit(f->a, items, n, width - indent, width, ps->size, ps->max_stretch_permille,
                                             &ranges)
                       : linebreak_greedy(f->a, items, n, width - indent, width, &ranges);
    if (ps->align == ALIGN_JUSTIFY) n_ranges = linebreak_avoid_lone_char(f->a, items, n, width, &ranges, n_ranges);
    if (ps->align == ALIGN_CENTER && n_ranges > 1) {
        /* GB/T 9704 §7.3.1: a title of several lines is balanced (梯形或菱形),
           not filled line by line: the narrowest measure that still needs no
           more lines. */
        mpt_t hi = linebreak_balanced_width(items, n, indent, width, n_ranges, MPT_PER_PT);
        n_ranges = linebreak_greedy(f->a, items, n, hi - indent, hi, &ranges);
    }
    for (int i = 0; i < n_ranges; i++) {
        line_range *r = &ranges[i];
        mpt_t x = left + (i == 0 ? indent : 0);
        mpt_t avail = width - (i == 0 ? indent : 0);
        linebreak_squeeze(items, r, avail);
        /* 开明 and 半角 set an opening mark at a line start half width too:
           its blank goes into the margin (clreq §2, line start). */
        const text_item *lead = r->end > r->start ? &items[r->start] : NULL;
        if (lead && (f->tp.punctuation == PUNCT_KAIMING || f->tp.punctuation == PUNCT_BANJIAO) &&
            clreq_blank_side(lead->cp) < 0 && text_item_full_width(lead)) {
            x -= lead->size / 2;
            avail += lead->size / 2;
        }
        mpt_t slack = avail - r->natural, tracking = 0;
        bool last = i == n_ranges - 1;
        switch (ps->align) {
        case ALIGN_JUSTIFY:
            /* The last line of a paragraph is set flush left, not stretched. */
            if (!last && slack > 0) {
                int gaps = 0;
                for (int k = r->start; k + 1 < r->end; k++) gaps += linebreak_gap_stretches(items, k);
                if (gaps > 0) tracking = slack / gaps;
            }
            /* A line that would need more than the layout's limit between two
               characters is not stretched at all (rare: forced breaks). */
            if (ps->max_stretch_permille && (int64_t)tracking * 1000 > (int64_t)ps->max_stretch_permille * ps->size)
                tracking = 0;
            break;
        case ALIGN_CENTER: x += slack / 2; break;
        case ALIGN_RIGHT: x += slack; break;
        case ALIGN_LEFT: break;
        }
        line *l = new_line(f);
        /* Orphan and widow control: a paragraph never leaves its first or its
           last line alone at a page bottom or top (clreq §5). */
        if (n_ranges >= 2 && (i == 1 || i == n_ranges - 1)) l->break_ok_before = false;
        build_runs(f, l, items, r->start, r->end, x, tracking);
    }
    return first;
}

text_span span_of(model_text t, int role, mpt_t size)
{
    return (text_span){ t, role, size };
}

model_text literal(flow *f, const char *s, src_pos pos)
{
    return (model_text){ arena_strdup(f->a, s), strlen(s), pos, false, NULL, 0 };
}


static void emit_blocks(flow *f, const model_doc *doc, roles *r)
{
    const style *st = f->st;
    for (int i = 0; i < doc->n_blocks && f->ok; i++) {
        const model_block *b = &doc->blocks[i];
        switch (b->kind) {
        case BLOCK_TITLE: {
            int role = role_of(f, &st->title, &r->title);
            if (role < 0) break;
            text_span s = span_of(b->text, role, st->title.size);
            blank_lines(f, st->title.lines_before, false);
            emit_paragraph(f, &s, 1, &st->title);
            f->keep_next = true;
            blank_lines(f, st->title.lines_after, true);
            break;
        }
        case BLOCK_HEADING: emit_heading(f, r, b); break;
        case BLOCK_PARAGRAPH: {
            int role = role_of(f, &st->body, &r->body);
            if (role < 0) break;
            text_span s = span_of(b->text, role, st->body.size);
            blank_lines(f, st->body.lines_before, false);
            emit_paragraph(f, &s, 1, &st->body);
            blank_lines(f, st->body.lines_after, false);
            break;
        }
        case BLOCK_PAGE_BREAK: f->force_break = true; break;
        case BLOCK_SIGNATURE: emit_signature(f, r, b); break;
        case BLOCK_TABLE: emit_table(f, r, b); break;
        case BLOCK_ATTACHMENT_NOTE: emit_attachment_note(f, r, b); break;
        case BLOCK_ATTACHMENT: emit_attachment(f, r, b); break;
        }
    }
}

/* ---- pagination ---------------------------------------------------------- */

typedef struct page_span {
    int first, end;   /* lines [first, end) */
} page_span;

/* The table a page continues: its first content line is a body row past
 * the table's first, so the column headers (and the 续表 label) repeat
 * above it. */
static const table_plan *continued_table(const line *l)
{
    if (!l->table || l->table_row == 0 || l->table_row < l->table->t->header_rows) return NULL;
    return l->table;
}

/* Assigns lines to pages.  Text lines sit on the layout's line grid (a line
 * after a table moves down to the next grid line); table rows sit where the
 * previous line ends.  A page starts only where break_ok_before allows
 * (headings kept with the next line, orphans and widows avoided, table
 * headers kept with a row) unless that is impossible; blank lines at a page
 * top are dropped.  Returns the number of pages; top[i] is line i's top
 * below the text block's top, or -1 when dropped. */
static int paginate(flow *f, mpt_t *top, page_span **out)
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
                t1 = t0 + l->height;
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
            int j = i;
            while (j > content_first + 1 && !f->lines[j].break_ok_before) j--;
            if (j > content_first + 1) i = j;   /* else: nothing to keep together can fit */
        }
        if (i == first) break;
        arena_grow(f->a, (void **)&pages, &cap, n_pages + 1, sizeof *pages);
        pages[n_pages++] = (page_span){ first, i };
    }
    *out = pages;
    return n_pages;
}

frame_doc *layout_document(arena *a, diag *d, const model_doc *doc, const fontset *fonts, text_breaker *breaker)
{
    flow f = { .a = a, .d = d, .st = doc->style, .fonts = fonts, .ok = true };
    f.tp = (text_prep){ a, d, fonts, breaker, doc->style->cjk_latin_space_permille, doc->style->punctuation,
                        doc->style->line_end_squeeze };
    const int u = ROLE_UNRESOLVED;
    roles r = { u, u, { u, u, u, u }, u, u, u, u, u, u, u, { u, u } };
    arena_init(&f.scratch);
    emit_blocks(&f, doc, &r);
    if (!f.ok) {
        arena_done(&f.scratch);
        return NULL;
    }

    mpt_t *top = arena_alloc(a, (size_t)(f.n_lines + 1) * sizeof *top);
    page_span *spans;
    int n_pages = paginate(&f, top, &spans);
    if (n_pages == 0) {   /* an empty body still makes one (numbered) page */
        spans = arena_alloc(a, sizeof *spans);
        n_pages = 1;
    }
    frame_doc *out = arena_alloc(a, sizeof *out);
    out->page_width = f.st->page_width;
    out->page_height = f.st->page_height;
    out->pages = arena_alloc(a, (size_t)n_pages * sizeof *out->pages);
    out->n_pages = n_pages;
    out->faces = fontset_faces(fonts, &out->n_faces);
    int cap_outline = 0;
    for (int p = 0; p < n_pages; p++) {
        frame_sink sink = { a, &out->pages[p], 0, &f.scratch };
        bool first_content = true;
        for (int i = spans[p].first; i < spans[p].end; i++) {
            line *l = &f.lines[i];
            if (top[i] < 0) continue;
            mpt_t y = f.st->margin_top + top[i];
            if (l->table) {
                /* A piece of a table: its rows on this page, after the repeated
                   headers when the page continues it. */
                int end = i + 1;
                while (end < spans[p].end && f.lines[end].table == l->table) end++;
                int r0 = l->table_row, r1 = r0 + (end - i);
                const table_plan *cont = first_content ? continued_table(l) : NULL;
                if (cont) {
                    mpt_t label_y = f.st->margin_top;
                    for (int k = 0; k < cont->n_continued; k++) {
                        frame_text t = cont->continued[k];
                        t.y = label_y + (mpt_t)((int64_t)t.size * EM_BOX_ASCENT_PER_MILLE / 1000);
                        frame_sink_push(&sink, (frame_item){ .kind = FRAME_TEXT, .u.text = t });
                    }
                    table_draw_rows(cont, 0, cont->t->header_rows, label_y + cont->continued_height, true, false, &sink);
                }
                table_draw_rows(l->table, r0, r1, y, !cont, true, &sink);
                i = end - 1;
                first_content = false;
                continue;
            }
            first_content = false;
            for (int k = 0; k < l->n_runs; k++) {
                frame_text t = l->runs[k];
                t.y = y + l->ascent;
                frame_sink_push(&sink, (frame_item){ .kind = FRAME_TEXT, .u.text = t });
            }
            if (l->outline_level) {
                arena_grow(a, (void **)&out->outline, &cap_outline, out->n_outline + 1, sizeof *out->outline);
                out->outline[out->n_outline++] = (frame_outline){ l->outline_level, l->outline_title, p, y };
            }
        }
        add_page_number(&f, &r, &sink, p + 1);
        add_running_text(&f, &r, &sink, 0, p + 1, &doc->meta);
        add_running_text(&f, &r, &sink, 1, p + 1, &doc->meta);
    }
    arena_done(&f.scratch);
    return f.ok ? out : NULL;
}

/* ---- dump ---------------------------------------------------------------- */

void layout_dump(const frame_doc *doc, FILE *out)
{
    fprintf(out, "document %.3fx%.3f pages=%d\n", pt_from_mpt(doc->page_width), pt_from_mpt(doc->page_height),
            doc->n_pages);
    for (int i = 0; i < doc->n_faces; i++)
        fprintf(out, "face %d %s#%u\n", i, font_face_path(doc->faces[i]), font_face_index(doc->faces[i]));
    for (int i = 0; i < doc->n_outline; i++)
        fprintf(out, "outline level=%d page=%d y=%.3f %s\n", doc->outline[i].level, doc->outline[i].page + 1,
                pt_from_mpt(doc->outline[i].y), doc->outline[i].title);
    for (int p = 0; p < doc->n_pages; p++) {
        fprintf(out, "page %d\n", p + 1);
        for (int k = 0; k < doc->pages[p].n_items; k++) {
            const frame_item *it = &doc->pages[p].items[k];
            if (it->kind == FRAME_RULE) {
                const frame_rule *r = &it->u.rule;
                fprintf(out, "  rule %.3f,%.3f %.3f,%.3f w=%.3f\n", pt_from_mpt(r->x0), pt_from_mpt(r->y0),
                        pt_from_mpt(r->x1), pt_from_mpt(r->y1), pt_from_mpt(r->width));
                continue;
            }
            const frame_text *t = &it->u.text;
            fprintf(out, "  text face=%d size=%.3f x=%.3f y=%.3f tc=%.3f %s", t->face, pt_from_mpt(t->size),
                    pt_from_mpt(t->x), pt_from_mpt(t->y), pt_from_mpt(t->tracking), t->bold ? "bold " : "");
            for (int c = 0; c < t->len; c++) {
                char buf[4];
                fwrite(buf, 1, (size_t)utf8_encode(t->text[c], buf), out);
            }
            fputc('\n', out);
        }
    }
}
