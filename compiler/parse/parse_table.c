/* parse_table.c — a `table:` value to syn_table (parse_internal.h).
 *
 * Two ways to write a table:
 *   columns + rows: header trees.  A column node with children spans its
 *     leaves; a row node with children spans its rows.
 *   grid: rows of cells with explicit rowspan/colspan, placed like HTML
 *     tables (model/model_table.c places them).
 * Here every key, type and range is checked (a span is bounded before
 * anything is sized by it); shapes — ragged rows, overlapping spans, the
 * number of values — are the model's. */
#include <string.h>

#include "parse_internal.h"
#include "base/i18n.h"

/* Largest spans: a report's table has no more rows and columns than this. */
enum { MAX_ROWSPAN = 10000, MAX_COLSPAN = 1000, MAX_HEADER_ROWS = 100 };

typedef struct tparser {
    parse_ctx *p;
    bool tmpl;              /* a template's table: key, sum, rule, message, type, data allowed */
} tparser;

static bool parse_align(parse_ctx *p, const ynode *v, bool *has, text_align *align)
{
    int e;
    if (!schema_enum(p->d, v, "align", style_align_names, &e)) {
        p->ok = false;
        return false;
    }
    *has = true;
    *align = (text_align)e;
    return true;
}

/* The number s[0..len) (its unit cut off) times scale, in thousandths:
 * "15" of "15%" → 150 (of the text width); false unless 0 < s ≤ max. */
static bool share(const char *s, size_t len, int scale, long max, int *out)
{
    decimal v;
    if (decimal_parse(s, len, &v, NULL, 0, NULL, 0) != DECIMAL_OK || v.units <= 0) return false;
    /* v × scale, rounded; v ≤ max */
    __int128 q = 1;
    for (int i = 0; i < v.scale; i++) q *= 10;
    if ((__int128)v.units > (__int128)max * q) return false;
    *out = (int)(((__int128)v.units * scale + q / 2) / q);
    return true;
}

static bool parse_width(parse_ctx *p, const ynode *v, syn_colspec *out)
{
    const char *s;
    if (!schema_string(p->d, v, "width", &s)) {
        p->ok = false;
        return false;
    }
    out->pos = v->pos;
    static const struct {
        const char *unit;
        int scale;
        long max;
        width_kind kind;
        const char *hint;
    } shares[] = {
        { "%", 10, 100, WIDTH_PERCENT, N_("a share of the text width above 0% and at most 100%, e.g. 25%") },
        { "fr", 1000, 1000, WIDTH_FRACTION, N_("a share of the room left, above 0fr and at most 1000fr, e.g. 1fr or 2.5fr") },
    };
    for (size_t i = 0; i < sizeof shares / sizeof shares[0]; i++) {
        size_t ul = strlen(shares[i].unit);
        if (v->len <= ul || strcmp(s + v->len - ul, shares[i].unit) != 0) continue;
        if (share(s, v->len - ul, shares[i].scale, shares[i].max, &out->permille)) {
            out->width = shares[i].kind;
            return true;
        }
        parse_error(p, v->pos, shares[i].hint, "width '%.80s' is not a share the table can give", s);
        return false;
    }
    if (strcmp(s, "auto") == 0) {
        out->width = WIDTH_AUTO;
    } else if (schema_length(p->d, v, "width", &out->fixed)) {
        out->width = WIDTH_FIXED;
    } else {
        p->ok = false;
        return false;
    }
    return true;
}

/* "integer", "as-written", "0", "0.00", "#,##0", "#,##0.00" … */
static bool parse_format(parse_ctx *p, const ynode *v, decimal_format *f)
{
    const char *s;
    if (!schema_string(p->d, v, "format", &s)) {
        p->ok = false;
        return false;
    }
    if (decimal_format_parse(s, f)) return true;
    parse_error(p, v->pos, "write integer, 0.00 (two decimals), #,##0 (thousands) or #,##0.00",
                "'%.80s' is not a number format", s);
    return false;
}

