/* template.c — a layout's document template filled from a report (template.h).
 *
 * Three steps: read the numbers of every template table from the report's
 * `data:` (each number has a name: table.row.column), compute the `sum`
 * cells and check stated ones, check the `rules`; then build the body the
 * model stage reads: title, the sections' headings (the template's words),
 * the report's prose, the tables with the numbers in place, the signature. */
#include "template.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "schema.h"
#include "source.h"

const char *const template_report_keys[] = { "meta", "layout", "issuer", "year", "date", "sections", "data",
                                             "previous", "missing-numbers", "attachments", NULL };

/* ---- synthetic YAML ------------------------------------------------------ */

static ynode *y_new(arena *a, ynode_kind kind, src_pos pos, int cap)
{
    ynode *n = arena_alloc(a, sizeof *n);
    n->kind = kind;
    n->pos = pos;
    n->text_col = pos.col;
    if (kind == YNODE_SEQ) n->items = arena_alloc(a, (size_t)(cap ? cap : 1) * sizeof *n->items);
    if (kind == YNODE_MAP) n->pairs = arena_alloc(a, (size_t)(cap ? cap : 1) * sizeof *n->pairs);
    return n;
}

static ynode *y_scalar(arena *a, const char *s, src_pos pos)
{
    ynode *n = y_new(a, YNODE_SCALAR, pos, 0);
    n->str = s;
    n->len = strlen(s);
    n->plain = true;
    return n;
}

static void y_put(arena *a, ynode *map, const char *key, ynode *value)
{
    map->pairs[map->n++] = (ypair){ y_scalar(a, key, value->pos), value };
}

/* ---- names and numbers --------------------------------------------------- */


/* m.a.b.c for the dotted path "a.b.c"; NULL when any step is missing. */
static const ynode *lookup_path(arena *a, const ynode *m, const char *dotted)
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

static const char *number_text(arena *a, double v)
{
    return v == floor(v) && fabs(v) < 1e15 ? arena_printf(a, "%.0f", v) : arena_printf(a, "%g", v);
}

typedef struct cell {
    double v;
    const ynode *stated;    /* the report's number, or NULL */
    bool known;
    const struct cell *const *terms;   /* a computed cell: what it adds up */
    int n_terms;
} cell;

typedef struct tcol {
    const char *path, *title, *group, *parent;
    const ynode *spec, *sum;
    bool amount;
} tcol;

typedef struct trow {
    const char *path, *parent, *label;
    const ynode *spec, *sum;
    int first_leaf, end_leaf;   /* leaf rows under it (itself for a leaf) */
} trow;

typedef struct ttable {
    const char *name;
    const ynode *spec;
    tcol *cols;
    int n_cols;
    trow *rows;                 /* every row node, in order */
    int n_rows;
    int *leaves;                /* leaf index → row index */
    int n_leaves;
    cell *cells;                /* n_leaves × n_cols */
} ttable;

/* A rule broken by the numbers: its wording filled in, the stated numbers involved. */
typedef struct broken {
    const char *text;
    bool warning;
    const ynode *ops[64];
    int n_ops;
} broken;

typedef struct expander {
    arena *a;
    diag *d;
    const ynode *data;
    bool ok;
    bool quiet;                 /* reading last year's report: no diagnostics */
    bool default_zero;
    const char **missing;
    int n_missing, cap_missing, defaulted;
    broken *broken;
    int n_broken, cap_broken;
    const char **names;         /* every number's name, for checking the report's keys */
    int n_names, cap_names;
    const struct ttable *tables; /* for names in the prose */
    int n_tables;
    const ynode *prose_checks;  /* the template's checks of numbers in the prose (R8) */
} expander;

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
static bool read_number(expander *e, const ynode *n, const char *name, bool amount, cell *out)
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

static const char *cell_name(expander *e, const ttable *t, int leaf, int col)
{
    return names_join(e->a, names_join(e->a, t->name, t->rows[t->leaves[leaf]].path), t->cols[col].path);
}

/* Fills `text` with the template's wording: {name} from the pairs. */
static const char *fill_message(arena *a, const char *pattern, const char *const *pairs)
{
    size_t cap = strlen(pattern) + 1;
    for (int i = 0; pairs[i]; i += 2) cap += strlen(pairs[i + 1]) * 4;
    char *out = arena_alloc(a, cap);
    size_t used = 0;
    for (const char *p = pattern; *p;) {
        bool done = false;
        if (*p == '{')
            for (int i = 0; pairs[i] && !done; i += 2) {
                size_t k = strlen(pairs[i]);
                if (strncmp(p + 1, pairs[i], k) == 0 && p[1 + k] == '}') {
                    used += (size_t)snprintf(out + used, cap - used, "%s", pairs[i + 1]);
                    p += k + 2;
                    done = true;
                }
            }
        if (!done) out[used++] = *p++;
    }
    out[used] = '\0';
    return out;
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
    broken *b = new_broken(e, fill_message(e->a, msg && msg->kind == YNODE_SCALAR ? msg->str
                                                                                    : "{stated} ≠ {terms}", pairs), false);
    if (b->n_ops < 64) b->ops[b->n_ops++] = c->stated;
    for (int i = 0; i < n; i++) add_op(b, terms[i]);
}

