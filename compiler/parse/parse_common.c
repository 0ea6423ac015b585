/* parse_common.c — what every file of the parse stage uses: scalars as
 * written, errors that mark the run failed, paths from the report's
 * directory, files the input names, {holes} in patterns (parse_internal.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/utf8.h"
#include "parse_internal.h"
#include "base/i18n.h"

syn_scalar parse_scalar_of(const ynode *n)
{
    if (!n) return (syn_scalar){ 0 };
    return (syn_scalar){ n->str, n->len, n->pos, n->text_pos, n->single_line, n->plain, yaml_is_null(n), NULL };
}

bool parse_text(parse_ctx *p, const ynode *n, const char *what, syn_scalar *out)
{
    const char *s;
    if (!schema_string(p->d, n, what, &s)) {
        p->ok = false;
        return false;
    }
    *out = parse_scalar_of(n);
    return true;
}

bool parse_count_cells(parse_ctx *p, int n, src_pos pos)
{
    bool was_over = p->cells > PARSE_MAX_CELLS;
    p->cells += n;
    if (p->cells <= PARSE_MAX_CELLS) return true;
    if (!was_over)
        parse_error(p, pos, "keep the tables to what a reader reads; a data set belongs in its own file",
                    "more than %d table cells in the report (the table cell limit)", PARSE_MAX_CELLS);
    return false;
}

void parse_error(parse_ctx *p, src_pos pos, const char *hint, const char *fmt, ...)
{
    char message[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, diag_tr(fmt), ap);
    va_end(ap);
    diag_error(p->d, pos, hint, "%s", message);
    p->ok = false;
}

bool parse_keys(parse_ctx *p, const ynode *n, const char *what, const char *const *allowed)
{
    if (schema_check_keys(p->d, n, what, allowed)) return true;
    p->ok = false;
    return false;
}

const char *parse_path(parse_ctx *p, const char *path)
{
    if (path[0] == '/' || !p->base_dir || strcmp(p->base_dir, ".") == 0) return path;
    return arena_printf(p->a, "%s/%s", p->base_dir, path);
}

bool parse_read_named(parse_ctx *p, const char *path, src_pos named_at, const char *what, source *out)
{
    const char *text;
    size_t len;
    char why[200];
    if (source_read_file(p->a, p->files, path, p->limits.max_input_bytes, false, &text, &len, why, sizeof why) != SOURCE_OK) {
        parse_error(p, named_at, "name a YAML file: a path from the report's directory, or a layout's name",
                    "cannot read %s %.200s: %s", what, path, why);
        return false;
    }
    *out = (source){ arena_strdup(p->a, path), text, len, NULL, 0 };
    return true;
}

bool parse_holes(parse_ctx *p, const ynode *n, const char *what, const char *const *holes)
{
    enum { MAX_HOLE = 32 };
    const char *s = n->str;
    for (size_t i = 0; i < n->len; i++) {
        if (s[i] != '{') continue;
        size_t k = i + 1;
        while (k < n->len && k - i <= MAX_HOLE && s[k] != '}' && s[k] != '{' && s[k] != ' ') k++;
        if (k >= n->len || s[k] != '}' || k == i + 1) continue;   /* not a hole: a literal brace */
        char name[MAX_HOLE + 1];
        memcpy(name, s + i + 1, k - i - 1);
        name[k - i - 1] = '\0';
        bool known = false;
        for (int h = 0; holes[h] && !known; h++) known = strcmp(holes[h], name) == 0;
        if (known) continue;
        char list[256] = "";
        for (int h = 0; holes[h]; h++) {
            size_t used = strlen(list);
            snprintf(list + used, sizeof list - used, "%s{%s}", h ? ", " : "", holes[h]);
        }
        const char *near = schema_suggest(name, holes);
        char hint[320];
        if (near) snprintf(hint, sizeof hint, _("did you mean {%s}? (%s fills %s)"), near, what, list);
        else snprintf(hint, sizeof hint, _("%s fills %s"), what, list);
        src_pos at = n->single_line ? diag_pos_advance(n->text_pos, (int)utf8_length(s, i), i) : n->pos;
        parse_error(p, at, hint, "unknown placeholder {%s} in %s", name, what);
        return false;
    }
    return true;
}
