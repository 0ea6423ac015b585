/* template.c — a layout's document template filled from a report
 * (model_internal.h).
 *
 * Three steps: read the numbers of every template table from the report's
 * `data:` (each number has a name: table.row.column), compute the `sum`
 * cells and check stated ones, check the rules (template_numbers.c,
 * template_rules.c); then add the body: the title, the sections' headings
 * in the template's words, the report's prose (template_prose.c), the
 * tables with the numbers in place.  The 落款 follows (model_build.c).
 * No C code knows any particular template. */
#include <stdio.h>
#include <string.h>

#include "base/fill.h"
#include "base/suggest.h"
#include "template_internal.h"
#include "base/i18n.h"

/* The value of a grid's data hole (model_table.h's callback). */
static const table_value *hole_value(void *ctx, const syn_cell *cell)
{
    const ttable *t = ctx;
    for (int i = 0; i < t->n_holes; i++)
        if (t->hole_cells[i] == cell) return &t->holes[i].shown;
    return NULL;
}

/* The table of template table i, with its numbers. */
static void add_table(expander *e, model_builder *b, int i)
{
    ttable *t = &e->tables[i];
    table_values values = { 0 };
    table_value *leaf = NULL;
    if (t->spec->is_grid) {
        values.hole = hole_value;
        values.ctx = t;
    } else {
        leaf = arena_alloc(e->a, (size_t)(t->n_leaves * t->n_cols + 1) * sizeof *leaf);
        for (int k = 0; k < t->n_leaves * t->n_cols; k++) leaf[k] = t->cells[k].shown;
        values.leaf = leaf;
        values.n_leaf_cols = t->n_cols;
    }
    const model_table *mt = model_table_build(b->a, b->d, t->spec, &values);
    if (!mt) {
        b->ok = false;
        return;
    }
    model_new_block(b, BLOCK_TABLE, t->spec->pos)->table = mt;
}

/* The template's title, the issuer and the 落款's date into meta, unless
 * the report's meta gives them. */
static void set_meta(expander *e, model_builder *b, const syn_report *r)
{
    model_meta *m = &b->doc->meta;
    const template_spec *spec = e->spec;
    char year[16], next[16];
    snprintf(year, sizeof year, "%d", r->year);
    snprintf(next, sizeof next, "%d", r->year + 1);
    /* The date of the 落款 when the report gives none: the template's
       `deadline` ("{year}"/"{next-year}" and month-day), else none at all. */
    int y = 0, mo = 0, d = 0;
    if (spec->deadline.s && r->year) {
        const char *pairs[] = { "year", year, "next-year", next, NULL };
        const char *date = fill_placeholders(e->a, spec->deadline.s, pairs);
        if (!date || sscanf(date, "%d-%d-%d", &y, &mo, &d) != 3) y = 0;
    }
    if (r->has_date) y = r->date_year, mo = r->month, d = r->day;
    if (!m->year) m->year = y, m->month = mo, m->day = d;
    if (!m->author) model_set_property(b, &m->author, r->issuer.s, r->issuer.pos, "the issuer");
    if (r->issuer.s && spec->title.s) {
        const char *pairs[] = { "issuer", r->issuer.s, "year", year, NULL };
        const char *title = fill_placeholders(e->a, spec->title.s, pairs);
        if (!title) {
            diag_error(e->d, r->issuer.pos, "shorten the issuer", "the title is longer than %d bytes", FILL_MAX_BYTES);
            e->ok = false;
        } else {
            model_new_block(b, BLOCK_TITLE, spec->title.pos)->text = model_text_from(e->a, title, spec->title.pos);
            if (!m->title) model_set_property(b, &m->title, title, r->issuer.pos, "the title made from the issuer");
        }
    }
}

/* The sections in the template's order; a section key of the report that
 * the template does not have is an error at it. */
