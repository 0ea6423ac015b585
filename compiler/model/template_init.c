/* template_init.c — `reportc init`: a report skeleton for a layout's template
 * (template.h).  Every section with a placeholder paragraph, every number of
 * every table at 0, under its name, with the template's own words as
 * comments; the file compiles unchanged. */
#include "template.h"

#include <string.h>

#include "base/fill.h"
#include "names.h"

/* A number's name and the words of the template for its prefixes. */
typedef struct skeleton {
    const char **names;        /* relative to the table, in the template's order */
    int n_names, cap_names;
    const char **label_paths, **labels;
    int n_labels, cap_labels, cap_label_text;
    arena *a;
} skeleton;


static void add_name(skeleton *s, const char *name)
{
    arena_grow(s->a, (void **)&s->names, &s->cap_names, s->n_names + 1, sizeof *s->names);
    s->names[s->n_names++] = name;
}

static void add_label(skeleton *s, const char *path, const char *label)
{
    if (!path || !*path || !label || !*label) return;
    arena_grow(s->a, (void **)&s->label_paths, &s->cap_labels, s->n_labels + 1, sizeof *s->label_paths);
    arena_grow(s->a, (void **)&s->labels, &s->cap_label_text, s->n_labels + 1, sizeof *s->labels);
    s->label_paths[s->n_labels] = path;
    s->labels[s->n_labels++] = label;
}

static const char *label_of(const skeleton *s, const char *path)
{
    for (int i = 0; i < s->n_labels; i++)
        if (strcmp(s->label_paths[i], path) == 0) return s->labels[i];
    return NULL;
}

/* Leaf column paths of a column tree, in order. */
static void column_paths(skeleton *s, const syn_column *n, const char *prefix, const char ***out, int *count, int *cap,
                         const char *row)
{
    const char *path = names_join(s->a, prefix, n->key.s);
    if (n->children) {
        add_label(s, names_join(s->a, row, path), n->title.s);
        for (int i = 0; i < n->n_children; i++) column_paths(s, &n->children[i], path, out, count, cap, row);
        return;
    }
    arena_grow(s->a, (void **)out, cap, *count + 1, sizeof **out);
    (*out)[(*count)++] = path;
}

static void row_names(skeleton *s, const syn_row *n, const char *prefix, const syn_table *t)
{
    const char *path = names_join(s->a, prefix, n->key.s);
    add_label(s, path, n->head.s);
    if (n->children) {
        for (int i = 0; i < n->n_children; i++) row_names(s, &n->children[i], path, t);
        return;
    }
    const char **cols = NULL;
    int count = 0, cap = 0;
    for (int i = 0; i < t->n_columns; i++) column_paths(s, &t->columns[i], "", &cols, &count, &cap, path);
    for (int i = 0; i < count; i++) add_name(s, names_join(s->a, path, cols[i]));
}

/* Writes the names under `prefix` as nested YAML: a mapping whose values are
 * all numbers goes on one line. */
static void emit(const skeleton *s, const char *prefix, int indent, FILE *out)
{
    const char **keys = names_next_keys(s->a, s->names, s->n_names, prefix);
    for (int i = 0; keys[i]; i++) {
        const char *key = keys[i];
        const char *path = names_join(s->a, prefix, key);
        const char *label = label_of(s, path);
        bool leaf = false;
        for (int k = 0; k < s->n_names && !leaf; k++) leaf = strcmp(s->names[k], path) == 0;
        if (leaf) {
            fprintf(out, "%*s%s: 0%s%s\n", indent, "", key, label ? "    # " : "", label ? label : "");
            continue;
        }
        /* All numbers directly under path? Then one line. */
        bool flat = true;
        size_t pn = strlen(path);
        for (int k = 0; k < s->n_names && flat; k++)
            if (strncmp(s->names[k], path, pn) == 0 && s->names[k][pn] == '.') flat = strchr(s->names[k] + pn + 1, '.') == NULL;
        if (flat) {
            fprintf(out, "%*s%s: {", indent, "", key);
            bool first = true;
            for (int k = 0; k < s->n_names; k++)
                if (strncmp(s->names[k], path, pn) == 0 && s->names[k][pn] == '.') {
                    fprintf(out, "%s%s: 0", first ? "" : ", ", s->names[k] + pn + 1);
                    first = false;
                }
            fprintf(out, "}%s%s\n", label ? "    # " : "", label ? label : "");
        } else {
            fprintf(out, "%*s%s:%s%s\n", indent, "", key, label ? "    # " : "", label ? label : "");
            emit(s, path, indent + 2, out);
        }
    }
}

