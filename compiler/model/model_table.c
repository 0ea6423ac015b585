/* model_table.c — a table's syntax to a checked grid of cells (model_table.h).
 *
 * Header trees: a column node with children spans its leaves; a leaf
 * shallower than the deepest one spans the header rows below it.  A row node
 * with children spans its leaf rows; a leaf row shallower than the deepest
 * spans the remaining row-header columns.
 * Grid: each cell takes the next free slot of its row (as HTML tables do);
 * a cell must not overlap another, nor reach past the table's edge, and
 * every row must be covered. */
#include "model_table.h"
#include "base/i18n.h"

#include <stdlib.h>
#include <string.h>

/* The largest table: more columns than fit any page, more cells than any
 * report needs (a 6,000-row statistical table of 15 columns is 90,000). */
enum { MAX_COLUMNS = 1000, MAX_SLOTS = 4 << 20 };

typedef struct tbuilder {
    arena *a;
    diag *d;
    model_table *t;
    int cap_cells;                /* of t->cells: malloc'ed while the table is built */
    decimal_format *formats;      /* per column */
    const table_values *values;
    int leaf_row;                 /* header trees: leaf rows placed so far */
    bool ok;
} tbuilder;

static void fail(tbuilder *b) { b->ok = false; }

static model_cell *add_cell(tbuilder *b, int row, int col, int rowspan, int colspan, cell_role role, src_pos pos)
{
    if (b->t->n_cells == b->cap_cells) {
        b->cap_cells = b->cap_cells ? b->cap_cells * 2 : 16;
        b->t->cells = xrealloc(b->t->cells, (size_t)b->cap_cells * sizeof *b->t->cells);
    }
    model_cell *c = &b->t->cells[b->t->n_cells++];
    *c = (model_cell){ .row = row, .col = col, .rowspan = rowspan, .colspan = colspan, .role = role, .utf8 = "", .pos = pos };
    return c;
}

static void set_text(model_cell *c, const syn_scalar *s)
{
    c->utf8 = s->s;
    c->len = s->len;
    c->pos = s->text_pos;
    c->exact_cols = s->exact_cols;
}

/* ---- numbers ---------------------------------------------------------------- */

static bool model_table_number(diag *d, const syn_scalar *v, bool *is_number, decimal *number)
{
    *is_number = false;
    if (!v->plain || v->null) return true;   /* quoted: text, as written */
    char why[200], hint[200], full[320];
    switch (decimal_parse(v->s, v->len, number, why, sizeof why, hint, sizeof hint)) {
    case DECIMAL_OK:
        *is_number = true;
        return true;
    case DECIMAL_NOT_A_NUMBER:
        return true;
    default:
        /* TRANSLATORS: the words of the hints that say "quote it if it is text". */
        if (strstr(hint, "quote it") || strstr(hint, _("quote it"))) snprintf(full, sizeof full, "%s", hint);
        else snprintf(full, sizeof full, _("%s; or quote it ('%.40s') to print it as text"), hint, v->s);
        diag_error(d, v->pos, full, "%s", why);
        return false;
    }
}

/* Sets cell c to `number` as column format f prints it; `written` is the
 * scalar it was written as (NULL: a computed number at pos). */
static void set_number(tbuilder *b, model_cell *c, decimal number, decimal_format f, const syn_scalar *written, src_pos pos)
{
    c->numeric = true;
    if (f.decimals == 0 && !decimal_is_integer(number)) {
        char text[DECIMAL_TEXT_MAX];
        decimal_format_text(number, DECIMAL_AS_WRITTEN, text, NULL);
        diag_error(b->d, written ? written->pos : pos, "give a whole number, or a format with decimals such as 0.00",
                   "%s is not a whole number, and this column prints integers", text);
        fail(b);
        return;
    }
    char text[DECIMAL_TEXT_MAX];
    size_t len = decimal_format_text(number, f, text, NULL);
    if (written && len == written->len && memcmp(text, written->s, len) == 0) {
        set_text(c, written);
        return;
    }
    c->utf8 = arena_strndup(b->a, text, len);
    c->len = len;
    c->pos = written ? written->text_pos : pos;
    c->exact_cols = false;
}

/* A report's value cell from scalar v in column col. */
static void fill_value(tbuilder *b, model_cell *c, const syn_scalar *v, int col)
{
    c->pos = v->pos;
    if (v->null) return;
    bool is_number;
    decimal number;
    if (!model_table_number(b->d, v, &is_number, &number)) {
        fail(b);
        return;
    }
    if (!is_number) {
        set_text(c, v);
        return;
    }
    set_number(b, c, number, b->formats[col], v, v->pos);
}

