/* template_suggest.c — reportc suggest (template_internal.h): the numbers
 * a templated report's prose writes that equal a table's number or a
 * group's sum and are not yet quoted by name, each with the {{name}} to
 * write, so that the prose can no longer contradict the tables.
 *
 * The numbers are those the prose checks would read (template_claims.c):
 * followed by a unit the checks state (件, 万元), so that years, dates,
 * percentages and telephone numbers are never suggested.  When several
 * names have the number's value, the best come first: the check whose
 * words bind the number as R8 binds it, then the checks whose words come
 * before it in its sentence (nearest first), then the tables' order — each
 * table's numbers, then its groups' sums. */
#include <string.h>

#include "template_internal.h"

typedef struct names_list {
    const char **names;
    int n, cap;
} names_list;

static void add_name(expander *e, names_list *l, const char *name)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->names[i], name) == 0) return;
    arena_grow(e->a, (void **)&l->names, &l->cap, l->n + 1, sizeof *l->names);
    l->names[l->n++] = name;
}

/* The names of check c, "a + b" for several, when their sum is v. */
static void add_check(expander *e, names_list *l, int c, decimal v)
{
    const tmpl_prose_check *check = &e->spec->checks[c];
    decimal sum = { 0, 0 };
    const char *expr = "";
    for (int k = 0; k < check->n_equals; k++) {
        decimal x;
        const tcell *cell;
        if (template_value(e, check->equals[k].s, &x, &cell) != QUOTE_OK || !decimal_add(sum, x, &sum)) return;
        expr = k ? arena_printf(e->a, "%s + %s", expr, check->equals[k].s) : check->equals[k].s;
    }
    if (check->n_equals && decimal_compare(sum, v) == 0) add_name(e, l, expr);
}

/* Every number of the tables and every group's sum equal to v, in the
 * tables' order. */
static void add_equal(expander *e, names_list *l, decimal v)
{
    for (int i = 0; i < e->n_tables; i++) {
        const ttable *t = &e->tables[i];
        for (int k = 0; k < t->n_leaves * t->n_cols; k++)
            if (t->cells[k].known && decimal_compare(t->cells[k].v, v) == 0) add_name(e, l, t->cells[k].name);
        for (int k = 0; k < t->n_holes; k++)
            if (t->holes[k].known && decimal_compare(t->holes[k].v, v) == 0) add_name(e, l, t->holes[k].name);
        for (int r = 0; r < t->n_rows; r++) {
            /* A group with a sum row (三、 with （七）总计) adds up to that row's
               numbers, listed already. */
            bool has_sum = false;
            for (int m = t->rows[r].first_leaf; m < t->rows[r].end_leaf; m++) has_sum |= t->rows[t->leaves[m]].spec->sum != NULL;
            if (!t->rows[r].spec->children || has_sum) continue;
            for (int j = 0; j < t->n_cols; j++) {
                const char *name = arena_printf(e->a, "%s.%s.%s", t->name, t->rows[r].path, t->cols[j].path);
                decimal x;
                const tcell *cell;
                if (template_value(e, name, &x, &cell) == QUOTE_OK && decimal_compare(x, v) == 0) add_name(e, l, name);
            }
        }
    }
}

void template_suggest(expander *e, const syn_scalar *s)
{
    prose_number *numbers;
    int n = template_prose_numbers(e, s, &numbers);
    for (int i = 0; i < n; i++) {
        const prose_number *p = &numbers[i];
        names_list l = { 0 };
        if (p->check >= 0) add_check(e, &l, p->check, p->v);
        for (int k = 0; k < p->n_nearby; k++) add_check(e, &l, p->nearby[k], p->v);
        add_equal(e, &l, p->v);
        if (!l.n) continue;
        arena_grow(e->a, (void **)&e->suggestions, &e->cap_suggestions, e->n_suggestions + 1, sizeof *e->suggestions);
        e->suggestions[e->n_suggestions++] = (model_suggestion){ template_pos_in(s, p->start),
                                                                 arena_strndup(e->a, s->s + p->start, p->end - p->start),
                                                                 l.names, l.n };
    }
}
