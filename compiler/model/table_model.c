/* table_model.c — a `table:` block to a checked grid of cells (table_model.h).
 *
 * Two ways in:
 *   columns + rows: header trees.  A column node with children spans its
 *     leaves; a leaf shallower than the deepest one spans the header rows
 *     below it.  A row node with children spans its leaf rows; a leaf row
 *     shallower than the deepest spans the remaining row-header columns.
 *   grid: rows of cells with explicit rowspan/colspan, placed like HTML
 *     tables (each cell takes the next free slot of its row). */
#include "table_model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/schema.h"

/* How a column prints its numbers. */
typedef struct number_format {
    int decimals;      /* -1: as written */
    bool thousands;    /* 1,234,567 */
} number_format;

typedef struct tbuilder {
    arena *a;
    diag *d;
    model_table *t;
    int cap_cells;
    number_format *formats;  /* per leaf column */
    bool ok;
} tbuilder;

static void fail(tbuilder *b) { b->ok = false; }

static model_cell *add_cell(tbuilder *b, int row, int col, int rowspan, int colspan, cell_role role, src_pos pos)
{
    arena_grow(b->a, (void **)&b->t->cells, &b->cap_cells, b->t->n_cells + 1, sizeof *b->t->cells);
    model_cell *c = &b->t->cells[b->t->n_cells++];
    *c = (model_cell){ .row = row, .col = col, .rowspan = rowspan, .colspan = colspan, .role = role,
                       .utf8 = "", .pos = pos };
    return c;
}

static void set_text(model_cell *c, const ynode *n)
{
    c->utf8 = n->str;
    c->len = n->len;
    c->pos = (src_pos){ n->pos.src, n->pos.line, n->text_col };
    c->exact_cols = n->single_line;
}

/* ---- numbers ------------------------------------------------------------- */

/* A plain scalar that reads as a decimal number: -?digits(.digits)? */
static bool is_number(const ynode *n)
{
    if (n->kind != YNODE_SCALAR || !n->plain) return false;
    const char *s = n->str;
    if (*s == '-' || *s == '+') s++;
    int digits = 0;
    while (*s >= '0' && *s <= '9') s++, digits++;
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') s++, digits++;
    }
    return digits > 0 && *s == '\0';
}

/* "integer", "0", "0.00", "#,##0", "#,##0.0" … */
static bool parse_format(tbuilder *b, const ynode *v, number_format *f)
{
    const char *s;
    if (!schema_string(b->d, v, "format", &s)) return false;
    *f = (number_format){ .decimals = -1 };
    if (strcmp(s, "as-written") == 0) return true;
    if (strcmp(s, "integer") == 0) {
        f->decimals = 0;
        return true;
    }
    const char *p = s;
    if (strncmp(p, "#,##", 4) == 0) {
        f->thousands = true;
        p += 4;
    }
    if (*p == '0') {
        p++;
        int dec = 0;
        if (*p == '.') {
            p++;
            while (*p == '0' && dec < 9) p++, dec++;
            if (dec == 0) p--;
        }
        if (*p == '\0') {
            f->decimals = dec;
            return true;
        }
    }
    diag_error(b->d, v->pos, "write integer, 0.00 (two decimals), #,##0 (thousands) or #,##0.00",
               "'%s' is not a number format", s);
    return false;
}

/* The number n as column format f prints it. */
static const char *format_number(tbuilder *b, const ynode *n, number_format f)
{
    const char *s = n->str;
    char digits[64];
    if (f.decimals < 0) {
        if (!f.thousands) return s;
        snprintf(digits, sizeof digits, "%s", s);
    } else {
        double v = strtod(s, NULL);
        if (f.decimals == 0 && v != floor(v)) {
            diag_error(b->d, n->pos, "give a whole number, or a format with decimals such as 0.00",
                       "%s is not a whole number, and this column prints integers", s);
            fail(b);
            return s;
        }
        snprintf(digits, sizeof digits, "%.*f", f.decimals, v);
    }
    if (!f.thousands) return arena_strdup(b->a, digits);
    /* Insert a comma every three digits of the integer part. */
    char out[96];
    const char *p = digits;
    size_t used = 0;
    if (*p == '-' || *p == '+') out[used++] = *p++;
    size_t int_len = strspn(p, "0123456789");
    for (size_t i = 0; i < int_len; i++) {
        if (i > 0 && (int_len - i) % 3 == 0) out[used++] = ',';
        out[used++] = p[i];
    }
    snprintf(out + used, sizeof out - used, "%s", p + int_len);
    return arena_strdup(b->a, out);
}