static void add_sections(expander *e, model_builder *b, const syn_report *r)
{
    const template_spec *spec = e->spec;
    for (int i = 0; i < spec->n_sections; i++) {
        const tmpl_section *ts = &spec->sections[i];
        /* The section's heading in the template's words, numbered as any. */
        syn_block heading = { .kind = SYN_HEADING, .pos = ts->heading.pos, .text = ts->heading, .level = 1 };
        model_add_block(b, &heading);
        const syn_section *s = NULL;
        for (int k = 0; k < r->n_sections && !s; k++)
            if (strcmp(r->sections[k].key.s, ts->key.s) == 0) s = &r->sections[k];
        if (s) template_add_prose(e, b, s, ts);
        else if (!ts->table.s)
            diag_warning(e->d, r->has_sections ? r->sections_pos : r->pos, "the format asks for every section (不能遗漏)",
                         "section 「%s」 has no text (sections.%s)", ts->heading.s, ts->key.s);
        if (!ts->table.s) continue;
        int t = -1;
        for (int k = 0; k < e->n_tables; k++)
            if (strcmp(e->tables[k].name, ts->table.s) == 0) t = k;
        if (t < 0) {
            diag_error(e->d, ts->table.pos, "a section's table is one of the template's tables", "the template has no table '%s'",
                       ts->table.s);
            e->ok = false;
            continue;
        }
        add_table(e, b, t);
    }
    const char **keys = arena_alloc(e->a, (size_t)(spec->n_sections + 1) * sizeof *keys);
    for (int i = 0; i < spec->n_sections; i++) keys[i] = spec->sections[i].key.s ? spec->sections[i].key.s : "";
    for (int k = 0; k < r->n_sections; k++) {
        bool known = false;
        for (int i = 0; i < spec->n_sections && !known; i++) known = strcmp(keys[i], r->sections[k].key.s) == 0;
        if (known) continue;
        const char *near = diag_full(e->d) ? NULL : suggest_word(r->sections[k].key.s, keys);
        diag_error(e->d, r->sections[k].key.pos,
                   near ? arena_printf(e->a, _("did you mean '%s'?"), near) : N_("reportc init writes every section the template has"),
                   "the template has no section '%.80s'", r->sections[k].key.s);
        e->ok = false;
    }
}

bool template_build(model_builder *b, const parsed_report *in)
{
    const syn_report *r = in->report;
    const template_spec *spec = in->tmpl;
    if (!r->issuer.s || !r->year) return false;   /* the parse stage said so */
    expander e = { .a = b->a, .d = b->d, .ok = true, .default_zero = r->missing_as_zero, .data = r->data, .spec = spec,
                   .suggest = b->suggest };
    e.n_tables = spec->n_tables;
    e.tables = arena_alloc(b->a, (size_t)(spec->n_tables + 1) * sizeof *e.tables);
    /* Header-tree tables first, then grids: the order of the missing list. */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < spec->n_tables; i++)
            if (spec->tables[i].table->is_grid == (pass == 1)) template_build_table(&e, &e.tables[i], &spec->tables[i]);
    /* Last year's numbers, for rules over `previous` (R6): read quietly. */
    ttable *prev = NULL;
    if (r->previous) {
        expander pe = { .a = b->a, .d = b->d, .ok = true, .quiet = true, .data = r->previous, .spec = spec };
        prev = arena_alloc(b->a, (size_t)(spec->n_tables + 1) * sizeof *prev);
        for (int i = 0; i < spec->n_tables; i++) template_build_table(&pe, &prev[i], &spec->tables[i]);
        e.prev = prev;
    }
    template_check_rules(&e, prev);
    set_meta(&e, b, r);
    /* The preamble (本报告依据…编制) after the title, before 一、. */
    if (r->has_preamble)
        template_add_blocks(&e, b, &r->preamble, "the preamble", "the section headings come from the template; the preamble is paragraphs before 一");
    add_sections(&e, b, r);
    template_check_data_keys(&e);
    template_report_missing(&e, r);
    template_report_broken(&e);
    b->doc->suggestions = e.suggestions;
    b->doc->n_suggestions = e.n_suggestions;
    return e.ok && b->ok;
}