/* Width, align and format of a leaf column or grid column (mapping m). */
static void parse_colspec(parse_ctx *p, const ynode *m, syn_colspec *c)
{
    const ynode *v;
    c->pos = m->pos;
    if ((v = yaml_lookup(m, "width"))) parse_width(p, v, c);
    if ((v = yaml_lookup(m, "align"))) parse_align(p, v, &c->has_align, &c->align);
    if ((v = yaml_lookup(m, "format"))) c->has_format = parse_format(p, v, &c->format);
}

/* key, sum, rule, message of a template's column or row; type: amount. */
static void parse_template_keys(tparser *t, const ynode *m, syn_scalar *key, syn_scalar **sum, int *n_sum,
                                syn_scalar *rule, syn_scalar *message, bool *amount)
{
    parse_ctx *p = t->p;
    const ynode *v;
    if ((v = yaml_lookup(m, "key"))) parse_text(p, v, "key", key);
    if ((v = yaml_lookup(m, "rule"))) parse_text(p, v, "rule", rule);
    static const char *const sum_holes[] = { "stated", "terms", "sum", "row", "column", "group", NULL };
    if ((v = yaml_lookup(m, "message")) && parse_text(p, v, "message", message) &&
        !parse_holes(p, v, "a sum's message", sum_holes))
        message->s = NULL;
    if ((v = yaml_lookup(m, "sum"))) {
        const ynode *const *items;
        int n;
        if (!schema_scalar_list(p->d, v, "sum", &items, &n) || n == 0) {
            if (n == 0 && v->kind == YNODE_SEQ) parse_error(p, v->pos, "list the names it adds up", "sum is empty");
            p->ok = false;
        } else {
            *sum = arena_alloc(p->a, (size_t)n * sizeof **sum);
            for (int i = 0; i < n; i++) (*sum)[i] = parse_scalar_of(items[i]);
            *n_sum = n;
        }
        /* A report may state the total: the message is what a wrong one says. */
        if (!yaml_lookup(m, "message"))
            parse_error(p, yaml_lookup_pair(m, "sum")->key->pos, "e.g. message: \"总计（{stated}）不等于各项之和（{terms}）\"",
                        "a sum needs a message: the rule's words when a stated total disagrees");
    }
    if ((v = yaml_lookup(m, "type"))) {
        static const char *const types[] = { "count", "amount", NULL };
        int e;
        if (!amount) parse_error(p, v->pos, "give type: amount on the leaf columns", "'type' is for leaf columns and data cells");
        else if (schema_enum(p->d, v, "type", types, &e)) *amount = e == 1;
        else p->ok = false;
    }
}

/* ---- header trees ---------------------------------------------------------- */

const char *const parse_column_keys[] = { "title", "children", "width", "align", "format", NULL };
const char *const parse_template_column_keys[] = { "title", "children", "width", "align", "format", "key", "sum", "rule",
                                                   "message", "type", NULL };

static void parse_column(tparser *t, const ynode *n, syn_column *c)
{
    parse_ctx *p = t->p;
    c->pos = n->pos;
    c->spec.pos = n->pos;
    if (n->kind == YNODE_SCALAR) {
        if (!yaml_is_null(n)) c->title = parse_scalar_of(n);
        return;
    }
    if (!parse_keys(p, n, "a column", t->tmpl ? parse_template_column_keys : parse_column_keys) && n->kind != YNODE_MAP) return;
    const ynode *title = yaml_lookup(n, "title"), *children = yaml_lookup(n, "children");
    if (!title) parse_error(p, n->pos, "e.g. {title: 法人或其他组织, children: [商业企业, 其他]}", "a column needs a 'title'");
    else if (title->kind != YNODE_SCALAR)
        parse_error(p, title->pos, "sub-columns go under 'children'", "a column title must be text, not %s", yaml_kind_name(title));
    else if (!yaml_is_null(title)) c->title = parse_scalar_of(title);
    if (t->tmpl) {
        bool leaf = !children;
        parse_template_keys(t, n, &c->key, &c->sum, &c->n_sum, &c->rule, &c->message, leaf ? &c->amount : NULL);
    }
    if (!children) {
        parse_colspec(p, n, &c->spec);
        return;
    }
    if (children->kind != YNODE_SEQ || children->n == 0) {
        parse_error(p, children->pos, "list the sub-columns with '- '", "children must be a non-empty list");
        return;
    }
    const ynode *k = yaml_lookup(n, "width") ? yaml_lookup(n, "width") : yaml_lookup(n, "format");
    if (k) parse_error(p, k->pos, "give width and format on the leaf columns", "a column group has no width or format of its own");
    c->children = arena_alloc(p->a, (size_t)children->n * sizeof *c->children);
    c->n_children = children->n;
    for (int i = 0; i < children->n; i++) parse_column(t, children->items[i], &c->children[i]);
}