/* A value cell from scalar n in leaf column col. */
static void fill_value(tbuilder *b, model_cell *c, const ynode *n, int col)
{
    if (n->kind != YNODE_SCALAR) {
        diag_error(b->d, n->pos, "a value is a number, a text, or empty (~)", "a table value must be a scalar, not %s",
                   ynode_kind_name(n));
        fail(b);
        return;
    }
    c->pos = n->pos;
    if (ynode_is_null(n)) return;
    set_text(c, n);
    if (!is_number(n)) return;
    c->numeric = true;
    number_format f = b->formats && col >= 0 ? b->formats[col] : (number_format){ .decimals = -1 };
    const char *s = format_number(b, n, f);
    if (s != n->str) {
        c->utf8 = s;
        c->len = strlen(s);
        c->exact_cols = false;
    }
}

/* ---- column specs ---------------------------------------------------------- */

static void parse_width(tbuilder *b, const ynode *v, model_column *col)
{
    const char *s;
    if (!schema_string(b->d, v, "width", &s)) {
        fail(b);
        return;
    }
    char *end;
    double x = strtod(s, &end);
    if (strcmp(s, "auto") == 0) {
        col->width = WIDTH_AUTO;
    } else if (end != s && x > 0 && x <= 100 && strcmp(end, "%") == 0) {
        col->width = WIDTH_PERCENT;
        col->permille = (int)(x * 10 + 0.5);
    } else if (end != s && x > 0 && x <= 1000 && strcmp(end, "fr") == 0) {
        col->width = WIDTH_FRACTION;
        col->permille = (int)(x * 1000 + 0.5);
    } else if (schema_length(b->d, v, "width", &col->fixed)) {
        col->width = WIDTH_FIXED;
    } else {
        fail(b);
    }
}

static const char *const align_names[] = { "left", "center", "right", "justify", NULL };

static void parse_align(tbuilder *b, const ynode *v, int *has, text_align *align)
{
    int e;
    if (schema_enum(b->d, v, "align", align_names, &e)) {
        *has = 1;
        *align = (text_align)e;
    } else {
        fail(b);
    }
}

/* Width, align and format of one leaf column (mapping m, may be NULL). */
static void parse_column_spec(tbuilder *b, const ynode *m, int col)
{
    model_column *c = &b->t->columns[col];
    const ynode *v;
    if (!m || m->kind != YNODE_MAP) return;
    c->pos = m->pos;
    if ((v = ynode_lookup(m, "width"))) parse_width(b, v, c);
    if ((v = ynode_lookup(m, "align"))) parse_align(b, v, &c->has_align, &c->align);
    if ((v = ynode_lookup(m, "format")) && !parse_format(b, v, &b->formats[col])) fail(b);
}

/* ---- column tree ------------------------------------------------------------ */

static const char *const column_keys[] = { "title", "children", "width", "align", "format", NULL };