/* A value the caller gave (a template's number). */
static void fill_given(tbuilder *b, model_cell *c, const table_value *v, int col)
{
    c->pos = v->written ? v->written->pos : v->pos;
    if (v->present) set_number(b, c, v->number, b->formats[col], v->written, v->pos);
}

/* ---- column specs ------------------------------------------------------------ */

static void set_column(tbuilder *b, int col, const syn_colspec *s)
{
    model_column *c = &b->t->columns[col];
    c->pos = s->pos;
    c->width = s->width;
    c->fixed = s->fixed;
    c->permille = s->permille;
    c->has_align = s->has_align;
    c->align = s->align;
    b->formats[col] = s->has_format ? s->format : DECIMAL_AS_WRITTEN;
}

static void alloc_columns(tbuilder *b)
{
    model_table *t = b->t;
    t->columns = arena_alloc(b->a, (size_t)t->n_cols * sizeof *t->columns);
    b->formats = arena_alloc(b->a, (size_t)t->n_cols * sizeof *b->formats);
    for (int i = 0; i < t->n_cols; i++) b->formats[i] = DECIMAL_AS_WRITTEN;
}

/* The table's size against the limits; an error at the table when too large. */
static bool size_ok(tbuilder *b, int n_rows, int n_cols)
{
    if (n_cols > MAX_COLUMNS || (int64_t)n_rows * n_cols > MAX_SLOTS) {
        diag_error(b->d, b->t->pos, "split it into several tables",
                   "a table of %d rows and %d columns is too large (at most %d columns and %d cells)", n_rows, n_cols,
                   MAX_COLUMNS, MAX_SLOTS);
        fail(b);
        return false;
    }
    return true;
}

/* ---- header trees ------------------------------------------------------------ */

/* Leaves below column node c, and the header rows it needs. */
static int column_leaves(const syn_column *c, int depth, int *max_depth)
{
    if (depth > *max_depth) *max_depth = depth;
    if (!c->children) return 1;
    int leaves = 0;
    for (int i = 0; i < c->n_children; i++) leaves += column_leaves(&c->children[i], depth + 1, max_depth);
    return leaves;
}

/* Emits the header cells of column node c at header row `depth`, leaves
 * from *leaf on. */
static void place_column(tbuilder *b, const syn_column *c, int depth, int header_rows, int *leaf)
{
    int first = *leaf;
    if (c->children) {
        for (int i = 0; i < c->n_children; i++) place_column(b, &c->children[i], depth + 1, header_rows, leaf);
    } else {
        set_column(b, b->t->head_cols + *leaf, &c->spec);
        (*leaf)++;
    }
    bool leaf_node = !c->children;
    model_cell *cell = add_cell(b, depth, b->t->head_cols + first, leaf_node ? header_rows - depth : 1, *leaf - first,
                                CELL_COL_HEAD, c->pos);
    if (c->title.s) set_text(cell, &c->title);
}

/* Leaf rows below row node r and the depth of row-header columns; checks
 * the number of values of every row. */
static int row_leaves(tbuilder *b, const syn_row *r, int depth, int *max_depth, int n_values)
{
    if (r->head.s && depth + 1 > *max_depth) *max_depth = depth + 1;
    if (r->children) {
        int leaves = 0;
        for (int i = 0; i < r->n_children; i++) leaves += row_leaves(b, &r->children[i], depth + 1, max_depth, n_values);
        return leaves;
    }
    if (!b->values && r->n_values >= 0 && r->n_values != n_values) {
        diag_error(b->d, r->values_pos, "give one value per leaf column; write ~ for an empty cell",
                   "this row has %d value%s, but the table has %d leaf column%s", r->n_values, r->n_values == 1 ? "" : "s",
                   n_values, n_values == 1 ? "" : "s");
        fail(b);
    }
    return 1;
}

/* Emits the cells of row node r at depth, rows from *row on. */
static void place_row(tbuilder *b, const syn_row *r, int depth, int *row)
{
    int first = *row;
    int head_cols = b->t->head_cols, n_data = b->t->n_cols - head_cols;
    if (r->children) {
        for (int i = 0; i < r->n_children; i++) place_row(b, &r->children[i], depth + 1, row);
    } else {
        int at = (*row)++;
        int leaf = b->leaf_row++;
        for (int i = 0; i < n_data; i++) {
            if (b->values) {
                const table_value *v = &b->values->leaf[leaf * b->values->n_leaf_cols + i];
                fill_given(b, add_cell(b, at, head_cols + i, 1, 1, CELL_DATA, v->pos), v, head_cols + i);
            } else if (r->n_values == n_data) {
                fill_value(b, add_cell(b, at, head_cols + i, 1, 1, CELL_DATA, r->values[i].pos), &r->values[i], head_cols + i);
            }
        }
    }
    bool leaf = !r->children;
    if (head_cols == 0 || (!r->head.s && !leaf) || depth >= head_cols) return;
    model_cell *c = add_cell(b, first, depth, leaf ? 1 : *row - first, leaf ? head_cols - depth : 1, CELL_ROW_HEAD, r->pos);
    if (r->head.s) set_text(c, &r->head);
}