const char *const parse_row_keys[] = { "head", "children", "values", NULL };

static void parse_row(tparser *t, const ynode *n, syn_row *r)
{
    parse_ctx *p = t->p;
    r->pos = n->pos;
    r->values_pos = n->pos;
    r->n_values = -1;   /* until its values are read: a row already reported is not counted again */
    static const char *const tkeys[] = { "head", "children", "key", "sum", "rule", "message", NULL };
    if (!parse_keys(p, n, "a row", t->tmpl ? tkeys : parse_row_keys) && n->kind != YNODE_MAP) return;
    const ynode *head = yaml_lookup(n, "head"), *children = yaml_lookup(n, "children"),
                *values = yaml_lookup(n, "values");
    if (head && head->kind != YNODE_SCALAR)
        parse_error(p, head->pos, "sub-rows go under 'children'", "a row head must be text, not %s", yaml_kind_name(head));
    else if (head && !yaml_is_null(head))
        r->head = parse_scalar_of(head);
    if (t->tmpl) parse_template_keys(t, n, &r->key, &r->sum, &r->n_sum, &r->rule, &r->message, NULL);
    if (children && values) {
        parse_error(p, yaml_lookup_pair(n, "values")->key->pos, "a row group holds rows; its rows hold values",
                    "a row has either 'children' or 'values', not both");
        return;
    }
    if (children) {
        if (!head) parse_error(p, n->pos, "give the group a label with 'head:'", "a row group needs a 'head'");
        if (children->kind != YNODE_SEQ || children->n == 0) {
            parse_error(p, children->pos, "list the rows with '- '", "children must be a non-empty list");
            return;
        }
        r->children = arena_alloc(p->a, (size_t)children->n * sizeof *r->children);
        r->n_children = children->n;
        for (int i = 0; i < children->n; i++) parse_row(t, children->items[i], &r->children[i]);
        return;
    }
    if (t->tmpl) return;   /* a template's rows take their values from the report's data */
    if (!values) {
        parse_error(p, n->pos, "give the row's numbers as 'values: [...]', or sub-rows as 'children'",
                    "a row needs 'values' or 'children'");
        return;
    }
    if (values->kind != YNODE_SEQ) {
        parse_error(p, values->pos, "e.g. values: [0, 0, 0]", "values must be a list, not %s", yaml_kind_name(values));
        return;
    }
    r->values_pos = values->pos;
    if (!parse_count_cells(p, values->n, values->pos)) return;
    r->values = arena_alloc(p->a, (size_t)(values->n ? values->n : 1) * sizeof *r->values);
    r->n_values = values->n;
    for (int i = 0; i < values->n; i++) {
        const ynode *v = values->items[i];
        if (v->kind != YNODE_SCALAR)
            parse_error(p, v->pos, "a value is a number, a text, or empty (~)", "a table value must be a scalar, not %s",
                        yaml_kind_name(v));
        r->values[i] = parse_scalar_of(v);
        if (v->kind != YNODE_SCALAR) r->values[i].null = true;
    }
}

