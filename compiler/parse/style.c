/* style.c — find a layout file, merge the report's overrides, bind to style. */
#include "style.h"

#include <string.h>

#include "schema.h"
#include "source.h"

/* Deep-merges `over` onto `base`: mappings merge key by key, anything else
 * is replaced.  New nodes live in `a`; inputs are not modified. */
static ynode *merge(arena *a, const ynode *base, const ynode *over)
{
    if (!base) return (ynode *)over;
    if (!over) return (ynode *)base;
    if (base->kind != YNODE_MAP || over->kind != YNODE_MAP) return (ynode *)over;
    ynode *m = arena_alloc(a, sizeof *m);
    *m = *base;
    m->pairs = arena_alloc(a, (size_t)(base->n + over->n) * sizeof *m->pairs);
    m->n = 0;
    for (int i = 0; i < base->n; i++) {
        const ypair *o = ynode_lookup_pair(over, base->pairs[i].key->str);
        m->pairs[m->n++] = (ypair){ o ? o->key : base->pairs[i].key,
                                    merge(a, base->pairs[i].value, o ? o->value : NULL) };
    }
    for (int i = 0; i < over->n; i++)
        if (!ynode_lookup_pair(base, over->pairs[i].key->str)) m->pairs[m->n++] = over->pairs[i];
    return m;
}

typedef struct binder {
    diag *d;
    bool ok;
} binder;

static const ynode *need(binder *b, const ynode *m, const char *key, const char *what)
{
    const ynode *v = ynode_lookup(m, key);
    if (!v) {
        diag_error(b->d, m->pos, NULL, "%s has no '%s' (a layout must give it)", what, key);
        b->ok = false;
    }
    return v;
}

static void bind_length(binder *b, const ynode *m, const char *key, const char *what, mpt_t *out)
{
    const ynode *v = need(b, m, key, what);
    if (v && !schema_length(b->d, v, key, out)) b->ok = false;
}

/* An optional whole number in [min, max]: unchanged when the key is absent. */
static void bind_int(binder *b, const ynode *m, const char *key, const char *what, long min, long max, int *out)
{
    const ynode *v = ynode_lookup(m, key);
    long n;
    if (!v) return;
    if (schema_int(b->d, v, what, min, max, &n)) *out = (int)n;
    else b->ok = false;
}

/* An optional type size: PDF viewers and libharu take 1–600 pt. */
static void bind_size(binder *b, const ynode *m, mpt_t *out)
{
    const ynode *v = ynode_lookup(m, "size");
    mpt_t size;
    if (!v) return;
    if (!schema_length(b->d, v, "size", &size)) {
        b->ok = false;
    } else if (size < MPT_PER_PT || size > 600 * MPT_PER_PT) {
        diag_error(b->d, v->pos, "3号 is 15.75pt, 2号 22pt", "size must be between 1pt and 600pt, not %s", v->str);
        b->ok = false;
    } else {
        *out = size;
    }
}

static const char *const align_names[] = { "left", "center", "right", "justify", NULL };
static const char *const side_names[] = { "left", "center", "right", NULL };

static const char *const text_style_keys[] = {
    "font", "size", "align", "first-line-indent", "lines-before", "lines-after", "numbering", "max-stretch", NULL
};

/* Binds the keys of a text style mapping onto *ts (which holds inherited values). */
static void bind_text_style(binder *b, const ynode *m, const char *what, text_style *ts)
{
    if (!schema_check_keys(b->d, m, what, text_style_keys)) {
        b->ok = false;
        if (m->kind != YNODE_MAP) return;
    }
    const ynode *v;
    int e;
    if ((v = ynode_lookup(m, "font"))) {
        if (schema_string(b->d, v, "font", &ts->font_role)) ts->font_role_pos = v->pos;
        else b->ok = false;
    }
    bind_size(b, m, &ts->size);
    if ((v = ynode_lookup(m, "align"))) {
        if (schema_enum(b->d, v, "align", align_names, &e)) ts->align = (text_align)e;
        else b->ok = false;
    }
    bind_int(b, m, "first-line-indent", "first-line-indent (characters)", 0, 20, &ts->first_line_indent);
    bind_int(b, m, "lines-before", "lines-before", 0, 20, &ts->lines_before);
    bind_int(b, m, "lines-after", "lines-after", 0, 20, &ts->lines_after);
    double em;
    if ((v = ynode_lookup(m, "max-stretch"))) {
        if (schema_number(b->d, v, "max-stretch (em)", 0, 10, &em)) ts->max_stretch_permille = (int)(em * 1000 + 0.5);
        else b->ok = false;
    }
    if ((v = ynode_lookup(m, "numbering")) && !ynode_is_null(v) &&
        !schema_string(b->d, v, "numbering", &ts->numbering))
        b->ok = false;
}

