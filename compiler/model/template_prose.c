/* template_prose.c — a templated report's prose (template_internal.h):
 * numbers quoted by name ({{applications.new.total}}) filled in, numbers
 * stated after the template's words checked against the tables (R8), and
 * headings that must be the template's. */
#include <string.h>

#include "base/fill.h"
#include "base/utf8.h"
#include "template_internal.h"
#include "base/i18n.h"

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
            diag_error(e->d, template_pos_in(s, (size_t)(p - s->s)),
                       "close it with }}; in a plain YAML line ' #' starts a comment: write {{name |#,##0}} or quote the paragraph",
                       "'{{' without '}}'");
            e->ok = false;
            return *s;
        }
        if (end) {
            v = template_quote(e, p + 2, (size_t)(end - p - 2), template_pos_in(s, (size_t)(p - s->s)));
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

/* A prose scalar: checked as written, then its quoted numbers filled in. */
static syn_scalar prose(expander *e, const syn_scalar *s)
{
    template_check_claims(e, s);
    if (e->suggest) template_suggest(e, s);
    return fill_numbers(e, s);
}

void template_add_blocks(expander *e, model_builder *b, const syn_blocks *body, const char *where, const char *h1_hint)
{
    for (int i = 0; i < body->n; i++) {
        const syn_block *sb = &body->items[i];
        if (sb->kind == SYN_HEADING && sb->level == 1 && sb->level_implied) {
            diag_error(e->d, sb->text.pos, h1_hint, "a level-1 heading inside %s", diag_tr(where));
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
                   arena_printf(e->a, _("the template's heading is 「%s」; leave 'heading' out to use it"), ts->heading.s),
                   "this section's heading must be the template's wording 「%s」", ts->heading.s);
        e->ok = false;
    }
    template_add_blocks(e, b, &s->body, "a section",
                        arena_printf(e->a, "the section heading 「%s」 comes from the template; use h2 for a sub-heading such as （一）",
                                     ts->heading.s));
}