void template_write_skeleton(const template_spec *tmpl, const char *layout, int year, FILE *out)
{
    arena a;
    arena_init(&a);
    const char *title = tmpl->title.s;
    if (title) {
        /* The title pattern as this skeleton fills it. */
        char y[16];
        snprintf(y, sizeof y, "%d", year);
        const char *pairs[] = { "issuer", "某某机关", "year", y, NULL };
        title = fill_placeholders(&a, title, pairs);
    }
    fprintf(out, "# %s\n", title ? title : layout);
    fprintf(out, "#\n# 由 reportc init 生成：填写发布机关、各部分正文和各项数字后编译\n"
                 "#   reportc %d.yaml -o %d.pdf\n"
                 "# 标题、各部分标题、表格结构和总计由版式（layouts/%s.yaml）给出并核对。\n"
                 "# Written by reportc init: every section and every number (at 0); it compiles as it is.\n\n",
            year, year, layout);
    fprintf(out, "layout: %s\nissuer: 某某机关                  # 发布机关：标题和落款\nyear: %d\n", layout, year);
    fprintf(out, "date: %d-01-31                  # 成文日期（落款）；不写则为次年1月31日\n", year + 1);
    fprintf(out, "# previous: %d.yaml             # 上年报告：核对上年结转数字（R6，警告）\n\n", year - 1);
    /* The preamble: the template's placeholder (or a plain one), its hint as
       the comment. */
    const char *phint = tmpl->preamble_hint.s;
    fprintf(out, "preamble:%*s# %s\n", 4, "", phint ? phint : "preamble");
    const char *text = NULL;
    if (tmpl->preamble_text.s) {
        char y[16];
        snprintf(y, sizeof y, "%d", year);
        const char *pairs[] = { "year", y, NULL };
        text = fill_placeholders(&a, tmpl->preamble_text.s, pairs);
    }
    fprintf(out, "  - %s\n\n", text ? text : "请在此填写引言。");
    fputs("sections:\n", out);
    static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
    for (int i = 0; i < tmpl->n_sections; i++) {
        const tmpl_section *s = &tmpl->sections[i];
        const char *hint = s->hint.s;
        if (!s->key.s) continue;
        fprintf(out, "  %s:%*s# %s、%s%s%s%s\n", s->key.s, 4, "", i < 10 ? numerals[i] : "", s->heading.s ? s->heading.s : "",
                hint ? "（" : "", hint ? hint : "", hint ? "）" : "");
        if (s->table.s) fprintf(out, "    []    # 表格数字见 data.%s；可在此写表前的说明文字\n", s->table.s);
        else fputs("    - 请在此填写本部分内容。\n", out);
    }
    fputs("\n# 各表数字：名称为 表.行.列。总计（total）照表填写，reportc 按勾稽关系核对；\n"
          "# 删去的总计由 reportc 计算。\ndata:\n", out);
    for (int t = 0; t < tmpl->n_tables; t++) {
        const syn_table *spec = tmpl->tables[t].table;
        const char *name = tmpl->tables[t].name.s;
        skeleton s = { .a = &a };
        const char *heading = NULL;
        for (int i = 0; i < tmpl->n_sections; i++)
            if (tmpl->sections[i].table.s && strcmp(tmpl->sections[i].table.s, name) == 0) heading = tmpl->sections[i].heading.s;
        if (spec->is_grid) {
            for (int r = 0; r < spec->n_grid; r++) {
                const syn_grid_row *row = &spec->grid[r];
                const char *row_label = row->n_cells ? row->cells[0].content.s : NULL;
                for (int k = 0; k < row->n_cells; k++) {
                    const char *hole = row->cells[k].data.s;
                    if (!hole) continue;
                    add_name(&s, hole);
                    const char *dot = strchr(hole, '.');
                    add_label(&s, dot ? arena_strndup(&a, hole, (size_t)(dot - hole)) : hole, row_label);
                }
            }
        } else {
            for (int i = 0; i < spec->n_rows; i++) row_names(&s, &spec->rows[i], "", spec);
        }
        fprintf(out, "  %s:%s%s\n", name, heading ? "    # " : "", heading ? heading : "");
        emit(&s, "", 4, out);
    }
    arena_done(&a);
}