/* A sub-style inherits font and size from the body, nothing else. */
static text_style inherit(const text_style *body)
{
    return (text_style){ .font_role = body->font_role, .font_role_pos = body->font_role_pos,
                         .size = body->size, .align = ALIGN_LEFT };
}

static void bind_page(binder *b, const ynode *m, style *s)
{
    static const char *const keys[] = { "width", "height", "margin-top", "margin-left",
                                        "text-width", "text-height", "lines", NULL };
    if (!schema_check_keys(b->d, m, "page", keys)) b->ok = false;
    if (m->kind != YNODE_MAP) return;
    bind_length(b, m, "width", "page", &s->page_width);
    bind_length(b, m, "height", "page", &s->page_height);
    bind_length(b, m, "margin-top", "page", &s->margin_top);
    bind_length(b, m, "margin-left", "page", &s->margin_left);
    bind_length(b, m, "text-width", "page", &s->text_width);
    bind_length(b, m, "text-height", "page", &s->text_height);
    const ynode *v = need(b, m, "lines", "page");
    long n;
    if (v) {
        if (schema_int(b->d, v, "lines (per page)", 1, 200, &n)) s->lines_per_page = (int)n;
        else b->ok = false;
    }
    if (!b->ok) return;
    if (s->margin_left + s->text_width > s->page_width || s->margin_top + s->text_height > s->page_height) {
        diag_error(b->d, m->pos, "reduce the margins or the text block", "the text block does not fit on the page");
        b->ok = false;
    }
    s->line_pitch = s->text_height / s->lines_per_page;
}

static void bind_page_number(binder *b, const ynode *m, style *s)
{
    static const char *const keys[] = { "font", "size", "format", "below-text", "odd", "even", "inset", NULL };
    if (!schema_check_keys(b->d, m, "page-number", keys)) b->ok = false;
    if (m->kind != YNODE_MAP) return;
    const ynode *v;
    int e;
    if ((v = ynode_lookup(m, "font")) && schema_string(b->d, v, "font", &s->page_number.font_role))
        s->page_number.font_role_pos = v->pos;
    bind_size(b, m, &s->page_number.size);
    if ((v = ynode_lookup(m, "format"))) {
        if (ynode_is_null(v)) s->page_number_format = NULL;
        else if (!schema_string(b->d, v, "format", &s->page_number_format)) b->ok = false;
    }
    if ((v = ynode_lookup(m, "below-text")) && !schema_length(b->d, v, "below-text", &s->page_number_below_text))
        b->ok = false;
    if ((v = ynode_lookup(m, "odd"))) {
        if (schema_enum(b->d, v, "odd", side_names, &e)) s->page_number_odd = (page_side)e;
        else b->ok = false;
    }
    if ((v = ynode_lookup(m, "even"))) {
        if (schema_enum(b->d, v, "even", side_names, &e)) s->page_number_even = (page_side)e;
        else b->ok = false;
    }
    bind_int(b, m, "inset", "inset (characters)", 0, 20, &s->page_number_inset);
}

static void bind_signature(binder *b, const ynode *m, style *s)
{
    static const char *const keys[] = { "font", "size", "lines-before", "right-inset", "date-offset",
                                        "date-format", "seal-right-inset", "seal-size", NULL };
    if (!schema_check_keys(b->d, m, "signature", keys)) b->ok = false;
    if (m->kind != YNODE_MAP) return;
    const ynode *v;
    if ((v = ynode_lookup(m, "font")) && schema_string(b->d, v, "font", &s->signature.font_role))
        s->signature.font_role_pos = v->pos;
    bind_size(b, m, &s->signature.size);
    bind_int(b, m, "lines-before", "lines-before", 0, 20, &s->signature.lines_before);
    bind_int(b, m, "right-inset", "right-inset (characters)", 0, 20, &s->signature_right_inset);
    bind_int(b, m, "date-offset", "date-offset (characters)", 0, 20, &s->signature_date_offset);
    bind_int(b, m, "seal-right-inset", "seal-right-inset (characters)", 0, 20, &s->signature_seal_right_inset);
    if ((v = ynode_lookup(m, "seal-size"))) {
        if (!schema_length(b->d, v, "seal-size", &s->signature_seal_size)) b->ok = false;
        else if (s->signature_seal_size <= 0 || s->signature_seal_size > s->text_width) {
            diag_error(b->d, v->pos, "an official seal is about 42mm across", "seal-size must be positive and fit the text width");
            b->ok = false;
        }
    }
    if ((v = ynode_lookup(m, "date-format")) && !schema_string(b->d, v, "date-format", &s->date_format))
        b->ok = false;
}