/* Reads and computes a header-tree table of the template. */
static bool build_table(expander *e, ttable *t, const char *name, const ynode *spec)
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
            if (r->sum || t->cols[j].sum) {
                if (n && !ynode_is_null(n)) read_number(e, n, cell_name(e, t, l, j), t->cols[j].amount, c);
                continue;
            }
            read_number(e, n, cell_name(e, t, l, j), t->cols[j].amount, c);
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

/* Every key under data: must name a number of the template, or lead to one. */
static void check_data_keys(expander *e, const ynode *m, const char *prefix)
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

static const ynode *load_previous(expander *e, const ynode *prev, const char *base_dir)
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
static void check_rules(expander *e, const ynode *rules, ttable *tables, const ynode *table_names, ttable *prev_tables)
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
            broken *b = new_broken(e, fill_message(e->a, msg->str, pairs), warning);
            memcpy(b->ops, probe.ops, sizeof probe.ops);
            b->n_ops = probe.n_ops;
        }
    }
}

/* Each broken rule is reported at the stated number it shares with most
 * other broken rules: one wrong number breaks every rule it takes part in,
 * so that number is where the rules meet. */
static void report_broken(expander *e, src_pos fallback)
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

/* The value of the number called `name` (table.row.column), if any. */
static const cell *cell_named(expander *e, const char *name)
{
    for (int t = 0; t < e->n_tables; t++) {
        const ttable *tt = &e->tables[t];
        if (!tt->name) continue;   /* a grid table: its holes are read later */
        size_t n = strlen(tt->name);
        if (!tt->cols || strncmp(name, tt->name, n) != 0 || name[n] != '.') continue;
        for (int l = 0; l < tt->n_leaves; l++)
            for (int j = 0; j < tt->n_cols; j++)
                if (strcmp(cell_name(e, tt, l, j), name) == 0) return &tt->cells[l * tt->n_cols + j];
    }
    return NULL;
}

/* Position of byte `offset` of scalar n (exact when the scalar is on one line). */
static src_pos pos_in(const ynode *n, size_t offset)
{
    src_pos p = { n->pos.src, n->pos.line, n->text_col };
    if (!n->single_line) return n->pos;
    for (size_t i = 0; i < offset; i++)
        if (((unsigned char)n->str[i] & 0xC0) != 0x80) p.col++;
    return p;
}

/* Prose may quote a table's number by name — {{applications.new.total}} —
 * so that the two cannot disagree; returns n, or a copy with the numbers. */
static ynode *fill_numbers(expander *e, ynode *n)
{
    if (n->kind != YNODE_SCALAR || !strstr(n->str, "{{")) return n;
    size_t cap = n->len + 1;
    char *out = arena_alloc(e->a, cap * 2 + 64);
    size_t used = 0;
    for (const char *p = n->str; *p;) {
        const char *end = strncmp(p, "{{", 2) == 0 ? strstr(p + 2, "}}") : NULL;
        if (!end) {
            out[used++] = *p++;
            continue;
        }
        const char *name = arena_strndup(e->a, p + 2, (size_t)(end - p - 2));
        const cell *c = cell_named(e, name);
        if (!c || !c->known) {
            diag_error(e->d, pos_in(n, (size_t)(p - n->str)), "write {{table.row.column}}, e.g. {{applications.new.total}}",
                       c ? "the number %s is not known (missing)" : "the template has no number '%s'", name);
            e->ok = false;
            return n;
        }
        const char *v = number_text(e->a, c->v);
        if (used + strlen(v) + (size_t)(n->str + n->len - end) + 1 > cap * 2 + 64) return n;
        used += (size_t)sprintf(out + used, "%s", v);
        p = end + 2;
    }
    out[used] = '\0';
    ynode *copy = arena_alloc(e->a, sizeof *copy);
    *copy = *n;
    copy->str = out;
    copy->len = used;
    copy->single_line = false;
    return copy;
}

/* The first number within `within` characters after `at`, followed (after
 * optional spaces) by `unit`; its start and length, or false. */
static bool number_after(const char *at, int within, const char *unit, const char **num, size_t *len)
{
    for (int chars = 0; *at && chars <= within; chars++) {
        if (*at >= '0' && *at <= '9') {
            const char *end = at;
            while ((*end >= '0' && *end <= '9') || (*end == '.' && end[1] >= '0' && end[1] <= '9')) end++;
            const char *u = end;
            while (*u == ' ') u++;
            if (strncmp(u, unit, strlen(unit)) != 0) return false;
            *num = at;
            *len = (size_t)(end - at);
            return true;
        }
        /* sentence ends stop the search: 。；！？ */
        if (strncmp(at, "。", 3) == 0 || strncmp(at, "；", 3) == 0) return false;
        at++;
        while (((unsigned char)*at & 0xC0) == 0x80) at++;
    }
    return false;
}

