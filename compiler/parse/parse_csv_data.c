/* parse_csv_data.c — a templated report's `data: numbers.csv`: the numbers
 * from a spreadsheet, in one of two shapes, to the same syn_data tree that
 * inline `data:` gives (the model checks both alike: R5, unknown names …).
 *
 *   name,value   a first cell `name` (or 名称), or a number's name (it has a
 *                dot): one number a row, `applications.new.total,5`.
 *   the form     otherwise: each template table as the form prints it —
 *                a row holding only its name (`applications`) or its
 *                section's heading (三、收到和处理政府信息公开申请情况); then, for
 *                a table of header trees, its column header rows (the
 *                lowest label of each column must be the form's) and one
 *                row per row of numbers, labelled down the first columns
 *                as printed (a group's label only on its first row); for a
 *                grid (表二), its rows as printed, numbers where the form
 *                has them.  `reportc init --csv` writes it empty. */
#include <stdio.h>
#include <string.h>

#include "base/suggest.h"
#include "base/utf8.h"
#include "csv.h"
#include "parse_internal.h"
#include "base/i18n.h"

/* A number found in the file: its full name and cell. */
typedef struct entry {
    const char *name;
    const csv_cell *at, *value;
} entry;

typedef struct loader {
    parse_ctx *p;
    const template_spec *tmpl;
    entry *e;
    int n, cap;
} loader;

static void add(loader *l, const char *name, const csv_cell *at, const csv_cell *value)
{
    arena_grow(l->p->a, (void **)&l->e, &l->cap, l->n + 1, sizeof *l->e);
    l->e[l->n++] = (entry){ name, at, value };
}

static bool trimmed_is(const csv_cell *c, const char *s)
{
    size_t n;
    const char *t = csv_trim(c, &n, NULL);
    return s && n == strlen(s) && memcmp(t, s, n) == 0;
}

static const char *trimmed(parse_ctx *p, const csv_cell *c)
{
    size_t n;
    const char *t = csv_trim(c, &n, NULL);
    return arena_strndup(p->a, t, n);
}

static bool cell_empty(const csv_record *r, int k)
{
    size_t n;
    return k >= r->n || (csv_trim(&r->cells[k], &n, NULL), n == 0);
}

/* Cells from `from` on hold nothing; else an error at the first that does. */
static bool rest_empty(parse_ctx *p, const csv_record *r, int from, const char *hint, const char *why)
{
    for (int k = from; k < r->n; k++)
        if (!cell_empty(r, k)) {
            parse_error(p, r->cells[k].pos, hint, "cell %s: %s", r->cells[k].name, diag_tr(why));
            return false;
        }
    return true;
}

/* ---- name,value ----------------------------------------------------------- */

static void name_value(loader *l, const csv_file *f, int first)
{
    for (int i = first; i < f->n; i++) {
        const csv_record *r = &f->records[i];
        if (r->blank) continue;
        if (cell_empty(r, 0)) {
            parse_error(l->p, r->cells[0].pos, "write the number's name in the first column, e.g. applications.new.total",
                        "cell %s: a number without a name", r->cells[0].name);
            continue;
        }
        if (!rest_empty(l->p, r, 2, "one name and one value a row: name,value", "a third column in a name,value file"))
            continue;
        add(l, trimmed(l->p, &r->cells[0]), &r->cells[0], r->n > 1 ? &r->cells[1] : NULL);
    }
}

/* ---- the form: header trees ----------------------------------------------- */

typedef struct colleaf {
    const char *path, *title;
} colleaf;

