/* template_numbers.c — a template's numbers: names, the report's values
 * (R5), computed sums (R2, R3, R4), rules (R1, R6), and where a broken rule
 * is reported (template_internal.h). */
#include "template_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fill.h"
#include "names.h"
#include "parse/schema.h"
#include "parse/source.h"

/* ---- names and numbers --------------------------------------------------- */

/* m.a.b.c for the dotted path "a.b.c"; NULL when any step is missing. */
const ynode *lookup_path(arena *a, const ynode *m, const char *dotted)
{
    char *copy = arena_strdup(a, dotted);
    for (char *k = copy; k && m;) {
        char *dot = strchr(k, '.');
        if (dot) *dot = '\0';
        m = ynode_lookup(m, k);
        k = dot ? dot + 1 : NULL;
    }
    return m;
}

const char *number_text(arena *a, double v)
{
    return v == floor(v) && fabs(v) < 1e15 ? arena_printf(a, "%.0f", v) : arena_printf(a, "%g", v);
}



static void add_name(expander *e, const char *name)
{
    arena_grow(e->a, (void **)&e->names, &e->cap_names, e->n_names + 1, sizeof *e->names);
    e->names[e->n_names++] = name;
}

static void add_missing(expander *e, const char *name)
{
    arena_grow(e->a, (void **)&e->missing, &e->cap_missing, e->n_missing + 1, sizeof *e->missing);
    e->missing[e->n_missing++] = name;
}

/* A number of the report at node n (absent: NULL).  R5: counts are whole
 * and not negative; amounts (万元) may have decimals. */
bool read_number(expander *e, const ynode *n, const char *name, bool amount, cell *out)
{
    add_name(e, name);
    if (!n || ynode_is_null(n)) {
        if (e->default_zero) {
            e->defaulted++;
            out->known = true;
            return true;
        }
        if (!e->quiet) add_missing(e, name);
        return false;
    }
    const char *s = n->kind == YNODE_SCALAR ? n->str : "";
    char *end = NULL;
    double v = n->kind == YNODE_SCALAR && n->plain ? strtod(s, &end) : 0;
    if (e->quiet) {
        out->v = v, out->stated = n, out->known = true;
        return true;
    }
    if (!end || end == s || *end) {
        diag_error(e->d, n->pos, "write the number itself, e.g. 0", "%s must be a number, not %s", name,
                   n->kind == YNODE_SCALAR ? arena_printf(e->a, "'%s'", s) : ynode_kind_name(n));
        e->ok = false;
        return false;
    }
    if (v < 0) {
        diag_error(e->d, n->pos, "counts and amounts are never negative (R5)", "%s is negative: %s", name, s);
        e->ok = false;
        return false;
    }
    if (!amount && v != floor(v)) {
        diag_error(e->d, n->pos, "a count of items is a whole number (R5)", "%s must be a whole number, not %s", name, s);
        e->ok = false;
        return false;
    }
    out->v = v, out->stated = n, out->known = true;
    return true;
}

/* ---- template tables ----------------------------------------------------- */

static void collect_cols(expander *e, ttable *t, const ynode *n, const char *prefix, const char *group, int *cap)
{
    const ynode *key = n->kind == YNODE_MAP ? ynode_lookup(n, "key") : NULL;
    const ynode *title = n->kind == YNODE_MAP ? ynode_lookup(n, "title") : n;
    const ynode *children = n->kind == YNODE_MAP ? ynode_lookup(n, "children") : NULL;
    const char *path = names_join(e->a, prefix, key ? key->str : NULL);
    const char *title_s = title && title->kind == YNODE_SCALAR ? title->str : "";
    if (children && children->kind == YNODE_SEQ) {
        for (int i = 0; i < children->n; i++) collect_cols(e, t, children->items[i], path, title_s, cap);
        return;
    }
    const ynode *type = n->kind == YNODE_MAP ? ynode_lookup(n, "type") : NULL;
    arena_grow(e->a, (void **)&t->cols, cap, t->n_cols + 1, sizeof *t->cols);
    t->cols[t->n_cols++] = (tcol){ path, title_s, group, prefix, n, n->kind == YNODE_MAP ? ynode_lookup(n, "sum") : NULL,
                                   type && type->kind == YNODE_SCALAR && strcmp(type->str, "amount") == 0 };
}

