/* parse_template.c — a layout's `template:` (template_spec.h).
 *
 * Every key is checked as a report's are, and every message's {holes}: a
 * misspelt key or hole is an error here, so that no rule is silently
 * disabled and no message prints a hole unfilled.  What the names refer to
 * (rows and columns of the template's tables) is checked by the model,
 * which builds the tables. */
#include <stdio.h>
#include <string.h>

#include "parse_internal.h"

static void scalar_of(parse_ctx *p, const ynode *m, const char *key, const char *what, bool required, syn_scalar *out)
{
    const ynode *v = yaml_lookup(m, key);
    if (!v) {
        if (required) parse_error(p, m->pos, "see layouts/gov-info-disclosure-annual.yaml for a complete template", "%s needs '%s'", what, key);
        return;
    }
    parse_text(p, v, key, out);
}

/* A pattern with holes at key. */
static void pattern_of(parse_ctx *p, const ynode *m, const char *key, const char *what, const char *const *holes,
                       bool required, syn_scalar *out)
{
    scalar_of(p, m, key, what, required, out);
    const ynode *v = yaml_lookup(m, key);
    if (out->s && !parse_holes(p, v, what, holes)) out->s = NULL;
}

/* A list of names (one name alone is a list of one). */
static void names_of(parse_ctx *p, const ynode *v, const char *what, syn_scalar **out, int *n)
{
    if (v->kind == YNODE_SCALAR) {
        *out = arena_alloc(p->a, sizeof **out);
        *n = parse_text(p, v, what, *out) ? 1 : 0;
        return;
    }
    const ynode *const *items;
    int count;
    if (!schema_scalar_list(p->d, v, what, &items, &count)) {
        p->ok = false;
        return;
    }
    if (count == 0) {
        parse_error(p, v->pos, "list at least one name", "%s is empty", what);
        return;
    }
    *out = arena_alloc(p->a, (size_t)count * sizeof **out);
    for (int i = 0; i < count; i++) {
        (*out)[i] = parse_scalar_of(items[i]);
        for (int k = 0; k < i; k++)
            if (strcmp(items[k]->str, items[i]->str) == 0) {
                parse_error(p, items[i]->pos, "each name once: a row counted twice is a mistake in the rule",
                            "'%.80s' is listed twice in %s", items[i]->str, what);
                break;
            }
    }
    *n = count;
}

/* A list of mappings under key `key` of t; NULL when absent or wrong. */
static const ynode *list_of(parse_ctx *p, const ynode *t, const char *key)
{
    const ynode *v = yaml_lookup(t, key);
    if (v && v->kind != YNODE_SEQ) {
        parse_error(p, v->pos, "write one '- ' item each", "template %s must be a list, not %s", key, yaml_kind_name(v));
        return NULL;
    }
    return v;
}

static void parse_section(parse_ctx *p, const ynode *n, tmpl_section *s)
{
    static const char *const keys[] = { "key", "heading", "hint", "table", NULL };
    s->pos = n->pos;
    if (!parse_keys(p, n, "a template section", keys) && n->kind != YNODE_MAP) return;
    scalar_of(p, n, "key", "a template section", true, &s->key);
    scalar_of(p, n, "heading", "a template section", true, &s->heading);
    scalar_of(p, n, "hint", "a template section", false, &s->hint);
    scalar_of(p, n, "table", "a template section", false, &s->table);
}

