/* template_numbers.c — a template's numbers: names, the report's values
 * (R5), computed sums (R2, R3, R4), and the list of broken rules with where
 * each is reported (template_internal.h).  Exact arithmetic throughout: a
 * sum that leaves 64 bits is an error, never a wrap. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fill.h"
#include "base/suggest.h"
#include "names.h"
#include "template_internal.h"
#include "base/i18n.h"

/* ---- names and numbers ---------------------------------------------------------- */

const char *template_number_text(arena *a, decimal v)
{
    char text[DECIMAL_TEXT_MAX];
    decimal_format_text(v, DECIMAL_AS_WRITTEN, text, NULL);
    return arena_strdup(a, text);
}

/* The data item at the dotted path "a.b.c" under d; NULL when any step is missing. */
static const syn_data *lookup_path(const syn_data *d, const char *dotted)
{
    const char *k = dotted;
    while (d && k) {
        const char *dot = strchr(k, '.');
        size_t len = dot ? (size_t)(dot - k) : strlen(k);
        const syn_data *next = NULL;
        for (int i = 0; d->is_map && i < d->n_items && !next; i++)
            if (d->items[i].key.len == len && memcmp(d->items[i].key.s, k, len) == 0) next = &d->items[i];
        d = next;
        k = dot ? dot + 1 : NULL;
    }
    return d;
}

static void add_name(expander *e, const char *name)
{
    if (e->quiet) return;
    arena_grow(e->a, (void **)&e->names, &e->cap_names, e->n_names + 1, sizeof *e->names);
    e->names[e->n_names++] = name;
}

static void add_missing(expander *e, const char *name)
{
    arena_grow(e->a, (void **)&e->missing, &e->cap_missing, e->n_missing + 1, sizeof *e->missing);
    e->missing[e->n_missing++] = name;
}

/* " (cell C5)" for a number from a CSV file, else "". */
static const char *cell_of(expander *e, const char *cell)
{
    return cell ? arena_printf(e->a, _(" (cell %s)"), cell) : "";
}

static void error_at(expander *e, src_pos pos, const char *hint, const char *fmt, const char *name, const char *what,
                     const char *cell)
{
    if (e->quiet) return;
    diag_error(e->d, pos, hint, "%s%s", arena_printf(e->a, diag_tr(fmt), name, what), cell_of(e, cell));
    e->ok = false;
}

/* Reads the report's number at n (NULL: missing) into c.  R5: counts are
 * whole and not negative; amounts (万元) may have decimals. */
static void read_number(expander *e, const syn_data *n, const char *name, bool amount, tcell *c)
{
    add_name(e, name);
    c->name = name;
    if (!n || (!n->is_map && !n->kind_name && n->value.null)) {
        if (e->default_zero) {
            e->defaulted++;
            c->known = true;
            return;
        }
        if (!e->quiet) add_missing(e, name);
        return;
    }
    const char *written = n->is_map ? _("a mapping") : n->kind_name ? n->kind_name : NULL;
    if (written) {
        error_at(e, n->pos, "write the number itself, e.g. 0", "%s must be a number, not %s", name, written, n->key.cell);
        return;
    }
    const syn_scalar *s = &n->value;
    char why[200], hint[200];
    decimal v;
    decimal_status st = decimal_parse(s->s, s->len, &v, why, sizeof why, hint, sizeof hint);
    if (st == DECIMAL_OK && !s->plain) st = DECIMAL_NOT_A_NUMBER;   /* "12" quoted is text */
    if (st == DECIMAL_NOT_A_NUMBER) {
        const char *quoted = arena_printf(e->a, "'%.80s'", s->s);
        const char *say = s->plain ? N_("write the number itself, e.g. 0") : N_("write the number without quotes");
        if (decimal_text_hint(s->s, s->len, hint, sizeof hint)) say = hint;
        error_at(e, s->pos, say, "%s must be a number, not %s", name, quoted, s->cell);
        return;
    }
    if (st != DECIMAL_OK) {
        if (!e->quiet) diag_error(e->d, s->pos, hint, "%s: %s%s", name, why, cell_of(e, s->cell));
        e->ok = e->quiet ? e->ok : false;
        return;
    }
    if (decimal_is_negative(v)) {
        error_at(e, s->pos, "counts and amounts are never negative (R5)", "%s is negative: %s", name, s->s, s->cell);
        return;
    }
    if (!amount && !decimal_is_integer(v)) {
        error_at(e, s->pos, "a count of items is a whole number (R5)", "%s must be a whole number, not %s", name, s->s, s->cell);
        return;
    }
    c->v = v;
    c->stated = s;
    c->known = true;
}

