/* parse_style.c — a merged layout tree bound to a style (style.h).
 *
 * Every number comes from the layout files: layouts/base.yaml gives each
 * one, and the layouts that extend it change what differs.  A value the
 * chain does not give is an error, never a number made up here.  Text
 * styles take font and size from the body when they do not give them. */
#include <string.h>

#include "base/fill.h"
#include "parse_internal.h"
#include "base/i18n.h"

const char *const style_align_names[] = { "left", "center", "right", "justify", NULL };
static const char *const side_names[] = { "left", "center", "right", NULL };

typedef struct binder {
    parse_ctx *p;
    const ynode *root;
} binder;

/* The value of `key` in m; an error when the layout chain does not give it. */
static const ynode *need(binder *b, const ynode *m, const char *key, const char *what)
{
    const ynode *v = yaml_lookup(m, key);
    if (!v)
        parse_error(b->p, m->pos, "layouts/base.yaml gives every value; extend it (extends: base) or give this one",
                    "%s has no '%s' (a layout must give it)", what, key);
    return v;
}

/* The mapping at `key` of the root; an error when absent or not a mapping. */
static const ynode *section(binder *b, const char *key)
{
    const ynode *v = need(b, b->root, key, "the layout");
    if (v && v->kind != YNODE_MAP) {
        const char *typo = v->kind == YNODE_SCALAR ? yaml_typo_hint(v->str, v->len) : NULL;
        parse_error(b->p, v->pos, typo ? typo : N_("write it as 'key: value' lines"), "%s must be a mapping, not %s", key,
                    yaml_kind_name(v));
        return NULL;
    }
    return v;
}

static void length_of(binder *b, const ynode *m, const char *key, const char *what, mpt_t *out)
{
    const ynode *v = need(b, m, key, what);
    if (v && !schema_length(b->p->d, v, key, out)) b->p->ok = false;
}

/* A whole number in [min, max] under key; required when `required`. */
static void int_of(binder *b, const ynode *m, const char *key, const char *what, long min, long max, bool required, int *out)
{
    const ynode *v = required ? need(b, m, key, what) : yaml_lookup(m, key);
    long n;
    if (!v) return;
    if (schema_int(b->p->d, v, key, min, max, &n)) *out = (int)n;
    else b->p->ok = false;
}

static void permille_of(binder *b, const ynode *m, const char *key, const char *what, int min, int max, int *out)
{
    const ynode *v = need(b, m, key, what);
    if (v && !schema_permille(b->p->d, v, key, min, max, out)) b->p->ok = false;
}

static void align_of(binder *b, const ynode *m, const char *key, const char *what, bool required, text_align *out)
{
    const ynode *v = required ? need(b, m, key, what) : yaml_lookup(m, key);
    int e;
    if (!v) return;
    if (schema_enum(b->p->d, v, key, style_align_names, &e)) *out = (text_align)e;
    else b->p->ok = false;
}

/* A pattern with holes (may be null: *out = NULL). */
static void pattern_of(binder *b, const ynode *m, const char *key, const char *what, const char *const *holes,
                       bool nullable, const char **out)
{
    const ynode *v = need(b, m, key, what);
    if (!v) return;
    if (nullable && yaml_is_null(v)) {
        *out = NULL;
        return;
    }
    syn_scalar s;
    if (parse_text(b->p, v, key, &s) && (!holes || parse_holes(b->p, v, key, holes))) *out = s.s;
}

/* An optional type size: PDF viewers and libharu take 1–600 pt. */
static void size_of(binder *b, const ynode *m, mpt_t *out)
{
    const ynode *v = yaml_lookup(m, "size");
    mpt_t size;
    if (!v) return;
    if (!schema_length(b->p->d, v, "size", &size)) {
        b->p->ok = false;
    } else if (size < MPT_PER_PT || size > 600 * MPT_PER_PT) {
        parse_error(b->p, v->pos, "3号 is 15.75pt, 2号 22pt", "size must be between 1pt and 600pt, not %.80s", v->str);
    } else {
        *out = size;
    }
}

static void font_of(binder *b, const ynode *m, text_style *ts)
{
    const ynode *v = yaml_lookup(m, "font");
    syn_scalar s;
    if (v && parse_text(b->p, v, "font", &s)) {
        ts->font_role = s.s;
        ts->font_role_pos = v->pos;
    }
}