static void parse_rule(parse_ctx *p, const ynode *n, tmpl_rule *r)
{
    static const char *const keys[] = { "id", "table", "each", "severity", "left", "right", "previous", "minus", "message", NULL };
    r->pos = n->pos;
    if (!parse_keys(p, n, "a template rule", keys) && n->kind != YNODE_MAP) return;
    const char *what = "a template rule";
    scalar_of(p, n, "id", what, false, &r->id);
    scalar_of(p, n, "table", what, true, &r->table);
    const ynode *v;
    int e;
    static const char *const each[] = { "column", "row", NULL };
    if ((v = yaml_lookup(n, "each"))) {
        if (schema_enum(p->d, v, "each", each, &e)) r->each_row = e == 1;
        else p->ok = false;
    }
    static const char *const severities[] = { "error", "warning", NULL };
    if ((v = yaml_lookup(n, "severity"))) {
        if (schema_enum(p->d, v, "severity", severities, &e)) r->warning = e == 1;
        else p->ok = false;
    }
    if ((v = yaml_lookup(n, "left"))) names_of(p, v, "left", &r->left, &r->n_left);
    else parse_error(p, n->pos, "e.g. left: [new, carried_over]", "a template rule needs 'left'");
    const ynode *right = yaml_lookup(n, "right"), *previous = yaml_lookup(n, "previous"), *minus = yaml_lookup(n, "minus");
    if (right) names_of(p, right, "right", &r->right, &r->n_right);
    if (previous) names_of(p, previous, "previous", &r->previous, &r->n_previous);
    if (minus) names_of(p, minus, "minus", &r->minus, &r->n_minus);
    if (!right && !previous)
        parse_error(p, n->pos, "e.g. right: [results.total, carried_forward], or previous: [carried_forward] for last year's",
                    "a template rule needs 'right' or 'previous'");
    static const char *const holes[] = { "left", "right", "previous", "minus", "column", "group", "row", NULL };
    pattern_of(p, n, "message", "a rule's message", holes, true, &r->message);
}

static void parse_check(parse_ctx *p, const ynode *n, tmpl_prose_check *c, bool default_message)
{
    static const char *const keys[] = { "id", "after", "context", "unit", "within", "equals", "message", NULL };
    c->pos = n->pos;
    if (!parse_keys(p, n, "a prose check", keys) && n->kind != YNODE_MAP) return;
    const char *what = "a prose check";
    scalar_of(p, n, "id", what, false, &c->id);
    const ynode *v;
    if ((v = yaml_lookup(n, "after"))) names_of(p, v, "after", &c->after, &c->n_after);
    else parse_error(p, n->pos, "give the words the number follows, e.g. after: [本年新收, 收到…申请]", "a prose check needs 'after'");
    for (int i = 0; i < c->n_after; i++)
        if (c->after[i].s && (c->after[i].len == 0 || strstr(c->after[i].s, "……")))
            parse_error(p, c->after[i].pos, "give the words the number follows, e.g. 本年新收 or 收到…申请 (one … between parts)",
                        "'after' words must not be empty");
    if ((v = yaml_lookup(n, "context"))) names_of(p, v, "context", &c->context, &c->n_context);
    scalar_of(p, n, "unit", what, false, &c->unit);
    /* How far the number may follow the words: 15 characters unless the
       check says (within the same clause in any case). */
    v = yaml_lookup(n, "within");
    long within = 15;
    if (v && !schema_int(p->d, v, "within", 0, 200, &within)) p->ok = false;
    c->within = (int)within;
    if ((v = yaml_lookup(n, "equals"))) names_of(p, v, "equals", &c->equals, &c->n_equals);
    else parse_error(p, n->pos, "e.g. equals: applications.new.total", "a prose check needs 'equals'");
    static const char *const holes[] = { "found", "expected", "name", "phrase", "unit", NULL };
    pattern_of(p, n, "message", "a prose check's message", holes, !default_message, &c->message);
}

