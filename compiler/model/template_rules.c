/* template_rules.c — the template's rules over its tables (R1, R6, R7 …;
 * template_internal.h): Σ left + Σ minus = Σ previous + Σ right, where
 * `previous` are last year's numbers.  `each: column` (a header-tree
 * table): the names are rows, and the rule holds in every column; `each:
 * row` (a grid): the names are columns, and the rule holds in every row of
 * the grid that has them all.  A broken rule goes to the broken list
 * (template_numbers.c), which reports it where the broken rules meet (this
 * year's `left` number first). */
#include <string.h>

#include "base/fill.h"
#include "template_internal.h"
#include "base/i18n.h"

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

/* The message of a broken rule, the operands (this year's left, right,
 * minus: where it may be reported) taken from probe. */
static void add_broken(expander *e, const tmpl_rule *r, const decimal *const parts[4], const char *column,
                       const char *group, const char *row, const broken *probe)
{
    const int counts[4] = { r->n_left, r->n_right, r->n_previous, r->n_minus };
    const char *text[4];
    for (int s = 0; s < 4; s++) text[s] = parts_text(e->a, parts[s], counts[s]);
    /* Without `right`, {right} is last year's side (R6's wording). */
    const char *pairs[] = { "left", text[0], "right", r->n_right ? text[1] : text[2], "previous", text[2], "minus", text[3],
                            "column", column, "group", group, "row", row, NULL };
    const char *filled = fill_placeholders(e->a, r->message.s, pairs);
    broken *b = template_broken(e, filled ? filled : r->message.s, r->warning);
    broken found = *probe;   /* the operands; the text and kind are b's */
    found.text = b->text;
    found.warning = b->warning;
    *b = found;
}

/* Σ left + Σ minus against Σ previous + Σ right: false when they differ. */
static bool balanced(expander *e, const decimal *const parts[4], const tmpl_rule *r, const src_pos *at)
{
    const int counts[4] = { r->n_left, r->n_right, r->n_previous, r->n_minus };
    decimal sides[2] = { { 0, 0 }, { 0, 0 } };
    for (int s = 0; s < 4; s++)
        for (int k = 0; k < counts[s]; k++)
            if (!decimal_add(sides[s == 0 || s == 3 ? 0 : 1], parts[s][k], &sides[s == 0 || s == 3 ? 0 : 1])) {
                diag_error(e->d, *at, "no count reaches 9,223,372,036,854,775,807",
                           "the sum for a rule over %s is larger than reportc can add exactly", r->table.s);
                e->ok = false;
                return true;
            }
    return decimal_compare(sides[0], sides[1]) == 0;
}

/* `each: column` over a header-tree table t (index ti). */
static void check_columns(expander *e, const tmpl_rule *r, const ttable *t, const ttable *prev)
{
    const syn_scalar *names[4] = { r->left, r->right, r->previous, r->minus };
    const int counts[4] = { r->n_left, r->n_right, r->n_previous, r->n_minus };
    int *rows[4];
    for (int s = 0; s < 4; s++) rows[s] = rows_of(e, t, names[s], counts[s], true);
    if (r->n_previous && !prev) return;   /* no last year's report: not checked */
    if (r->n_previous) rows[2] = rows_of(e, prev, names[2], counts[2], false);
    decimal *parts[4], total;
    for (int s = 0; s < 4; s++) parts[s] = arena_alloc(e->a, (size_t)(counts[s] + 1) * sizeof *parts[s]);
    for (int j = 0; j < t->n_cols; j++) {
        broken probe = { 0 };
        bool known = true;
        /* this year's left, right, minus add their operands; last year's not */
        static const int order[4] = { 0, 1, 3, 2 };
        for (int k = 0; k < 4 && known; k++) {
            int s = order[k];
            known = rows_sum(e, s == 2 ? prev : t, rows[s], counts[s], j, parts[s], &total, s == 2 ? NULL : &probe);
        }
        if (!known || balanced(e, (const decimal *const *)parts, r, &r->pos)) continue;
        add_broken(e, r, (const decimal *const *)parts, t->cols[j].title, t->cols[j].group, "", &probe);
    }
}

/* The hole of grid t named row.column (its local name), or NULL. */
static const tcell *grid_cell(const ttable *t, const char *row, size_t row_len, const char *column)
{
    for (int i = 0; i < t->n_holes; i++) {
        const char *local = t->hole_cells[i]->data.s;
        if (strncmp(local, row, row_len) == 0 && local[row_len] == '.' && strcmp(local + row_len + 1, column) == 0)
            return &t->holes[i];
    }
    return NULL;
}