/* What the table prints for c: the report's number, or the computed one at pos. */
static void show(tcell *c, src_pos pos)
{
    c->shown = (table_value){ c->known, c->v, c->stated ? c->stated->text_pos : pos, c->stated };
}

/* ---- broken rules --------------------------------------------------------------- */

broken *template_broken(expander *e, const char *text, bool warning)
{
    arena_grow(e->a, (void **)&e->broken, &e->cap_broken, e->n_broken + 1, sizeof *e->broken);
    broken *b = &e->broken[e->n_broken++];
    memset(b, 0, sizeof *b);
    b->text = text;
    b->warning = warning;
    return b;
}

void template_add_operand(expander *e, broken *b, const tcell *c)
{
    if (c->stated) {
        arena_grow(e->a, (void **)&b->ops, &b->cap_ops, b->n_ops + 1, sizeof *b->ops);
        arena_grow(e->a, (void **)&b->names, &b->cap_names, b->n_ops + 1, sizeof *b->names);
        b->names[b->n_ops] = c->name;
        b->ops[b->n_ops++] = c->stated;
        return;
    }
    if (c->n_terms) b->computed = true;
    for (int i = 0; i < c->n_terms; i++) template_add_operand(e, b, c->terms[i]);
}

/* The rule's text, and when it went through computed numbers and no
 * number stands out (`ties` numbers are shared by as many broken rules:
 * no stated total tells which one is wrong), the stated numbers taking
 * part, each with its line, so that the wrong one can be found. */
static const char *broken_text(expander *e, const broken *b, size_t ties)
{
    enum { LISTED = 40 };
    if (!b->computed || ties < 2) return b->text;
    const char *list = "";
    for (int m = 0; m < b->n_ops && m < LISTED; m++) {
        const char *name = b->names[m], *dot = strchr(name, '.');
        list = arena_printf(e->a, "%s%s%s=%s (line %d)", list, m ? ", " : "", dot ? dot + 1 : name, b->ops[m]->s,
                            b->ops[m]->pos.line);
    }
    if (b->n_ops > LISTED) list = arena_printf(e->a, "%s and %d more", list, b->n_ops - LISTED);
    return arena_printf(e->a, "%s; the numbers taking part: %s", b->text, list);
}

static int compare_ptr(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)*(const void *const *)a, y = (uintptr_t)*(const void *const *)b;
    return x < y ? -1 : x > y;
}

/* Each broken rule is reported at the stated number it shares with most
 * other broken rules: one wrong number breaks every rule it takes part in,
 * so that number is where the rules meet.  (Counted once over all rules:
 * the work grows with the numbers involved, not with their square.) */
