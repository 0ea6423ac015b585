/* template.c — a layout's document template filled from a report (template.h).
 *
 * Three steps: read the numbers of every template table from the report's
 * `data:` (each number has a name: table.row.column), compute the `sum`
 * cells and check stated ones, check the `rules`; then build the body the
 * model stage reads: title, the sections' headings (the template's words),
 * the report's prose, the tables with the numbers in place, the signature.
 * The numbers and rules are template_numbers.c's, the prose
 * template_prose.c's. */
#include "template.h"
#include "template_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/fill.h"
#include "names.h"
#include "parse/schema.h"
#include "parse/source.h"

const char *const template_report_keys[] = { "meta", "layout", "issuer", "year", "date", "sections", "data",
                                             "previous", "missing-numbers", "attachments", NULL };

/* ---- synthetic YAML ------------------------------------------------------ */

ynode *y_new(arena *a, ynode_kind kind, src_pos pos, int cap)
{
    ynode *n = arena_alloc(a, sizeof *n);
    n->kind = kind;
    n->pos = pos;
    n->text_col = pos.col;
    if (kind == YNODE_SEQ) n->items = arena_alloc(a, (size_t)(cap ? cap : 1) * sizeof *n->items);
    if (kind == YNODE_MAP) n->pairs = arena_alloc(a, (size_t)(cap ? cap : 1) * sizeof *n->pairs);
    return n;
}

ynode *y_scalar(arena *a, const char *s, src_pos pos)
{
    ynode *n = y_new(a, YNODE_SCALAR, pos, 0);
    n->str = s;
    n->len = strlen(s);
    n->plain = true;
    return n;
}

void y_put(arena *a, ynode *map, const char *key, ynode *value)
{
    map->pairs[map->n++] = (ypair){ y_scalar(a, key, value->pos), value };
}

/* A leaf row's values node for table_model: the numbers, computed ones included. */
static ynode *values_of(expander *e, const ttable *t, int leaf, src_pos pos)
{
    ynode *seq = y_new(e->a, YNODE_SEQ, pos, t->n_cols);
    for (int j = 0; j < t->n_cols; j++) {
        const cell *c = &t->cells[leaf * t->n_cols + j];
        seq->items[seq->n++] = c->stated ? (ynode *)c->stated : y_scalar(e->a, number_text(e->a, c->v), pos);
    }
    return seq;
}

/* A copy of a template tree node without the template's own keys. */
static const char *const template_only[] = { "key", "sum", "rule", "message", "type", "data", NULL };

static bool template_key(const char *k)
{
    for (int i = 0; template_only[i]; i++)
        if (strcmp(k, template_only[i]) == 0) return true;
    return false;
}

static ynode *strip(expander *e, const ynode *n)
{
    if (n->kind == YNODE_SCALAR) return (ynode *)n;
    ynode *c = y_new(e->a, n->kind, n->pos, n->n);
    if (n->kind == YNODE_SEQ) {
        for (int i = 0; i < n->n; i++) c->items[c->n++] = strip(e, n->items[i]);
        return c;
    }
    for (int i = 0; i < n->n; i++)
        if (!template_key(n->pairs[i].key->str)) c->pairs[c->n++] = (ypair){ n->pairs[i].key, strip(e, n->pairs[i].value) };
    return c;
}

/* Row nodes with values for the leaves (in order of t->leaves). */
static ynode *rows_with_values(expander *e, const ttable *t, const ynode *n, int *leaf)
{
    ynode *c = y_new(e->a, YNODE_MAP, n->pos, n->n + 1);
    const ynode *children = ynode_lookup(n, "children");
    for (int i = 0; i < n->n; i++) {
        const char *k = n->pairs[i].key->str;
        if (template_key(k) || strcmp(k, "children") == 0) continue;
        c->pairs[c->n++] = n->pairs[i];
    }
    if (children && children->kind == YNODE_SEQ) {
        ynode *kids = y_new(e->a, YNODE_SEQ, children->pos, children->n);
        for (int i = 0; i < children->n; i++) kids->items[kids->n++] = rows_with_values(e, t, children->items[i], leaf);
        y_put(e->a, c, "children", kids);
    } else {
        y_put(e->a, c, "values", values_of(e, t, (*leaf)++, n->pos));
    }
    return c;
}

/* The table node for table_model: a tree table with its values, or a grid
 * with its {data: name} holes filled. */