/* Leaves and depth of a column node; checks its shape. */
static int column_leaves(tbuilder *b, const ynode *n, int depth, int *max_depth)
{
    if (depth > *max_depth) *max_depth = depth;
    if (n->kind == YNODE_SCALAR) return 1;
    if (!schema_check_keys(b->d, n, "a column", column_keys)) {
        fail(b);
        if (n->kind != YNODE_MAP) return 1;
    }
    const ynode *children = ynode_lookup(n, "children");
    if (!ynode_lookup(n, "title")) {
        diag_error(b->d, n->pos, "e.g. {title: 法人或其他组织, children: [商业企业, 其他]}", "a column needs a 'title'");
        fail(b);
    }
    if (!children) return 1;
    if (children->kind != YNODE_SEQ || children->n == 0) {
        diag_error(b->d, children->pos, "list the sub-columns with '- '", "children must be a non-empty list");
        fail(b);
        return 1;
    }
    if (ynode_lookup(n, "width") || ynode_lookup(n, "format")) {
        const ynode *k = ynode_lookup(n, "width") ? ynode_lookup(n, "width") : ynode_lookup(n, "format");
        diag_error(b->d, k->pos, "give width and format on the leaf columns", "a column group has no width or format of its own");
        fail(b);
    }
    int leaves = 0;
    for (int i = 0; i < children->n; i++) leaves += column_leaves(b, children->items[i], depth + 1, max_depth);
    return leaves;
}

/* Emits the header cells of column node n at header row `depth`, leaves from
 * *leaf on; head_cols row-header columns come first. */
static int place_column(tbuilder *b, const ynode *n, int depth, int header_rows, int *leaf)
{
    const ynode *title = n->kind == YNODE_SCALAR ? n : ynode_lookup(n, "title");
    const ynode *children = n->kind == YNODE_MAP ? ynode_lookup(n, "children") : NULL;
    int first = *leaf;
    if (children && children->kind == YNODE_SEQ && children->n > 0) {
        for (int i = 0; i < children->n; i++) place_column(b, children->items[i], depth + 1, header_rows, leaf);
    } else {
        parse_column_spec(b, n, *leaf);
        (*leaf)++;
    }
    int span = *leaf - first;
    bool leaf_node = !children;
    model_cell *c = add_cell(b, depth, b->t->head_cols + first, leaf_node ? header_rows - depth : 1, span,
                             CELL_COL_HEAD, n->pos);
    if (title && title->kind == YNODE_SCALAR && !ynode_is_null(title)) set_text(c, title);
    else if (title && title->kind != YNODE_SCALAR) {
        diag_error(b->d, title->pos, NULL, "a column title must be text, not %s", ynode_kind_name(title));
        fail(b);
    }
    return span;
}

/* ---- row tree ---------------------------------------------------------------- */

static const char *const row_keys[] = { "head", "children", "values", NULL };

/* Leaf rows below n and the depth of row-header columns; checks shape. */
static int row_leaves(tbuilder *b, const ynode *n, int depth, int *max_depth, int n_values)
{
    if (!schema_check_keys(b->d, n, "a row", row_keys)) {
        fail(b);
        if (n->kind != YNODE_MAP) return 1;
    }
    const ynode *head = ynode_lookup(n, "head"), *children = ynode_lookup(n, "children"),
                *values = ynode_lookup(n, "values");
    if (head && depth + 1 > *max_depth) *max_depth = depth + 1;
    if (children && values) {
        diag_error(b->d, ynode_lookup_pair(n, "values")->key->pos, "a row group holds rows; its rows hold values",
                   "a row has either 'children' or 'values', not both");
        fail(b);
        return 1;
    }
    if (children) {
        if (!head) {
            diag_error(b->d, n->pos, "give the group a label with 'head:'", "a row group needs a 'head'");
            fail(b);
        }
        if (children->kind != YNODE_SEQ || children->n == 0) {
            diag_error(b->d, children->pos, "list the rows with '- '", "children must be a non-empty list");
            fail(b);
            return 1;
        }
        int leaves = 0;
        for (int i = 0; i < children->n; i++) leaves += row_leaves(b, children->items[i], depth + 1, max_depth, n_values);
        return leaves;
    }
    if (!values) {
        diag_error(b->d, n->pos, "give the row's numbers as 'values: [...]', or sub-rows as 'children'",
                   "a row needs 'values' or 'children'");
        fail(b);
        return 1;
    }
    if (values->kind != YNODE_SEQ) {
        diag_error(b->d, values->pos, "e.g. values: [0, 0, 0]", "values must be a list, not %s", ynode_kind_name(values));
        fail(b);
    } else if (values->n != n_values) {
        diag_error(b->d, values->pos, "give one value per leaf column; write ~ for an empty cell",
                   "this row has %d value%s, but the table has %d leaf column%s", values->n, values->n == 1 ? "" : "s",
                   n_values, n_values == 1 ? "" : "s");
        fail(b);
    }
    return 1;
}

