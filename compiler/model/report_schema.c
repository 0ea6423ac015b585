/* report_schema.c — `reportc schema`: the report language as a JSON Schema
 * (draft-07, the draft editors support best) for the YAML language server.
 *
 * Written from the parse stage's own tables of keys (syntax.h) and, for a
 * layout with a template, from the template itself: every section's key,
 * every number's name with its words as the description (shown on hover),
 * its type and range.  Where the compiler rejects an unknown key the schema
 * says additionalProperties: false.  One self-contained document: no $id,
 * no reference to another file. */
#include "template.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "names.h"

/* A JSON writer: commas and indentation. */
typedef struct jw {
    FILE *out;
    int depth;
    bool first[64];
    bool after_key;
} jw;

static void put_string(jw *w, const char *s)
{
    fputc('"', w->out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') fprintf(w->out, "\\%c", *p);
        else if (*p == '\n') fputs("\\n", w->out);
        else if (*p < 0x20) fprintf(w->out, "\\u%04x", *p);
        else fputc(*p, w->out);
    }
    fputc('"', w->out);
}

/* Before a value or a key: the comma and the new line. */
static void next(jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0) {
        fputs(w->first[w->depth] ? "\n" : ",\n", w->out);
        fprintf(w->out, "%*s", 2 * w->depth, "");
        w->first[w->depth] = false;
    }
}

static void open_(jw *w, char c)
{
    next(w);
    fputc(c, w->out);
    w->depth++;
    w->first[w->depth] = true;
}

static void close_(jw *w, char c)
{
    bool empty = w->first[w->depth];
    w->depth--;
    if (!empty) fprintf(w->out, "\n%*s", 2 * w->depth, "");
    fputc(c, w->out);
}

static void key(jw *w, const char *k)
{
    next(w);
    put_string(w, k);
    fputs(": ", w->out);
    w->after_key = true;
}

static void str(jw *w, const char *s)
{
    next(w);
    put_string(w, s);
}

static void raw(jw *w, const char *s)
{
    next(w);
    fputs(s, w->out);
}

static void kv(jw *w, const char *k, const char *v)
{
    key(w, k);
    str(w, v);
}

static void kraw(jw *w, const char *k, const char *v)
{
    key(w, k);
    raw(w, v);
}

static void ref(jw *w, const char *def)
{
    open_(w, '{');
    key(w, "$ref");
    next(w);
    fprintf(w->out, "\"#/definitions/%s\"", def);
    close_(w, '}');
}

/* {"type": "array", "items": {"$ref": "#/definitions/DEF"}}. */
static void array_of(jw *w, const char *def)
{
    open_(w, '{');
    kv(w, "type", "array");
    key(w, "items");
    ref(w, def);
    close_(w, '}');
}

static void enum_of(jw *w, const char *const *choices)
{
    key(w, "enum");
    open_(w, '[');
    for (int i = 0; choices[i]; i++) str(w, choices[i]);
    close_(w, ']');
}

static bool listed(const char *const *list, const char *k)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], k) == 0) return true;
    return false;
}

/* ---- the general language ------------------------------------------------- */