static void parse_prose_numbers(parse_ctx *p, const ynode *n, tmpl_prose_numbers *pn)
{
    static const char *const keys[] = { "sentence-ends", "clause-ends", "not-stated-after", "not-about", "message", NULL };
    if (!parse_keys(p, n, "prose-numbers", keys)) return;
    const ynode *v;
    if ((v = yaml_lookup(n, "sentence-ends"))) names_of(p, v, "sentence-ends", &pn->sentence_ends, &pn->n_sentence_ends);
    if ((v = yaml_lookup(n, "clause-ends"))) names_of(p, v, "clause-ends", &pn->clause_ends, &pn->n_clause_ends);
    if ((v = yaml_lookup(n, "not-stated-after"))) names_of(p, v, "not-stated-after", &pn->not_stated, &pn->n_not_stated);
    if ((v = yaml_lookup(n, "not-about"))) names_of(p, v, "not-about", &pn->not_about, &pn->n_not_about);
    static const char *const holes[] = { "found", "expected", "name", "phrase", "unit", NULL };
    pattern_of(p, n, "message", "prose-numbers' message", holes, false, &pn->message);
}

const template_spec *parse_template(parse_ctx *p, const ynode *t)
{
    static const char *const keys[] = { "title", "deadline", "preamble", "sections", "tables", "rules", "prose-numbers", "prose-checks", NULL };
    bool ok_before = p->ok;
    p->ok = true;
    if (!parse_keys(p, t, "template", keys) && t->kind != YNODE_MAP) {
        p->ok = false;
        return NULL;
    }
    template_spec *s = arena_alloc(p->a, sizeof *s);
    s->pos = t->pos;
    static const char *const preamble_keys[] = { "hint", "text", NULL };
    static const char *const title_holes[] = { "issuer", "year", NULL }, *const date_holes[] = { "year", "next-year", NULL };
    pattern_of(p, t, "title", "the template's title", title_holes, true, &s->title);
    pattern_of(p, t, "deadline", "the template's deadline", date_holes, false, &s->deadline);
    const ynode *v;
    if ((v = yaml_lookup(t, "preamble")) && parse_keys(p, v, "the template's preamble", preamble_keys)) {
        static const char *const year_holes[] = { "year", NULL };
        scalar_of(p, v, "hint", "the template's preamble", false, &s->preamble_hint);
        pattern_of(p, v, "text", "the template's preamble", year_holes, false, &s->preamble_text);
    }
    if ((v = list_of(p, t, "sections"))) {
        s->sections = arena_alloc(p->a, (size_t)(v->n ? v->n : 1) * sizeof *s->sections);
        s->n_sections = v->n;
        for (int i = 0; i < v->n; i++) parse_section(p, v->items[i], &s->sections[i]);
    } else if (!yaml_lookup(t, "sections")) {
        parse_error(p, t->pos, "list the sections with their keys and headings", "template needs 'sections'");
    }
    if ((v = yaml_lookup(t, "tables"))) {
        if (v->kind != YNODE_MAP) {
            parse_error(p, v->pos, "tables: {name: {columns: …, rows: …}}", "template tables must be a mapping by name");
        } else {
            s->tables = arena_alloc(p->a, (size_t)(v->n ? v->n : 1) * sizeof *s->tables);
            for (int i = 0; i < v->n; i++) {
                const syn_table *tb = parse_table(p, v->pairs[i].value, true);
                if (!tb) continue;
                s->tables[s->n_tables++] = (tmpl_table){ parse_scalar_of(v->pairs[i].key), tb };
            }
        }
    }
    if ((v = list_of(p, t, "rules"))) {
        s->rules = arena_alloc(p->a, (size_t)(v->n ? v->n : 1) * sizeof *s->rules);
        s->n_rules = v->n;
        for (int i = 0; i < v->n; i++) parse_rule(p, v->items[i], &s->rules[i]);
    }
    if ((v = yaml_lookup(t, "prose-numbers"))) parse_prose_numbers(p, v, &s->prose);
    if ((v = list_of(p, t, "prose-checks"))) {
        s->checks = arena_alloc(p->a, (size_t)(v->n ? v->n : 1) * sizeof *s->checks);
        s->n_checks = v->n;
        for (int i = 0; i < v->n; i++) parse_check(p, v->items[i], &s->checks[i], s->prose.message.s != NULL);
    }
    bool ok = p->ok;
    p->ok = ok_before && ok;
    return ok ? s : NULL;
}
