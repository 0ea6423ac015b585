/* template_prose.c — a templated report's prose: numbers quoted by name,
 * numbers stated next to the template's words (R8), headings that must be
 * the template's (template_internal.h). */
#include "template_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fill.h"
#include "parse/schema.h"

/* Position of byte `offset` of scalar n (exact when the scalar is on one line). */
static src_pos pos_in(const ynode *n, size_t offset)
{
    src_pos p = { n->pos.src, n->pos.line, n->text_col };
    if (!n->single_line) return n->pos;
    for (size_t i = 0; i < offset; i++)
        if (((unsigned char)n->str[i] & 0xC0) != 0x80) p.col++;
    return p;
}

/* Prose may quote a table's number by name — {{applications.new.total}} —
 * so that the two cannot disagree; returns n, or a copy with the numbers. */
static ynode *fill_numbers(expander *e, ynode *n)
{
    if (n->kind != YNODE_SCALAR || !strstr(n->str, "{{")) return n;
    size_t cap = n->len + 1;
    char *out = arena_alloc(e->a, cap * 2 + 64);
    size_t used = 0;
    for (const char *p = n->str; *p;) {
        const char *end = strncmp(p, "{{", 2) == 0 ? strstr(p + 2, "}}") : NULL;
        if (!end) {
            out[used++] = *p++;
            continue;
        }
        const char *name = arena_strndup(e->a, p + 2, (size_t)(end - p - 2));
        const cell *c = cell_named(e, name);
        if (!c || !c->known) {
            diag_error(e->d, pos_in(n, (size_t)(p - n->str)), "write {{table.row.column}}, e.g. {{applications.new.total}}",
                       c ? "the number %s is not known (missing)" : "the template has no number '%s'", name);
            e->ok = false;
            return n;
        }
        const char *v = number_text(e->a, c->v);
        if (used + strlen(v) + (size_t)(n->str + n->len - end) + 1 > cap * 2 + 64) return n;
        used += (size_t)sprintf(out + used, "%s", v);
        p = end + 2;
    }
    out[used] = '\0';
    ynode *copy = arena_alloc(e->a, sizeof *copy);
    *copy = *n;
    copy->str = out;
    copy->len = used;
    copy->single_line = false;
    return copy;
}

/* The first number within `within` characters after `at`, followed (after
 * optional spaces) by `unit`; its start and length, or false. */
static bool number_after(const char *at, int within, const char *unit, const char **num, size_t *len)
{
    for (int chars = 0; *at && chars <= within; chars++) {
        if (*at >= '0' && *at <= '9') {
            const char *end = at;
            while ((*end >= '0' && *end <= '9') || (*end == '.' && end[1] >= '0' && end[1] <= '9')) end++;
            const char *u = end;
            while (*u == ' ') u++;
            if (strncmp(u, unit, strlen(unit)) != 0) return false;
            *num = at;
            *len = (size_t)(end - at);
            return true;
        }
        /* sentence ends stop the search: 。；！？ */
        if (strncmp(at, "。", 3) == 0 || strncmp(at, "；", 3) == 0) return false;
        at++;
        while (((unsigned char)*at & 0xC0) == 0x80) at++;
    }
    return false;
}

/* R8 and the like: a number the prose states after the template's words
 * (`after`, within `within` characters, before `unit`) must equal the
 * table's number (`equals`: a name, or a list to add up).  A warning at the
 * number in the prose. */