static void bind_align(binder *b, const ynode *m, const char *key, text_align *out)
{
    const ynode *v = ynode_lookup(m, key);
    int e;
    if (!v) return;
    if (schema_enum(b->d, v, key, align_names, &e)) *out = (text_align)e;
    else b->ok = false;
}

/* An optional length: unchanged when the key is absent. */
static void bind_opt_length(binder *b, const ynode *m, const char *key, mpt_t *out)
{
    const ynode *v = ynode_lookup(m, key);
    if (v && !schema_length(b->d, v, key, out)) b->ok = false;
}

static void bind_table(binder *b, const ynode *m, style *s)
{
    static const char *const keys[] = { "font", "size", "line-height", "padding-x", "padding-y", "rule", "frame",
                                        "space-after", "head-align", "row-head-align", "text-align",
                                        "number-align", "caption", "notes", "continued", "continued-align", NULL };
    if (!schema_check_keys(b->d, m, "table", keys)) b->ok = false;
    if (m->kind != YNODE_MAP) return;
    table_style *t = &s->table;
    const ynode *v;
    if ((v = ynode_lookup(m, "font")) && schema_string(b->d, v, "font", &t->cell.font_role))
        t->cell.font_role_pos = v->pos;
    bind_size(b, m, &t->cell.size);
    t->caption = t->notes = t->cell;
    t->caption.align = ALIGN_CENTER;
    double em;
    if ((v = ynode_lookup(m, "line-height"))) {
        if (schema_number(b->d, v, "line-height (em)", 1, 5, &em)) t->line_height_permille = (int)(em * 1000 + 0.5);
        else b->ok = false;
    }
    bind_opt_length(b, m, "padding-x", &t->padding_x);
    bind_opt_length(b, m, "padding-y", &t->padding_y);
    bind_opt_length(b, m, "rule", &t->rule_width);
    bind_opt_length(b, m, "frame", &t->frame_width);
    bind_opt_length(b, m, "space-after", &t->space_after);
    bind_align(b, m, "head-align", &t->head_align);
    bind_align(b, m, "row-head-align", &t->row_head_align);
    bind_align(b, m, "text-align", &t->text_align);
    bind_align(b, m, "number-align", &t->number_align);
    bind_align(b, m, "continued-align", &t->continued_align);
    if ((v = ynode_lookup(m, "caption"))) bind_text_style(b, v, "table caption", &t->caption);
    if ((v = ynode_lookup(m, "notes"))) bind_text_style(b, v, "table notes", &t->notes);
    if ((v = ynode_lookup(m, "continued"))) {
        if (ynode_is_null(v)) t->continued = NULL;
        else if (!schema_string(b->d, v, "continued", &t->continued)) b->ok = false;
    }
}

static void bind_running(binder *b, const ynode *m, style *s, int which)
{
    static const char *const keys[] = { "text", "font", "size", "align", "distance", NULL };
    const char *what = which ? "running-footer" : "running-header";
    if (!schema_check_keys(b->d, m, what, keys)) b->ok = false;
    if (m->kind != YNODE_MAP) return;
    const ynode *v;
    text_style *ts = &s->running[which];
    if ((v = ynode_lookup(m, "font")) && schema_string(b->d, v, "font", &ts->font_role)) ts->font_role_pos = v->pos;
    bind_size(b, m, &ts->size);
    bind_align(b, m, "align", &ts->align);
    if ((v = ynode_lookup(m, "distance")) && !schema_length(b->d, v, "distance", &s->running_distance[which])) b->ok = false;
    if ((v = ynode_lookup(m, "text"))) {
        if (ynode_is_null(v)) s->running_text[which] = NULL;
        else if (!schema_string(b->d, v, "text", &s->running_text[which])) b->ok = false;
    }
}