void template_report_broken(expander *e)
{
    size_t total = 0;
    for (int i = 0; i < e->n_broken; i++) total += (size_t)e->broken[i].n_ops;
    const syn_scalar **all = arena_alloc(e->a, (total ? total : 1) * sizeof *all);
    size_t k = 0;
    for (int i = 0; i < e->n_broken; i++)
        for (int m = 0; m < e->broken[i].n_ops; m++) all[k++] = e->broken[i].ops[m];
    qsort(all, total, sizeof *all, compare_ptr);
    for (int i = 0; i < e->n_broken; i++) {
        const broken *b = &e->broken[i];
        const syn_scalar *best = NULL;
        size_t best_count = 0, ties = 0;
        for (int m = 0; m < b->n_ops; m++) {
            const syn_scalar **hit = bsearch(&b->ops[m], all, total, sizeof *all, compare_ptr);
            size_t lo = (size_t)(hit - all), hi = lo;
            while (lo > 0 && all[lo - 1] == b->ops[m]) lo--;
            while (hi < total && all[hi] == b->ops[m]) hi++;
            if (hi - lo > best_count) best = b->ops[m], best_count = hi - lo, ties = 0;
            if (hi - lo == best_count) ties++;
        }
        /* A rule broken only through computed numbers (the 总计 column)
           follows from another broken rule, reported at a stated number. */
        if (!best) continue;
        const char *text = broken_text(e, b, ties);
        if (b->warning) {
            diag_warning(e->d, best->pos, "the template's checks (a warning: the report is still written)", "%s", text);
        } else {
            diag_error(e->d, best->pos, "the template's consistency rules (勾稽关系) must hold", "%s", text);
            e->ok = false;
        }
    }
}

/* ---- template tables -------------------------------------------------------------- */

static void collect_cols(expander *e, ttable *t, const syn_column *n, const char *prefix, const char *group, int *cap)
{
    const char *path = names_join(e->a, prefix, n->key.s);
    const char *title = n->title.s ? n->title.s : "";
    if (n->children) {
        for (int i = 0; i < n->n_children; i++) collect_cols(e, t, &n->children[i], path, title, cap);
        return;
    }
    arena_grow(e->a, (void **)&t->cols, cap, t->n_cols + 1, sizeof *t->cols);
    t->cols[t->n_cols++] = (tcol){ path, title, group, prefix, n, n->amount };
}

static void collect_rows(expander *e, ttable *t, const syn_row *n, const char *prefix, int *cap, int *cap_leaves)
{
    const char *path = names_join(e->a, prefix, n->key.s);
    arena_grow(e->a, (void **)&t->rows, cap, t->n_rows + 1, sizeof *t->rows);
    int me = t->n_rows++;
    t->rows[me] = (trow){ path, prefix, n->head.s ? n->head.s : "", n, t->n_leaves, t->n_leaves };
    if (n->children) {
        for (int i = 0; i < n->n_children; i++) collect_rows(e, t, &n->children[i], path, cap, cap_leaves);
    } else {
        arena_grow(e->a, (void **)&t->leaves, cap_leaves, t->n_leaves + 1, sizeof *t->leaves);
        t->leaves[t->n_leaves++] = me;
    }
    t->rows[me].end_leaf = t->n_leaves;
}

static int find_col(const ttable *t, const char *path)
{
    for (int j = 0; j < t->n_cols; j++)
        if (strcmp(t->cols[j].path, path) == 0) return j;
    return -1;
}

int template_find_row(const ttable *t, const char *path)
{
    for (int i = 0; i < t->n_rows; i++)
        if (strcmp(t->rows[i].path, path) == 0) return i;
    return -1;
}

/* "a+b+c" of the terms' values. */
static const char *terms_text(arena *a, const tcell *const *terms, int n)
{
    size_t len = 1;
    char **parts = arena_alloc(a, (size_t)(n ? n : 1) * sizeof *parts);
    for (int i = 0; i < n; i++) {
        parts[i] = (char *)template_number_text(a, terms[i]->v);
        len += strlen(parts[i]) + 1;
    }
    char *s = arena_alloc(a, len);
    for (int i = 0; i < n; i++) {
        if (i) strcat(s, "+");
        strcat(s, parts[i]);
    }
    return s;
}

/* A computed cell: the sum of `terms`; a stated value must agree (else a
 * broken rule worded by the spec's message).  `check`: c is already
 * settled by another sum (a cell where a sum row meets a sum column, the
 * （七）总计 × 总计): only compared with this one, whose rule holds too. */