static ynode *table_node(expander *e, const ttable *t, const char *name, const ynode *spec)
{
    const ynode *grid = ynode_lookup(spec, "grid");
    if (!grid) {
        ynode *c = strip(e, spec);
        const ynode *rows = ynode_lookup(spec, "rows");
        ynode *seq = y_new(e->a, YNODE_SEQ, rows->pos, rows->n);
        int leaf = 0;
        for (int i = 0; i < rows->n; i++) seq->items[seq->n++] = rows_with_values(e, t, rows->items[i], &leaf);
        for (int i = 0; i < c->n; i++)
            if (strcmp(c->pairs[i].key->str, "rows") == 0) c->pairs[i].value = seq;
        return c;
    }
    ynode *c = strip(e, spec);
    ynode *g = y_new(e->a, YNODE_SEQ, grid->pos, grid->n);
    const ynode *data = ynode_lookup(e->data, name);
    for (int r = 0; r < grid->n; r++) {
        const ynode *row = grid->items[r];
        ynode *nr = y_new(e->a, YNODE_SEQ, row->pos, row->n);
        for (int k = 0; row->kind == YNODE_SEQ && k < row->n; k++) {
            const ynode *cellnode = row->items[k], *hole = ynode_lookup(cellnode, "data");
            if (!hole) {
                nr->items[nr->n++] = (ynode *)cellnode;
                continue;
            }
            const ynode *type = ynode_lookup(cellnode, "type");
            const char *full = names_join(e->a, name, hole->str);
            cell v = { 0 };
            const ynode *n = data ? lookup_path(e->a, data, hole->str) : NULL;
            read_number(e, n, full, type && strcmp(type->str, "amount") == 0, &v);
            ynode *m = strip(e, cellnode);
            y_put(e->a, m, "value", v.stated ? (ynode *)v.stated : y_scalar(e->a, number_text(e->a, v.v), hole->pos));
            nr->items[nr->n++] = m;
        }
        g->items[g->n++] = nr;
    }
    for (int i = 0; i < c->n; i++)
        if (strcmp(c->pairs[i].key->str, "grid") == 0) c->pairs[i].value = g;
    return c;
}

static ynode *block(expander *e, const char *kind, ynode *value)
{
    ynode *m = y_new(e->a, YNODE_MAP, value->pos, 1);
    y_put(e->a, m, kind, value);
    return m;
}

