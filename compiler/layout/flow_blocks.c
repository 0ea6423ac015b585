/* flow_blocks.c — the report's blocks other than plain paragraphs as flow
 * lines: headings, the signature (落款, with its seal), tables, attachments
 * (flow_internal.h). */
#include "flow_internal.h"

#include <string.h>

#include "base/fill.h"
#include "linebreak.h"

void emit_heading(flow *f, roles *r, const model_block *b)
{
    const text_style *hs = &f->st->heading[b->level - 1];
    int role = role_of(f, hs, &r->heading[b->level - 1]);
    if (role < 0) return;
    text_span spans[3];
    int n = 0;
    if (b->number) spans[n++] = span_of(literal(f, b->number, b->pos), role, hs->size);
    spans[n++] = span_of(b->text, role, hs->size);
    const text_style *ps = hs;
    text_style run_in_style;
    if (b->run_in.utf8) {
        /* A run-in heading ("（一）主动公开。正文…") opens a body paragraph. */
        int body = role_of(f, &f->st->body, &r->body);
        if (body < 0) return;
        spans[n++] = span_of(b->run_in, body, f->st->body.size);
        run_in_style = f->st->body;
        run_in_style.first_line_indent = hs->first_line_indent;
        ps = &run_in_style;
    }
    blank_lines(f, hs->lines_before, false);
    int first = emit_paragraph(f, spans, n, ps);
    if (first < f->n_lines) {
        f->lines[first].outline_level = b->level;
        f->lines[first].outline_title =
            arena_printf(f->a, "%s%.*s", b->number ? b->number : "", (int)b->text.len, b->text.utf8);
    }
    /* A heading is kept with what follows it (clreq §5; no heading at a page bottom). */
    if (!b->run_in.utf8) f->keep_next = true;
    blank_lines(f, hs->lines_after, true);
}

/* GB/T 9704 §7.3.5.2 (no seal): the issuer 右空二字; the date on the next
 * line starts two characters right of the issuer's first character; if the
 * date is longer, the date is set 右空二字 and the issuer moves left.
 * §7.3.5.1 (with a seal): the date 右空四字 and the issuer centred over it;
 * the seal, centred on both, presses on them so that they sit a little
 * below its centre (here half a character), its top within one line of the
 * text above: blank lines are added until a seal as high as it is wide
 * clears that text. */
void emit_signature(flow *f, roles *r, const model_block *b)
{
    const text_style *ss = &f->st->signature;
    int role = role_of(f, ss, &r->signature);
    if (role < 0) return;
    text_span issuer = span_of(b->text, role, ss->size), date = span_of(b->date, role, ss->size);
    text_item *ii, *di;
    int ni = text_prepare(&f->tp, &issuer, 1, &ii), nd = text_prepare(&f->tp, &date, 1, &di);
    if (ni < 0 || nd < 0) return;
    mpt_t wi = text_width(ii, ni), wd = text_width(di, nd), ch = ss->size;
    mpt_t edge = f->st->margin_left + f->st->text_width, pitch = f->st->line_pitch, xi, xd;
    mpt_t seal = f->st->signature_seal_size;
    int before = ss->lines_before;
    if (b->seal) {
        if (seal <= 0) {
            diag_error(f->d, b->seal_pos, "give the layout's signature a seal-size, such as 42mm",
                       "the layout says nothing about the size of a seal");
            f->ok = false;
            return;
        }
        xd = edge - f->st->signature_seal_right_inset * ch - wd;
        xi = xd + (wd - wi) / 2;
        if (xi + wi > edge) {   /* an issuer much longer than the date */
            xd -= xi + wi - edge;
            xi = edge - wi;
        }
        /* The seal's centre is half a line below the issuer line's top
           (below), its top seal / 2 above that; the text above ends one
           character below the top of the last slot before the blank lines. */
        mpt_t over = seal / 2 + ch - 3 * pitch / 2;
        int clear = over > 0 ? (int)((over + pitch - 1) / pitch) : 0;
        if (clear > before) before = clear;
    } else {
        mpt_t right = edge - f->st->signature_right_inset * ch;
        xi = right - wi;
        xd = xi + f->st->signature_date_offset * ch;
        if (xd + wd > right) {
            xd = right - wd;
            xi = xd - f->st->signature_date_offset * ch;
        }
    }
    if (xi < f->st->margin_left) xi = f->st->margin_left;
    /* The 落款 never stands alone on a page: keep it with the text above. */
    blank_lines(f, before, true);
    f->keep_next = true;
    line *li = new_line(f);
    build_runs(f, li, ii, 0, ni, xi, 0);
    if (b->seal && li->n_runs > 0) {
        /* The ink of issuer and date spans the issuer slot's top to one
           character below the date slot's top: its middle is (pitch + ch) / 2
           down; the seal's centre is half a character above that. */
        frame_image *img = arena_alloc(f->a, sizeof *img);
        *img = (frame_image){ b->seal, xd + wd / 2 - xi, pitch / 2 - li->ascent, seal };
        li->runs[0].image = img;
    }
    f->keep_next = true;
    build_runs(f, new_line(f), di, 0, nd, xd, 0);
}

/* A table: its caption (kept with it), its rows as lines of their own
 * heights (a page breaks only between rows, where the plan allows), and its
 * notes. */