/* row-titles: [地区, 单位类别, 单位名称] — a title over each row-header column. */
static void parse_row_titles(parse_ctx *p, syn_table *tb, const ynode *titles)
{
    tb->row_titles_pos = titles->pos;
    if (titles->kind != YNODE_SEQ || titles->n == 0) {
        parse_error(p, titles->pos, "one title per level of the row tree, outermost first, e.g. [地区, 单位类别, 单位名称]",
                    "row-titles must be a non-empty list");
        return;
    }
    tb->row_titles = arena_alloc(p->a, (size_t)titles->n * sizeof *tb->row_titles);
    tb->n_row_titles = titles->n;
    for (int i = 0; i < titles->n; i++) parse_text(p, titles->items[i], "a row title", &tb->row_titles[i]);
}

static void parse_trees(tparser *t, syn_table *tb, const ynode *columns, const ynode *rows, const ynode *head_widths)
{
    parse_ctx *p = t->p;
    tb->columns_pos = columns->pos;
    if (columns->kind != YNODE_SEQ || columns->n == 0) {
        parse_error(p, columns->pos, "list the columns with '- ', sub-columns under 'children'",
                    "columns must be a non-empty list");
        return;
    }
    tb->columns = arena_alloc(p->a, (size_t)columns->n * sizeof *tb->columns);
    tb->n_columns = columns->n;
    for (int i = 0; i < columns->n; i++) parse_column(t, columns->items[i], &tb->columns[i]);
    if (rows->kind != YNODE_SEQ || rows->n == 0) {
        parse_error(p, rows->pos, "list the rows with '- '", "rows must be a non-empty list");
        return;
    }
    tb->rows = arena_alloc(p->a, (size_t)rows->n * sizeof *tb->rows);
    tb->n_rows = rows->n;
    for (int i = 0; i < rows->n; i++) parse_row(t, rows->items[i], &tb->rows[i]);
    if (head_widths) {
        tb->head_widths_pos = head_widths->pos;
        if (head_widths->kind != YNODE_SEQ) {
            parse_error(p, head_widths->pos, "one width per level of the row tree, e.g. [8mm, 12mm, auto]",
                        "head-widths must be a list, not %s", yaml_kind_name(head_widths));
            return;
        }
        tb->head_widths = arena_alloc(p->a, (size_t)(head_widths->n ? head_widths->n : 1) * sizeof *tb->head_widths);
        tb->n_head_widths = head_widths->n;
        for (int i = 0; i < head_widths->n; i++) {
            tb->head_widths[i].pos = head_widths->items[i]->pos;
            parse_width(p, head_widths->items[i], &tb->head_widths[i]);
        }
    }
}

/* ---- free grid ------------------------------------------------------------- */

const char *const parse_cell_keys[] = { "text", "value", "rowspan", "colspan", "align", "head", NULL };
const char *const parse_colspec_keys[] = { "width", "align", "format", NULL };