static const char *const text_style_keys[] = { "font", "size", "align", "first-line-indent", "lines-before",
                                               "lines-after", "numbering", "max-stretch", "preferred-stretch", NULL };

/* The keys of a text style mapping onto *ts (which holds inherited values). */
static void text_style_of(binder *b, const ynode *m, const char *what, text_style *ts)
{
    if (!parse_keys(b->p, m, what, text_style_keys) && m->kind != YNODE_MAP) return;
    font_of(b, m, ts);
    size_of(b, m, &ts->size);
    align_of(b, m, "align", what, false, &ts->align);
    int_of(b, m, "first-line-indent", what, 0, 20, false, &ts->first_line_indent);
    int_of(b, m, "lines-before", what, 0, 20, false, &ts->lines_before);
    int_of(b, m, "lines-after", what, 0, 20, false, &ts->lines_after);
    const ynode *v;
    if ((v = yaml_lookup(m, "max-stretch")) && !schema_permille(b->p->d, v, "max-stretch (em)", 0, 10000, &ts->max_stretch_permille))
        b->p->ok = false;
    if ((v = yaml_lookup(m, "preferred-stretch")) &&
        !schema_permille(b->p->d, v, "preferred-stretch (em)", 0, 10000, &ts->preferred_stretch_permille))
        b->p->ok = false;
    static const char *const numbering_holes[] = { "一", "1", NULL };
    if ((v = yaml_lookup(m, "numbering"))) {
        syn_scalar s;
        if (yaml_is_null(v)) ts->numbering = NULL;
        else if (parse_text(b->p, v, "numbering", &s) && parse_holes(b->p, v, "numbering", numbering_holes)) {
            int holes = 0;
            for (const char *q = s.s; (q = strchr(q, '{')); q++) holes += strncmp(q, "{一}", 5) == 0 || strncmp(q, "{1}", 3) == 0;
            if (holes > 1) parse_error(b->p, v->pos, "e.g. \"（{一}）\" or \"{1}.\"", "a numbering pattern has one number, {一} or {1}; this one has %d", holes);
            else ts->numbering = s.s;
        }
    }
}

/* A style that gives no font or size takes the body's; nothing else. */
static text_style inherit(const text_style *body)
{
    return (text_style){ .font_role = body->font_role, .font_role_pos = body->font_role_pos, .size = body->size };
}

static void page_of(binder *b, style *s)
{
    const ynode *m = section(b, "page");
    static const char *const keys[] = { "width", "height", "margin-top", "margin-left", "text-width", "text-height",
                                        "lines", NULL };
    if (!m || !parse_keys(b->p, m, "page", keys)) return;
    length_of(b, m, "width", "page", &s->page_width);
    length_of(b, m, "height", "page", &s->page_height);
    length_of(b, m, "margin-top", "page", &s->margin_top);
    length_of(b, m, "margin-left", "page", &s->margin_left);
    length_of(b, m, "text-width", "page", &s->text_width);
    length_of(b, m, "text-height", "page", &s->text_height);
    int_of(b, m, "lines", "page", 1, 200, true, &s->lines_per_page);
    if (!b->p->ok) return;
    /* PDF pages are at least 3 pt a side (ISO 32000-1 C.2). */
    if (s->page_width < 3 * MPT_PER_PT || s->page_height < 3 * MPT_PER_PT) {
        parse_error(b->p, yaml_lookup(m, s->page_width < 3 * MPT_PER_PT ? "width" : "height")->pos, "A4 is 210mm × 297mm",
                    "the page must be at least 3pt wide and high");
        return;
    }
    if (s->text_width < MPT_PER_PT || s->text_height < MPT_PER_PT) {
        parse_error(b->p, yaml_lookup(m, s->text_width < MPT_PER_PT ? "text-width" : "text-height")->pos,
                    "GB/T 9704's text block is 156mm × 225mm", "the text block must be at least 1pt wide and high");
        return;
    }
    if ((int64_t)s->margin_left + s->text_width > s->page_width || (int64_t)s->margin_top + s->text_height > s->page_height) {
        bool wide = (int64_t)s->margin_left + s->text_width > s->page_width;
        parse_error(b->p, yaml_lookup(m, wide ? "text-width" : "text-height")->pos, "reduce the margins or the text block",
                    "the text block does not fit on the page (%s)", wide ? _("margin-left + text-width > width")
                                                                         : _("margin-top + text-height > height"));
        return;
    }
    s->line_pitch = s->text_height / s->lines_per_page;
    if (s->line_pitch < MPT_PER_PT)
        parse_error(b->p, yaml_lookup(m, "text-height")->pos, "fewer lines, or a higher text block",
                    "%d lines in a text block %.3fpt high are less than 1pt apart", s->lines_per_page,
                    pt_from_mpt(s->text_height));
}

