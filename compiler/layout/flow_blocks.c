/* flow_blocks.c — the report's blocks as flow lines: titles, paragraphs,
 * headings, the signature (落款, with its seal), tables, attachments
 * (flow_internal.h).  Every distance comes from the layout. */
#include "flow_internal.h"

#include <stdio.h>
#include <string.h>

#include "base/fill.h"
#include "base/utf8.h"
#include "linebreak.h"

/* A block of one text in one style (a title, a paragraph). */
static void plain_block(flow *f, const model_text *t, const text_style *ts, int *role_slot, bool keep_after)
{
    int role = flow_role(f, ts, role_slot);
    if (role < 0) return;
    text_span s = flow_span(*t, role, ts->size);
    flow_blank_lines(f, ts->lines_before, false);
    flow_paragraph(f, &s, 1, ts);
    if (keep_after) f->keep_next = true;
    flow_blank_lines(f, ts->lines_after, keep_after);
}

/* The bookmark of a heading: prefix and text, cut (with a warning) to
 * FRAME_OUTLINE_MAX_CHARS characters; the page shows the whole heading. */
static const char *outline_title(flow *f, const char *prefix, const model_text *t, src_pos pos)
{
    const char *s = arena_printf(f->a, "%s%.*s", prefix, (int)t->len, t->utf8);
    size_t n = strlen(s), at = 0;
    int chars = 0;
    for (; at < n && chars < FRAME_OUTLINE_MAX_CHARS - 1; chars++) {
        uint32_t cp;
        int k = utf8_decode(s + at, n - at, &cp);
        at += k ? (size_t)k : 1;
    }
    if (at == n || utf8_length(s + at, n - at) == 1) return s;
    diag_warning(f->d, pos, "shorten the heading",
                 "the heading's bookmark is cut to %d characters (the bookmark limit)", FRAME_OUTLINE_MAX_CHARS);
    return arena_printf(f->a, "%.*s…", (int)at, s);
}

static void heading(flow *f, const model_block *b)
{
    const text_style *hs = &f->st->heading[b->level - 1];
    int role = flow_role(f, hs, &f->r.heading[b->level - 1]);
    if (role < 0) return;
    text_span spans[3];
    int n = 0;
    if (b->number) spans[n++] = flow_part(flow_literal(f, b->number, b->pos), role, hs->size, FRAME_PART_LABEL);
    spans[n++] = flow_span(b->text, role, hs->size);
    const text_style *ps = hs;
    text_style run_in_style;
    if (b->run_in.utf8) {
        /* A run-in heading ("（一）主动公开。正文…") opens a body paragraph. */
        int body = flow_role(f, &f->st->body, &f->r.body);
        if (body < 0) return;
        spans[n++] = flow_part(b->run_in, body, f->st->body.size, FRAME_PART_RUN_IN);
        run_in_style = f->st->body;
        run_in_style.first_line_indent = hs->first_line_indent;
        ps = &run_in_style;
    }
    flow_blank_lines(f, hs->lines_before, false);
    int first = flow_paragraph(f, spans, n, ps);
    if (first < f->n_lines) {
        f->lines[first].outline_level = b->level;
        f->lines[first].outline_title = outline_title(f, b->number ? b->number : "", &b->text, b->pos);
    }
    /* A heading is kept with what follows it (clreq §5; no heading at a page bottom). */
    if (!b->run_in.utf8) f->keep_next = true;
    flow_blank_lines(f, hs->lines_after, true);
}

/* GB/T 9704 §7.3.5.2 (no seal): the issuer `right-inset` characters from
 * the right (右空二字); the date on the next line starts `date-offset`
 * characters right of the issuer's first character; if the date is longer,
 * the date keeps the inset and the issuer moves left.
 * §7.3.5.1 (with a seal): the date `seal-right-inset` characters from the
 * right (右空四字) and the issuer centred over it; the seal, centred on both,
 * presses on them: its centre is `seal-raise` characters above the middle of
 * issuer and date, its top within one line of the text above — blank lines
 * are added until a seal as high as it is wide clears that text. */