/* The schema of key k of a mapping (what its value may be). */
static void value_of(jw *w, const char *owner, const char *k)
{
    static const char *const texts[] = { "title", "author", "issuer", "subject", "caption", "corner", "paragraph",
                                         "heading", "h1", "h2", "h3", "h4", "run-in", "number", "head", "text", "name", NULL };
    if (strcmp(k, "date") == 0) ref(w, "date");
    else if (strcmp(k, "body") == 0 && strcmp(owner, "layout") != 0) ref(w, "blocks");
    else if (strcmp(k, "keywords") == 0 || strcmp(k, "notes") == 0) {
        open_(w, '{');
        key(w, "anyOf");
        open_(w, '[');
        ref(w, "text");
        array_of(w, "text");
        close_(w, ']');
        close_(w, '}');
    } else if (strcmp(k, "level") == 0) {
        open_(w, '{');
        kv(w, "type", "integer");
        kraw(w, "minimum", "1");
        kraw(w, "maximum", "4");
        close_(w, '}');
    } else if (strcmp(k, "language") == 0 || strcmp(k, "seal") == 0 || strcmp(k, "width") == 0 || strcmp(k, "format") == 0) {
        open_(w, '{');
        kv(w, "type", "string");
        close_(w, '}');
    } else if (strcmp(k, "align") == 0) {
        open_(w, '{');
        enum_of(w, style_align_names);
        close_(w, '}');
    } else if (strcmp(k, "rowspan") == 0 || strcmp(k, "colspan") == 0 || strcmp(k, "header-rows") == 0 ||
               strcmp(k, "head-columns") == 0) {
        open_(w, '{');
        kv(w, "type", "integer");
        kraw(w, "minimum", k[0] == 'r' || k[0] == 'c' ? "1" : "0");
        close_(w, '}');
    } else if (strcmp(k, "head") == 0 && strcmp(owner, "cell") == 0) {
        open_(w, '{');
        kv(w, "type", "boolean");
        close_(w, '}');
    } else if (strcmp(k, "columns") == 0 || strcmp(k, "children") == 0) {
        array_of(w, strcmp(owner, "row") == 0 ? "row" : "column");
    } else if (strcmp(k, "rows") == 0) {
        array_of(w, "row");
    } else if (strcmp(k, "values") == 0 || strcmp(k, "row-titles") == 0 || strcmp(k, "head-widths") == 0) {
        array_of(w, k[0] == 'v' ? "value" : "text");
    } else if (strcmp(k, "grid") == 0) {
        open_(w, '{');
        kv(w, "type", "array");
        key(w, "items");
        array_of(w, "cell");
        close_(w, '}');
    } else if (strcmp(k, "value") == 0) ref(w, "value");
    else if (strcmp(k, "table") == 0) ref(w, "table");
    else if (strcmp(k, "meta") == 0) ref(w, "meta");
    else if (strcmp(k, "attachments") == 0) ref(w, "attachments");
    else if (listed(texts, k)) ref(w, "text");
    else raw(w, "{}");
}

/* After an object's properties: no other key, and `required` (NULL: none)
 * must be there. */
static void no_other_keys(jw *w, const char *required)
{
    kraw(w, "additionalProperties", "false");
    if (!required) return;
    key(w, "required");
    open_(w, '[');
    str(w, required);
    close_(w, ']');
}

/* A mapping whose keys are `keys` (less `except`), nothing else. */
static void mapping(jw *w, const char *owner, const char *const *keys, const char *const *except, const char *required)
{
    kv(w, "type", "object");
    key(w, "properties");
    open_(w, '{');
    for (int i = 0; keys[i]; i++)
        if (!except || !listed(except, keys[i]) || (required && strcmp(keys[i], required) == 0)) {
            key(w, keys[i]);
            value_of(w, owner, keys[i]);
        }
    close_(w, '}');
    no_other_keys(w, required);
}