static void bind_attachment(binder *b, const ynode *m, style *s)
{
    static const char *const keys[] = { "label", "title", "label-format", "note", NULL };
    if (!schema_check_keys(b->d, m, "attachment", keys)) b->ok = false;
    if (m->kind != YNODE_MAP) return;
    const ynode *v;
    if ((v = ynode_lookup(m, "label"))) bind_text_style(b, v, "attachment label", &s->attachment_label);
    if ((v = ynode_lookup(m, "title"))) bind_text_style(b, v, "attachment title", &s->attachment_title);
    if ((v = ynode_lookup(m, "label-format")) && !schema_string(b->d, v, "label-format", &s->attachment_label_format))
        b->ok = false;
    if ((v = ynode_lookup(m, "note")) && !schema_string(b->d, v, "note", &s->attachment_note)) b->ok = false;
}

static const char *const layout_keys[] = {
    "name", "description", "page", "body", "title", "heading-1", "heading-2", "heading-3",
    "heading-4", "page-number", "running-header", "running-footer", "signature", "table", "attachment",
    "typography", "extends", "template", NULL
};

static style *bind(arena *a, diag *d, const ynode *root)
{
    binder b = { d, true };
    style *s = arena_alloc(a, sizeof *s);
    if (!schema_check_keys(d, root, "a layout", layout_keys)) b.ok = false;
    if (root->kind != YNODE_MAP) return NULL;
    const ynode *v = need(&b, root, "name", "the layout");
    if (v && !schema_string(d, v, "name", &s->name)) b.ok = false;
    if ((v = need(&b, root, "page", "the layout"))) bind_page(&b, v, s);
    if ((v = need(&b, root, "body", "the layout"))) {
        bind_text_style(&b, v, "body", &s->body);
        if (!ynode_lookup(v, "font") || !ynode_lookup(v, "size")) {
            diag_error(d, v->pos, NULL, "body must give 'font' and 'size'");
            b.ok = false;
        }
    }
    s->title = inherit(&s->body);
    if ((v = ynode_lookup(root, "title"))) bind_text_style(&b, v, "title", &s->title);
    static const char *const heading_keys[] = { "heading-1", "heading-2", "heading-3", "heading-4" };
    for (int i = 0; i < 4; i++) {
        s->heading[i] = inherit(&s->body);
        if ((v = ynode_lookup(root, heading_keys[i]))) bind_text_style(&b, v, heading_keys[i], &s->heading[i]);
    }
    s->page_number = inherit(&s->body);
    s->page_number_odd = s->page_number_even = SIDE_CENTER;
    if ((v = ynode_lookup(root, "page-number"))) bind_page_number(&b, v, s);
    for (int k = 0; k < 2; k++) {
        s->running[k] = inherit(&s->body);
        s->running[k].size = s->page_number.size;
        s->running[k].align = ALIGN_CENTER;
        s->running_distance[k] = 7 * MPT_FROM_MM_X1000(1000);
        if ((v = ynode_lookup(root, k ? "running-footer" : "running-header"))) bind_running(&b, v, s, k);
    }
    s->signature = inherit(&s->body);
    s->date_format = "{y}-{m}-{d}";
    s->min_line_height_permille = 1000;
    if ((v = ynode_lookup(root, "signature"))) bind_signature(&b, v, s);
    /* Tables default to the body's type, single rules and centred headers. */
    s->table = (table_style){ .cell = inherit(&s->body), .line_height_permille = 1200, .padding_x = 2 * MPT_PER_PT,
                              .padding_y = 2 * MPT_PER_PT, .rule_width = MPT_PER_PT / 2, .frame_width = MPT_PER_PT / 2,
                              .head_align = ALIGN_CENTER, .row_head_align = ALIGN_LEFT, .text_align = ALIGN_LEFT,
                              .number_align = ALIGN_CENTER, .continued_align = ALIGN_LEFT };
    s->table.caption = s->table.notes = s->table.cell;
    s->table.caption.align = ALIGN_CENTER;
    if ((v = ynode_lookup(root, "table"))) bind_table(&b, v, s);
    s->attachment_label = inherit(&s->body);
    s->attachment_title = s->title;
    s->attachment_label_format = "附件{1}";
    s->attachment_note = "附件：";
    if ((v = ynode_lookup(root, "attachment"))) bind_attachment(&b, v, s);
    if ((v = ynode_lookup(root, "typography"))) {
        static const char *const keys[] = { "cjk-latin-space", "min-line-height", "punctuation",
                                            "line-end-squeeze", NULL };
        const ynode *lv = ynode_lookup(v, "line-end-squeeze");
        if (lv && !schema_bool(d, lv, "line-end-squeeze", &s->line_end_squeeze)) b.ok = false;
        static const char *const puncts[] = { "none", "quanjiao", "kaiming", "banjiao", NULL };
        int e;
        const ynode *pv = ynode_lookup(v, "punctuation");
        if (pv) {
            if (schema_enum(d, pv, "punctuation", puncts, &e)) s->punctuation = e;
            else b.ok = false;
        }
        double em;
        if (!schema_check_keys(d, v, "typography", keys)) b.ok = false;
        const ynode *w = ynode_lookup(v, "cjk-latin-space");
        if (w) {
            if (schema_number(d, w, "cjk-latin-space (em)", 0, 1, &em)) s->cjk_latin_space_permille = (int)(em * 1000 + 0.5);
            else b.ok = false;
        }
        if ((w = ynode_lookup(v, "min-line-height"))) {
            if (schema_number(d, w, "min-line-height (em)", 1, 5, &em)) s->min_line_height_permille = (int)(em * 1000 + 0.5);
            else b.ok = false;
        }
    }
    return b.ok ? s : NULL;
}