static void document_of(binder *b, style *s)
{
    const ynode *m = section(b, "document");
    static const char *const keys[] = { "language", "time-zone", NULL };
    if (!m || !parse_keys(b->p, m, "document", keys)) return;
    const ynode *v = need(b, m, "language", "document");
    syn_scalar t;
    if (v && !schema_language(b->p->d, v, "language", &s->language)) b->p->ok = false;
    if (!(v = need(b, m, "time-zone", "document")) || !parse_text(b->p, v, "time-zone", &t)) return;
    /* ±HH:MM, as PDF dates and XMP write it. */
    int h, mm;
    if (t.len == 6 && (t.s[0] == '+' || t.s[0] == '-') && t.s[3] == ':' && sscanf(t.s + 1, "%2d:%2d", &h, &mm) == 2 &&
        h <= 14 && mm < 60) {
        s->utc_offset = t.s;
        s->utc_offset_minutes = (t.s[0] == '-' ? -1 : 1) * (h * 60 + mm);
    } else {
        parse_error(b->p, v->pos, "China is +08:00", "time-zone must be an offset from UTC such as +08:00, not '%.80s'", t.s);
    }
}

static void page_number_of(binder *b, style *s)
{
    const ynode *m = section(b, "page-number");
    static const char *const keys[] = { "font", "size", "format", "below-text", "odd", "even", "inset", NULL };
    if (!m || !parse_keys(b->p, m, "page-number", keys)) return;
    font_of(b, m, &s->page_number);
    size_of(b, m, &s->page_number.size);
    static const char *const holes[] = { "1", NULL };
    pattern_of(b, m, "format", "page-number", holes, true, &s->page_number_format);
    length_of(b, m, "below-text", "page-number", &s->page_number_below_text);
    int e;
    const ynode *v;
    if ((v = need(b, m, "odd", "page-number"))) {
        if (schema_enum(b->p->d, v, "odd", side_names, &e)) s->page_number_odd = (page_side)e;
        else b->p->ok = false;
    }
    if ((v = need(b, m, "even", "page-number"))) {
        if (schema_enum(b->p->d, v, "even", side_names, &e)) s->page_number_even = (page_side)e;
        else b->p->ok = false;
    }
    int_of(b, m, "inset", "page-number", 0, 20, true, &s->page_number_inset);
}

static void running_of(binder *b, style *s, int which)
{
    const char *what = which ? "running-footer" : "running-header";
    const ynode *m = section(b, what);
    static const char *const keys[] = { "text", "font", "size", "align", "distance", NULL };
    if (!m || !parse_keys(b->p, m, what, keys)) return;
    text_style *ts = &s->running[which];
    font_of(b, m, ts);
    size_of(b, m, &ts->size);
    align_of(b, m, "align", what, true, &ts->align);
    length_of(b, m, "distance", what, &s->running_distance[which]);
    static const char *const holes[] = { "title", "author", "1", NULL };
    pattern_of(b, m, "text", what, holes, true, &s->running_text[which]);
    if (yaml_lookup(m, "text")) s->running_text_pos[which] = yaml_lookup(m, "text")->pos;
}

static void signature_of(binder *b, style *s)
{
    const ynode *m = section(b, "signature");
    static const char *const keys[] = { "font", "size", "lines-before", "right-inset", "date-offset", "date-format",
                                        "seal-right-inset", "seal-size", "seal-raise", NULL };
    if (!m || !parse_keys(b->p, m, "signature", keys)) return;
    font_of(b, m, &s->signature);
    size_of(b, m, &s->signature.size);
    int_of(b, m, "lines-before", "signature", 0, 20, true, &s->signature.lines_before);
    int_of(b, m, "right-inset", "signature", 0, 20, true, &s->signature_right_inset);
    int_of(b, m, "date-offset", "signature", 0, 20, true, &s->signature_date_offset);
    int_of(b, m, "seal-right-inset", "signature", 0, 20, true, &s->signature_seal_right_inset);
    permille_of(b, m, "seal-raise", "signature", 0, 5000, &s->signature_seal_raise_permille);
    const ynode *v = need(b, m, "seal-size", "signature");
    if (v && !yaml_is_null(v)) {
        if (!schema_length(b->p->d, v, "seal-size", &s->signature_seal_size)) b->p->ok = false;
        else if (s->signature_seal_size <= 0 || (s->text_width && s->signature_seal_size > s->text_width))
            parse_error(b->p, v->pos, "an official seal is about 42mm across", "seal-size must be positive and fit the text width");
    }
    static const char *const holes[] = { "y", "m", "d", NULL };
    pattern_of(b, m, "date-format", "signature", holes, false, &s->date_format);
}