/* A block: a paragraph as text, or a mapping with one kind key. */
static void block_def(jw *w)
{
    key(w, "block");
    open_(w, '{');
    key(w, "anyOf");
    open_(w, '[');
    ref(w, "text");
    for (int i = 0; parse_block_kinds[i]; i++) {
        const char *k = parse_block_kinds[i];
        open_(w, '{');
        if (listed(parse_heading_keys, k)) {
            /* heading with level; h1–h4 without */
            static const char *const no_level[] = { "level", NULL };
            const char *const *except = strcmp(k, "heading") == 0 ? parse_block_kinds : NULL;
            if (except) mapping(w, "heading", parse_heading_keys, except, k);
            else {
                /* the other kind keys and level out */
                kv(w, "type", "object");
                key(w, "properties");
                open_(w, '{');
                for (int j = 0; parse_heading_keys[j]; j++) {
                    const char *hk = parse_heading_keys[j];
                    if ((listed(parse_block_kinds, hk) && strcmp(hk, k) != 0) || listed(no_level, hk)) continue;
                    key(w, hk);
                    value_of(w, "heading", hk);
                }
                close_(w, '}');
                no_other_keys(w, k);
            }
        } else if (strcmp(k, "signature") == 0) {
            kv(w, "type", "object");
            key(w, "properties");
            open_(w, '{');
            key(w, k);
            open_(w, '{');
            key(w, "anyOf");
            open_(w, '[');
            open_(w, '{');
            kv(w, "type", "null");
            close_(w, '}');
            open_(w, '{');
            mapping(w, "signature", parse_signature_keys, NULL, NULL);
            close_(w, '}');
            close_(w, ']');
            close_(w, '}');
            close_(w, '}');
            no_other_keys(w, k);
        } else {
            const char *only[] = { k, NULL };
            mapping(w, "block", only, NULL, k);
        }
        close_(w, '}');
    }
    close_(w, ']');
    close_(w, '}');
}

