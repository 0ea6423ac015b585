/* flow.c — blocks to grid lines to pages (layout.h). */
#include "layout.h"

#include <stdbool.h>
#include <string.h>

#include "linebreak.h"
#include "table_layout.h"
#include "text_clreq.h"
#include "text_prepare.h"
#include "text_runs.h"
#include "utf8.h"

/* Lines hang from the top of their grid slot: the top of the ideographic em
 * box sits on the slot's top edge, so the first line of a page starts at the
 * 版心's top (GB/T 9704 §5.2.1).  The em box's top is 0.88 em above the
 * baseline (OpenType's ideographic baseline convention, bottom at −0.12 em). */
enum { EM_BOX_ASCENT_PER_MILLE = 880 };

typedef struct line {
    bool blank;              /* an empty grid line (spacing) */
    bool break_ok_before;    /* a page may start with this line */
    bool page_break_before;  /* a page must start with this line */
    mpt_t ascent;            /* baseline below the slot's top */
    int slots;               /* grid lines it takes: more than one for large type */
    frame_text *runs;        /* y = 0 until paginated */
    int n_runs;
    int outline_level;       /* > 0: a heading starts here */
    const char *outline_title;
    const table_plan *table; /* a table row instead of text: off the line grid */
    int table_row;
    mpt_t height;            /* of a table row */
} line;

enum { ROLE_UNRESOLVED = -2, ROLE_FAILED = -1 };

typedef struct flow {
    arena *a;
    arena scratch;           /* working memory of one table at a time */
    diag *d;
    const style *st;
    const fontset *fonts;
    text_prep tp;
    line *lines;
    int n_lines, cap_lines;
    bool keep_next;          /* the next line must stay with the previous one */
    bool force_break;        /* the next line starts a page */
    bool ok;
} flow;

/* Resolves a style's font role, once per style (cached in the role slot). */
static int role_of(flow *f, const text_style *ts, int *slot)
{
    if (*slot == ROLE_UNRESOLVED) {
        *slot = fontset_role(f->fonts, f->d, ts->font_role, ts->font_role_pos);
        if (*slot < 0) f->ok = false;
    }
    return *slot;
}

static line *new_line(flow *f)
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

static void blank_lines(flow *f, int count, bool keep)
{
    for (int i = 0; i < count; i++) {
        if (keep) f->keep_next = true;
        new_line(f)->blank = true;
    }
}

/* Sets line l to items[start,end) from x (text_runs_build); type too large
 * for one grid line takes as many as its line height needs. */
static void build_runs(flow *f, line *l, const text_item *items, int start, int end, mpt_t x, mpt_t extra)
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
static int emit_paragraph(flow *f, const text_span *spans, int n_spans, const text_style *ps)
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
        mpt_t lo = width / n_ranges, hi = width;
        while (hi - lo > MPT_PER_PT) {
            mpt_t mid = lo + (hi - lo) / 2;
            line_range *trial;
            if (linebreak_greedy(f->a, items, n, mid - indent, mid, &trial) <= n_ranges) hi = mid;
            else lo = mid;
        }
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

static text_span span_of(model_text t, int role, mpt_t size)
{
    return (text_span){ t, role, size };
}

static model_text literal(flow *f, const char *s, src_pos pos)
{
    return (model_text){ arena_strdup(f->a, s), strlen(s), pos, false, NULL, 0 };
}

typedef struct roles {
    int body, title, heading[4], signature, page_number, table, caption, notes, attachment_label, attachment_title,
        running[2];
} roles;

static void emit_heading(flow *f, roles *r, const model_block *b)
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
static void emit_signature(flow *f, roles *r, const model_block *b)
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
static void emit_table(flow *f, roles *r, const model_block *b)
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
static void emit_attachment_note(flow *f, roles *r, const model_block *b)
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
        int skip = (i == 0 ? nl : 0) + prefix_chars;   /* items before the title's first character */
        mpt_t first_x = i == 0 ? left + 2 * ch : names_x;
        mpt_t hang_x = names_x + text_width(items + (i == 0 ? nl : 0), prefix_chars);
        line_range *lines;
        int n_lines = linebreak_greedy(f->a, items, count, right - first_x, right - hang_x, &lines);
        (void)skip;
        for (int k = 0; k < n_lines; k++) {
            if (i > 0 || k > 0) f->keep_next = true;   /* the note is read as one */
            build_runs(f, new_line(f), items, lines[k].start, lines[k].end, k == 0 ? first_x : hang_x, 0);
        }
    }
}

/* GB/T 9704 §7.3.7: an attachment starts a new page; "附件1" in 3号黑体 flush
 * left on the first line, its title centred on the third. */
