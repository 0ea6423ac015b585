/* template_prose.c — a templated report's prose (template_internal.h):
 * numbers quoted by name ({{applications.new.total}}) filled in, numbers
 * stated after the template's words checked against the tables (R8), and
 * headings that must be the template's. */
#include <string.h>

#include "base/fill.h"
#include "base/utf8.h"
#include "template_internal.h"

/* Position of byte `offset` of scalar s (exact when its columns are). */
static src_pos pos_in(const syn_scalar *s, size_t offset)
{
    if (!s->exact_cols) return s->pos;
    return diag_pos_advance(s->text_pos, (int)utf8_length(s->s, offset), offset);
}

/* Prose may quote a table's number by name — {{applications.new.total}} —
 * so that the two cannot disagree; returns s with the numbers filled in. */
static syn_scalar fill_numbers(expander *e, const syn_scalar *s)
{
    if (!s->s || !strstr(s->s, "{{")) return *s;
    size_t cap = s->len + 64, used = 0;
    char *out = arena_alloc(e->a, cap);
    bool failed = false;
    for (const char *p = s->s; *p;) {
        bool open = strncmp(p, "{{", 2) == 0;
        const char *end = open ? strstr(p + 2, "}}") : NULL;
        const char *v = NULL;
        size_t n = 1;
        if (open && !end) {
            /* YAML ends a plain scalar at " #": {{name | #,##0}} loses its end. */
            diag_error(e->d, pos_in(s, (size_t)(p - s->s)),
                       "close it with }}; in a plain YAML line ' #' starts a comment: write {{name |#,##0}} or quote the paragraph",
                       "'{{' without '}}'");
            e->ok = false;
            return *s;
        }
        if (end) {
            v = template_quote(e, p + 2, (size_t)(end - p - 2), pos_in(s, (size_t)(p - s->s)));
            if (!v) failed = true, v = "";
            n = strlen(v);
        }
        if (used + n + 1 > cap) {
            char *bigger = arena_alloc(e->a, cap = 2 * (used + n + 1));
            memcpy(bigger, out, used);
            out = bigger;
        }
        if (v) {
            memcpy(out + used, v, n);
            p = end + 2;
        } else {
            out[used] = *p++;
        }
        used += n;
    }
    out[used] = '\0';
    if (failed) return *s;
    syn_scalar filled = *s;
    filled.s = out;
    filled.len = used;
    filled.exact_cols = false;
    return filled;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* The first number within `within` characters after `at`, followed (after
 * optional spaces) by `unit`; its start and length, or false.  A sentence
 * end (。；) stops the search. */
static bool number_after(const char *at, int within, const char *unit, const char **num, size_t *len)
{
    for (int chars = 0; *at && chars <= within; chars++) {
        if (is_digit(*at)) {
            const char *end = at;
            while (is_digit(*end) || (*end == '.' && is_digit(end[1]))) end++;
            const char *u = end;
            while (*u == ' ') u++;
            if (strncmp(u, unit, strlen(unit)) != 0) return false;
            *num = at;
            *len = (size_t)(end - at);
            return true;
        }
        if (strncmp(at, "。", 3) == 0 || strncmp(at, "；", 3) == 0) return false;
        at++;
        while (((unsigned char)*at & 0xC0) == 0x80) at++;
    }
    return false;
}

/* R8 and the like: a number the prose states after a check's words must
 * equal the table's number (or the sum of several).  A warning at the
 * number in the prose. */
static void check_prose_numbers(expander *e, const syn_scalar *s)
{
    if (!s->s) return;
    for (int i = 0; i < e->spec->n_checks; i++) {
        const tmpl_prose_check *chk = &e->spec->checks[i];
        const char *after = chk->after.s, *unit = chk->unit.s ? chk->unit.s : "";
        if (!after || !*after || !strstr(s->s, after)) continue;
        decimal expected = { 0, 0 };
        bool known = true;
        const char *name = "";
        for (int k = 0; k < chk->n_equals; k++) {
            const tcell *c;
            decimal v;
            if (template_value(e, chk->equals[k].s, &v, &c) != QUOTE_OK || !decimal_add(expected, v, &expected)) known = false;
            name = k ? arena_printf(e->a, "%s+%s", name, chk->equals[k].s) : chk->equals[k].s;
        }
        if (!known) continue;
        size_t after_len = strlen(after);
        for (const char *at = strstr(s->s, after); at; at = strstr(at + after_len, after)) {
            const char *num;
            size_t len;
            if (!number_after(at + after_len, chk->within, unit, &num, &len)) continue;
            decimal found;
            if (decimal_parse(num, len, &found, NULL, 0, NULL, 0) == DECIMAL_OK && decimal_compare(found, expected) == 0)
                continue;
            const char *found_s = arena_strndup(e->a, num, len);
            const char *pairs[] = { "found", found_s, "expected", template_number_text(e->a, expected), "name", name, NULL };
            const char *text = fill_placeholders(e->a, chk->message.s, pairs);
            diag_warning(e->d, pos_in(s, (size_t)(num - s->s)), "the template's prose checks (R8)", "%s",
                         text ? text : chk->message.s);
        }
    }
}

/* A prose scalar: checked as written, then its quoted numbers filled in. */
static syn_scalar prose(expander *e, const syn_scalar *s)
{
    check_prose_numbers(e, s);
    return fill_numbers(e, s);
}

void template_add_blocks(expander *e, model_builder *b, const syn_blocks *body, const char *where, const char *h1_hint)
{
    for (int i = 0; i < body->n; i++) {
        const syn_block *sb = &body->items[i];
        if (sb->kind == SYN_HEADING && sb->level == 1 && sb->level_implied) {
            diag_error(e->d, sb->text.pos, h1_hint, "a level-1 heading inside %s", where);
            e->ok = false;
            continue;
        }
        syn_block filled = *sb;
        filled.text = prose(e, &sb->text);
        filled.run_in = prose(e, &sb->run_in);
        model_add_block(b, &filled);
    }
}

void template_add_prose(expander *e, model_builder *b, const syn_section *s, const tmpl_section *ts)
{
    if (s->heading.s && strcmp(s->heading.s, ts->heading.s) != 0) {
        diag_error(e->d, s->heading.pos,
                   arena_printf(e->a, "the template's heading is 「%s」; leave 'heading' out to use it", ts->heading.s),
                   "this section's heading must be the template's wording 「%s」", ts->heading.s);
        e->ok = false;
    }
    template_add_blocks(e, b, &s->body, "a section",
                        arena_printf(e->a, "the section heading 「%s」 comes from the template; use h2 for a sub-heading such as （一）",
                                     ts->heading.s));
}