static void check_prose_numbers(expander *e, const ynode *n)
{
    if (n->kind != YNODE_SCALAR || !e->prose_checks) return;
    for (int i = 0; i < e->prose_checks->n; i++) {
        const ynode *chk = e->prose_checks->items[i];
        const ynode *v, *eq = ynode_lookup(chk, "equals");
        const char *after = (v = ynode_lookup(chk, "after")) ? v->str : NULL;
        const char *unit = (v = ynode_lookup(chk, "unit")) ? v->str : "";
        const char *message = (v = ynode_lookup(chk, "message")) ? v->str : "{found} ≠ {name} ({expected})";
        int within = (v = ynode_lookup(chk, "within")) ? atoi(v->str) : 15;
        if (!after || !*after || !strstr(n->str, after)) continue;
        double expected = 0;
        bool known = eq != NULL;
        const char *name = "";
        for (int k = 0; eq && k < (eq->kind == YNODE_SEQ ? eq->n : 1); k++) {
            const ynode *item = eq->kind == YNODE_SEQ ? eq->items[k] : eq;
            const cell *c = item->kind == YNODE_SCALAR ? cell_named(e, item->str) : NULL;
            if (!c || !c->known) known = false;
            else expected += c->v;
            name = k ? arena_printf(e->a, "%s+%s", name, item->str) : item->str;
        }
        if (!known) continue;
        for (const char *at = strstr(n->str, after); at; at = strstr(at + 1, after)) {
            const char *num;
            size_t len;
            if (!number_after(at + strlen(after), within, unit, &num, &len)) continue;
            const char *found = arena_strndup(e->a, num, len);
            if (fabs(strtod(found, NULL) - expected) < 1e-9) continue;
            const char *pairs[] = { "found", found, "expected", number_text(e->a, expected), "name", name, NULL };
            diag_warning(e->d, pos_in(n, (size_t)(num - n->str)), "the template's prose checks (R8)", "%s",
                         fill_placeholders(e->a, message, pairs));
        }
    }
}

/* A prose block with its numbers filled in and checked. */
static ynode *prose_block(expander *e, ynode *b)
{
    if (b->kind == YNODE_SCALAR) {
        check_prose_numbers(e, b);
        return fill_numbers(e, b);
    }
    if (b->kind != YNODE_MAP) return b;
    ynode *copy = NULL;
    for (int i = 0; i < b->n; i++) {
        ynode *v = b->pairs[i].value;
        if (v->kind != YNODE_SCALAR) continue;
        check_prose_numbers(e, v);
        ynode *f = fill_numbers(e, v);
        if (f == v) continue;
        if (!copy) {
            copy = y_new(e->a, YNODE_MAP, b->pos, b->n);
            memcpy(copy->pairs, b->pairs, (size_t)b->n * sizeof *b->pairs);
            copy->n = b->n;
        }
        copy->pairs[i].value = f;
    }
    return copy ? copy : b;
}

/* The prose of one section: a list of blocks, or {heading, body}.  A level-1
 * heading inside, or a heading that differs from the template's, is an error. */
void add_prose(expander *e, const ynode *prose, const ynode *heading, ynode *body)
{
    const ynode *list = prose;
    if (prose->kind == YNODE_MAP) {
        static const char *const keys[] = { "heading", "body", NULL };
        if (!schema_check_keys(e->d, prose, "a section", keys)) e->ok = false;
        const ynode *h = ynode_lookup(prose, "heading");
        if (h && (h->kind != YNODE_SCALAR || strcmp(h->str, heading->str) != 0)) {
            diag_error(e->d, h->pos, arena_printf(e->a, "the template's heading is 「%s」; leave 'heading' out to use it", heading->str),
                       "this section's heading must be the template's wording 「%s」", heading->str);
            e->ok = false;
        }
        list = ynode_lookup(prose, "body");
        if (!list) return;
    }
    if (list->kind == YNODE_SCALAR) {
        body->items[body->n++] = prose_block(e, (ynode *)list);
        return;
    }
    if (list->kind != YNODE_SEQ) {
        diag_error(e->d, list->pos, "write the section's paragraphs as a list", "a section must be a list of blocks");
        e->ok = false;
        return;
    }
    for (int i = 0; i < list->n; i++) {
        const ynode *b = list->items[i];
        const ynode *h1 = ynode_lookup(b, "h1");
        if (!h1) h1 = ynode_lookup(b, "heading");
        if (h1 && !ynode_lookup(b, "level")) {
            diag_error(e->d, h1->pos,
                       arena_printf(e->a, "the section heading 「%s」 comes from the template; use h2 for a sub-heading such as （一）", heading->str),
                       "a level-1 heading inside a section");
            e->ok = false;
            continue;
        }
        body->items[body->n++] = prose_block(e, (ynode *)b);
    }
}