static void solver_of(binder *b, const ynode *m, table_solver_style *sv)
{
    static const char *const keys[] = { "short-label", "label-line", "height", "body-break", "head-break", "lone-char", NULL };
    if (!parse_keys(b->p, m, "table.width-solver", keys)) return;
    const char *what = "table.width-solver";
    int_of(b, m, "short-label", what, 0, 100, true, &sv->short_label);
    int_of(b, m, "label-line", what, 1, 100, true, &sv->label_line);
    int_of(b, m, "height", what, 1, 1000, true, &sv->height_weight);
    int_of(b, m, "body-break", what, 0, 1000, true, &sv->body_break);
    int_of(b, m, "head-break", what, 0, 1000, true, &sv->head_break);
    int_of(b, m, "lone-char", what, 0, 1000, true, &sv->lone_char);
}

static void table_of(binder *b, style *s)
{
    const ynode *m = section(b, "table");
    static const char *const keys[] = { "font", "size", "line-height", "padding-x", "padding-y", "rule", "frame",
                                        "space-after", "head-align", "row-head-align", "text-align", "number-align",
                                        "caption", "notes", "continued", "continued-align", "continued-height",
                                        "grown-row-cost", "width-solver", NULL };
    table_style *t = &s->table;
    t->cell = inherit(&s->body);
    if (!m || !parse_keys(b->p, m, "table", keys)) return;
    const char *what = "table";
    font_of(b, m, &t->cell);
    size_of(b, m, &t->cell.size);
    t->caption = t->notes = t->cell;
    permille_of(b, m, "line-height", what, 1000, 5000, &t->line_height_permille);
    length_of(b, m, "padding-x", what, &t->padding_x);
    length_of(b, m, "padding-y", what, &t->padding_y);
    length_of(b, m, "rule", what, &t->rule_width);
    length_of(b, m, "frame", what, &t->frame_width);
    length_of(b, m, "space-after", what, &t->space_after);
    align_of(b, m, "head-align", what, true, &t->head_align);
    align_of(b, m, "row-head-align", what, true, &t->row_head_align);
    align_of(b, m, "text-align", what, true, &t->text_align);
    align_of(b, m, "number-align", what, true, &t->number_align);
    align_of(b, m, "continued-align", what, true, &t->continued_align);
    permille_of(b, m, "continued-height", what, 0, 10000, &t->continued_height_permille);
    permille_of(b, m, "grown-row-cost", what, 0, 100000, &t->grown_row_cost_permille);
    const ynode *v;
    if ((v = need(b, m, "caption", what))) text_style_of(b, v, "table caption", &t->caption);
    if ((v = need(b, m, "notes", what))) text_style_of(b, v, "table notes", &t->notes);
    pattern_of(b, m, "continued", what, NULL, true, &t->continued);
    if ((v = need(b, m, "width-solver", what))) solver_of(b, v, &t->solver);
}

static void attachment_of(binder *b, style *s)
{
    const ynode *m = section(b, "attachment");
    static const char *const keys[] = { "label", "title", "label-format", "note", "note-lines-before", "note-indent",
                                        "note-number", NULL };
    s->attachment_label = inherit(&s->body);
    s->attachment_title = s->title;
    if (!m || !parse_keys(b->p, m, "attachment", keys)) return;
    const ynode *v;
    if ((v = yaml_lookup(m, "label"))) text_style_of(b, v, "attachment label", &s->attachment_label);
    if ((v = yaml_lookup(m, "title"))) text_style_of(b, v, "attachment title", &s->attachment_title);
    static const char *const holes[] = { "1", NULL };
    pattern_of(b, m, "label-format", "attachment", holes, false, &s->attachment_label_format);
    pattern_of(b, m, "note", "attachment", NULL, false, &s->attachment_note);
    pattern_of(b, m, "note-number", "attachment", holes, false, &s->attachment_note_number);
    int_of(b, m, "note-lines-before", "attachment", 0, 20, true, &s->attachment_note_lines_before);
    int_of(b, m, "note-indent", "attachment", 0, 20, true, &s->attachment_note_indent);
}

