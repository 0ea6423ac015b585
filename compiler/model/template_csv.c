/* template_csv.c — `reportc init --csv`: the template's tables as an empty
 * form in CSV, the shape parse/parse_csv_data.c reads back: each table
 * under a row holding its name, the column headers as the form prints them
 * (a label over the first column it spans, the lowest label of a column
 * its own), the rows labelled down the first columns (a group's label on
 * its first row only), every number 0 (it compiles as it is, like init's
 * YAML).  UTF-8 with a BOM, CRLF:
 * what Excel opens as UTF-8 and writes back as "CSV UTF-8". */
#include "template.h"

#include <string.h>

/* A cell, quoted when it must be (RFC 4180). */
static void cell(FILE *out, const char *s, bool first)
{
    if (!first) fputc(',', out);
    if (!s) return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* The titles of header level `level` into titles[] at their first leaf. */
static void header_level(const syn_column *c, int n, int level, int at, const char **titles)
{
    for (int i = 0; i < n; i++) {
        if (level == 0) titles[at] = c[i].title.s;
        else if (c[i].children) header_level(c[i].children, c[i].n_children, level - 1, at, titles);
        at += c[i].children ? syntax_column_leaves(c[i].children, c[i].n_children) : 1;
    }
}

/* Leaf rows, each with its label cells: a label on the first row it spans. */
static void rows(FILE *out, const syn_row *r, int n, int level, int depth, int ncols, const char **labels)
{
    for (int i = 0; i < n; i++) {
        const char **mine = labels;
        int next = level;
        if (r[i].head.s) {
            mine[level] = r[i].head.s;
            next = level + 1;
        }
        if (r[i].children) {
            rows(out, r[i].children, r[i].n_children, next, depth, ncols, mine);
            continue;
        }
        for (int k = 0; k < depth; k++) {
            cell(out, labels[k], k == 0);
            labels[k] = NULL;
        }
        for (int k = 0; k < ncols; k++) cell(out, "0", depth == 0 && k == 0);
        fputs("\r\n", out);
    }
}

void template_write_csv_form(const template_spec *tmpl, FILE *out)
{
    fputs("\xEF\xBB\xBF", out);
    for (int t = 0; t < tmpl->n_tables; t++) {
        const syn_table *s = tmpl->tables[t].table;
        if (t) fputs("\r\n", out);
        cell(out, tmpl->tables[t].name.s, true);
        fputs("\r\n", out);
        if (s->is_grid) {
            for (int r = 0; r < s->n_grid; r++) {
                int col = 0;
                for (int k = 0; k < s->grid[r].n_cells; k++) {
                    const syn_cell *c = &s->grid[r].cells[k];
                    cell(out, c->data.s ? "0" : c->content.s, col == 0);
                    for (int x = 1; x < c->colspan; x++) cell(out, NULL, false);
                    col += c->colspan > 0 ? c->colspan : 1;
                }
                fputs("\r\n", out);
            }
            continue;
        }
        int depth = syntax_row_depth(s->rows, s->n_rows), nc = syntax_column_leaves(s->columns, s->n_columns);
        int levels = syntax_column_depth(s->columns, s->n_columns);
        const char *titles[256];
        for (int l = 0; l < levels; l++) {
            for (int k = 0; k < 256; k++) titles[k] = NULL;
            header_level(s->columns, s->n_columns, l, 0, titles);
            for (int k = 0; k < depth; k++) cell(out, l == 0 && k == 0 ? s->corner.s : NULL, k == 0);
            for (int k = 0; k < nc && k < 256; k++) cell(out, titles[k], depth == 0 && k == 0);
            fputs("\r\n", out);
        }
        const char *labels[16] = { 0 };
        rows(out, s->rows, s->n_rows, 0, depth < 16 ? depth : 16, nc, labels);
    }
}