static void build_trees(tbuilder *b, const syn_table *st)
{
    model_table *t = b->t;
    int leaves = 0, header_rows = 0;
    for (int i = 0; i < st->n_columns; i++) leaves += column_leaves(&st->columns[i], 1, &header_rows);
    int n_rows = 0, head_cols = 0;
    if (leaves > MAX_COLUMNS) {
        size_ok(b, 1, leaves);
        return;
    }
    for (int i = 0; i < st->n_rows; i++) n_rows += row_leaves(b, &st->rows[i], 0, &head_cols, leaves);
    if (!b->ok) return;
    if (b->values && b->values->n_leaf_cols != leaves) {
        diag_internal(b->d, "model", "a template table has %d columns of values for %d leaf columns", b->values->n_leaf_cols, leaves);
        fail(b);
        return;
    }
    if (!size_ok(b, header_rows + n_rows, head_cols + leaves)) return;
    t->n_cols = head_cols + leaves;
    t->n_rows = header_rows + n_rows;
    t->header_rows = header_rows;
    t->head_cols = head_cols;
    alloc_columns(b);
    if (st->row_titles && head_cols == 0) {
        diag_error(b->d, st->row_titles_pos, "give the rows a 'head', or drop 'row-titles'",
                   "row-titles title the row-header columns, and these rows have no labels ('head')");
        fail(b);
        return;
    }
    if (st->row_titles && st->n_row_titles != head_cols) {
        diag_error(b->d, st->row_titles_pos, "one title per level of the row tree, outermost first, e.g. [地区, 单位类别, 单位名称]",
                   "row-titles must list %d title%s (the row tree has %d level%s)", head_cols, head_cols == 1 ? "" : "s",
                   head_cols, head_cols == 1 ? "" : "s");
        fail(b);
        return;
    }
    if (st->row_titles) {
        /* A header label over each row-header column, down all header rows. */
        for (int i = 0; i < head_cols; i++)
            set_text(add_cell(b, 0, i, header_rows, 1, CELL_COL_HEAD, st->row_titles[i].pos), &st->row_titles[i]);
    } else if (head_cols > 0) {
        model_cell *c = add_cell(b, 0, 0, header_rows, head_cols, CELL_CORNER, st->corner.s ? st->corner.pos : t->pos);
        if (st->corner.s) set_text(c, &st->corner);
    }
    int leaf = 0;
    for (int i = 0; i < st->n_columns; i++) place_column(b, &st->columns[i], 0, header_rows, &leaf);
    /* Widths of the row-header columns, outermost first. */
    if (st->head_widths) {
        if (st->n_head_widths != head_cols) {
            diag_error(b->d, st->head_widths_pos, "one width per level of the row tree, e.g. [8mm, 12mm, auto]",
                       "head-widths must list %d width%s (the row tree has %d level%s)", head_cols,
                       head_cols == 1 ? "" : "s", head_cols, head_cols == 1 ? "" : "s");
            fail(b);
        } else {
            for (int i = 0; i < head_cols; i++) set_column(b, i, &st->head_widths[i]);
        }
    }
    int row = header_rows;
    for (int i = 0; i < st->n_rows; i++) place_row(b, &st->rows[i], 0, &row);
}

/* ---- free grid ---------------------------------------------------------------- */

static int row_width(const syn_grid_row *r)
{
    int64_t w = 0;
    for (int i = 0; i < r->n_cells; i++) w += r->cells[i].colspan;
    return w > INT32_MAX ? INT32_MAX : (int)w;
}

