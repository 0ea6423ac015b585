/* syntax_tree.c — measures of a table's header trees (syntax.h), for the
 * stages that lay a table's form out: the CSV reader (parse_csv_data.c)
 * and init --csv (model/template_csv.c). */
#include "syntax.h"

int syntax_column_leaves(const syn_column *c, int n)
{
    int k = 0;
    for (int i = 0; i < n; i++) k += c[i].children ? syntax_column_leaves(c[i].children, c[i].n_children) : 1;
    return k;
}

int syntax_column_depth(const syn_column *c, int n)
{
    int d = 0;
    for (int i = 0; i < n; i++) {
        int k = 1 + (c[i].children ? syntax_column_depth(c[i].children, c[i].n_children) : 0);
        if (k > d) d = k;
    }
    return d;
}

int syntax_row_depth(const syn_row *r, int n)
{
    int d = 0;
    for (int i = 0; i < n; i++) {
        int k = (r[i].head.s ? 1 : 0) + (r[i].children ? syntax_row_depth(r[i].children, r[i].n_children) : 0);
        if (k > d) d = k;
    }
    return d;
}
