/* template_quote.c — numbers quoted by name in a templated report's prose
 * (template_internal.h): {{applications.new.total}} is a number of a
 * table, stated or computed; {{applications.results.not_disclosed.total}}
 * the sum of a group of rows in a column; {{a + b}} the sum of several;
 * {{previous.applications.new.total}} last year's; {{… | #,##0}} printed
 * in a format (else in the column's, else as written). */
#include <string.h>

#include "template_internal.h"
#include "base/i18n.h"

/* The cell called `name` among `tables`, or NULL. */
static const tcell *cell_in(const ttable *tables, int n, const char *name)
{
    for (int i = 0; tables && i < n; i++) {
        const ttable *t = &tables[i];
        size_t len = t->name ? strlen(t->name) : 0;
        if (!len || strncmp(name, t->name, len) != 0 || name[len] != '.') continue;
        for (int k = 0; k < t->n_leaves * t->n_cols; k++)
            if (t->cells[k].name && strcmp(t->cells[k].name, name) == 0) return &t->cells[k];
        for (int k = 0; k < t->n_holes; k++)
            if (t->holes[k].name && strcmp(t->holes[k].name, name) == 0) return &t->holes[k];
    }
    return NULL;
}

/* A group of rows in a column: table.<group row>.<column> adds up the
 * group's rows (not its sum rows, such as （七）总计). */
static quote_status group_sum(const ttable *tables, int n, const char *name, decimal *v, const tcell **first)
{
    for (int i = 0; tables && i < n; i++) {
        const ttable *t = &tables[i];
        size_t len = t->name ? strlen(t->name) : 0;
        if (!len || !t->cols || strncmp(name, t->name, len) != 0 || name[len] != '.') continue;
        const char *rest = name + len + 1;
        for (int r = 0; r < t->n_rows; r++) {
            const trow *row = &t->rows[r];
            size_t plen = strlen(row->path);
            if (!row->spec->children || strncmp(rest, row->path, plen) != 0 || rest[plen] != '.') continue;
            for (int j = 0; j < t->n_cols; j++) {
                if (strcmp(rest + plen + 1, t->cols[j].path) != 0) continue;
                *v = (decimal){ 0, 0 };
                for (int m = row->first_leaf; m < row->end_leaf; m++) {
                    if (t->rows[t->leaves[m]].spec->sum) continue;
                    const tcell *c = &t->cells[m * t->n_cols + j];
                    if (!c->known) return QUOTE_UNKNOWN;
                    if (!decimal_add(*v, c->v, v)) return QUOTE_TOO_LARGE;
                    if (!*first) *first = c;
                }
                return QUOTE_OK;
            }
        }
    }
    return QUOTE_NO_NAME;
}

quote_status template_value(const expander *e, const char *name, decimal *v, const tcell **cell)
{
    const ttable *tables = e->tables;
    static const char prev[] = "previous.";
    if (strncmp(name, prev, sizeof prev - 1) == 0) {
        name += sizeof prev - 1;
        if (!e->prev) return cell_in(e->tables, e->n_tables, name) || group_sum(e->tables, e->n_tables, name, v, cell) != QUOTE_NO_NAME
                                 ? QUOTE_NO_PREVIOUS : QUOTE_NO_NAME;
        tables = e->prev;
    }
    *cell = NULL;
    const tcell *c = cell_in(tables, e->n_tables, name);
    if (c) {
        *cell = c;
        if (!c->known) return QUOTE_UNKNOWN;
        *v = c->v;
        return QUOTE_OK;
    }
    return group_sum(tables, e->n_tables, name, v, cell);
}

static const char *trim(arena *a, const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    return arena_strndup(a, s, len);
}

static const char *quote_fail(expander *e, src_pos pos, const char *hint, const char *message)
{
    diag_error(e->d, pos, hint, "%s", diag_tr(message));
    e->ok = false;
    return NULL;
}

const char *template_quote(expander *e, const char *expr, size_t len, src_pos pos)
{
    static const char names_hint[] = "write {{table.row.column}}, e.g. {{applications.new.total}}; a group of rows adds up as "
                                     "{{applications.results.not_disclosed.total}}, several numbers as {{a + b}}";
    const char *bar = memchr(expr, '|', len);
    size_t terms_len = bar ? (size_t)(bar - expr) : len;
    decimal_format f = DECIMAL_AS_WRITTEN;
    bool has_format = false;
    if (bar) {
        const char *name = trim(e->a, bar + 1, len - terms_len - 1);
        if (!decimal_format_parse(name, &f))
            return quote_fail(e, pos, "write {{name |#,##0}}: integer, 0.00, #,##0 or #,##0.00",
                        arena_printf(e->a, _("'%.80s' is not a number format"), name));
        has_format = true;
    }
    decimal sum = { 0, 0 };
    for (const char *p = expr, *end = expr + terms_len; p <= end;) {
        const char *plus = memchr(p, '+', (size_t)(end - p));
        const char *term_end = plus ? plus : end;
        const char *name = trim(e->a, p, (size_t)(term_end - p));
        if (!*name) return quote_fail(e, pos, names_hint, "a number's name is missing between {{ and }}, or around +");
        decimal v;
        const tcell *c = NULL;
        switch (template_value(e, name, &v, &c)) {
        case QUOTE_OK: break;
        case QUOTE_NO_NAME: return quote_fail(e, pos, names_hint, arena_printf(e->a, _("the template has no number '%.200s'"), name));
        case QUOTE_UNKNOWN:
            return quote_fail(e, pos, "give the number under data: (or last year's in the previous: report)",
                        arena_printf(e->a, _("the number %.200s is not known (missing)"), name));
        case QUOTE_NO_PREVIOUS:
            return quote_fail(e, pos, "name last year's report with previous: 2023.yaml",
                        arena_printf(e->a, _("%.200s quotes last year's report, and this one names none"), name));
        case QUOTE_TOO_LARGE:
            return quote_fail(e, pos, "no count reaches 9,223,372,036,854,775,807",
                        arena_printf(e->a, _("the sum for %.200s is larger than reportc can add exactly"), name));
        }
        if (!decimal_add(sum, v, &sum))
            return quote_fail(e, pos, "no count reaches 9,223,372,036,854,775,807", "the sum is larger than reportc can add exactly");
        if (!has_format && c && c->has_format) f = c->format, has_format = true;
        p = term_end + 1;
    }
    char text[DECIMAL_TEXT_MAX];
    decimal_format_text(sum, f, text, NULL);
    return arena_strdup(e->a, text);
}