/* Emits the cells of row node n at depth, rows from *row on. */
static void place_row(tbuilder *b, const ynode *n, int depth, int *row)
{
    if (n->kind != YNODE_MAP) return;
    const ynode *head = ynode_lookup(n, "head"), *children = ynode_lookup(n, "children"),
                *values = ynode_lookup(n, "values");
    int first = *row;
    int head_cols = b->t->head_cols;
    if (children && children->kind == YNODE_SEQ) {
        for (int i = 0; i < children->n; i++) place_row(b, children->items[i], depth + 1, row);
    } else {
        int r = (*row)++;
        if (values && values->kind == YNODE_SEQ && values->n == b->t->n_cols - head_cols)
            for (int i = 0; i < values->n; i++)
                fill_value(b, add_cell(b, r, head_cols + i, 1, 1, CELL_DATA, values->items[i]->pos), values->items[i], i);
    }
    if (head_cols == 0) return;
    bool leaf = !children;
    if (!head && !leaf) return;
    if (depth >= head_cols) return;
    model_cell *c = add_cell(b, first, depth, leaf ? 1 : *row - first, leaf ? head_cols - depth : 1, CELL_ROW_HEAD,
                             n->pos);
    if (head && head->kind == YNODE_SCALAR && !ynode_is_null(head)) set_text(c, head);
    else if (head && head->kind != YNODE_SCALAR) {
        diag_error(b->d, head->pos, NULL, "a row head must be text, not %s", ynode_kind_name(head));
        fail(b);
    }
}

static void build_trees(tbuilder *b, const ynode *columns, const ynode *rows, const ynode *corner,
                        const ynode *head_widths)
{
    model_table *t = b->t;
    if (columns->kind != YNODE_SEQ || columns->n == 0) {
        diag_error(b->d, columns->pos, "list the columns with '- ', sub-columns under 'children'",
                   "columns must be a non-empty list");
        fail(b);
        return;
    }
    int leaves = 0, header_rows = 0;
    for (int i = 0; i < columns->n; i++) leaves += column_leaves(b, columns->items[i], 1, &header_rows);
    if (rows->kind != YNODE_SEQ || rows->n == 0) {
        diag_error(b->d, rows->pos, "list the rows with '- '", "rows must be a non-empty list");
        fail(b);
        return;
    }
    int n_rows = 0, head_cols = 0;
    for (int i = 0; i < rows->n; i++) n_rows += row_leaves(b, rows->items[i], 0, &head_cols, leaves);
    if (!b->ok) return;
    t->n_cols = head_cols + leaves;
    t->n_rows = header_rows + n_rows;
    t->header_rows = header_rows;
    t->head_cols = head_cols;
    t->columns = arena_alloc(b->a, (size_t)t->n_cols * sizeof *t->columns);
    b->formats = arena_alloc(b->a, (size_t)t->n_cols * sizeof *b->formats);
    for (int i = 0; i < t->n_cols; i++) b->formats[i].decimals = -1;
    if (head_cols > 0) {
        model_cell *c = add_cell(b, 0, 0, header_rows, head_cols, CELL_CORNER, corner ? corner->pos : t->pos);
        if (corner && corner->kind == YNODE_SCALAR && !ynode_is_null(corner)) set_text(c, corner);
    }
    /* Leaf specs are indexed from 0 over the data columns; shift them after. */
    int leaf = 0;
    for (int i = 0; i < columns->n; i++) place_column(b, columns->items[i], 0, header_rows, &leaf);
    memmove(t->columns + head_cols, t->columns, (size_t)leaves * sizeof *t->columns);
    memset(t->columns, 0, (size_t)head_cols * sizeof *t->columns);
    /* Widths of the row-header columns, outermost first. */
    if (head_widths) {
        if (head_widths->kind != YNODE_SEQ || head_widths->n != head_cols) {
            diag_error(b->d, head_widths->pos, "one width per level of the row tree, e.g. [8mm, 12mm, auto]",
                       "head-widths must list %d width%s (the row tree has %d level%s)", head_cols,
                       head_cols == 1 ? "" : "s", head_cols, head_cols == 1 ? "" : "s");
            fail(b);
        } else {
            for (int i = 0; i < head_cols; i++) {
                t->columns[i].pos = head_widths->items[i]->pos;
                parse_width(b, head_widths->items[i], &t->columns[i]);
            }
        }
    }
    int row = header_rows;
    for (int i = 0; i < rows->n; i++) place_row(b, rows->items[i], 0, &row);
}