bool template_expand(arena *a, diag *d, const ynode *tmpl, const ynode *report, const char *base_dir,
                     template_doc *out)
{
    expander e = { .a = a, .d = d, .ok = true };
    memset(out, 0, sizeof *out);
    const ynode *v;
    if (!schema_check_keys(d, report, "a report on this template", template_report_keys)) e.ok = false;
    const ynode *issuer = ynode_lookup(report, "issuer"), *year = ynode_lookup(report, "year");
    long year_n = 0;
    if (!issuer || !year) {
        diag_error(d, report->pos, "e.g. issuer: 某某局 and year: 2024", "a report on this template needs %s",
                   !issuer && !year ? "'issuer' and 'year'" : !issuer ? "'issuer'" : "'year'");
        e.ok = false;
    }
    if (issuer && !schema_string(d, issuer, "issuer", &out->issuer)) e.ok = false;
    if (year && !schema_int(d, year, "year", 1990, 2999, &year_n)) e.ok = false;
    /* The date of the 落款 when the report gives none: the template's
       `deadline` ("{year}"/"{next-year}" and month-day), else none at all. */
    const ynode *deadline = ynode_lookup(tmpl, "deadline");
    if (deadline && deadline->kind == YNODE_SCALAR && year_n) {
        const char *pairs[] = { "year", number_text(a, (double)year_n), "next-year", number_text(a, (double)year_n + 1), NULL };
        const char *date = fill_placeholders(a, deadline->str, pairs);
        if (sscanf(date, "%d-%d-%d", &out->year, &out->month, &out->day) != 3) out->year = 0;
    }
    if ((v = ynode_lookup(report, "date")) && !schema_date(d, v, "date", &out->year, &out->month, &out->day)) e.ok = false;
    if ((v = ynode_lookup(report, "missing-numbers"))) {
        static const char *const choices[] = { "error", "zero", NULL };
        int k;
        if (schema_enum(d, v, "missing-numbers", choices, &k)) e.default_zero = k == 1;
        else e.ok = false;
    }
    if (!e.ok) return false;
    const ynode *data = ynode_lookup(report, "data");
    e.data = data;
    const ynode *tables = ynode_lookup(tmpl, "tables"), *sections = ynode_lookup(tmpl, "sections");
    int n_tables = tables && tables->kind == YNODE_MAP ? tables->n : 0;
    ttable *tt = arena_alloc(a, (size_t)(n_tables + 1) * sizeof *tt);
    for (int i = 0; i < n_tables; i++)
        if (!ynode_lookup(tables->pairs[i].value, "grid")) build_table(&e, &tt[i], tables->pairs[i].key->str, tables->pairs[i].value);
    /* Last year's report, for rules over `previous` (R6): read quietly. */
    ttable *prev = NULL;
    if ((v = ynode_lookup(report, "previous"))) {
        const ynode *root = load_previous(&e, v, base_dir);
        const ynode *pdata = root ? ynode_lookup(root, "data") : NULL;
        if (pdata) {
            expander pe = { .a = a, .d = d, .ok = true, .quiet = true, .data = pdata };
            prev = arena_alloc(a, (size_t)(n_tables + 1) * sizeof *prev);
            for (int i = 0; i < n_tables; i++)
                if (!ynode_lookup(tables->pairs[i].value, "grid"))
                    build_table(&pe, &prev[i], tables->pairs[i].key->str, tables->pairs[i].value);
        }
    }
    if (n_tables) check_rules(&e, ynode_lookup(tmpl, "rules"), tt, tables, prev);
    e.tables = tt;
    e.n_tables = n_tables;
    e.prose_checks = ynode_lookup(tmpl, "prose-checks");
    if (e.prose_checks && e.prose_checks->kind != YNODE_SEQ) e.prose_checks = NULL;
    /* Grid holes are read while building the body (below); keys are checked after. */

    /* The body: title, sections in the template's order, signature. */
    const ynode *prose = ynode_lookup(report, "sections");
    if (prose && prose->kind != YNODE_MAP) {
        diag_error(d, prose->pos, "sections: {overview: [...], problems: [...]}", "sections must be a mapping by section key");
        return false;
    }
    int cap = 4;
    for (int i = 0; prose && i < prose->n; i++) {
        const ynode *p = prose->pairs[i].value;
        cap += p->kind == YNODE_SEQ ? p->n : p->kind == YNODE_MAP && ynode_lookup(p, "body") ? ynode_lookup(p, "body")->n + 1 : 1;
    }
    cap += sections && sections->kind == YNODE_SEQ ? 2 * sections->n : 0;
    ynode *body = y_new(a, YNODE_SEQ, report->pos, cap);
    const ynode *title = ynode_lookup(tmpl, "title");
    if (title && out->issuer) {
        const char *pairs[] = { "issuer", out->issuer, "year", number_text(a, (double)year_n), NULL };
        out->title = fill_placeholders(a, title->str, pairs);
        body->items[body->n++] = block(&e, "title", y_scalar(a, out->title, title->pos));
    }
    const char **keys = arena_alloc(a, (size_t)(sections ? sections->n + 1 : 1) * sizeof *keys);
    for (int i = 0; sections && i < sections->n; i++) {
        const ynode *s = sections->items[i], *key = ynode_lookup(s, "key"), *heading = ynode_lookup(s, "heading"),
                    *table = ynode_lookup(s, "table");
        keys[i] = key ? key->str : "";
        if (heading) body->items[body->n++] = block(&e, "h1", (ynode *)heading);
        const ynode *p = prose && key ? ynode_lookup(prose, key->str) : NULL;
        if (p && heading) add_prose(&e, p, heading, body);
        else if (!table && heading)
            diag_warning(d, prose ? prose->pos : report->pos, "the format asks for every section (不能遗漏)",
                         "section 「%s」 has no text (sections.%s)", heading->str, keys[i]);
        if (table) {
            for (int k = 0; k < n_tables; k++)
                if (strcmp(tables->pairs[k].key->str, table->str) == 0)
                    body->items[body->n++] = block(&e, "table", table_node(&e, &tt[k], table->str, tables->pairs[k].value));
        }
    }
    /* Section keys the template does not have. */
    for (int i = 0; prose && i < prose->n; i++) {
        bool known = false;
        for (int k = 0; sections && k < sections->n && !known; k++) known = strcmp(keys[k], prose->pairs[i].key->str) == 0;
        if (known) continue;
        keys[sections ? sections->n : 0] = NULL;
        const char *near = schema_suggest(prose->pairs[i].key->str, keys);
        diag_error(d, prose->pairs[i].key->pos, near ? arena_printf(a, "did you mean '%s'?", near) : NULL,
                   "the template has no section '%s'", prose->pairs[i].key->str);
        e.ok = false;
    }
    body->items[body->n++] = block(&e, "signature", y_scalar(a, "", report->pos));
    if (data && data->kind != YNODE_MAP) {
        diag_error(d, data->pos, "data: {applications: {new: {...}}}", "data must be a mapping of numbers by name");
        e.ok = false;
    } else if (data) {
        qsort(e.names, (size_t)e.n_names, sizeof *e.names, compare_names);
        check_data_keys(&e, data, "");
    }
    if (e.n_missing) {
        size_t len = 0;
        for (int i = 0; i < e.n_missing; i++) len += strlen(e.missing[i]) + 2;
        char *list = arena_alloc(a, len + 1);
        for (int i = 0; i < e.n_missing; i++) {
            if (i) strcat(list, ", ");
            strcat(list, e.missing[i]);
        }
        diag_error(d, data ? data->pos : report->pos, "give them under data:, or write missing-numbers: zero to count them as 0",
                   "%d number%s missing: %s", e.n_missing, e.n_missing == 1 ? " is" : "s are", list);
        e.ok = false;
    }
    if (e.defaulted)
        diag_warning(d, ynode_lookup(report, "missing-numbers")->pos, NULL,
                     "%d number%s not given and counted as 0 (missing-numbers: zero)", e.defaulted,
                     e.defaulted == 1 ? " was" : "s were");
    report_broken(&e, data ? data->pos : report->pos);
    out->body = body;
    return e.ok;
}