/* Places the cells of grid row r; owner[slot] is 1 + the covering cell. */
static void place_grid_row(tbuilder *b, const syn_grid_row *gr, int r, int *owner)
{
    model_table *t = b->t;
    int col = 0;
    for (int i = 0; i < gr->n_cells; i++) {
        const syn_cell *n = &gr->cells[i];
        int rowspan = n->rowspan, colspan = n->colspan;
        while (col < t->n_cols && owner[r * t->n_cols + col]) col++;
        if (col + colspan > t->n_cols) {
            diag_error(b->d, n->pos, "make the row's spans add up to the table's columns",
                       "this cell reaches column %d, but the table has %d column%s", col + colspan, t->n_cols,
                       t->n_cols == 1 ? "" : "s");
            fail(b);
            return;
        }
        if (r + rowspan > t->n_rows) {
            diag_error(b->d, n->pos, "shorten the rowspan or add rows", "this cell spans %d rows, but only %d row%s follow from here",
                       rowspan, t->n_rows - r, t->n_rows - r == 1 ? "" : "s");
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
                rr = r + rowspan;
                break;
            }
        /* head: true marks a header label inside the body (a block's own
           header row, as in table 二). */
        cell_role role = r < t->header_rows ? (col < t->head_cols ? CELL_CORNER : CELL_COL_HEAD)
                       : n->head            ? CELL_COL_HEAD
                       : col < t->head_cols ? CELL_ROW_HEAD
                                            : CELL_DATA;
        model_cell *c = add_cell(b, r, col, rowspan, colspan, role, n->pos);
        c->has_align = n->has_align;
        c->align = n->align;
        const table_value *given = n->data.s && b->values && b->values->hole ? b->values->hole(b->values->ctx, n) : NULL;
        if (given) fill_given(b, c, given, col);
        else if (n->content.s) fill_value(b, c, &n->content, col);
        for (int rr = r; rr < r + rowspan; rr++)
            for (int cc = col; cc < col + colspan; cc++)
                if (!owner[rr * t->n_cols + cc]) owner[rr * t->n_cols + cc] = t->n_cells;
        col += colspan;
    }
}

static void build_grid(tbuilder *b, const syn_table *st)
{
    model_table *t = b->t;
    int n_cols = st->grid_columns ? st->n_grid_columns : row_width(&st->grid[0]);
    if (!size_ok(b, st->n_grid, n_cols)) return;
    t->n_rows = st->n_grid;
    t->n_cols = n_cols > 0 ? n_cols : 1;
    t->header_rows = st->header_rows;
    t->head_cols = st->head_cols;
    alloc_columns(b);
    for (int i = 0; i < st->n_grid_columns; i++) set_column(b, i, &st->grid_columns[i]);
    size_t slots = (size_t)t->n_rows * (size_t)t->n_cols;
    int *owner = xcalloc(slots, sizeof *owner);
    for (int r = 0; r < t->n_rows && b->ok; r++) {
        place_grid_row(b, &st->grid[r], r, owner);
        int filled = 0;
        for (int c = 0; c < t->n_cols; c++) filled += owner[r * t->n_cols + c] != 0;
        if (filled < t->n_cols && b->ok) {
            diag_error(b->d, st->grid[r].pos, "give every row cells for all columns (spans count), or an empty cell ~",
                       "ragged row: it covers %d of the table's %d columns", filled, t->n_cols);
            fail(b);
        }
    }
    free(owner);
}

/* ---- the block ------------------------------------------------------------------ */

static int cell_order(const void *pa, const void *pb)
{
    const model_cell *a = pa, *b = pb;
    return a->row != b->row ? a->row - b->row : a->col - b->col;
}

model_table *model_table_build(arena *a, diag *d, const syn_table *st, const table_values *values)
{
    tbuilder b = { .a = a, .d = d, .values = values, .ok = true };
    model_table *t = b.t = arena_alloc(a, sizeof *t);
    t->pos = st->pos;
    if (st->caption.s) {
        t->caption = st->caption.s;
        t->caption_pos = st->caption.pos;
    }
    t->notes = arena_alloc(a, (size_t)(st->n_notes ? st->n_notes : 1) * sizeof *t->notes);
    t->notes_pos = arena_alloc(a, (size_t)(st->n_notes ? st->n_notes : 1) * sizeof *t->notes_pos);
    for (int i = 0; i < st->n_notes; i++) {
        t->notes[i] = st->notes[i].s;
        t->notes_pos[i] = st->notes[i].text_pos;
    }
    t->n_notes = st->n_notes;
    if (st->is_grid && st->n_grid > 0) build_grid(&b, st);
    else if (!st->is_grid && st->n_columns > 0 && st->n_rows > 0) build_trees(&b, st);
    else return NULL;   /* the parse stage reported what is missing */
    /* The cells were gathered in malloc'ed memory (an array doubled in the
       arena leaves every smaller copy behind): the arena gets them sized. */
    model_cell *cells = t->cells;
    t->cells = NULL;
    if (b.ok && t->n_cells > 1) qsort(cells, (size_t)t->n_cells, sizeof *cells, cell_order);
    if (b.ok && t->n_cells > 0) {
        size_t size = (size_t)t->n_cells * sizeof *cells;
        t->cells = memcpy(arena_alloc(a, size), cells, size);
    }
    free(cells);
    return b.ok ? t : NULL;
}

void model_table_dump(const model_table *t, FILE *out)
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