static void settle_sum(expander *e, tcell *c, const tcell *const *terms, int n, const syn_scalar *message,
                       const char *row, const char *column, const char *group, bool check)
{
    decimal sum = { 0, 0 };
    for (int i = 0; i < n; i++)
        if (!decimal_add(sum, terms[i]->v, &sum)) {
            if (!e->quiet) {
                /* At the stated total, else where the sum starts. */
                const syn_scalar *first = NULL;
                for (int k = 0; k < n && !first; k++) first = terms[k]->stated;
                src_pos at = c->stated ? c->stated->pos : first ? first->pos : c->shown.pos;
                diag_error(e->d, at, "check the numbers: no count reaches 9,223,372,036,854,775,807",
                           "the sum for %s is larger than reportc can add exactly", c->name);
                e->ok = false;
            }
            return;
        }
    if (!check) {
        const tcell **kept = arena_alloc(e->a, (size_t)(n ? n : 1) * sizeof *kept);
        memcpy(kept, terms, (size_t)n * sizeof *kept);
        c->terms = kept;
        c->n_terms = n;
        if (!c->stated) {
            c->v = sum;
            c->known = true;
            return;
        }
    }
    if (decimal_compare(c->v, sum) == 0 || e->quiet) return;
    const char *sum_s = template_number_text(e->a, sum);
    const char *stated = c->stated ? c->stated->s : template_number_text(e->a, c->v);
    const char *pairs[] = { "stated", stated, "terms", arena_printf(e->a, "%s=%s", terms_text(e->a, terms, n), sum_s),
                            "sum", sum_s, "row", row, "column", column, "group", group, NULL };
    const char *text = fill_placeholders(e->a, message->s, pairs);
    broken *b = template_broken(e, text ? text : message->s, false);
    template_add_operand(e, b, c);
    for (int i = 0; i < n; i++) template_add_operand(e, b, terms[i]);
}

/* The sums of a header-tree table: column sums (the 总计 of a row) first,
 * then row sums (the （七）总计 of a column). */
static void compute_sums(expander *e, ttable *t)
{
    const tcell **terms = arena_alloc(e->a, (size_t)(t->n_cols + t->n_leaves + 1) * sizeof *terms);
    for (int pass = 0; pass < 2; pass++)
        for (int l = 0; l < t->n_leaves; l++) {
            const trow *r = &t->rows[t->leaves[l]];
            if ((pass == 0) == (r->spec->sum != NULL)) continue;
            for (int j = 0; j < t->n_cols; j++) {
                const tcol *col = &t->cols[j];
                const syn_scalar *sum = pass == 0 ? col->spec->sum : r->spec->sum;
                int n_sum = pass == 0 ? col->spec->n_sum : r->spec->n_sum;
                const syn_scalar *message = pass == 0 ? &col->spec->message : &r->spec->message;
                if (!sum) continue;
                int n = 0;
                for (int k = 0; k < n_sum; k++) {
                    if (pass == 0) {
                        int c = find_col(t, names_join(e->a, col->parent, sum[k].s));
                        if (c >= 0) terms[n++] = &t->cells[l * t->n_cols + c];
                    } else {
                        int row = template_find_row(t, names_join(e->a, r->parent, sum[k].s));
                        for (int m = row < 0 ? 0 : t->rows[row].first_leaf; row >= 0 && m < t->rows[row].end_leaf; m++)
                            terms[n++] = &t->cells[m * t->n_cols + j];
                    }
                }
                bool all = true;
                for (int k = 0; k < n; k++) all &= terms[k]->known;
                if (!all) continue;   /* a missing number is reported once, as missing */
                tcell *c = &t->cells[l * t->n_cols + j];
                settle_sum(e, c, terms, n, message, r->label, col->title, col->group, false);
                /* Where a sum row meets a sum column, the column's rule
                   (R3 on the （七）总计 row) holds as well as the row's. */
                if (pass == 1 && col->spec->sum && c->known) {
                    n = 0;
                    for (int k = 0; k < col->spec->n_sum; k++) {
                        int m = find_col(t, names_join(e->a, col->parent, col->spec->sum[k].s));
                        if (m >= 0) terms[n++] = &t->cells[l * t->n_cols + m];
                    }
                    for (int k = 0; k < n; k++) all &= terms[k]->known;
                    if (all) settle_sum(e, c, terms, n, &col->spec->message, r->label, col->title, col->group, true);
                }
            }
        }
}