/* The label of the grid row holding hole i: its first text cell. */
static const char *grid_label(const ttable *t, int hole)
{
    const syn_table *spec = t->spec;
    for (int r = 0; r < spec->n_grid; r++)
        for (int k = 0; k < spec->grid[r].n_cells; k++) {
            if (&spec->grid[r].cells[k] != t->hole_cells[hole]) continue;
            for (int m = 0; m < spec->grid[r].n_cells; m++)
                if (!spec->grid[r].cells[m].data.s && spec->grid[r].cells[m].content.s) return spec->grid[r].cells[m].content.s;
            return "";
        }
    return "";
}

/* `each: row` over a grid t: every row (the prefix of its holes' names,
 * in the grid's order) that has every column named. */
static void check_rows(expander *e, const tmpl_rule *r, const ttable *t, const ttable *prev)
{
    const syn_scalar *names[4] = { r->left, r->right, r->previous, r->minus };
    const int counts[4] = { r->n_left, r->n_right, r->n_previous, r->n_minus };
    /* Every column named must be some hole's last key (the layout's mistake otherwise). */
    for (int s = 0; s < 4; s++)
        for (int k = 0; k < counts[s]; k++) {
            bool found = false;
            for (int i = 0; i < t->n_holes && !found; i++) {
                const char *local = t->hole_cells[i]->data.s, *dot = strrchr(local, '.');
                found = strcmp(dot ? dot + 1 : local, names[s][k].s) == 0;
            }
            if (found) continue;
            diag_error(e->d, names[s][k].pos, "name a column by the last key of its data holes, e.g. in_force",
                       "the template's table %s has no column '%s'", t->name, names[s][k].s);
            e->ok = false;
        }
    if (r->n_previous && !prev) return;   /* no last year's report: not checked */
    decimal *parts[4];
    for (int s = 0; s < 4; s++) parts[s] = arena_alloc(e->a, (size_t)(counts[s] + 1) * sizeof *parts[s]);
    int rows = 0;
    for (int i = 0; i < t->n_holes; i++) {
        const char *local = t->hole_cells[i]->data.s, *dot = strrchr(local, '.');
        if (!dot) continue;
        size_t len = (size_t)(dot - local);
        bool seen = false;   /* the row's first hole only */
        for (int m = 0; m < i && !seen; m++)
            seen = strncmp(t->hole_cells[m]->data.s, local, len + 1) == 0;
        if (seen) continue;
        broken probe = { 0 };
        bool all = true, known = true;
        static const int order[4] = { 0, 1, 3, 2 };
        for (int k = 0; k < 4 && all; k++) {
            int s = order[k];
            for (int m = 0; m < counts[s] && all; m++) {
                const tcell *c = grid_cell(s == 2 ? prev : t, local, len, names[s][m].s);
                all = c != NULL;
                if (!c) break;
                /* A number absent (last year's, or this year's missing) leaves the row unchecked. */
                if (!c->known) known = false;
                parts[s][m] = c->v;
                if (s != 2) template_add_operand(e, &probe, c);
            }
        }
        if (!all) continue;
        rows++;
        if (!known || balanced(e, (const decimal *const *)parts, r, &r->pos)) continue;
        add_broken(e, r, (const decimal *const *)parts, "", "", grid_label(t, i), &probe);
    }
    if (!rows) {
        diag_error(e->d, r->pos, "each row of the rule needs a data hole for every column it names",
                   "no row of the template's table %s has every column the rule names", t->name);
        e->ok = false;
    }
}

static void check_rule(expander *e, const tmpl_rule *r, const ttable *prev)
{
    int ti = -1;
    for (int k = 0; k < e->n_tables; k++)
        if (strcmp(e->tables[k].name, r->table.s) == 0) ti = k;
    if (ti < 0) {
        diag_error(e->d, r->table.pos, "a rule names one of the template's tables", "the template has no table '%s'", r->table.s);
        e->ok = false;
        return;
    }
    const ttable *t = &e->tables[ti];
    bool grid = t->spec->is_grid;
    if (grid != r->each_row) {
        diag_error(e->d, r->table.pos,
                   grid ? N_("a rule over a grid goes row by row: each: row, its names being columns")
                        : N_("a rule over a header-tree table goes column by column: each: column, its names being rows"),
                   "%s is a %s: its rules are 'each: %s'", r->table.s, grid ? _("grid") : _("header-tree table"), grid ? "row" : "column");
        e->ok = false;
        return;
    }
    const ttable *last = prev && (grid || prev[ti].cols) ? &prev[ti] : NULL;
    if (grid) check_rows(e, r, t, last);
    else check_columns(e, r, t, last);
}
void template_check_rules(expander *e, const ttable *prev)
{
    for (int i = 0; i < e->spec->n_rules; i++) check_rule(e, &e->spec->rules[i], prev);
}