/* R8 and the like: a number the prose states after the template's words
 * (`after`, within `within` characters, before `unit`) must equal the
 * table's number (`equals`: a name, or a list to add up).  A warning at the
 * number in the prose. */
static void check_prose_numbers(expander *e, const ynode *n)
{
    if (n->kind != YNODE_SCALAR || !e->prose_checks) return;
    for (int i = 0; i < e->prose_checks->n; i++) {
        const ynode *chk = e->prose_checks->items[i];
        const ynode *v, *eq = ynode_lookup(chk, "equals");
        const char *after = (v = ynode_lookup(chk, "after")) ? v->str : NULL;
        const char *unit = (v = ynode_lookup(chk, "unit")) ? v->str : "";
        const char *message = (v = ynode_lookup(chk, "message")) ? v->str : "{found} ≠ {name} ({expected})";
        int within = (v = ynode_lookup(chk, "within")) ? atoi(v->str) : 15;
        if (!after || !*after || !strstr(n->str, after)) continue;
        double expected = 0;
        bool known = eq != NULL;
        const char *name = "";
        for (int k = 0; eq && k < (eq->kind == YNODE_SEQ ? eq->n : 1); k++) {
            const ynode *item = eq->kind == YNODE_SEQ ? eq->items[k] : eq;
            const cell *c = item->kind == YNODE_SCALAR ? cell_named(e, item->str) : NULL;
            if (!c || !c->known) known = false;
            else expected += c->v;
            name = k ? arena_printf(e->a, "%s+%s", name, item->str) : item->str;
        }
        if (!known) continue;
        for (const char *at = strstr(n->str, after); at; at = strstr(at + 1, after)) {
            const char *num;
            size_t len;
            if (!number_after(at + strlen(after), within, unit, &num, &len)) continue;
            const char *found = arena_strndup(e->a, num, len);
            if (fabs(strtod(found, NULL) - expected) < 1e-9) continue;
            const char *pairs[] = { "found", found, "expected", number_text(e->a, expected), "name", name, NULL };
            diag_warning(e->d, pos_in(n, (size_t)(num - n->str)), "the template's prose checks (R8)", "%s",
                         fill_message(e->a, message, pairs));
        }
    }
}

/* A prose block with its numbers filled in and checked. */
static ynode *prose_block(expander *e, ynode *b)
{
    if (b->kind == YNODE_SCALAR) {
        check_prose_numbers(e, b);
        return fill_numbers(e, b);
    }
    if (b->kind != YNODE_MAP) return b;
    ynode *copy = NULL;
    for (int i = 0; i < b->n; i++) {
        ynode *v = b->pairs[i].value;
        if (v->kind != YNODE_SCALAR) continue;
        check_prose_numbers(e, v);
        ynode *f = fill_numbers(e, v);
        if (f == v) continue;
        if (!copy) {
            copy = y_new(e->a, YNODE_MAP, b->pos, b->n);
            memcpy(copy->pairs, b->pairs, (size_t)b->n * sizeof *b->pairs);
            copy->n = b->n;
        }
        copy->pairs[i].value = f;
    }
    return copy ? copy : b;
}

/* The prose of one section: a list of blocks, or {heading, body}.  A level-1
 * heading inside, or a heading that differs from the template's, is an error. */
static void add_prose(expander *e, const ynode *prose, const ynode *heading, ynode *body)
{
    const ynode *list = prose;
    if (prose->kind == YNODE_MAP) {
        static const char *const keys[] = { "heading", "body", NULL };
        if (!schema_check_keys(e->d, prose, "a section", keys)) e->ok = false;
        const ynode *h = ynode_lookup(prose, "heading");
        if (h && (h->kind != YNODE_SCALAR || strcmp(h->str, heading->str) != 0)) {
            diag_error(e->d, h->pos, arena_printf(e->a, "the template's heading is 「%s」; leave 'heading' out to use it", heading->str),
                       "this section's heading must be the template's wording 「%s」", heading->str);
            e->ok = false;
        }
        list = ynode_lookup(prose, "body");
        if (!list) return;
    }
    if (list->kind == YNODE_SCALAR) {
        body->items[body->n++] = prose_block(e, (ynode *)list);
        return;
    }
    if (list->kind != YNODE_SEQ) {
        diag_error(e->d, list->pos, "write the section's paragraphs as a list", "a section must be a list of blocks");
        e->ok = false;
        return;
    }
    for (int i = 0; i < list->n; i++) {
        const ynode *b = list->items[i];
        const ynode *h1 = ynode_lookup(b, "h1");
        if (!h1) h1 = ynode_lookup(b, "heading");
        if (h1 && !ynode_lookup(b, "level")) {
            diag_error(e->d, h1->pos,
                       arena_printf(e->a, "the section heading 「%s」 comes from the template; use h2 for a sub-heading such as （一）", heading->str),
                       "a level-1 heading inside a section");
            e->ok = false;
            continue;
        }
        body->items[body->n++] = prose_block(e, (ynode *)b);
    }
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
        const char *date = fill_message(a, deadline->str, pairs);
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
        out->title = fill_message(a, title->str, pairs);
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