static void typography_of(binder *b, style *s)
{
    const ynode *m = section(b, "typography");
    static const char *const keys[] = { "cjk-latin-space", "cjk-latin-space-min", "cjk-latin-space-max",
                                        "min-line-height", "punctuation", "line-end-squeeze", "bold-stroke", NULL };
    if (!m || !parse_keys(b->p, m, "typography", keys)) return;
    const char *what = "typography";
    const ynode *v;
    if ((v = need(b, m, "line-end-squeeze", what)) && !schema_bool(b->p->d, v, "line-end-squeeze", &s->line_end_squeeze))
        b->p->ok = false;
    static const char *const puncts[] = { "none", "quanjiao", "kaiming", "banjiao", NULL };
    int e;
    if ((v = need(b, m, "punctuation", what))) {
        if (schema_enum(b->p->d, v, "punctuation", puncts, &e)) s->punctuation = e;
        else b->p->ok = false;
    }
    permille_of(b, m, "cjk-latin-space", what, 0, 1000, &s->cjk_latin_space_permille);
    permille_of(b, m, "cjk-latin-space-min", what, 0, 1000, &s->cjk_latin_space_min_permille);
    permille_of(b, m, "cjk-latin-space-max", what, 0, 1000, &s->cjk_latin_space_max_permille);
    /* The range holds the gap (a layout that changes only the gap keeps a
       range that makes sense). */
    if (s->cjk_latin_space_min_permille > s->cjk_latin_space_permille)
        s->cjk_latin_space_min_permille = s->cjk_latin_space_permille;
    if (s->cjk_latin_space_max_permille < s->cjk_latin_space_permille)
        s->cjk_latin_space_max_permille = s->cjk_latin_space_permille;
    permille_of(b, m, "min-line-height", what, 1000, 5000, &s->min_line_height_permille);
    if ((v = need(b, m, "bold-stroke", what)) &&
        !schema_em(b->p->d, v, "bold-stroke", 0, 200, &s->bold_stroke_permille))
        b->p->ok = false;
}

const char *const parse_layout_keys[] = {
    "name", "description", "document", "page", "body", "title", "heading-1", "heading-2", "heading-3", "heading-4",
    "page-number", "running-header", "running-footer", "signature", "table", "attachment", "typography",
    "extends", "template", NULL
};

style *parse_style(parse_ctx *p, const ynode *root)
{
    binder b = { p, root };
    bool ok_before = p->ok;
    p->ok = true;
    style *s = arena_alloc(p->a, sizeof *s);
    if (!parse_keys(p, root, "a layout", parse_layout_keys) && root->kind != YNODE_MAP) return NULL;
    const ynode *v = need(&b, root, "name", "the layout");
    syn_scalar t;
    if (v && parse_text(p, v, "name", &t)) s->name = t.s;
    document_of(&b, s);
    page_of(&b, s);
    if ((v = section(&b, "body"))) {
        text_style_of(&b, v, "body", &s->body);
        if (!yaml_lookup(v, "font") || !yaml_lookup(v, "size")) parse_error(p, v->pos, "e.g. body: {font: fangsong, size: 15.75pt}", "body must give 'font' and 'size'");
    }
    s->title = inherit(&s->body);
    if ((v = yaml_lookup(root, "title"))) text_style_of(&b, v, "title", &s->title);
    static const char *const heading_keys[] = { "heading-1", "heading-2", "heading-3", "heading-4" };
    for (int i = 0; i < 4; i++) {
        s->heading[i] = inherit(&s->body);
        if ((v = yaml_lookup(root, heading_keys[i]))) text_style_of(&b, v, heading_keys[i], &s->heading[i]);
    }
    s->page_number = inherit(&s->body);
    page_number_of(&b, s);
    for (int k = 0; k < 2; k++) {
        /* Running text takes the page number's size unless it gives its own. */
        s->running[k] = inherit(&s->body);
        s->running[k].size = s->page_number.size;
        running_of(&b, s, k);
    }
    s->signature = inherit(&s->body);
    signature_of(&b, s);
    table_of(&b, s);
    attachment_of(&b, s);
    typography_of(&b, s);
    bool ok = p->ok;
    p->ok = ok_before && ok;
    return ok ? s : NULL;
}
