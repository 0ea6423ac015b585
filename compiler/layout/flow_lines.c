/* flow_lines.c — lines on the layout's grid: paragraphs broken, justified
 * and placed, blank lines, keeps (flow_internal.h). */
#include "flow_internal.h"

#include <string.h>

#include "linebreak.h"
#include "text_clreq.h"

/* Resolves a style's font role, once per style (cached in the role slot). */
int flow_role(flow *f, const text_style *ts, int *slot)
{
    if (*slot == ROLE_UNRESOLVED) {
        *slot = fontset_role(f->fonts, f->d, ts->font_role, ts->font_role_pos);
        if (*slot < 0) f->ok = false;
    }
    return *slot;
}

line *flow_new_line(flow *f)
{
    arena_grow(f->a, (void **)&f->lines, &f->cap_lines, f->n_lines + 1, sizeof *f->lines);
    line *l = &f->lines[f->n_lines++];
    memset(l, 0, sizeof *l);
    l->break_ok_before = !f->keep_next;
    l->page_break_before = f->force_break;
    l->slots = 1;
    l->block = f->block;
    l->sub = f->sub;
    f->keep_next = false;
    f->force_break = false;
    return l;
}

void flow_blank_lines(flow *f, int count, bool keep)
{
    for (int i = 0; i < count; i++) {
        if (keep) f->keep_next = true;
        flow_new_line(f)->blank = true;
    }
}

/* Sets line l to items[start,end) from x (text_runs_build); type too large
 * for one grid line takes as many as its line height needs. */
void flow_set_runs(flow *f, line *l, const text_item *items, int start, int end, mpt_t x, mpt_t extra)
{
    mpt_t max_size;
    l->n_runs = text_runs_build(f->a, &f->tp, items, start, end, x, extra, &l->runs, &max_size);
    l->ascent = (mpt_t)((int64_t)max_size * EM_BOX_ASCENT_PER_MILLE / 1000);
    int64_t height = (int64_t)max_size * f->st->min_line_height_permille / 1000;
    l->slots = height > f->st->line_pitch ? (int)((height + f->st->line_pitch - 1) / f->st->line_pitch) : 1;
}

/* Lays out one paragraph-like block: spans in the paragraph style ps.  The
 * first line is indented ps->first_line_indent characters (GB/T 9704 §7.3.3:
 * 空二字, continuation lines flush left).  Returns the index of its first line. */
int flow_paragraph(flow *f, const text_span *spans, int n_spans, const text_style *ps)
{
    /* The measured items and the breaks live only while the paragraph is
       set: in scratch memory, released at the end (only the runs stay). */
    arena *tmp = &f->scratch;
    arena_mark mark = arena_save(tmp);
    text_prep tp = f->tp;
    tp.a = tmp;
    text_item *items;
    int n = text_prepare(&tp, spans, n_spans, &items);
    int first = f->n_lines;
    if (n < 0) {
        f->ok = false;
        arena_restore(tmp, mark);
        return first;
    }
    mpt_t left = f->st->margin_left, width = f->st->text_width;
    mpt_t indent = ps->first_line_indent * ps->size;
    if (indent >= width) indent = 0;
    line_range *ranges;
    int n_ranges = ps->align == ALIGN_JUSTIFY
                       ? linebreak_total_fit(tmp, items, n,
                                             &(linebreak_measure){ width - indent, width, ps->size,
                                                                   ps->max_stretch_permille,
                                                                   ps->preferred_stretch_permille },
                                             &ranges)
                       : linebreak_greedy(tmp, items, n, width - indent, width, &ranges);
    if (ps->align == ALIGN_JUSTIFY) n_ranges = linebreak_avoid_lone_char(tmp, items, n, width, &ranges, n_ranges);
    if (ps->align == ALIGN_CENTER && n_ranges > 1) {
        /* GB/T 9704 §7.3.1: a title of several lines breaks between words
           (only one that wraps asks ICU for them: its dictionary is loaded on
           first use, millions of instructions) and is balanced (梯形或菱形),
           not filled line by line: the narrowest measure that still needs no
           more lines. */
        if (!text_prepare_word_breaks(&tp, items, n, width - indent)) {
            diag_internal(f->d, "layout", "ICU's word breaker failed on a text of %d characters", n);
            f->ok = false;
            arena_restore(tmp, mark);
            return first;
        }
        n_ranges = linebreak_greedy(tmp, items, n, width - indent, width, &ranges);
        mpt_t hi = linebreak_balanced_width(items, n, indent, width, n_ranges, MPT_PER_PT);
        n_ranges = linebreak_greedy(tmp, items, n, hi - indent, hi, &ranges);
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
            text_clreq_blank_side(lead->cp) < 0 && text_item_full_width(lead)) {
            x -= lead->size / 2;
            avail += lead->size / 2;
        }
        mpt_t tracking = 0;
        bool last = i == n_ranges - 1;
        switch (ps->align) {
        case ALIGN_JUSTIFY:
            /* The last line of a paragraph is set flush left, not stretched. */
            if (!last) tracking = linebreak_justify(items, r, avail, ps->max_stretch_permille, ps->size);
            break;
        case ALIGN_CENTER: x += (avail - r->natural) / 2; break;
        case ALIGN_RIGHT: x += avail - r->natural; break;
        case ALIGN_LEFT: break;
        }
        line *l = flow_new_line(f);
        /* Orphan and widow control: a paragraph never leaves its first or its
           last line alone at a page bottom or top (clreq §5). */
        if (n_ranges >= 2 && (i == 1 || i == n_ranges - 1)) l->break_ok_before = false;
        flow_set_runs(f, l, items, r->start, r->end, x, tracking);
        /* A word space dropped at the line end (spaces left after
           text_prepare are word spaces, never between Han characters). */
        for (int k = r->end; !last && l->n_runs > 0 && k < ranges[i + 1].start; k++)
            if (items[k].space) l->runs[l->n_runs - 1].space_after = true;
    }
    arena_restore(tmp, mark);
    return first;
}

text_span flow_span(model_text t, int role, mpt_t size)
{
    return (text_span){ t, role, size, FRAME_PART_BODY };
}

text_span flow_part(model_text t, int role, mpt_t size, frame_part part)
{
    return (text_span){ t, role, size, (uint8_t)part };
}

model_text flow_literal(flow *f, const char *s, src_pos pos)
{
    return (model_text){ arena_strdup(f->a, s), strlen(s), pos, false, NULL, 0 };
}