static void parse_cell(tparser *t, const ynode *n, syn_cell *c)
{
    parse_ctx *p = t->p;
    c->pos = n->pos;
    c->rowspan = c->colspan = 1;
    if (n->kind == YNODE_SCALAR) {
        c->content = parse_scalar_of(n);
        return;
    }
    if (n->kind != YNODE_MAP) {
        parse_error(p, n->pos, "a cell is a value, or a mapping such as {text: 总计, colspan: 2}",
                    "a grid cell must be a value or a mapping, not %s", yaml_kind_name(n));
        return;
    }
    static const char *const tkeys[] = { "text", "value", "rowspan", "colspan", "align", "head", "data", "type", NULL };
    parse_keys(p, n, "a grid cell", t->tmpl ? tkeys : parse_cell_keys);
    const ynode *v;
    long span;
    if ((v = yaml_lookup(n, "rowspan"))) {
        if (schema_int(p->d, v, "rowspan", 1, MAX_ROWSPAN, &span)) c->rowspan = (int)span;
        else p->ok = false;
    }
    if ((v = yaml_lookup(n, "colspan"))) {
        if (schema_int(p->d, v, "colspan", 1, MAX_COLSPAN, &span)) c->colspan = (int)span;
        else p->ok = false;
    }
    if ((v = yaml_lookup(n, "align"))) parse_align(p, v, &c->has_align, &c->align);
    if ((v = yaml_lookup(n, "head")) && !schema_bool(p->d, v, "head", &c->head)) p->ok = false;
    const ynode *text = yaml_lookup(n, "text"), *value = yaml_lookup(n, "value");
    if (text && value)
        parse_error(p, yaml_lookup_pair(n, "value")->key->pos, "a cell holds a text or a value", "a cell has both 'text' and 'value'");
    const ynode *content = text ? text : value;
    if (content && content->kind != YNODE_SCALAR)
        parse_error(p, content->pos, "a value is a number, a text, or empty (~)", "a table value must be a scalar, not %s",
                    yaml_kind_name(content));
    else if (content)
        c->content = parse_scalar_of(content);
    if (t->tmpl) {
        if ((v = yaml_lookup(n, "data"))) parse_text(p, v, "data", &c->data);
        if ((v = yaml_lookup(n, "type"))) {
            static const char *const types[] = { "count", "amount", NULL };
            int e;
            if (schema_enum(p->d, v, "type", types, &e)) c->amount = e == 1;
            else p->ok = false;
        }
    }
}

static void parse_grid(tparser *t, syn_table *tb, const ynode *grid, const ynode *columns)
{
    parse_ctx *p = t->p;
    if (grid->kind != YNODE_SEQ || grid->n == 0) {
        parse_error(p, grid->pos, "e.g. grid: [[信息内容, 本年制发件数], [规章, 0]]", "grid must be a non-empty list of rows");
        return;
    }
    if (columns) {
        if (columns->kind != YNODE_SEQ || columns->n == 0) {
            parse_error(p, columns->pos, "one {width, align, format} per column", "columns must be a non-empty list");
            return;
        }
        tb->grid_columns = arena_alloc(p->a, (size_t)columns->n * sizeof *tb->grid_columns);
        tb->n_grid_columns = columns->n;
        for (int i = 0; i < columns->n; i++) {
            tb->grid_columns[i].pos = columns->items[i]->pos;
            if (parse_keys(p, columns->items[i], "a grid column", parse_colspec_keys))
                parse_colspec(p, columns->items[i], &tb->grid_columns[i]);
        }
    }
    tb->grid = arena_alloc(p->a, (size_t)grid->n * sizeof *tb->grid);
    tb->n_grid = grid->n;
    for (int r = 0; r < grid->n; r++) {
        const ynode *row = grid->items[r];
        syn_grid_row *gr = &tb->grid[r];
        gr->pos = row->pos;
        if (row->kind != YNODE_SEQ) {
            parse_error(p, row->pos, "write a row as a list: [a, b, c]", "a grid row must be a list, not %s",
                        yaml_kind_name(row));
            continue;
        }
        if (!parse_count_cells(p, row->n, row->pos)) {
            tb->n_grid = r;   /* the rows before the limit; nothing more is checked */
            return;
        }
        gr->cells = arena_alloc(p->a, (size_t)(row->n ? row->n : 1) * sizeof *gr->cells);
        gr->n_cells = row->n;
        for (int i = 0; i < row->n; i++) parse_cell(t, row->items[i], &gr->cells[i]);
    }
}

const char *const parse_table_keys[] = { "caption", "corner", "columns", "rows", "grid", "header-rows",
                                         "head-columns", "head-widths", "row-titles", "notes", NULL };

/* ---- the block ------------------------------------------------------------- */

