/* template_init.c — `reportc init`: a report skeleton for a layout's template
 * (template.h).  Every section with a placeholder paragraph, every number of
 * every table at 0, under its name, with the template's own words as
 * comments; the file compiles unchanged. */
#include "template.h"

#include <string.h>

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

static const char *str_of(const ynode *n, const char *key)
{
    const ynode *v = n && n->kind == YNODE_MAP ? ynode_lookup(n, key) : NULL;
    return v && v->kind == YNODE_SCALAR ? v->str : NULL;
}

/* Leaf column paths (not computed) of a column tree, in order. */
static void column_paths(skeleton *s, const ynode *n, const char *prefix, const char ***out, int *count, int *cap,
                         const char *row)
{
    const char *path = names_join(s->a, prefix, str_of(n, "key"));
    const ynode *children = n->kind == YNODE_MAP ? ynode_lookup(n, "children") : NULL;
    if (children && children->kind == YNODE_SEQ) {
        add_label(s, names_join(s->a, row, path), str_of(n, "title"));
        for (int i = 0; i < children->n; i++) column_paths(s, children->items[i], path, out, count, cap, row);
        return;
    }
    arena_grow(s->a, (void **)out, cap, *count + 1, sizeof **out);
    (*out)[(*count)++] = path;
}

static void row_names(skeleton *s, const ynode *n, const char *prefix, const ynode *columns)
{
    if (n->kind != YNODE_MAP) return;
    const char *path = names_join(s->a, prefix, str_of(n, "key"));
    add_label(s, path, str_of(n, "head"));
    const ynode *children = ynode_lookup(n, "children");
    if (children && children->kind == YNODE_SEQ) {
        for (int i = 0; i < children->n; i++) row_names(s, children->items[i], path, columns);
        return;
    }
    const char **cols = NULL;
    int count = 0, cap = 0;
    for (int i = 0; i < columns->n; i++) column_paths(s, columns->items[i], "", &cols, &count, &cap, path);
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

void template_write_skeleton(const ynode *tmpl, const char *layout, int year, FILE *out)
{
    arena a;
    arena_init(&a);
    const char *title = str_of(tmpl, "title");
    if (title) {
        /* The title pattern as this skeleton fills it. */
        const char *at = strstr(title, "{issuer}");
        const char *filled = at ? arena_printf(&a, "%.*s某某机关%s", (int)(at - title), title, at + 8) : title;
        at = strstr(filled, "{year}");
        if (at) filled = arena_printf(&a, "%.*s%d%s", (int)(at - filled), filled, year, at + 6);
        title = filled;
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
    const ynode *sections = ynode_lookup(tmpl, "sections"), *tables = ynode_lookup(tmpl, "tables");
    fputs("sections:\n", out);
    static const char *const numerals[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };
    for (int i = 0; sections && sections->kind == YNODE_SEQ && i < sections->n; i++) {
        const ynode *s = sections->items[i];
        const char *hint = str_of(s, "hint"), *key = str_of(s, "key");
        if (!key) continue;
        fprintf(out, "  %s:%*s# %s、%s%s%s%s\n", key, 4, "", i < 10 ? numerals[i] : "",
                str_of(s, "heading") ? str_of(s, "heading") : "", hint ? "（" : "", hint ? hint : "", hint ? "）" : "");
        if (str_of(s, "table")) fprintf(out, "    []    # 表格数字见 data.%s；可在此写表前的说明文字\n", str_of(s, "table"));
        else fputs("    - 请在此填写本部分内容。\n", out);
    }
    fputs("\n# 各表数字：名称为 表.行.列。总计（total）照表填写，reportc 按勾稽关系核对；\n"
          "# 删去的总计由 reportc 计算。\ndata:\n", out);
    for (int t = 0; tables && tables->kind == YNODE_MAP && t < tables->n; t++) {
        const ynode *spec = tables->pairs[t].value, *grid = ynode_lookup(spec, "grid");
        skeleton s = { .a = &a };
        const char *heading = NULL;
        for (int i = 0; sections && i < sections->n; i++)
            if (str_of(sections->items[i], "table") && strcmp(str_of(sections->items[i], "table"), tables->pairs[t].key->str) == 0)
                heading = str_of(sections->items[i], "heading");
        if (grid && grid->kind == YNODE_SEQ) {
            for (int r = 0; r < grid->n; r++) {
                const ynode *row = grid->items[r];
                const char *row_label = row->kind == YNODE_SEQ && row->n && row->items[0]->kind == YNODE_SCALAR ? row->items[0]->str : NULL;
                for (int k = 0; row->kind == YNODE_SEQ && k < row->n; k++) {
                    const char *hole = str_of(row->items[k], "data");
                    if (!hole) continue;
                    add_name(&s, hole);
                    const char *dot = strchr(hole, '.');
                    add_label(&s, dot ? arena_strndup(&a, hole, (size_t)(dot - hole)) : hole, row_label);
                }
            }
        } else {
            const ynode *rows = ynode_lookup(spec, "rows"), *columns = ynode_lookup(spec, "columns");
            for (int i = 0; rows && columns && i < rows->n; i++) row_names(&s, rows->items[i], "", columns);
        }
        fprintf(out, "  %s:%s%s\n", tables->pairs[t].key->str, heading ? "    # " : "", heading ? heading : "");
        emit(&s, "", 4, out);
    }
    arena_done(&a);
}
