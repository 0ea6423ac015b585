/* template_rules.c — the template's rules over its tables (R1, R6 …;
 * template_internal.h): for every column, the sum of the `left` rows equals
 * the sum of the `right` rows — or of the `previous` rows in last year's
 * report.  A broken rule goes to the broken list (template_numbers.c),
 * which reports it where the broken rules meet. */
#include <string.h>

#include "base/fill.h"
#include "template_internal.h"

/* The row indices of `names` in t; -1 for a name t has none of (reported
 * once, at the name, unless quiet). */
static int *rows_of(expander *e, const ttable *t, const syn_scalar *names, int n, bool report)
{
    int *rows = arena_alloc(e->a, (size_t)(n ? n : 1) * sizeof *rows);
    for (int k = 0; k < n; k++) {
        rows[k] = template_find_row(t, names[k].s);
        if (rows[k] < 0 && report) {
            diag_error(e->d, names[k].pos, "name a row by its keys from the outside in, e.g. results.total",
                       "the template's table %s has no row '%s'", t->name, names[k].s);
            e->ok = false;
        }
    }
    return rows;
}

/* The sums of `rows` in column j (one per row; a group row adds up its
 * leaves) and their total; false when a number is unknown (reported as
 * missing) or the sum leaves 64 bits (an error). */
static bool rows_sum(expander *e, const ttable *t, const int *rows, int n, int j, decimal *parts, decimal *total,
                     broken *b)
{
    *total = (decimal){ 0, 0 };
    for (int k = 0; k < n; k++) {
        if (rows[k] < 0) return false;
        decimal s = { 0, 0 };
        const tcell *last = NULL;
        for (int m = t->rows[rows[k]].first_leaf; m < t->rows[rows[k]].end_leaf; m++) {
            const tcell *c = last = &t->cells[m * t->n_cols + j];
            if (!c->known) return false;
            if (!decimal_add(s, c->v, &s)) goto overflow;
            if (b) template_add_operand(e, b, c);
        }
        parts[k] = s;
        if (!decimal_add(*total, s, total)) goto overflow;
        continue;
    overflow:
        if (!e->quiet) {
            diag_error(e->d, last && last->stated ? last->stated->pos : t->spec->pos,
                       "no count reaches 9,223,372,036,854,775,807",
                       "the sum for a rule over %s is larger than reportc can add exactly", t->name);
            e->ok = false;
        }
        return false;
    }
    return true;
}

/* "a+b" of the parts. */
static const char *parts_text(arena *a, const decimal *parts, int n)
{
    const char *s = "";
    for (int k = 0; k < n; k++) s = k ? arena_printf(a, "%s+%s", s, template_number_text(a, parts[k])) : template_number_text(a, parts[k]);
    return s;
}

static void check_rule(expander *e, const tmpl_rule *r, const ttable *prev)
{
    int ti = -1;
    for (int k = 0; k < e->n_tables; k++)
        if (strcmp(e->tables[k].name, r->table.s) == 0) ti = k;
    if (ti < 0 || !e->tables[ti].cols) {
        diag_error(e->d, r->table.pos, "a rule names one of the template's header-tree tables",
                   ti < 0 ? "the template has no table '%s'" : "rules apply to header-tree tables, and %s is a grid", r->table.s);
        e->ok = false;
        return;
    }
    const ttable *t = &e->tables[ti];
    const ttable *other = r->previous ? (prev && prev[ti].cols ? &prev[ti] : NULL) : t;
    const syn_scalar *right = r->previous ? r->previous : r->right;
    int n_right = r->previous ? r->n_previous : r->n_right;
    int *left_rows = rows_of(e, t, r->left, r->n_left, true);
    int *right_rows = rows_of(e, t, right, n_right, true);
    if (!other) return;   /* no last year's report: R6 not checked */
    if (other != t) right_rows = rows_of(e, other, right, n_right, false);
    decimal *lv = arena_alloc(e->a, (size_t)(r->n_left + n_right + 1) * sizeof *lv), *rv = lv + r->n_left, ls, rs;
    for (int j = 0; j < t->n_cols; j++) {
        broken probe = { 0 };
        if (!rows_sum(e, t, left_rows, r->n_left, j, lv, &ls, &probe) ||
            !rows_sum(e, other, right_rows, n_right, j, rv, &rs, r->previous ? NULL : &probe))
            continue;
        if (decimal_compare(ls, rs) == 0) continue;
        const char *pairs[] = { "left", parts_text(e->a, lv, r->n_left), "right", parts_text(e->a, rv, n_right),
                                "column", t->cols[j].title, "group", t->cols[j].group, NULL };
        const char *text = fill_placeholders(e->a, r->message.s, pairs);
        broken *b = template_broken(e, text ? text : r->message.s, r->warning);
        b->ops = probe.ops;
        b->names = probe.names;
        b->n_ops = probe.n_ops;
        b->cap_ops = probe.cap_ops;
        b->cap_names = probe.cap_names;
        b->computed = probe.computed;
    }
}

void template_check_rules(expander *e, const ttable *prev)
{
    for (int i = 0; i < e->spec->n_rules; i++) check_rule(e, &e->spec->rules[i], prev);
}
