/* template_init.c — `reportc init`: a report skeleton for a layout's template
 * (template.h).  Every section with a placeholder paragraph, every number of
 * every table at 0, under its name, with the template's own words as
 * comments; the file compiles unchanged. */
#include "template.h"

#include <string.h>

#include "base/fill.h"
#include "names.h"

/* Writes the names under `prefix` as nested YAML: a mapping whose values are
 * all numbers goes on one line. */
static void emit(arena *a, const names_table *s, const char *prefix, int indent, FILE *out)
{
    const char **keys = names_next_keys(a, s->names, s->n, prefix);
    for (int i = 0; keys[i]; i++) {
        const char *key = keys[i];
        const char *path = names_join(a, prefix, key);
        const char *label = names_label(s, path);
        bool leaf = false;
        for (int k = 0; k < s->n && !leaf; k++) leaf = strcmp(s->names[k], path) == 0;
        if (leaf) {
            fprintf(out, "%*s%s: 0%s%s\n", indent, "", key, label ? "    # " : "", label ? label : "");
            continue;
        }
        /* All numbers directly under path? Then one line. */
        bool flat = true;
        size_t pn = strlen(path);
        for (int k = 0; k < s->n && flat; k++)
            if (strncmp(s->names[k], path, pn) == 0 && s->names[k][pn] == '.') flat = strchr(s->names[k] + pn + 1, '.') == NULL;
        if (flat) {
            fprintf(out, "%*s%s: {", indent, "", key);
            bool first = true;
            for (int k = 0; k < s->n; k++)
                if (strncmp(s->names[k], path, pn) == 0 && s->names[k][pn] == '.') {
                    fprintf(out, "%s%s: 0", first ? "" : ", ", s->names[k] + pn + 1);
                    first = false;
                }
            fprintf(out, "}%s%s\n", label ? "    # " : "", label ? label : "");
        } else {
            fprintf(out, "%*s%s:%s%s\n", indent, "", key, label ? "    # " : "", label ? label : "");
            emit(a, s, path, indent + 2, out);
        }
    }
}

void template_write_skeleton(const template_spec *tmpl, const char *layout, int year, const char *schema, const char *csv,
                             FILE *out)
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
    if (schema) fprintf(out, "# yaml-language-server: $schema=./%s\n", schema);
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
          "# 删去的总计由 reportc 计算。\n", out);
    if (csv) {
        fprintf(out, "data: %s    # 各表数字在此 CSV 文件中：按表填写后保存为 CSV（UTF-8 或 GB18030）\n", csv);
        arena_done(&a);
        return;
    }
    fputs("data:\n", out);
    for (int t = 0; t < tmpl->n_tables; t++) {
        const syn_table *spec = tmpl->tables[t].table;
        const char *name = tmpl->tables[t].name.s;
        names_table s;
        names_of_table(&a, spec, &s);
        const char *heading = NULL;
        for (int i = 0; i < tmpl->n_sections; i++)
            if (tmpl->sections[i].table.s && strcmp(tmpl->sections[i].table.s, name) == 0) heading = tmpl->sections[i].heading.s;
        fprintf(out, "  %s:%s%s\n", name, heading ? "    # " : "", heading ? heading : "");
        emit(&a, &s, "", 4, out);
    }
    arena_done(&a);
}