static void leaves_of(parse_ctx *p, const syn_column *c, const char *prefix, colleaf **out, int *n, int *cap)
{
    const char *path = !c->key.s ? prefix : !prefix || !*prefix ? c->key.s : arena_printf(p->a, "%s.%s", prefix, c->key.s);
    if (!c->children) {
        arena_grow(p->a, (void **)out, cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = (colleaf){ path, c->title.s };
        return;
    }
    for (int i = 0; i < c->n_children; i++) leaves_of(p, &c->children[i], path, out, n, cap);
}

/* A colleaf row: its path of keys and the heads of it and its groups. */
typedef struct rowref {
    const char *path;
    const syn_row *row;
    const syn_row *up[8];
    int n_up;
} rowref;

static void rows_of(parse_ctx *p, const syn_row *r, const char *prefix, const syn_row **up, int n_up, rowref **out, int *n, int *cap)
{
    const char *path = !r->key.s ? prefix : !prefix || !*prefix ? r->key.s : arena_printf(p->a, "%s.%s", prefix, r->key.s);
    const syn_row *chain[8];
    if (n_up > 0) memcpy(chain, up, (size_t)n_up * sizeof *up);   /* up is NULL at the top */
    if (n_up < 8) chain[n_up++] = r;
    if (r->children) {
        for (int i = 0; i < r->n_children; i++) rows_of(p, &r->children[i], path, chain, n_up, out, n, cap);
        return;
    }
    arena_grow(p->a, (void **)out, cap, *n + 1, sizeof **out);
    rowref *ref = &(*out)[(*n)++];
    ref->path = path;
    ref->row = r;
    memcpy(ref->up, chain, (size_t)n_up * sizeof *chain);
    ref->n_up = n_up;
}

/* The records of table t from record *i on (after its title), up to the
 * next title or the end. */
typedef bool (*is_title_fn)(const loader *l, const csv_record *r);

static void tree_table(loader *l, const csv_file *f, int *i, const tmpl_table *t, is_title_fn is_title)
{
    parse_ctx *p = l->p;
    const syn_table *s = t->table;
    colleaf *cols = NULL;
    int nc = 0, cc = 0;
    for (int k = 0; k < s->n_columns; k++) leaves_of(p, &s->columns[k], "", &cols, &nc, &cc);
    rowref *rows = NULL;
    int nr = 0, rc = 0;
    for (int k = 0; k < s->n_rows; k++) rows_of(p, &s->rows[k], "", NULL, 0, &rows, &nr, &rc);
    int depth = syntax_row_depth(s->rows, s->n_rows), headers = syntax_column_depth(s->columns, s->n_columns), seen = 0;
    const csv_cell **lowest = arena_alloc(p->a, (size_t)(nc ? nc : 1) * sizeof *lowest);
    const char *context[8] = { 0 };
    int data_rows = 0;
    for (; *i < f->n && !is_title(l, &f->records[*i]); (*i)++) {
        const csv_record *r = &f->records[*i];
        if (r->blank) continue;
        if (seen < headers) {
            for (int k = 0; k < nc; k++)
                if (!cell_empty(r, depth + k)) lowest[k] = &r->cells[depth + k];
            if (++seen == headers)
                for (int k = 0; k < nc; k++)
                    if (!lowest[k] || !trimmed_is(lowest[k], cols[k].title)) {
                        const csv_cell *at = lowest[k] ? lowest[k] : &r->cells[0];
                        char want[24];
                        snprintf(want, sizeof want, "%s", at->name);
                        parse_error(p, at->pos, "keep the form's columns in its order (reportc init --csv writes them)",
                                    "column %d of table %s must be 「%s」 (the form's header)%s%s", depth + k + 1, t->name.s,
                                    cols[k].title ? cols[k].title : "", lowest[k] ? ", not in cell " : "", lowest[k] ? want : "");
                        return;
                    }
            continue;
        }
        const rowref *row = NULL;
        if (depth == 0) {
            if (data_rows >= nr) {
                parse_error(p, r->pos, "the form has one row of numbers here", "table %s has %d row%s of numbers", t->name.s, nr,
                            nr == 1 ? "" : "s");
                return;
            }
            row = &rows[data_rows];
        } else {
            int last = -1;
            for (int k = 0; k < depth && k < 8; k++)
                if (!cell_empty(r, k)) {
                    context[k] = trimmed(p, &r->cells[k]);
                    for (int j = k + 1; j < 8; j++) context[j] = NULL;
                    last = k;
                }
            if (last < 0) {
                parse_error(p, r->pos, "label the row as the form does", "cell %s: a row of numbers without a label", r->cells[0].name);
                continue;
            }
            const char *label = context[last];
            for (int k = 0; k < nr; k++) {
                if (!rows[k].row->head.s || strcmp(rows[k].row->head.s, label) != 0) continue;
                bool fits = true;
                for (int u = 0; u + 1 < rows[k].n_up && fits; u++) {
                    bool found = !rows[k].up[u]->head.s;
                    for (int j = 0; j < 8 && !found; j++) found = context[j] && strcmp(context[j], rows[k].up[u]->head.s) == 0;
                    fits = found;
                }
                if (fits || !row) row = &rows[k];
            }
            if (!row) {
                /* A group's label alone is context for the rows under it. */
                if (rest_empty(p, r, depth, "a group's numbers go on its rows", "numbers beside the label of a group of rows")) {
                    bool group = false;
                    for (int k = 0; k < nr && !group; k++)
                        for (int u = 0; u + 1 < rows[k].n_up && !group; u++)
                            group = rows[k].up[u]->head.s && strcmp(rows[k].up[u]->head.s, label) == 0;
                    if (!group) {
                        const char **heads = arena_alloc(p->a, (size_t)(nr + 1) * sizeof *heads);
                        for (int k = 0; k < nr; k++) heads[k] = rows[k].row->head.s ? rows[k].row->head.s : "";
                        heads[nr] = NULL;
                        const char *near = suggest_word(label, heads);
                        parse_error(p, r->cells[last].pos,
                                    near ? arena_printf(p->a, _("did you mean 「%s」?"), near) : N_("label the row as the form does"),
                                    "cell %s: table %s has no row 「%.200s」", r->cells[last].name, t->name.s, label);
                    }
                }
                continue;
            }
        }
        data_rows++;
        for (int k = 0; k < nc; k++) {
            const csv_cell *v = depth + k < r->n ? &r->cells[depth + k] : NULL;
            const char *name = row->path && *row->path ? arena_printf(p->a, "%s.%s.%s", t->name.s, row->path, cols[k].path)
                                                       : arena_printf(p->a, "%s.%s", t->name.s, cols[k].path);
            add(l, name, v ? v : &r->cells[r->n - 1], v);
        }
        rest_empty(p, r, depth + nc, "the form's columns end here", "a value past the table's last column");
    }
}

/* ---- the form: a grid ----------------------------------------------------- */

static void grid_table(loader *l, const csv_file *f, int *i, const tmpl_table *t, is_title_fn is_title)
{
    parse_ctx *p = l->p;
    const syn_table *s = t->table;
    int g = 0;
    for (; *i < f->n && !is_title(l, &f->records[*i]); (*i)++) {
        const csv_record *r = &f->records[*i];
        if (r->blank) continue;
        if (g >= s->n_grid) {
            parse_error(p, r->pos, "the form's rows end here", "table %s has %d rows", t->name.s, s->n_grid);
            return;
        }
        const syn_grid_row *row = &s->grid[g++];
        const char *first = row->n_cells ? row->cells[0].content.s : NULL;
        if (first && !trimmed_is(&r->cells[0], first)) {
            parse_error(p, r->cells[0].pos, "keep the form's rows in its order (reportc init --csv writes them)",
                        "cell %s: row %d of table %s is 「%s」 in the form", r->cells[0].name, g, t->name.s, first);
            return;
        }
        int col = 0;
        for (int k = 0; k < row->n_cells; k++) {
            const syn_cell *c = &row->cells[k];
            if (c->data.s) {
                const csv_cell *v = col < r->n ? &r->cells[col] : NULL;
                add(l, arena_printf(p->a, "%s.%s", t->name.s, c->data.s), v ? v : &r->cells[r->n - 1], v);
            }
            col += c->colspan > 0 ? c->colspan : 1;
        }
    }
}

static const tmpl_table *title_of(const loader *l, const csv_record *r)
{
    if (r->blank || cell_empty(r, 0)) return NULL;
    for (int k = 1; k < r->n; k++)
        if (!cell_empty(r, k)) return NULL;
    for (int t = 0; t < l->tmpl->n_tables; t++) {
        const tmpl_table *tt = &l->tmpl->tables[t];
        if (trimmed_is(&r->cells[0], tt->name.s)) return tt;
        for (int s = 0; s < l->tmpl->n_sections; s++) {
            const tmpl_section *sec = &l->tmpl->sections[s];
            if (sec->table.s && strcmp(sec->table.s, tt->name.s) == 0 && sec->heading.s) {
                size_t n;
                const char *x = csv_trim(&r->cells[0], &n, NULL);
                /* With or without its number: 三、收到和处理… or 收到和处理… */
                size_t hl = strlen(sec->heading.s);
                if (n >= hl && memcmp(x + n - hl, sec->heading.s, hl) == 0 && (n == hl || (n - hl <= 6 && strstr(x, "、"))))
                    return tt;
            }
        }
    }
    return NULL;
}

static bool is_title(const loader *l, const csv_record *r) { return title_of(l, r) != NULL; }

static void form(loader *l, const csv_file *f, int i)
{
    while (i < f->n) {
        const csv_record *r = &f->records[i];
        const tmpl_table *t = title_of(l, r);
        if (r->blank) {
            i++;
            continue;
        }
        if (!t) {
            parse_error(l->p, r->cells[0].pos,
                        "begin each table with a row holding its name (proactive, applications, reviews) or its heading, "
                        "or write name,value rows under a first row name,value (reportc init --csv writes the form)",
                        "cell %s: not the start of one of the template's tables", r->cells[0].name);
            return;
        }
        i++;
        if (t->table->is_grid) grid_table(l, f, &i, t, is_title);
        else tree_table(l, f, &i, t, is_title);
    }
}

/* ---- the tree of numbers -------------------------------------------------- */

static syn_scalar scalar_of(parse_ctx *p, const csv_cell *c, const char *text, size_t len, size_t lead)
{
    syn_scalar s = { 0 };
    s.s = text;
    s.len = len;
    s.pos = c->pos;
    s.text_pos = diag_pos_advance(c->text_pos, (int)utf8_length(c->s, lead), lead);
    s.plain = true;
    s.null = len == 0;
    s.cell = c->name;
    (void)p;
    return s;
}

/* The entries whose names start with prefix (length pl, "" for all) into d. */
static void build(loader *l, syn_data *d, const entry *const *es, int n, size_t pl)
{
    parse_ctx *p = l->p;
    d->is_map = true;
    d->items = arena_alloc(p->a, (size_t)(n ? n : 1) * sizeof *d->items);
    const entry **sub = arena_alloc(p->a, (size_t)(n ? n : 1) * sizeof *sub);
    bool *done = arena_alloc(p->a, (size_t)(n ? n : 1) * sizeof *done);
    for (int i = 0; i < n; i++) {
        if (done[i]) continue;
        const char *key = es[i]->name + pl, *dot = strchr(key, '.');
        size_t kl = dot ? (size_t)(dot - key) : strlen(key);
        syn_data *item = &d->items[d->n_items++];
        memset(item, 0, sizeof *item);
        item->key = scalar_of(p, es[i]->at, arena_strndup(p->a, key, kl), kl, 0);
        item->key.cell = es[i]->at->name;
        item->pos = es[i]->value ? es[i]->value->pos : es[i]->at->pos;
        int m = 0;
        const entry *single = NULL;
        for (int j = i; j < n; j++) {
            const char *k2 = es[j]->name + pl;
            if (done[j] || strncmp(k2, key, kl) != 0 || (k2[kl] != '.' && k2[kl] != '\0')) continue;
            done[j] = true;
            if (k2[kl] == '\0' && !single && m == 0) {
                single = es[j];
                continue;
            }
            const entry *first = single ? single : sub[0];
            if (k2[kl] == '\0' || single) {
                parse_error(p, es[j]->at->pos, "give each number once",
                            "cell %s: %s is given twice (first in cell %s, line %d)", es[j]->at->name, es[j]->name,
                            first->at->name, first->at->pos.line);
                continue;
            }
            sub[m++] = es[j];
        }
        if (single) {
            size_t len = 0, lead = 0;
            const char *t = single->value ? csv_trim(single->value, &len, &lead) : "";
            item->value = single->value ? scalar_of(p, single->value, arena_strndup(p->a, t, len), len, lead)
                                      : (syn_scalar){ .s = "", .pos = single->at->pos, .text_pos = single->at->pos, .null = true,
                                                      .cell = single->at->name };
        } else {
            build(l, item, sub, m, pl + kl + 1);
        }
    }
}

const syn_data *parse_csv_data(parse_ctx *p, const ynode *v, const template_spec *tmpl)
{
    syn_scalar name;
    if (!parse_text(p, v, "data", &name)) return NULL;
    const char *path = parse_path(p, name.s);
    const char *raw;
    size_t len;
    char why[200];
    if (source_read_file(p->a, p->files, path, p->limits.max_input_bytes, false, &raw, &len, why, sizeof why) != SOURCE_OK) {
        parse_error(p, v->pos, "name the CSV file of numbers, from the report's directory", "cannot read %.200s: %s", path, why);
        return NULL;
    }
    csv_file f;
    if (!csv_read(p->a, p->d, path, raw, len, p->csv_encoding, &f)) {
        p->ok = false;
        return NULL;
    }
    loader l = { p, tmpl, NULL, 0, 0 };
    int first = 0;
    while (first < f.n && f.records[first].blank) first++;
    const csv_record *r = first < f.n ? &f.records[first] : NULL;
    if (r && (trimmed_is(&r->cells[0], "name") || trimmed_is(&r->cells[0], "名称"))) name_value(&l, &f, first + 1);
    else if (r && strchr(trimmed(p, &r->cells[0]), '.') && !title_of(&l, r)) name_value(&l, &f, first);
    else form(&l, &f, first);
    syn_data *d = arena_alloc(p->a, sizeof *d);
    d->pos = v->pos;
    const entry **es = arena_alloc(p->a, (size_t)(l.n ? l.n : 1) * sizeof *es);
    for (int i = 0; i < l.n; i++) es[i] = &l.e[i];
    build(&l, d, es, l.n, 0);
    return d;
}
