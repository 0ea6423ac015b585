/* flow_page.c — what every page carries besides its lines: the page number
 * (GB/T 9704 §7.5) and optional running header and footer text
 * (flow_internal.h). */
#include "flow_internal.h"

#include <stdio.h>
#include <string.h>

#include "base/fill.h"

/* GB/T 9704 §7.5: 4号 numbers 7 mm below the 版心, odd pages right and even
 * pages left, one character in from the edge. */
void flow_page_number(flow *f, frame_sink *sink, int number)
{
    const style *st = f->st;
    if (!st->page_number_format) return;
    int role = flow_role(f, &st->page_number, &f->r.page_number);
    if (role < 0) return;
    const char *pairs[] = { "1", arena_printf(f->a, "%d", number), NULL };
    const char *text = fill_placeholders(f->a, st->page_number_format, pairs);
    if (!text) return;   /* the parse stage bounds the pattern: a page number is short */
    text_span s = flow_span(flow_literal(f, text, st->page_number.font_role_pos), role, st->page_number.size);
    text_item *items;
    int n = text_prepare(&f->tp, &s, 1, &items);
    if (n < 0) f->ok = false;
    if (n <= 0) return;
    line l = { 0 };
    mpt_t w = text_width(items, n), inset = st->page_number_inset * st->body.size;
    page_side side = number % 2 ? st->page_number_odd : st->page_number_even;
    mpt_t x = side == SIDE_LEFT    ? st->margin_left + inset
            : side == SIDE_RIGHT   ? st->margin_left + st->text_width - inset - w
                                   : st->margin_left + (st->text_width - w) / 2;
    flow_set_runs(f, &l, items, 0, n, x, 0);
    /* below-text measures to the dashes, which sit on the em box's middle. */
    mpt_t baseline = st->margin_top + st->text_height + st->page_number_below_text +
                     (mpt_t)((int64_t)st->page_number.size * (EM_BOX_ASCENT_PER_MILLE - 500) / 1000);
    for (int k = 0; k < l.n_runs; k++) {
        l.runs[k].y = baseline;
        frame_sink_text(sink, l.runs[k]);
    }
}

/* The layout's running header (which 0) or footer (1) on page `number`. */
void flow_running_text(flow *f, frame_sink *sink, int which, int number, const model_meta *meta)
{
    const style *st = f->st;
    const char *pattern = st->running_text[which];
    if (!pattern) return;
    int role = flow_role(f, &st->running[which], &f->r.running[which]);
    if (role < 0) return;
    const char *pairs[] = { "title", meta->title ? meta->title : "", "author", meta->author ? meta->author : "",
                            "1", arena_printf(f->a, "%d", number), NULL };
    const char *text = fill_placeholders(f->a, pattern, pairs);
    const text_style *ts = &st->running[which];
    if (!text) {
        diag_error(f->d, st->running_text_pos[which], "shorten the running text or what it quotes",
                   "the running %s expands to more than %d bytes", which ? "footer" : "header", FILL_MAX_BYTES);
        f->ok = false;
        return;
    }
    text_span s = flow_span(flow_literal(f, text, ts->font_role_pos), role, ts->size);
    text_item *items;
    int n = text_prepare(&f->tp, &s, 1, &items);
    if (n < 0) f->ok = false;
    if (n <= 0) return;
    line l = { 0 };
    mpt_t w = text_width(items, n);
    mpt_t x = ts->align == ALIGN_LEFT    ? st->margin_left
            : ts->align == ALIGN_RIGHT   ? st->margin_left + st->text_width - w
                                         : st->margin_left + (st->text_width - w) / 2;
    flow_set_runs(f, &l, items, 0, n, x, 0);
    /* The distance is to the text's centre line (the em box's middle). */
    mpt_t middle = which ? st->margin_top + st->text_height + st->running_distance[1]
                         : st->margin_top - st->running_distance[0];
    mpt_t baseline = middle + (mpt_t)((int64_t)ts->size * (EM_BOX_ASCENT_PER_MILLE - 500) / 1000);
    for (int k = 0; k < l.n_runs; k++) {
        l.runs[k].y = baseline;
        frame_sink_text(sink, l.runs[k]);
    }
}