/* Every name a sum adds up must be a sibling column or row (the layout's
 * mistake, reported once at the name). */
static void check_sum_names(expander *e, const ttable *t)
{
    if (e->quiet) return;
    for (int j = 0; j < t->n_cols; j++)
        for (int k = 0; k < t->cols[j].spec->n_sum; k++) {
            const syn_scalar *s = &t->cols[j].spec->sum[k];
            if (find_col(t, names_join(e->a, t->cols[j].parent, s->s)) >= 0) continue;
            diag_error(e->d, s->pos, "name a sibling column by its key", "the template's table %s has no column '%s' to add up",
                       t->name, s->s);
            e->ok = false;
        }
    for (int i = 0; i < t->n_rows; i++)
        for (int k = 0; k < t->rows[i].spec->n_sum; k++) {
            const syn_scalar *s = &t->rows[i].spec->sum[k];
            if (template_find_row(t, names_join(e->a, t->rows[i].parent, s->s)) >= 0) continue;
            diag_error(e->d, s->pos, "name a sibling row by its key", "the template's table %s has no row '%s' to add up",
                       t->name, s->s);
            e->ok = false;
        }
}

static void build_tree(expander *e, ttable *t)
{
    const syn_table *spec = t->spec;
    int cap = 0, cap_rows = 0, cap_leaves = 0;
    for (int i = 0; i < spec->n_columns; i++) collect_cols(e, t, &spec->columns[i], "", "", &cap);
    for (int i = 0; i < spec->n_rows; i++) collect_rows(e, t, &spec->rows[i], "", &cap_rows, &cap_leaves);
    t->cells = arena_alloc(e->a, (size_t)(t->n_leaves * t->n_cols + 1) * sizeof *t->cells);
    const syn_data *data = e->data ? lookup_path(e->data, t->name) : NULL;
    /* The numbers the report states (computed cells may be stated too). */
    for (int l = 0; l < t->n_leaves; l++) {
        const trow *r = &t->rows[t->leaves[l]];
        for (int j = 0; j < t->n_cols; j++) {
            const char *local = names_join(e->a, r->path, t->cols[j].path);
            const syn_data *n = data ? lookup_path(data, local) : NULL;
            tcell *c = &t->cells[l * t->n_cols + j];
            const char *name = names_join(e->a, t->name, local);
            c->name = name;
            c->shown.pos = r->spec->pos;
            c->has_format = t->cols[j].spec->spec.has_format;
            c->format = t->cols[j].spec->spec.format;
            if (r->spec->sum || t->cols[j].spec->sum) {
                /* A computed number may be stated too (as published tables do). */
                if (n && (n->is_map || n->kind_name || !n->value.null)) read_number(e, n, name, t->cols[j].amount, c);
                continue;
            }
            read_number(e, n, name, t->cols[j].amount, c);
        }
    }
    check_sum_names(e, t);
    compute_sums(e, t);
    for (int l = 0; l < t->n_leaves; l++)
        for (int j = 0; j < t->n_cols; j++) show(&t->cells[l * t->n_cols + j], t->rows[t->leaves[l]].spec->pos);
}

/* A grid's data holes, in the grid's order. */
static void build_grid(expander *e, ttable *t)
{
    const syn_table *spec = t->spec;
    int n = 0;
    for (int r = 0; r < spec->n_grid; r++)
        for (int k = 0; k < spec->grid[r].n_cells; k++) n += spec->grid[r].cells[k].data.s != NULL;
    t->holes = arena_alloc(e->a, (size_t)(n ? n : 1) * sizeof *t->holes);
    t->hole_cells = arena_alloc(e->a, (size_t)(n ? n : 1) * sizeof *t->hole_cells);
    const syn_data *data = e->data ? lookup_path(e->data, t->name) : NULL;
    for (int r = 0; r < spec->n_grid; r++)
        for (int k = 0; k < spec->grid[r].n_cells; k++) {
            const syn_cell *cell = &spec->grid[r].cells[k];
            if (!cell->data.s) continue;
            tcell *c = &t->holes[t->n_holes];
            t->hole_cells[t->n_holes++] = cell;
            read_number(e, data ? lookup_path(data, cell->data.s) : NULL, names_join(e->a, t->name, cell->data.s),
                        cell->amount, c);
            show(c, cell->data.pos);
        }
}