static void emit_attachment(flow *f, roles *r, const model_block *b)
{
    const style *st = f->st;
    int lrole = role_of(f, &st->attachment_label, &r->attachment_label);
    int trole = role_of(f, &st->attachment_title, &r->attachment_title);
    if (lrole < 0 || trole < 0) return;
    const char *fmt = st->attachment_label_format, *at = strstr(fmt, "{1}");
    const char *label = at ? arena_printf(f->a, "%.*s%s%s", (int)(at - fmt), fmt, b->number, at + 3) : fmt;
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

/* "— {1} —" with the page number. */
static const char *page_label(flow *f, const char *format, int number)
{
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    const char *at = strstr(format, "{1}");
    if (!at) return format;
    return arena_printf(f->a, "%.*s%s%s", (int)(at - format), format, num, at + 3);
}

/* GB/T 9704 §7.5: 4号 numbers 7 mm below the 版心, odd pages right and even
 * pages left, one character in from the edge. */
static void add_page_number(flow *f, roles *r, frame_sink *sink, int number)
{
    const style *st = f->st;
    if (!st->page_number_format) return;
    int role = role_of(f, &st->page_number, &r->page_number);
    if (role < 0) return;
    text_span s = span_of((model_text){ page_label(f, st->page_number_format, number),
                                        0, st->page_number.font_role_pos, false, NULL, 0 },
                          role, st->page_number.size);
    s.text.len = strlen(s.text.utf8);
    text_item *items;
    int n = text_prepare(&f->tp, &s, 1, &items);
    if (n <= 0) return;
    line l = { 0 };
    mpt_t w = text_width(items, n), inset = st->page_number_inset * st->body.size;
    page_side side = number % 2 ? st->page_number_odd : st->page_number_even;
    mpt_t x = side == SIDE_LEFT    ? st->margin_left + inset
            : side == SIDE_RIGHT   ? st->margin_left + st->text_width - inset - w
                                   : st->margin_left + (st->text_width - w) / 2;
    build_runs(f, &l, items, 0, n, x, 0);
    /* below-text measures to the dashes, which sit on the em box's middle. */
    mpt_t baseline = st->margin_top + st->text_height + st->page_number_below_text +
                     (mpt_t)((int64_t)st->page_number.size * (EM_BOX_ASCENT_PER_MILLE - 500) / 1000);
    for (int k = 0; k < l.n_runs; k++) {
        l.runs[k].y = baseline;
        frame_sink_push(sink, (frame_item){ .kind = FRAME_TEXT, .u.text = l.runs[k] });
    }
}

/* The layout's running header (which 0) or footer (1) on page `number`. */
static void add_running_text(flow *f, roles *r, frame_sink *sink, int which, int number, const model_meta *meta)
{
    const style *st = f->st;
    const char *pattern = st->running_text[which];
    if (!pattern) return;
    int role = role_of(f, &st->running[which], &r->running[which]);
    if (role < 0) return;
    /* {title}, {author}, {1}. */
    const char *text = pattern;
    const char *keys[] = { "{title}", "{author}", "{1}" };
    const char *values[] = { meta->title ? meta->title : "", meta->author ? meta->author : "",
                             arena_printf(f->a, "%d", number) };
    for (int k = 0; k < 3; k++)
        for (const char *at; (at = strstr(text, keys[k]));)
            text = arena_printf(f->a, "%.*s%s%s", (int)(at - text), text, values[k], at + strlen(keys[k]));
    const text_style *ts = &st->running[which];
    text_span s = span_of(literal(f, text, ts->font_role_pos), role, ts->size);
    text_item *items;
    int n = text_prepare(&f->tp, &s, 1, &items);
    if (n <= 0) return;
    line l = { 0 };
    mpt_t w = text_width(items, n);
    mpt_t x = ts->align == ALIGN_LEFT    ? st->margin_left
            : ts->align == ALIGN_RIGHT   ? st->margin_left + st->text_width - w
                                         : st->margin_left + (st->text_width - w) / 2;
    build_runs(f, &l, items, 0, n, x, 0);
    /* The distance is to the text's centre line (the em box's middle). */
    mpt_t middle = which ? st->margin_top + st->text_height + st->running_distance[1]
                         : st->margin_top - st->running_distance[0];
    mpt_t baseline = middle + (mpt_t)((int64_t)ts->size * (EM_BOX_ASCENT_PER_MILLE - 500) / 1000);
    for (int k = 0; k < l.n_runs; k++) {
        l.runs[k].y = baseline;
        frame_sink_push(sink, (frame_item){ .kind = FRAME_TEXT, .u.text = l.runs[k] });
    }
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