void emit_table(flow *f, roles *r, const model_block *b)
{
    const table_style *ts = &f->st->table;
    const model_table *t = b->table;
    int cell = role_of(f, &ts->cell, &r->table), caption = role_of(f, &ts->caption, &r->caption);
    if (cell < 0 || caption < 0) return;
    if (t->caption) {
        text_span s = span_of((model_text){ t->caption, strlen(t->caption), t->caption_pos, false, NULL, 0 }, caption,
                              ts->caption.size);
        blank_lines(f, ts->caption.lines_before, false);
        emit_paragraph(f, &s, 1, &ts->caption);
        f->keep_next = true;   /* a caption never stands alone at a page bottom */
    }
    table_env env = { f->a, &f->scratch, f->d, &f->tp, ts, cell, caption, f->st->margin_left, f->st->text_width, f->st->text_height };
    const table_plan *plan = table_plan_build(&env, t);
    if (!plan) {
        f->ok = false;
        return;
    }
    for (int row = 0; row < plan->t->n_rows; row++) {
        bool keep = f->keep_next;
        line *l = new_line(f);
        l->table = plan;
        l->table_row = row;
        l->height = plan->row_h[row];
        l->break_ok_before = !keep && plan->break_ok[row];
    }
    if (t->n_notes) {
        int notes = role_of(f, &ts->notes, &r->notes);
        if (notes < 0) return;
        for (int i = 0; i < t->n_notes; i++) {
            text_span s = span_of((model_text){ t->notes[i], strlen(t->notes[i]), t->notes_pos[i], false, NULL, 0 },
                                  notes, ts->notes.size);
            if (i == 0) f->keep_next = true;   /* the first note stays with the table */
            emit_paragraph(f, &s, 1, &ts->notes);
        }
    }
}

/* GB/T 9704 §7.3.4 附件说明: one blank line under the body, 左空二字
 * "附件：" and the titles; several are numbered "1." and aligned under the
 * first; a long title wraps under its own first character. */
void emit_attachment_note(flow *f, roles *r, const model_block *b)
{
    const style *st = f->st;
    int role = role_of(f, &st->body, &r->body);
    if (role < 0 || b->n_items == 0) return;
    mpt_t ch = st->body.size, left = st->margin_left, right = st->margin_left + st->text_width;
    text_span label = span_of(literal(f, st->attachment_note, b->pos), role, ch);
    text_item *li;
    int nl = text_prepare(&f->tp, &label, 1, &li);
    if (nl < 0) return;
    mpt_t names_x = left + 2 * ch + text_width(li, nl);
    blank_lines(f, 1, false);
    for (int i = 0; i < b->n_items; i++) {
        text_span spans[3];
        int n = 0;
        if (i == 0) spans[n++] = label;
        int prefix_chars = 0;
        if (b->n_items > 1) {
            const char *num = arena_printf(f->a, "%d.", i + 1);
            spans[n++] = span_of(literal(f, num, b->pos), role, ch);
            prefix_chars = (int)strlen(num);
        }
        spans[n++] = span_of(b->items[i], role, ch);
        text_item *items;
        int count = text_prepare(&f->tp, spans, n, &items);
        if (count < 0) return;
        mpt_t first_x = i == 0 ? left + 2 * ch : names_x;
        mpt_t hang_x = names_x + text_width(items + (i == 0 ? nl : 0), prefix_chars);
        line_range *lines;
        int n_lines = linebreak_greedy(f->a, items, count, right - first_x, right - hang_x, &lines);
        for (int k = 0; k < n_lines; k++) {
            if (i > 0 || k > 0) f->keep_next = true;   /* the note is read as one */
            build_runs(f, new_line(f), items, lines[k].start, lines[k].end, k == 0 ? first_x : hang_x, 0);
        }
    }
}

/* GB/T 9704 §7.3.7: an attachment starts a new page; "附件1" in 3号黑体 flush
 * left on the first line, its title centred on the third. */
void emit_attachment(flow *f, roles *r, const model_block *b)
{
    const style *st = f->st;
    int lrole = role_of(f, &st->attachment_label, &r->attachment_label);
    int trole = role_of(f, &st->attachment_title, &r->attachment_title);
    if (lrole < 0 || trole < 0) return;
    const char *pairs[] = { "1", b->number, NULL };
    const char *label = fill_placeholders(f->a, st->attachment_label_format, pairs);
    text_style ls = st->attachment_label;
    ls.first_line_indent = 0;
    ls.align = ALIGN_LEFT;
    f->force_break = true;
    text_span s = span_of(literal(f, label, b->pos), lrole, ls.size);
    emit_paragraph(f, &s, 1, &ls);
    blank_lines(f, 1, true);
    f->keep_next = true;
    s = span_of(b->text, trole, st->attachment_title.size);
    int first = emit_paragraph(f, &s, 1, &st->attachment_title);
    if (first < f->n_lines) {
        f->lines[first].outline_level = 1;
        f->lines[first].outline_title = arena_printf(f->a, "%s　%.*s", label, (int)b->text.len, b->text.utf8);
    }
    f->keep_next = true;
    blank_lines(f, st->attachment_title.lines_after, true);
}