/* Locates the layout file; returns its path in `a` or NULL. */
static const char *find_layout(arena *a, const char *name, const char *base_dir, const char *const *dirs,
                               int n_dirs)
{
    size_t len = strlen(name);
    bool is_path = strchr(name, '/') || (len > 5 && strcmp(name + len - 5, ".yaml") == 0);
    if (is_path) {
        const char *p = name[0] == '/' || !base_dir ? name : arena_printf(a, "%s/%s", base_dir, name);
        return source_file_exists(p) ? p : NULL;
    }
    for (int i = 0; i < n_dirs; i++) {
        const char *p = arena_printf(a, "%s/%s.yaml", dirs[i], name);
        if (source_file_exists(p)) return p;
    }
    return NULL;
}

/* Reads and parses layout `name`; a layout that `extends` another is merged
 * over it (up to MAX_EXTENDS deep).  Returns the merged tree or NULL. */
enum { MAX_EXTENDS = 4 };

static ynode *load_tree(arena *a, diag *d, const char *name, src_pos name_pos, const char *base_dir,
                        const char *const *dirs, int n_dirs, int depth)
{
    const char *path = find_layout(a, name, base_dir, dirs, n_dirs);
    if (!path) {
        char hint[1024];
        int used = snprintf(hint, sizeof hint, "layouts are searched in");
        for (int i = 0; i < n_dirs && used > 0 && (size_t)used < sizeof hint; i++)
            used += snprintf(hint + used, sizeof hint - (size_t)used, "%s %s", i ? "," : "", dirs[i]);
        diag_error(d, name_pos, hint, "unknown layout '%s'", name);
        return NULL;
    }
    source *src = arena_alloc(a, sizeof *src);
    const char *err;
    yaml_limits limits = yaml_limits_default();
    if (!source_read(a, path, arena_strdup(a, path), limits.max_input_bytes, src, &err)) {
        diag_error(d, name_pos, NULL, "cannot read layout file %s: %s", path, err);
        return NULL;
    }
    ynode *root = yaml_tree_parse(a, d, src, &limits);
    if (!root) return NULL;
    const ynode *base = ynode_lookup(root, "extends");
    if (!base) return root;
    const char *base_name;
    if (!schema_string(d, base, "extends", &base_name)) return NULL;
    if (depth >= MAX_EXTENDS) {
        diag_error(d, base->pos, "a layout may extend one that extends another, 4 deep at most",
                   "layouts extend each other too deeply (a cycle?)");
        return NULL;
    }
    ynode *under = load_tree(a, d, base_name, base->pos, base_dir, dirs, n_dirs, depth + 1);
    return under ? merge(a, under, root) : NULL;
}

style *style_load(arena *a, diag *d, const char *name, src_pos name_pos, const ynode *overrides,
                  const char *base_dir, const char *const *dirs, int n_dirs)
{
    ynode *root = load_tree(a, d, name, name_pos, base_dir, dirs, n_dirs, 0);
    if (!root) return NULL;
    style *s = bind(a, d, merge(a, root, overrides));
    if (s) s->template_node = ynode_lookup(root, "template");
    return s;
}