void template_build_table(expander *e, ttable *t, const tmpl_table *tt)
{
    memset(t, 0, sizeof *t);
    t->name = tt->name.s;
    t->spec = tt->table;
    if (t->spec->is_grid) build_grid(e, t);
    else build_tree(e, t);
}

/* ---- the report's keys and what is missing -------------------------------------- */

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* True when `path` is a number's name or leads to one (e->names sorted:
 * "a.b" sorts right after "a", before "a_c"). */
static bool known_path(const expander *e, const char *path, bool *leaf)
{
    size_t n = strlen(path);
    int lo = 0, hi = e->n_names;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (strcmp(e->names[mid], path) < 0) lo = mid + 1;
        else hi = mid;
    }
    if (lo == e->n_names || strncmp(e->names[lo], path, n) != 0) return false;
    *leaf = e->names[lo][n] == '\0';
    return *leaf || e->names[lo][n] == '.';
}

static void check_keys(expander *e, const syn_data *m, const char *prefix)
{
    for (int i = 0; i < m->n_items; i++) {
        const syn_data *item = &m->items[i];
        const char *path = names_join(e->a, prefix, item->key.s);
        bool leaf = false;
        if (!known_path(e, path, &leaf)) {
            /* Past the error cap the hint would never be shown. */
            const char *near = diag_full(e->d) ? NULL
                                               : suggest_word(item->key.s, names_next_keys(e->a, e->names, e->n_names, prefix));
            diag_error(e->d, item->key.pos, near ? arena_printf(e->a, _("did you mean '%s'?"), near)
                                                 : N_("reportc init writes every name the template has"),
                       "the template has no number '%.200s'%s", path, cell_of(e, item->key.cell));
            e->ok = false;
        } else if (!leaf) {
            if (!item->is_map) {
                diag_error(e->d, item->pos, "e.g. {natural_person: 0, other: 0}", "'%s' holds several numbers: write a mapping", path);
                e->ok = false;
            } else {
                check_keys(e, item, path);
            }
        }
    }
}

void template_check_data_keys(expander *e)
{
    if (!e->data) return;
    /* A template without tables has no names (and names is NULL: qsort's
       arguments must not be, even for no elements). */
    if (e->n_names > 1) qsort(e->names, (size_t)e->n_names, sizeof *e->names, compare_names);
    check_keys(e, e->data, "");
}

void template_report_missing(expander *e, const syn_report *r)
{
    enum { LISTED = 20 };
    src_pos at = r->data ? r->data->pos : r->pos;
    if (e->n_missing && !r->data_unread) {
        size_t len = 64;
        for (int i = 0; i < e->n_missing && i < LISTED; i++) len += strlen(e->missing[i]) + 2;
        char *list = arena_alloc(e->a, len);
        for (int i = 0; i < e->n_missing && i < LISTED; i++) {
            if (i) strcat(list, ", ");
            strcat(list, e->missing[i]);
        }
        if (e->n_missing > LISTED) sprintf(list + strlen(list), " and %d more", e->n_missing - LISTED);
        diag_error(e->d, at, "give them under data:, or write missing-numbers: zero to count them as 0",
                   "%d number%s missing: %s", e->n_missing, e->n_missing == 1 ? " is" : "s are", list);
        e->ok = false;
    }
    if (e->defaulted)
        diag_warning(e->d, r->missing_numbers_pos, "give every number under data: (reportc init writes them all)", "%d number%s not given and counted as 0 (missing-numbers: zero)",
                     e->defaulted, e->defaulted == 1 ? " was" : "s were");
}