static void signature(flow *f, const model_block *b)
{
    const style *st = f->st;
    const text_style *ss = &st->signature;
    int role = flow_role(f, ss, &f->r.signature);
    if (role < 0) return;
    text_span issuer = flow_span(b->text, role, ss->size), date = flow_part(b->date, role, ss->size, FRAME_PART_DATE);
    text_item *ii, *di;
    int ni = text_prepare(&f->tp, &issuer, 1, &ii), nd = text_prepare(&f->tp, &date, 1, &di);
    if (ni < 0 || nd < 0) {
        f->ok = false;
        return;
    }
    mpt_t wi = text_width(ii, ni), wd = text_width(di, nd), ch = ss->size;
    mpt_t edge = st->margin_left + st->text_width, pitch = st->line_pitch, xi, xd;
    mpt_t seal = st->signature_seal_size;
    /* The ink of issuer and date spans the issuer slot's top to one character
       below the date slot's top: its middle is (pitch + ch) / 2 down. */
    mpt_t seal_centre = (pitch + ch) / 2 - (mpt_t)((int64_t)ch * st->signature_seal_raise_permille / 1000);
    int before = ss->lines_before;
    if (b->seal) {
        if (seal <= 0) {
            diag_error(f->d, b->seal_pos, "give the layout's signature a seal-size, such as 42mm",
                       "the layout says nothing about the size of a seal");
            f->ok = false;
            return;
        }
        xd = edge - st->signature_seal_right_inset * ch - wd;
        xi = xd + (wd - wi) / 2;
        if (xi + wi > edge) {   /* an issuer much longer than the date */
            xd -= xi + wi - edge;
            xi = edge - wi;
        }
        /* The seal's top is seal / 2 above its centre; the text above ends
           one character below the top of the last slot before the blank lines. */
        mpt_t over = seal / 2 - seal_centre + ch - pitch;
        int clear = over > 0 ? (int)((over + pitch - 1) / pitch) : 0;
        if (clear > before) before = clear;
    } else {
        mpt_t right = edge - st->signature_right_inset * ch;
        xi = right - wi;
        xd = xi + st->signature_date_offset * ch;
        if (xd + wd > right) {
            xd = right - wd;
            xi = xd - st->signature_date_offset * ch;
        }
    }
    if (xi < st->margin_left) xi = st->margin_left;
    /* The 落款 never stands alone on a page: keep it with the text above. */
    flow_blank_lines(f, before, true);
    f->keep_next = true;
    line *li = flow_new_line(f);
    flow_set_runs(f, li, ii, 0, ni, xi, 0);
    if (b->seal && li->n_runs > 0) {
        frame_image *img = arena_alloc(f->a, sizeof *img);
        *img = (frame_image){ b->seal, xd + wd / 2 - xi, seal_centre - li->ascent, seal };
        li->runs[0].image = img;
    }
    f->keep_next = true;
    flow_set_runs(f, flow_new_line(f), di, 0, nd, xd, 0);
}

/* A table: its caption (kept with it), its rows as lines of their own
 * heights (a page breaks only between rows, where the plan allows), and its
 * notes. */
static void table(flow *f, const model_block *b, int block)
{
    const table_style *ts = &f->st->table;
    const model_table *t = b->table;
    int cell = flow_role(f, &ts->cell, &f->r.table), caption = flow_role(f, &ts->caption, &f->r.caption);
    if (cell < 0 || caption < 0) return;
    if (t->caption) {
        text_span s = flow_part((model_text){ t->caption, strlen(t->caption), t->caption_pos, false, NULL, 0 }, caption,
                                ts->caption.size, FRAME_PART_CAPTION);
        flow_blank_lines(f, ts->caption.lines_before, false);
        flow_paragraph(f, &s, 1, &ts->caption);
        f->keep_next = true;   /* a caption never stands alone at a page bottom */
    }
    table_env env = { f->a, &f->scratch, f->d, &f->tp, ts, cell, caption, f->st->margin_left, f->st->text_width,
                      f->st->text_height, block };
    const table_plan *plan = table_plan_build(&env, t);
    if (!plan) {
        f->ok = false;
        return;
    }
    for (int row = 0; row < plan->g->n_rows; row++) {
        bool keep = f->keep_next;
        line *l = flow_new_line(f);
        l->table = plan;
        l->table_row = row;
        l->height = plan->row_h[row];
        l->break_ok_before = !keep && plan->break_ok[row];
    }
    if (t->n_notes) {
        int notes = flow_role(f, &ts->notes, &f->r.notes);
        if (notes < 0) return;
        for (int i = 0; i < t->n_notes; i++) {
            text_span s = flow_part((model_text){ t->notes[i], strlen(t->notes[i]), t->notes_pos[i], false, NULL, 0 },
                                    notes, ts->notes.size, FRAME_PART_NOTE);
            if (i == 0) f->keep_next = true;   /* the first note stays with the table */
            f->sub = i;
            flow_paragraph(f, &s, 1, &ts->notes);
        }
        f->sub = 0;
    }
}

/* GB/T 9704 §7.3.4 附件说明: a blank line under the body, 左空二字
 * "附件：" and the titles; several are numbered "1." and aligned under the
 * first; a long title wraps under its own first character. */