/* ---- free grid ------------------------------------------------------------- */

static const char *const cell_keys[] = { "text", "value", "rowspan", "colspan", "align", "head", NULL };

/* The width of grid row r in slots, counting spans. */
static int row_width(const ynode *r)
{
    int w = 0;
    for (int i = 0; r->kind == YNODE_SEQ && i < r->n; i++) {
        const ynode *cs = r->items[i]->kind == YNODE_MAP ? ynode_lookup(r->items[i], "colspan") : NULL;
        w += cs && cs->kind == YNODE_SCALAR ? atoi(cs->str) : 1;
    }
    return w;
}

static void build_grid(tbuilder *b, const ynode *grid, const ynode *columns, long header_rows, long head_cols)
{
    model_table *t = b->t;
    if (grid->kind != YNODE_SEQ || grid->n == 0) {
        diag_error(b->d, grid->pos, "e.g. grid: [[信息内容, 本年制发件数], [规章, 0]]", "grid must be a non-empty list of rows");
        fail(b);
        return;
    }
    if (columns && (columns->kind != YNODE_SEQ || columns->n == 0)) {
        diag_error(b->d, columns->pos, "one {width, align, format} per column", "columns must be a non-empty list");
        fail(b);
        return;
    }
    t->n_rows = grid->n;
    t->n_cols = columns ? columns->n : row_width(grid->items[0]);
    if (t->n_cols <= 0) t->n_cols = 1;
    t->header_rows = (int)header_rows;
    t->head_cols = (int)head_cols;
    t->columns = arena_alloc(b->a, (size_t)t->n_cols * sizeof *t->columns);
    b->formats = arena_alloc(b->a, (size_t)t->n_cols * sizeof *b->formats);
    for (int i = 0; i < t->n_cols; i++) b->formats[i].decimals = -1;
    static const char *const spec_keys[] = { "width", "align", "format", NULL };
    for (int i = 0; columns && i < columns->n; i++) {
        if (!schema_check_keys(b->d, columns->items[i], "a grid column", spec_keys)) fail(b);
        parse_column_spec(b, columns->items[i], i);
    }
    /* owner[r * n_cols + c]: 1 + the index of the cell covering the slot. */
    int *owner = arena_alloc(b->a, (size_t)t->n_rows * (size_t)t->n_cols * sizeof *owner);
    for (int r = 0; r < t->n_rows; r++) {
        const ynode *row = grid->items[r];
        if (row->kind != YNODE_SEQ) {
            diag_error(b->d, row->pos, "write a row as a list: [a, b, c]", "a grid row must be a list, not %s",
                       ynode_kind_name(row));
            fail(b);
            continue;
        }
        int col = 0;
        for (int i = 0; i < row->n; i++) {
            const ynode *n = row->items[i], *content = n;
            long rowspan = 1, colspan = 1;
            int has_align = 0;
            text_align align = ALIGN_LEFT;
            bool head = false;
            if (n->kind == YNODE_MAP) {
                if (!schema_check_keys(b->d, n, "a grid cell", cell_keys)) fail(b);
                const ynode *v;
                if ((v = ynode_lookup(n, "rowspan")) && !schema_int(b->d, v, "rowspan", 1, 10000, &rowspan)) fail(b);
                if ((v = ynode_lookup(n, "colspan")) && !schema_int(b->d, v, "colspan", 1, 1000, &colspan)) fail(b);
                if ((v = ynode_lookup(n, "align"))) parse_align(b, v, &has_align, &align);
                if ((v = ynode_lookup(n, "head")) && !schema_bool(b->d, v, "head", &head)) fail(b);
                content = ynode_lookup(n, "text");
                if (!content) content = ynode_lookup(n, "value");
            }
            while (col < t->n_cols && owner[r * t->n_cols + col]) col++;
            if (col + colspan > t->n_cols) {
                diag_error(b->d, n->pos, "make the row's spans add up to the table's columns",
                           "this cell reaches column %ld, but the table has %d column%s", col + colspan, t->n_cols,
                           t->n_cols == 1 ? "" : "s");
                fail(b);
                break;
            }
            if (r + rowspan > t->n_rows) {
                diag_error(b->d, n->pos, "shorten the rowspan or add rows",
                           "this cell spans %ld rows, but only %d row%s follow from here", rowspan, t->n_rows - r,
                           t->n_rows - r == 1 ? "" : "s");
                fail(b);
                rowspan = t->n_rows - r;
            }
            /* A colspan running into a cell spanning down from above overlaps it. */
            for (int rr = r; rr < r + rowspan; rr++)
                for (int cc = col; cc < col + colspan; cc++) {
                    int o = owner[rr * t->n_cols + cc];
                    if (!o) continue;
                    const model_cell *other = &t->cells[o - 1];
                    diag_error(b->d, n->pos, "reduce a span, or leave this slot out of the row",
                               "this cell overlaps the cell at line %d, column %d (row %d, column %d of the table)",
                               other->pos.line, other->pos.col, other->row + 1, other->col + 1);
                    fail(b);
                    rr = r + (int)rowspan;
                    break;
                }
            /* head: true marks a header label inside the body (a block's own
               header row, as in table 二). */
            cell_role role = r < t->header_rows ? (col < t->head_cols ? CELL_CORNER : CELL_COL_HEAD)
                           : head               ? CELL_COL_HEAD
                           : col < t->head_cols ? CELL_ROW_HEAD
                                                : CELL_DATA;
            model_cell *c = add_cell(b, r, col, (int)rowspan, (int)colspan, role, n->pos);
            c->has_align = has_align;
            c->align = align;
            if (content) fill_value(b, c, content, col);
            for (int rr = r; rr < r + rowspan; rr++)
                for (int cc = col; cc < col + colspan; cc++)
                    if (!owner[rr * t->n_cols + cc]) owner[rr * t->n_cols + cc] = t->n_cells;
            col += (int)colspan;
        }
        int filled = 0;
        for (int c = 0; c < t->n_cols; c++) filled += owner[r * t->n_cols + c] != 0;
        if (filled < t->n_cols && b->ok) {
            diag_error(b->d, row->pos, "give every row cells for all columns (spans count), or an empty cell ~",
                       "ragged row: it covers %d of the table's %d columns", filled, t->n_cols);
            fail(b);
        }
    }
}