static void collect_rows(expander *e, ttable *t, const ynode *n, const char *prefix, int *cap, int *cap_leaves)
{
    const ynode *key = ynode_lookup(n, "key"), *head = ynode_lookup(n, "head"), *children = ynode_lookup(n, "children");
    const char *path = names_join(e->a, prefix, key ? key->str : NULL);
    arena_grow(e->a, (void **)&t->rows, cap, t->n_rows + 1, sizeof *t->rows);
    int me = t->n_rows++;
    t->rows[me] = (trow){ path, prefix, head && head->kind == YNODE_SCALAR ? head->str : "", n, ynode_lookup(n, "sum"),
                          t->n_leaves, t->n_leaves };
    if (children && children->kind == YNODE_SEQ) {
        for (int i = 0; i < children->n; i++) collect_rows(e, t, children->items[i], path, cap, cap_leaves);
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

static int find_row(const ttable *t, const char *path)
{
    for (int i = 0; i < t->n_rows; i++)
        if (strcmp(t->rows[i].path, path) == 0) return i;
    return -1;
}

static broken *new_broken(expander *e, const char *text, bool warning)
{
    arena_grow(e->a, (void **)&e->broken, &e->cap_broken, e->n_broken + 1, sizeof *e->broken);
    broken *b = &e->broken[e->n_broken++];
    memset(b, 0, sizeof *b);
    b->text = text;
    b->warning = warning;
    return b;
}

/* The stated numbers behind a cell: itself, or what a computed cell adds up. */
static void add_op(broken *b, const cell *c)
{
    if (c->stated) {
        if (b->n_ops < 64) b->ops[b->n_ops++] = c->stated;
        return;
    }
    for (int i = 0; i < c->n_terms; i++) add_op(b, c->terms[i]);
}

/* "a+b+c" of the values, into a; the total in *sum. */
static const char *terms_text(arena *a, const double *v, int n, double *sum)
{
    const char *s = "";
    *sum = 0;
    for (int i = 0; i < n; i++) {
        s = i ? arena_printf(a, "%s+%s", s, number_text(a, v[i])) : number_text(a, v[i]);
        *sum += v[i];
    }
    return s;
}

/* Checks a computed cell: the sum of `terms`; a stated value must agree. */
static void settle_sum(expander *e, cell *c, const cell *const *terms, int n, const ynode *spec, const char *row,
                       const char *column, const char *group)
{
    double sum = 0;
    for (int i = 0; i < n; i++) sum += terms[i]->v;
    const cell **kept = arena_alloc(e->a, (size_t)(n ? n : 1) * sizeof *kept);
    memcpy(kept, terms, (size_t)n * sizeof *kept);
    c->terms = kept;
    c->n_terms = n;
    if (!c->stated) {
        c->v = sum;
        c->known = true;
        return;
    }
    if (fabs(c->v - sum) < 1e-9 || e->quiet) return;
    double *v = arena_alloc(e->a, (size_t)(n ? n : 1) * sizeof *v);
    for (int i = 0; i < n; i++) v[i] = terms[i]->v;
    const char *terms_s = terms_text(e->a, v, n, &sum);
    const ynode *msg = ynode_lookup(spec, "message");
    const char *pairs[] = { "stated", number_text(e->a, c->v), "terms", arena_printf(e->a, "%s=%s", terms_s, number_text(e->a, sum)),
                            "sum", number_text(e->a, sum), "row", row, "column", column, "group", group, NULL };
    broken *b = new_broken(e, fill_placeholders(e->a, msg && msg->kind == YNODE_SCALAR ? msg->str
                                                                                    : "{stated} ≠ {terms}", pairs), false);
    if (b->n_ops < 64) b->ops[b->n_ops++] = c->stated;
    for (int i = 0; i < n; i++) add_op(b, terms[i]);
}

/* Reads and computes a header-tree table of the template. */
bool build_table(expander *e, ttable *t, const char *name, const ynode *spec)
{
    memset(t, 0, sizeof *t);
    t->name = name;
    t->spec = spec;
    const ynode *columns = ynode_lookup(spec, "columns"), *rows = ynode_lookup(spec, "rows");
    if (!columns || !rows || columns->kind != YNODE_SEQ || rows->kind != YNODE_SEQ) return false;
    int cap = 0, cap_rows = 0, cap_leaves = 0;
    for (int i = 0; i < columns->n; i++) collect_cols(e, t, columns->items[i], "", "", &cap);
    for (int i = 0; i < rows->n; i++)
        if (rows->items[i]->kind == YNODE_MAP) collect_rows(e, t, rows->items[i], "", &cap_rows, &cap_leaves);
    t->cells = arena_alloc(e->a, (size_t)(t->n_leaves * t->n_cols + 1) * sizeof *t->cells);
    const ynode *data = ynode_lookup(e->data, name);
    /* The numbers the report states (computed cells may be stated too). */
    for (int l = 0; l < t->n_leaves; l++) {
        const trow *r = &t->rows[t->leaves[l]];
        for (int j = 0; j < t->n_cols; j++) {
            const char *local = names_join(e->a, r->path, t->cols[j].path);
            const ynode *n = data ? lookup_path(e->a, data, local) : NULL;
            cell *c = &t->cells[l * t->n_cols + j];
            c->name = names_join(e->a, name, local);
            if (r->sum || t->cols[j].sum) {
                if (n && !ynode_is_null(n)) read_number(e, n, c->name, t->cols[j].amount, c);
                continue;
            }
            read_number(e, n, c->name, t->cols[j].amount, c);
        }
    }
    /* Column sums (总计 of a row), then row sums (（七）总计 of a column). */
    const cell **terms = arena_alloc(e->a, (size_t)(t->n_cols + t->n_leaves + 1) * sizeof *terms);
    for (int pass = 0; pass < 2; pass++)
        for (int l = 0; l < t->n_leaves; l++) {
            const trow *r = &t->rows[t->leaves[l]];
            if ((pass == 0) == (r->sum != NULL)) continue;
            for (int j = 0; j < t->n_cols; j++) {
                const tcol *col = &t->cols[j];
                int n = 0;
                const ynode *sum = pass == 0 ? col->sum : r->sum;
                if (!sum || sum->kind != YNODE_SEQ) continue;
                for (int k = 0; k < sum->n; k++) {
                    if (pass == 0) {
                        int c = find_col(t, names_join(e->a, col->parent, sum->items[k]->str));
                        if (c >= 0) terms[n++] = &t->cells[l * t->n_cols + c];
                    } else {
                        int row = find_row(t, names_join(e->a, r->parent, sum->items[k]->str));
                        if (row < 0) continue;
                        for (int m = t->rows[row].first_leaf; m < t->rows[row].end_leaf; m++) terms[n++] = &t->cells[m * t->n_cols + j];
                    }
                }
                bool all = true;
                for (int k = 0; k < n; k++) all &= terms[k]->known;
                if (!all) continue;   /* a missing number is reported once, as missing */
                settle_sum(e, &t->cells[l * t->n_cols + j], terms, n, pass == 0 ? col->spec : r->spec, r->label,
                           col->title, col->group);
            }
        }
    return true;
}

/* Σ of rows `paths` (leaf or group rows) in column j; their cells into b. */
static bool rows_sum(expander *e, const ttable *t, const ynode *paths, int j, double *v, int *n, broken *b)
{
    for (int k = 0; paths && k < paths->n; k++) {
        int row = find_row(t, paths->items[k]->str);
        if (row < 0) {
            if (!e->quiet)
                diag_error(e->d, paths->items[k]->pos, NULL, "the template's table %s has no row '%s'", t->name,
                           paths->items[k]->str);
            e->ok = false;
            return false;
        }
        double s = 0;
        for (int m = t->rows[row].first_leaf; m < t->rows[row].end_leaf; m++) {
            const cell *c = &t->cells[m * t->n_cols + j];
            if (!c->known) return false;
            s += c->v;
            if (b) add_op(b, c);
        }
        v[(*n)++] = s;
    }
    return true;
}

/* ---- the report ---------------------------------------------------------- */

int compare_names(const void *a, const void *b)
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

/* Every key under data: must name a number of the template, or lead to one. */
void check_data_keys(expander *e, const ynode *m, const char *prefix)
{
    if (m->kind != YNODE_MAP) return;
    for (int i = 0; i < m->n; i++) {
        const char *path = names_join(e->a, prefix, m->pairs[i].key->str);
        bool leaf = false;
        if (!known_path(e, path, &leaf)) {
            const char *near = schema_suggest(m->pairs[i].key->str, names_next_keys(e->a, e->names, e->n_names, prefix));
            diag_error(e->d, m->pairs[i].key->pos, near ? arena_printf(e->a, "did you mean '%s'?", near)
                                                        : "reportc init writes every name the template has",
                       "the template has no number '%s'", path);
            e->ok = false;
        } else if (!leaf) {
            if (m->pairs[i].value->kind != YNODE_MAP) {
                diag_error(e->d, m->pairs[i].value->pos, "e.g. {natural_person: 0, other: 0}",
                           "'%s' holds several numbers: write a mapping", path);
                e->ok = false;
            } else {
                check_data_keys(e, m->pairs[i].value, path);
            }
        }
    }
}

const ynode *load_previous(expander *e, const ynode *prev, const char *base_dir)
{
    const char *name;
    if (!schema_string(e->d, prev, "previous", &name)) return NULL;
    const char *path = name[0] == '/' || !base_dir ? name : arena_printf(e->a, "%s/%s", base_dir, name);
    source *src = arena_alloc(e->a, sizeof *src);
    const char *err;
    yaml_limits limits = yaml_limits_default();
    if (!source_read(e->a, path, arena_strdup(e->a, name), limits.max_input_bytes, src, &err)) {
        diag_warning(e->d, prev->pos, "R6 (上年结转) is not checked", "cannot read last year's report %s: %s", path, err);
        return NULL;
    }
    return yaml_tree_parse(e->a, e->d, src, &limits);
}

/* Checks the template's rules over the tables. */
void check_rules(expander *e, const ynode *rules, ttable *tables, const ynode *table_names, ttable *prev_tables)
{
    for (int i = 0; rules && i < rules->n; i++) {
        const ynode *r = rules->items[i];
        const ynode *tn = ynode_lookup(r, "table"), *left = ynode_lookup(r, "left"), *right = ynode_lookup(r, "right"),
                    *prev = ynode_lookup(r, "previous"), *msg = ynode_lookup(r, "message"),
                    *sev = ynode_lookup(r, "severity");
        if (!tn || !msg) continue;
        int ti = -1;
        for (int k = 0; k < table_names->n; k++)
            if (strcmp(table_names->pairs[k].key->str, tn->str) == 0) ti = k;
        if (ti < 0 || !tables[ti].cols) continue;
        ttable *t = &tables[ti], *other = prev ? (prev_tables && prev_tables[ti].cols ? &prev_tables[ti] : NULL) : t;
        if (!other) continue;   /* no last year's report: R6 not checked */
        bool warning = sev && strcmp(sev->str, "warning") == 0;
        for (int j = 0; j < t->n_cols; j++) {
            double lv[64], rv[64], ls, rs;
            int ln = 0, rn = 0;
            broken probe = { 0 };
            if (!rows_sum(e, t, left, j, lv, &ln, &probe) || !rows_sum(e, other, prev ? prev : right, j, rv, &rn, prev ? NULL : &probe))
                continue;
            ls = rs = 0;
            for (int k = 0; k < ln; k++) ls += lv[k];
            for (int k = 0; k < rn; k++) rs += rv[k];
            if (fabs(ls - rs) < 1e-9) continue;
            const char *lt = terms_text(e->a, lv, ln, &ls), *rt = terms_text(e->a, rv, rn, &rs);
            const char *pairs[] = { "left", lt, "right", rt, "column", t->cols[j].title, "group", t->cols[j].group, NULL };
            broken *b = new_broken(e, fill_placeholders(e->a, msg->str, pairs), warning);
            memcpy(b->ops, probe.ops, sizeof probe.ops);
            b->n_ops = probe.n_ops;
        }
    }
}

/* Each broken rule is reported at the stated number it shares with most
 * other broken rules: one wrong number breaks every rule it takes part in,
 * so that number is where the rules meet. */
void report_broken(expander *e, src_pos fallback)
{
    for (int i = 0; i < e->n_broken; i++) {
        broken *b = &e->broken[i];
        const ynode *best = NULL;
        int best_count = 0;
        for (int k = 0; k < b->n_ops; k++) {
            int count = 0;
            for (int j = 0; j < e->n_broken; j++)
                for (int m = 0; m < e->broken[j].n_ops; m++) count += e->broken[j].ops[m] == b->ops[k];
            if (count > best_count) best = b->ops[k], best_count = count;
        }
        /* A rule broken only through computed numbers (the 总计 column) follows
           from another broken rule, reported at a stated number. */
        if (!best) continue;
        (void)fallback;
        src_pos pos = best->pos;
        if (b->warning) {
            diag_warning(e->d, pos, NULL, "%s", b->text);
        } else {
            diag_error(e->d, pos, "the template's consistency rules (勾稽关系) must hold", "%s", b->text);
            e->ok = false;
        }
    }
}

/* The value of the number called `name` (table.row.column), if any. */
const cell *cell_named(expander *e, const char *name)
{
    for (int t = 0; t < e->n_tables; t++) {
        const ttable *tt = &e->tables[t];
        if (!tt->name) continue;   /* a grid table: its holes are read later */
        size_t n = strlen(tt->name);
        if (!tt->cols || strncmp(name, tt->name, n) != 0 || name[n] != '.') continue;
        for (int l = 0; l < tt->n_leaves; l++)
            for (int j = 0; j < tt->n_cols; j++)
                if (strcmp(tt->cells[l * tt->n_cols + j].name, name) == 0) return &tt->cells[l * tt->n_cols + j];
    }
    return NULL;
}