static void attachment_note(flow *f, const model_block *b)
{
    const style *st = f->st;
    int role = flow_role(f, &st->body, &f->r.body);
    if (role < 0 || b->n_items == 0) return;
    mpt_t ch = st->body.size, left = st->margin_left + st->attachment_note_indent * ch,
          right = st->margin_left + st->text_width;
    text_span label = flow_span(flow_literal(f, st->attachment_note, b->pos), role, ch);
    text_item *li;
    int nl = text_prepare(&f->tp, &label, 1, &li);
    if (nl < 0) {
        f->ok = false;
        return;
    }
    mpt_t names_x = left + text_width(li, nl);
    flow_blank_lines(f, st->attachment_note_lines_before, false);
    for (int i = 0; i < b->n_items; i++) {
        f->sub = i;
        text_span spans[3];
        int n = 0;
        if (i == 0) spans[n++] = label;
        int prefix_chars = 0;
        if (b->n_items > 1) {
            char number[16];
            snprintf(number, sizeof number, "%d", i + 1);
            const char *pairs[] = { "1", number, NULL };
            const char *num = fill_placeholders(f->a, st->attachment_note_number, pairs);
            if (!num) num = "";
            spans[n++] = flow_span(flow_literal(f, num, b->pos), role, ch);
            prefix_chars = (int)utf8_length(num, strlen(num));
        }
        spans[n++] = flow_span(b->items[i], role, ch);
        text_item *items;
        int count = text_prepare(&f->tp, spans, n, &items);
        if (count < 0) {
            f->ok = false;
            return;
        }
        mpt_t first_x = i == 0 ? left : names_x;
        mpt_t hang_x = names_x + text_width(items + (i == 0 ? nl : 0), prefix_chars);
        line_range *lines;
        int n_lines = linebreak_greedy(f->a, items, count, right - first_x, right - hang_x, &lines);
        for (int k = 0; k < n_lines; k++) {
            if (i > 0 || k > 0) f->keep_next = true;   /* the note is read as one */
            flow_set_runs(f, flow_new_line(f), items, lines[k].start, lines[k].end, k == 0 ? first_x : hang_x, 0);
        }
    }
    f->sub = 0;
}

/* GB/T 9704 §7.3.7: an attachment starts a new page; its label ("附件1",
 * 3号黑体) on the first line, the title centred under it, as the layout's
 * attachment label and title styles say. */
static void attachment(flow *f, const model_block *b)
{
    const style *st = f->st;
    int lrole = flow_role(f, &st->attachment_label, &f->r.attachment_label);
    int trole = flow_role(f, &st->attachment_title, &f->r.attachment_title);
    if (lrole < 0 || trole < 0) return;
    const char *pairs[] = { "1", b->number, NULL };
    const char *label = fill_placeholders(f->a, st->attachment_label_format, pairs);
    if (!label) label = "";
    const text_style *ls = &st->attachment_label;
    f->force_break = true;
    text_span s = flow_part(flow_literal(f, label, b->pos), lrole, ls->size, FRAME_PART_LABEL);
    flow_paragraph(f, &s, 1, ls);
    flow_blank_lines(f, ls->lines_after, true);
    f->keep_next = true;
    s = flow_span(b->text, trole, st->attachment_title.size);
    int first = flow_paragraph(f, &s, 1, &st->attachment_title);
    if (first < f->n_lines) {
        f->lines[first].outline_level = 1;
        f->lines[first].outline_title = outline_title(f, arena_printf(f->a, "%s　", label), &b->text, b->pos);
    }
    f->keep_next = true;
    flow_blank_lines(f, st->attachment_title.lines_after, true);
}

void flow_blocks(flow *f, const model_doc *doc)
{
    const style *st = f->st;
    for (int i = 0; i < doc->n_blocks && f->ok; i++) {
        const model_block *b = &doc->blocks[i];
        f->block = i;
        switch (b->kind) {
        case BLOCK_TITLE: plain_block(f, &b->text, &st->title, &f->r.title, true); break;
        case BLOCK_HEADING: heading(f, b); break;
        case BLOCK_PARAGRAPH: plain_block(f, &b->text, &st->body, &f->r.body, false); break;
        case BLOCK_PAGE_BREAK: f->force_break = true; break;
        case BLOCK_SIGNATURE: signature(f, b); break;
        case BLOCK_TABLE: table(f, b, i); break;
        case BLOCK_ATTACHMENT_NOTE: attachment_note(f, b); break;
        case BLOCK_ATTACHMENT: attachment(f, b); break;
        }
    }
}