/* ---- the block ----------------------------------------------------------- */

static int cell_order(const void *pa, const void *pb)
{
    const model_cell *a = pa, *b = pb;
    return a->row != b->row ? a->row - b->row : a->col - b->col;
}

static const char *const table_keys[] = { "caption", "corner", "columns", "rows", "grid", "header-rows",
                                          "head-columns", "head-widths", "notes", NULL };

model_table *table_model_build(arena *a, diag *d, const ynode *v)
{
    tbuilder b = { .a = a, .d = d, .ok = true };
    if (!schema_check_keys(d, v, "a table", table_keys)) {
        if (v->kind != YNODE_MAP) return NULL;
        b.ok = false;
    }
    model_table *t = b.t = arena_alloc(a, sizeof *t);
    t->pos = v->pos;
    const ynode *n;
    if ((n = ynode_lookup(v, "caption"))) {
        if (schema_string(d, n, "caption", &t->caption)) t->caption_pos = n->pos;
        else fail(&b);
    }
    if ((n = ynode_lookup(v, "notes"))) {
        int count = n->kind == YNODE_SEQ ? n->n : 1;
        t->notes = arena_alloc(a, (size_t)count * sizeof *t->notes);
        t->notes_pos = arena_alloc(a, (size_t)count * sizeof *t->notes_pos);
        for (int i = 0; i < count; i++) {
            const ynode *item = n->kind == YNODE_SEQ ? n->items[i] : n;
            if (!schema_string(d, item, "a note", &t->notes[t->n_notes])) {
                fail(&b);
                continue;
            }
            t->notes_pos[t->n_notes++] = (src_pos){ item->pos.src, item->pos.line, item->text_col };
        }
    }
    const ynode *columns = ynode_lookup(v, "columns"), *rows = ynode_lookup(v, "rows"), *grid = ynode_lookup(v, "grid");
    const ynode *corner = ynode_lookup(v, "corner");
    if (corner && corner->kind != YNODE_SCALAR) {
        diag_error(d, corner->pos, NULL, "corner must be text, not %s", ynode_kind_name(corner));
        fail(&b);
        corner = NULL;
    }
    if (grid) {
        long header_rows = 0, head_cols = 0;
        if (rows) {
            diag_error(d, rows->pos, "a table is either 'columns' + 'rows' (header trees) or a 'grid'",
                       "a table cannot have both 'rows' and 'grid'");
            return NULL;
        }
        if (corner) {
            diag_error(d, corner->pos, "put the corner text in the grid's first cell", "a grid table has no 'corner'");
            fail(&b);
        }
        if ((n = ynode_lookup(v, "head-widths"))) {
            diag_error(d, n->pos, "a grid table gives every column's width under 'columns'", "'head-widths' is for header-tree tables");
            fail(&b);
        }
        if ((n = ynode_lookup(v, "header-rows")) && !schema_int(d, n, "header-rows", 0, 100, &header_rows)) fail(&b);
        if ((n = ynode_lookup(v, "head-columns")) && !schema_int(d, n, "head-columns", 0, 100, &head_cols)) fail(&b);
        if (header_rows >= grid->n && grid->kind == YNODE_SEQ) {
            diag_error(d, ynode_lookup(v, "header-rows")->pos, NULL, "header-rows must leave at least one body row");
            fail(&b);
            header_rows = 0;
        }
        build_grid(&b, grid, columns, header_rows, head_cols);
    } else {
        if (!columns || !rows) {
            diag_error(d, v->pos, "give 'columns:' and 'rows:' (header trees), or 'grid:' (rows of cells)",
                       "a table needs %s", !columns && !rows ? "columns and rows" : !columns ? "columns" : "rows");
            return NULL;
        }
        static const char *const keys[] = { "header-rows", "head-columns", NULL };
        const ynode *hw = ynode_lookup(v, "head-widths");
        for (int i = 0; keys[i]; i++)
            if ((n = ynode_lookup(v, keys[i]))) {
                diag_error(d, n->pos, "the header trees give the header rows and columns", "'%s' is for grid tables",
                           keys[i]);
                fail(&b);
            }
        build_trees(&b, columns, rows, corner, hw);
    }
    if (!b.ok) return NULL;
    qsort(t->cells, (size_t)t->n_cells, sizeof *t->cells, cell_order);
    return t;
}

void table_model_dump(const model_table *t, FILE *out)
{
    static const char *const roles[] = { "corner", "col-head", "row-head", "data" };
    fprintf(out, "  table rows=%d cols=%d header-rows=%d head-cols=%d\n", t->n_rows, t->n_cols, t->header_rows,
            t->head_cols);
    for (int i = 0; i < t->n_cells; i++) {
        const model_cell *c = &t->cells[i];
        fprintf(out, "    %d:%d r%d c%d %dx%d %s%s \"%.*s\"\n", c->pos.line, c->pos.col, c->row, c->col, c->rowspan,
                c->colspan, roles[c->role], c->numeric ? " number" : "", (int)c->len, c->utf8);
    }
}