/* The definitions every report shares. */
static void definitions(jw *w)
{
    key(w, "text");
    open_(w, '{');
    kv(w, "description", "text (a number or true/false is read as its text)");
    key(w, "type");
    open_(w, '[');
    str(w, "string");
    str(w, "number");
    str(w, "boolean");
    close_(w, ']');
    close_(w, '}');
    key(w, "date");
    open_(w, '{');
    kv(w, "type", "string");
    kv(w, "pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    kv(w, "description", "YYYY-MM-DD");
    close_(w, '}');
    key(w, "value");
    open_(w, '{');
    kv(w, "description", "a number, a text, or ~ for an empty cell");
    key(w, "type");
    open_(w, '[');
    str(w, "string");
    str(w, "number");
    str(w, "boolean");
    str(w, "null");
    close_(w, ']');
    close_(w, '}');
    key(w, "blocks");
    array_of(w, "block");
    block_def(w);
    key(w, "table");
    open_(w, '{');
    mapping(w, "table", parse_table_keys, NULL, NULL);
    close_(w, '}');
    key(w, "column");
    open_(w, '{');
    key(w, "anyOf");
    open_(w, '[');
    ref(w, "text");
    open_(w, '{');
    mapping(w, "column", parse_column_keys, NULL, NULL);
    close_(w, '}');
    close_(w, ']');
    close_(w, '}');
    key(w, "row");
    open_(w, '{');
    mapping(w, "row", parse_row_keys, NULL, NULL);
    close_(w, '}');
    key(w, "cell");
    open_(w, '{');
    key(w, "anyOf");
    open_(w, '[');
    ref(w, "value");
    open_(w, '{');
    mapping(w, "cell", parse_cell_keys, NULL, NULL);
    close_(w, '}');
    close_(w, ']');
    close_(w, '}');
    key(w, "meta");
    open_(w, '{');
    mapping(w, "meta", parse_meta_keys, NULL, NULL);
    close_(w, '}');
    key(w, "attachments");
    open_(w, '{');
    kv(w, "type", "array");
    key(w, "items");
    open_(w, '{');
    mapping(w, "attachment", parse_attachment_keys, NULL, "title");
    close_(w, '}');
    close_(w, '}');
}

/* layout: a name, or {name, overrides}; a template's report names its own. */
static void layout_prop(jw *w, const char *layout, bool fixed)
{
    static const char *const not_overridden[] = { "template", "extends", NULL };
    key(w, "layout");
    open_(w, '{');
    kv(w, "description", "the layout: a name from layouts/ or a path, or {name: …, overrides}");
    key(w, "anyOf");
    open_(w, '[');
    open_(w, '{');
    kv(w, "type", "string");
    if (fixed) kv(w, "const", layout);
    close_(w, '}');
    open_(w, '{');
    kv(w, "type", "object");
    key(w, "properties");
    open_(w, '{');
    for (int i = 0; parse_layout_keys[i]; i++) {
        if (listed(not_overridden, parse_layout_keys[i])) continue;
        key(w, parse_layout_keys[i]);
        if (fixed && strcmp(parse_layout_keys[i], "name") == 0) {
            open_(w, '{');
            kv(w, "const", layout);
            close_(w, '}');
        } else {
            value_of(w, "layout", parse_layout_keys[i]);
        }
    }
    close_(w, '}');
    no_other_keys(w, "name");
    close_(w, '}');
    close_(w, ']');
    close_(w, '}');
}

/* ---- a template's report ------------------------------------------------- */

/* The numbers under `prefix` of one table, as nested mappings. */
static void numbers(jw *w, arena *a, const names_table *t, const char *prefix)
{
    const char **keys = names_next_keys(a, t->names, t->n, prefix);
    kv(w, "type", "object");
    key(w, "properties");
    open_(w, '{');
    for (int i = 0; keys[i]; i++) {
        const char *path = names_join(a, prefix, keys[i]);
        key(w, keys[i]);
        open_(w, '{');
        int leaf = -1;
        for (int k = 0; k < t->n && leaf < 0; k++)
            if (strcmp(t->names[k], path) == 0) leaf = k;
        if (leaf >= 0) {
            kv(w, "description", arena_printf(a, "%s%s", t->words[leaf] ? t->words[leaf] : path,
                                              t->amount[leaf] ? "（金额，可有小数）" : ""));
            key(w, "type");
            open_(w, '[');
            str(w, t->amount[leaf] ? "number" : "integer");
            str(w, "null");
            close_(w, ']');
            kraw(w, "minimum", "0");
            kraw(w, "maximum", "9223372036854775807");
        } else {
            const char *label = names_label(t, path);
            if (label) kv(w, "description", label);
            numbers(w, a, t, path);
        }
        close_(w, '}');
    }
    close_(w, '}');
    kraw(w, "additionalProperties", "false");
}

static void data_prop(jw *w, arena *a, const template_spec *tmpl)
{
    key(w, "data");
    open_(w, '{');
    kv(w, "description", "各表数字（表.行.列），或数字所在的 CSV 文件（如 numbers.csv，相对于本报告）");
    key(w, "anyOf");
    open_(w, '[');
    open_(w, '{');
    kv(w, "type", "string");
    kv(w, "pattern", "\\.[cC][sS][vV]$");
    close_(w, '}');
    open_(w, '{');
    kv(w, "type", "object");
    key(w, "properties");
    open_(w, '{');
    for (int i = 0; i < tmpl->n_tables; i++) {
        names_table t;
        names_of_table(a, tmpl->tables[i].table, &t);
        key(w, tmpl->tables[i].name.s);
        open_(w, '{');
        for (int s = 0; s < tmpl->n_sections; s++)
            if (tmpl->sections[s].table.s && strcmp(tmpl->sections[s].table.s, tmpl->tables[i].name.s) == 0 &&
                tmpl->sections[s].heading.s)
                kv(w, "description", tmpl->sections[s].heading.s);
        numbers(w, a, &t, "");
        close_(w, '}');
    }
    close_(w, '}');
    kraw(w, "additionalProperties", "false");
    close_(w, '}');
    close_(w, ']');
    close_(w, '}');
}

static void sections_prop(jw *w, const template_spec *tmpl)
{
    key(w, "sections");
    open_(w, '{');
    kv(w, "type", "object");
    key(w, "properties");
    open_(w, '{');
    for (int i = 0; i < tmpl->n_sections; i++) {
        const tmpl_section *s = &tmpl->sections[i];
        if (!s->key.s) continue;
        key(w, s->key.s);
        open_(w, '{');
        if (s->heading.s) kv(w, "description", s->heading.s);
        key(w, "anyOf");
        open_(w, '[');
        ref(w, "blocks");
        ref(w, "text");
        open_(w, '{');
        mapping(w, "section", parse_section_keys, NULL, NULL);
        close_(w, '}');
        close_(w, ']');
        close_(w, '}');
    }
    close_(w, '}');
    kraw(w, "additionalProperties", "false");
    close_(w, '}');
}

static void template_props(jw *w, arena *a, const template_spec *tmpl, const char *layout)
{
    for (int i = 0; parse_template_report_keys[i]; i++) {
        const char *k = parse_template_report_keys[i];
        if (strcmp(k, "layout") == 0) layout_prop(w, layout, true);
        else if (strcmp(k, "data") == 0) data_prop(w, a, tmpl);
        else if (strcmp(k, "sections") == 0) sections_prop(w, tmpl);
        else {
            key(w, k);
            open_(w, '{');
            if (strcmp(k, "year") == 0) {
                kv(w, "description", "报告年度");
                kv(w, "type", "integer");
                kraw(w, "minimum", "1990");
                kraw(w, "maximum", "2999");
            } else if (strcmp(k, "issuer") == 0) {
                kv(w, "description", "发布机关：标题和落款");
                key(w, "$ref");
                raw(w, "\"#/definitions/text\"");
            } else if (strcmp(k, "date") == 0) {
                kv(w, "description", "成文日期（落款），YYYY-MM-DD");
                key(w, "$ref");
                raw(w, "\"#/definitions/date\"");
            } else if (strcmp(k, "previous") == 0) {
                kv(w, "description", "上年报告（YAML 文件），核对上年结转（R6）");
                kv(w, "type", "string");
            } else if (strcmp(k, "missing-numbers") == 0) {
                static const char *const choices[] = { "error", "zero", NULL };
                enum_of(w, choices);
            } else if (strcmp(k, "preamble") == 0) {
                kv(w, "description", tmpl->preamble_hint.s ? tmpl->preamble_hint.s : "preamble");
                key(w, "anyOf");
                open_(w, '[');
                ref(w, "blocks");
                ref(w, "text");
                close_(w, ']');
            } else if (strcmp(k, "meta") == 0 || strcmp(k, "attachments") == 0) {
                key(w, "$ref");
                next(w);
                fprintf(w->out, "\"#/definitions/%s\"", k);
            }
            close_(w, '}');
        }
    }
}

void report_schema_write(const template_spec *tmpl, const char *layout, FILE *out)
{
    arena a;
    arena_init(&a);
    jw w = { .out = out };
    open_(&w, '{');
    kv(&w, "$schema", "http://json-schema.org/draft-07/schema#");
    kv(&w, "title", arena_printf(&a, "reportc report (layout %s)", layout));
    kv(&w, "description", "written by reportc schema from the compiler's own tables of keys");
    kv(&w, "type", "object");
    key(&w, "properties");
    open_(&w, '{');
    if (tmpl) {
        template_props(&w, &a, tmpl, layout);
    } else {
        for (int i = 0; parse_report_keys[i]; i++) {
            if (strcmp(parse_report_keys[i], "layout") == 0) {
                layout_prop(&w, layout, false);
                continue;
            }
            key(&w, parse_report_keys[i]);
            value_of(&w, "report", parse_report_keys[i]);
        }
    }
    close_(&w, '}');
    kraw(&w, "additionalProperties", "false");
    key(&w, "required");
    open_(&w, '[');
    if (tmpl) {
        str(&w, "layout");
        str(&w, "issuer");
        str(&w, "year");
    } else {
        str(&w, "body");
    }
    close_(&w, ']');
    key(&w, "definitions");
    open_(&w, '{');
    definitions(&w);
    close_(&w, '}');
    close_(&w, '}');
    fputc('\n', out);
    arena_done(&a);
}