const syn_table *parse_table(parse_ctx *p, const ynode *v, bool template_keys)
{
    tparser t = { p, template_keys };
    if (!parse_keys(p, v, "a table", parse_table_keys) && v->kind != YNODE_MAP) return NULL;
    syn_table *tb = arena_alloc(p->a, sizeof *tb);
    tb->pos = v->pos;
    const ynode *n;
    if ((n = yaml_lookup(v, "caption"))) parse_text(p, n, "caption", &tb->caption);
    if ((n = yaml_lookup(v, "notes"))) {
        int count = n->kind == YNODE_SEQ ? n->n : 1;
        tb->notes = arena_alloc(p->a, (size_t)(count ? count : 1) * sizeof *tb->notes);
        for (int i = 0; i < count; i++) {
            const ynode *item = n->kind == YNODE_SEQ ? n->items[i] : n;
            if (parse_text(p, item, "a note", &tb->notes[tb->n_notes])) tb->n_notes++;
        }
    }
    const ynode *columns = yaml_lookup(v, "columns"), *rows = yaml_lookup(v, "rows"), *grid = yaml_lookup(v, "grid");
    const ynode *corner = yaml_lookup(v, "corner");
    if (corner && corner->kind != YNODE_SCALAR) {
        parse_error(p, corner->pos, "e.g. corner: 项目", "corner must be text, not %s", yaml_kind_name(corner));
        corner = NULL;
    }
    if (corner && !yaml_is_null(corner)) tb->corner = parse_scalar_of(corner);
    if (grid) {
        tb->is_grid = true;
        long header_rows = 0, head_cols = 0;
        if (rows) {
            parse_error(p, rows->pos, "a table is either 'columns' + 'rows' (header trees) or a 'grid'",
                        "a table cannot have both 'rows' and 'grid'");
            return NULL;
        }
        if (corner) parse_error(p, corner->pos, "put the corner text in the grid's first cell", "a grid table has no 'corner'");
        if ((n = yaml_lookup(v, "head-widths")))
            parse_error(p, n->pos, "a grid table gives every column's width under 'columns'", "'head-widths' is for header-tree tables");
        if ((n = yaml_lookup(v, "row-titles")))
            parse_error(p, n->pos, "put the titles in the grid's first row, with head: true", "'row-titles' is for header-tree tables");
        const ynode *hr = yaml_lookup(v, "header-rows");
        if (hr && !schema_int(p->d, hr, "header-rows", 0, MAX_HEADER_ROWS, &header_rows)) p->ok = false;
        if ((n = yaml_lookup(v, "head-columns")) && !schema_int(p->d, n, "head-columns", 0, MAX_COLSPAN, &head_cols))
            p->ok = false;
        if (hr && header_rows > 0 && grid->kind == YNODE_SEQ && grid->n > 0 && header_rows >= grid->n) {
            parse_error(p, hr->pos, "count only the header rows at the top", "header-rows must leave at least one body row");
            header_rows = 0;
        }
        tb->header_rows = (int)header_rows;
        tb->head_cols = (int)head_cols;
        parse_grid(&t, tb, grid, columns);
        return tb;
    }
    if (!columns || !rows) {
        parse_error(p, v->pos, "give 'columns:' and 'rows:' (header trees), or 'grid:' (rows of cells)",
                    "a table needs %s", !columns && !rows ? _("columns and rows") : !columns ? _("columns") : _("rows"));
        return NULL;
    }
    static const char *const grid_only[] = { "header-rows", "head-columns", NULL };
    for (int i = 0; grid_only[i]; i++)
        if ((n = yaml_lookup(v, grid_only[i])))
            parse_error(p, n->pos, "the header trees give the header rows and columns", "'%s' is for grid tables", grid_only[i]);
    parse_trees(&t, tb, columns, rows, yaml_lookup(v, "head-widths"));
    if ((n = yaml_lookup(v, "row-titles"))) {
        if (corner)
            parse_error(p, n->pos, "keep either 'corner' (one cell over all row-header columns) or 'row-titles' (one per column)",
                        "a table cannot have both 'corner' and 'row-titles'");
        else
            parse_row_titles(p, tb, n);
    }
    return tb;
}
