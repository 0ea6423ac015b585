/* parse_report.c — the report's top level (parse.h): meta, the layout it
 * names, its body and attachments, or a templated report's issuer, year,
 * sections, data and last year's report. */
#define _POSIX_C_SOURCE 200809L
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "parse_internal.h"

#include "base/decimal.h"
#include "base/i18n.h"

/* ---- meta ------------------------------------------------------------------ */

const char *const parse_meta_keys[] = { "title", "author", "issuer", "subject", "keywords", "date", "language", NULL };

static void parse_meta(parse_ctx *p, const ynode *m, syn_meta *meta)
{
    if (!parse_keys(p, m, "meta", parse_meta_keys) && m->kind != YNODE_MAP) return;
    const ynode *v;
    if ((v = yaml_lookup(m, "title"))) parse_text(p, v, "meta.title", &meta->title);
    const ynode *author = yaml_lookup(m, "author"), *issuer = yaml_lookup(m, "issuer");
    if (author && issuer) parse_error(p, issuer->pos, "keep one of the two", "meta gives both 'author' and 'issuer' (the same field)");
    if ((v = author ? author : issuer)) parse_text(p, v, "meta.author", &meta->author);
    if ((v = yaml_lookup(m, "subject"))) parse_text(p, v, "meta.subject", &meta->subject);
    if ((v = yaml_lookup(m, "keywords"))) {
        if (v->kind == YNODE_SEQ) {
            /* A list is joined with "; " as the PDF Keywords entry. */
            size_t total = 0;
            syn_scalar k;
            for (int i = 0; i < v->n; i++)
                if (parse_text(p, v->items[i], "a keyword", &k)) total += k.len + 2;
            char *joined = arena_alloc(p->a, total + 1), *end = joined;
            for (int i = 0; i < v->n; i++) {
                const ynode *word = v->items[i];
                if (word->kind != YNODE_SCALAR) continue;
                if (end != joined) memcpy(end, "; ", 2), end += 2;
                memcpy(end, word->str, word->len);
                end += word->len;
            }
            *end = '\0';
            meta->keywords = (syn_scalar){ joined, (size_t)(end - joined), v->pos, v->pos, false, false, false, NULL };
        } else {
            parse_text(p, v, "meta.keywords", &meta->keywords);
        }
    }
    if ((v = yaml_lookup(m, "date"))) {
        if (schema_date(p->d, v, "meta.date", &meta->year, &meta->month, &meta->day)) meta->has_date = true;
        else p->ok = false;
    }
    const char *tag;
    if ((v = yaml_lookup(m, "language"))) {
        if (schema_language(p->d, v, "meta.language", &tag)) meta->language = parse_scalar_of(v);
        else p->ok = false;
    }
}

/* ---- layout ---------------------------------------------------------------- */

/* The layout the report names (or the default) with its overrides. */
static bool parse_report_layout(parse_ctx *p, const ynode *root, const parse_options *opt, parsed_report *out)
{
    const ynode *v = yaml_lookup(root, "layout");
    const char *name = "gbt9704";   /* the official-document layout is the default */
    src_pos name_pos = root->pos;
    const ynode *overrides = NULL;
    if (v && v->kind == YNODE_MAP) {
        const ynode *n = yaml_lookup(v, "name");
        if (!n) {
            parse_error(p, v->pos, "e.g. layout: {name: gbt9704, body: {size: 16pt}}",
                        "layout overrides must say which layout they change with 'name'");
            return false;
        }
        if (!schema_string(p->d, n, "layout.name", &name)) {
            p->ok = false;
            return false;
        }
        name_pos = n->pos;
        overrides = v;
    } else if (v) {
        if (!schema_string(p->d, v, "layout", &name)) {
            p->ok = false;
            return false;
        }
        name_pos = v->pos;
    }
    return parse_layout(p, name, name_pos, overrides, opt->layout_dirs, opt->n_layout_dirs, &out->style, &out->tmpl);
}

/* ---- a templated report ---------------------------------------------------- */

/* The data under key (NULL: the root) into *d, which is zeroed. */
static void fill_data(parse_ctx *p, const ynode *key, const ynode *v, syn_data *d)
{
    d->key = parse_scalar_of(key);
    d->pos = v->pos;
    if (v->kind == YNODE_SCALAR) {
        d->value = parse_scalar_of(v);
        return;
    }
    if (v->kind != YNODE_MAP) {
        d->kind_name = yaml_kind_name(v);
        return;
    }
    d->is_map = true;
    d->items = arena_alloc(p->a, (size_t)(v->n ? v->n : 1) * sizeof *d->items);
    d->n_items = v->n;
    for (int i = 0; i < v->n; i++) fill_data(p, v->pairs[i].key, v->pairs[i].value, &d->items[i]);
}

static syn_data *parse_data(parse_ctx *p, const ynode *v)
{
    syn_data *d = arena_alloc(p->a, sizeof *d);
    fill_data(p, NULL, v, d);
    return d;
}

/* Prose: a list of blocks, or a single paragraph. */
static void parse_prose(parse_ctx *p, const ynode *list, const char *what, syn_blocks *out)
{
    if (list->kind == YNODE_SCALAR) {
        out->items = arena_alloc(p->a, sizeof *out->items);
        if (parse_block(p, list, &out->items[0])) out->n = 1;
        return;
    }
    if (list->kind != YNODE_SEQ) {
        parse_error(p, list->pos, "write the paragraphs as a list", "%s must be a list of blocks", what);
        return;
    }
    parse_blocks(p, list, out);
}

const char *const parse_section_keys[] = { "heading", "body", NULL };

/* A section's prose: a list of blocks, a single paragraph, or {heading, body}. */
static void parse_section(parse_ctx *p, const ypair *pair, syn_section *s)
{
    s->key = parse_scalar_of(pair->key);
    s->pos = pair->value->pos;
    const ynode *list = pair->value;
    if (list->kind == YNODE_MAP) {
        parse_keys(p, list, "a section", parse_section_keys);
        const ynode *h = yaml_lookup(list, "heading");
        if (h && h->kind != YNODE_SCALAR)
            parse_error(p, h->pos, "leave 'heading' out to use the template's", "a section's heading must be text, not %s",
                        yaml_kind_name(h));
        else if (h)
            s->heading = parse_scalar_of(h);
        list = yaml_lookup(list, "body");
        if (!list) return;
    }
    parse_prose(p, list, "a section", &s->body);
}

/* Last year's report, for the rules over `previous` (R6): the file must be
 * a readable YAML report (an error at `previous:` otherwise, and its own
 * syntax errors where they are); only its `data:` is read, and quietly — a
 * number of it that cannot be read only leaves R6 unchecked there. */
static const syn_data *parse_previous(parse_ctx *p, const ynode *v, const syn_report *r)
{
    syn_scalar name;
    if (!parse_text(p, v, "previous", &name)) return NULL;
    const char *path = parse_path(p, name.s);
    const char *text;
    size_t len;
    char why[200];
    static const char hint[] = N_("name last year's report (a YAML file), or leave 'previous' out: R6 and R7 are then not checked");
    if (source_read_file(p->a, p->files, path, p->limits.max_input_bytes, false, &text, &len, why, sizeof why) != SOURCE_OK) {
        parse_error(p, v->pos, hint, "cannot read last year's report %.200s: %s", path, why);
        return NULL;
    }
    source *src = arena_alloc(p->a, sizeof *src);
    *src = (source){ arena_strdup(p->a, name.s), text, len, NULL, 0 };
    const ynode *root = yaml_tree_parse(p->a, p->tree, p->d, src, &p->limits);
    const ynode *data = root ? yaml_lookup(root, "data") : NULL;
    if (!root || !data || data->kind != YNODE_MAP) {
        parse_error(p, v->pos, hint, "last year's report %.200s %s", path,
                    !root ? _("cannot be read as YAML") : _("has no data: mapping of numbers"));
        return NULL;
    }
    /* Last year's, by the same office: a report naming itself, or the
       year before last, would check R6 against the wrong numbers. */
    const ynode *year = yaml_lookup(root, "year"), *issuer = yaml_lookup(root, "issuer");
    decimal y;
    if (r->year && year && year->kind == YNODE_SCALAR &&
        decimal_parse(year->str, year->len, &y, NULL, 0, NULL, 0) == DECIMAL_OK && y.scale == 0 &&
        y.units != r->year - 1) {
        parse_error(p, v->pos, hint, "%.200s is the report of %lld, not of %d (the year before this report's %d)", path,
                    (long long)y.units, r->year - 1, r->year);
        return NULL;
    }
    if (r->issuer.s && issuer && issuer->kind == YNODE_SCALAR && strcmp(issuer->str, r->issuer.s) != 0)
        diag_warning(p->d, v->pos, "check that it is this office's report of last year",
                     "last year's report %.200s is by %.200s, this one by %.200s", path, issuer->str, r->issuer.s);
    return parse_data(p, data);
}

const char *const parse_template_report_keys[] = { "meta", "layout", "issuer", "year", "date", "sections", "data",
                                                    "previous", "missing-numbers", "attachments", "preamble", NULL };

static void parse_templated(parse_ctx *p, const ynode *root, syn_report *r, const template_spec *tmpl)
{
    parse_keys(p, root, "a report on this template", parse_template_report_keys);
    const ynode *issuer = yaml_lookup(root, "issuer"), *year = yaml_lookup(root, "year"), *v;
    if (!issuer || !year)
        parse_error(p, root->pos, "e.g. issuer: 某某局 and year: 2024", "a report on this template needs %s",
                    !issuer && !year ? "'issuer' and 'year'" : !issuer ? "'issuer'" : "'year'");
    if (issuer) parse_text(p, issuer, "issuer", &r->issuer);
    long year_n;
    if (year) {
        r->year_pos = year->pos;
        if (schema_int(p->d, year, "year", 1990, 2999, &year_n)) r->year = (int)year_n;
        else p->ok = false;
    }
    if ((v = yaml_lookup(root, "date"))) {
        if (schema_date(p->d, v, "date", &r->date_year, &r->month, &r->day)) r->has_date = true;
        else p->ok = false;
    }
    if ((v = yaml_lookup(root, "missing-numbers"))) {
        static const char *const choices[] = { "error", "zero", NULL };
        int k;
        r->has_missing_numbers = true;
        r->missing_numbers_pos = v->pos;
        if (schema_enum(p->d, v, "missing-numbers", choices, &k)) r->missing_as_zero = k == 1;
        else p->ok = false;
    }
    if ((v = yaml_lookup(root, "preamble"))) {
        r->has_preamble = true;
        parse_prose(p, v, "the preamble", &r->preamble);
    }
    if ((v = yaml_lookup(root, "sections"))) {
        r->has_sections = true;
        r->sections_pos = v->pos;
        if (v->kind != YNODE_MAP) {
            parse_error(p, v->pos, "sections: {overview: [...], problems: [...]}", "sections must be a mapping by section key");
        } else {
            r->sections = arena_alloc(p->a, (size_t)(v->n ? v->n : 1) * sizeof *r->sections);
            r->n_sections = v->n;
            for (int i = 0; i < v->n; i++) parse_section(p, &v->pairs[i], &r->sections[i]);
        }
    }
    if ((v = yaml_lookup(root, "data"))) {
        if (v->kind == YNODE_SCALAR && !yaml_is_null(v))
            r->data = parse_csv_data(p, v, tmpl);
        else if (v->kind != YNODE_MAP)
            parse_error(p, v->pos, "data: {applications: {new: {...}}}, or data: numbers.csv",
                        "data must be a mapping of numbers by name, or a CSV file");
        else
            r->data = parse_data(p, v);
        r->data_unread = !r->data;
    }
    if ((v = yaml_lookup(root, "previous"))) r->previous = parse_previous(p, v, r);
}

/* ---- attachments (GB/T 9704 §7.3.4, §7.3.7) -------------------------------- */

const char *const parse_attachment_keys[] = { "title", "body", NULL };

static void parse_attachments(parse_ctx *p, const ynode *atts, syn_report *r)
{
    r->attachments_pos = atts->pos;
    if (atts->kind != YNODE_SEQ || atts->n == 0) {
        parse_error(p, atts->pos, "attachments: [{title: …, body: [...]}]", "attachments must be a non-empty list");
        return;
    }
    r->attachments = arena_alloc(p->a, (size_t)atts->n * sizeof *r->attachments);
    for (int i = 0; i < atts->n; i++) {
        const ynode *att = atts->items[i];
        if (!parse_keys(p, att, "an attachment", parse_attachment_keys)) continue;
        const ynode *t = yaml_lookup(att, "title"), *body = yaml_lookup(att, "body");
        syn_attachment *a = &r->attachments[r->n_attachments];
        a->pos = att->pos;
        if (!t) {
            parse_error(p, att->pos, "e.g. - {title: 统计表, body: [...]}", "an attachment needs a 'title'");
            continue;
        }
        if (!parse_text(p, t, "an attachment title", &a->title)) continue;
        if (body && body->kind != YNODE_SEQ)
            parse_error(p, body->pos, "write each block as a '- ' list item", "an attachment's body must be a list");
        else if (body)
            parse_blocks(p, body, &a->body);
        r->n_attachments++;
    }
}

/* ---- the report ------------------------------------------------------------ */

const char *const parse_report_keys[] = { "meta", "layout", "body", "attachments", NULL };

/* The report's directory, for paths relative to it. */
static const char *input_dir(arena *a, const char *input)
{
    if (strcmp(input, "-") == 0) return ".";
    char *copy = arena_strdup(a, input);
    return arena_strdup(a, dirname(copy));
}

static bool parse_report_in(arena *a, arena *tree, diag *d, const parse_options *opt, parsed_report *out)
{
    memset(out, 0, sizeof *out);
    parse_ctx p = { .a = a, .tree = tree, .d = d, .files = opt->files, .base_dir = input_dir(a, opt->input), .ok = true,
                    .limits = yaml_limits_default(), .csv_encoding = opt->csv_encoding };
    const char *name = strcmp(opt->input, "-") == 0 ? "<stdin>" : opt->input;
    const char *text;
    size_t len;
    char why[200];
    source_status st = source_read_file(a, opt->files, opt->input, p.limits.max_input_bytes, true, &text, &len, why, sizeof why);
    if (st == SOURCE_TOO_LARGE || st == SOURCE_NOT_FILE) {
        /* The user's file, not reportc's failure. */
        static const char empty[] = "";
        source *named = arena_alloc(a, sizeof *named);
        *named = (source){ name, empty, 0, NULL, 0 };
        diag_error(d, (src_pos){ named, 1, 1, 0 }, st == SOURCE_TOO_LARGE ? N_("split the report or shorten it") : NULL,
                   "the input %s", why);
        return false;
    }
    if (st != SOURCE_OK) {
        diag_failure(d, "cannot read %s: %s", name, why);
        return false;
    }
    source *src = arena_alloc(a, sizeof *src);
    *src = (source){ name, text, len, NULL, 0 };
    const ynode *root = yaml_tree_parse(a, tree, d, src, &p.limits);
    if (!root) return false;
    syn_report *r = arena_alloc(a, sizeof *r);
    r->src = src;
    r->pos = root->pos;
    out->report = r;
    if (root->kind != YNODE_MAP) {
        static const char *const keys[] = { "meta", "layout", "body", NULL };
        schema_check_keys(d, root, "the report", keys);
        return false;
    }
    if (!parse_report_layout(&p, root, opt, out)) return false;
    const ynode *v;
    if ((v = yaml_lookup(root, "meta"))) parse_meta(&p, v, &r->meta);
    if (out->tmpl) {
        /* A templated report: the layout gives the document, the report its
           issuer, prose and numbers. */
        parse_templated(&p, root, r, out->tmpl);
    } else {
        parse_keys(&p, root, "the report", parse_report_keys);
        const ynode *body = yaml_lookup(root, "body");
        if (!body) {
            parse_error(&p, root->pos, "add 'body:' with a list of headings and paragraphs", "the report has no body");
            return false;
        }
        if (body->kind != YNODE_SEQ) {
            parse_error(&p, body->pos, "write each block as a '- ' list item", "body must be a list, not %s",
                        yaml_kind_name(body));
            return false;
        }
        r->has_body = true;
        parse_blocks(&p, body, &r->body);
    }
    if ((v = yaml_lookup(root, "attachments"))) parse_attachments(&p, v, r);
    return true;
}

/* The YAML trees are read into syntax and dropped: only the syntax (and the
 * scalars' text it binds) is the parse stage's output. */
bool parse_report(arena *a, diag *d, const parse_options *opt, parsed_report *out)
{
    arena tree;
    arena_init(&tree);
    bool ok = parse_report_in(a, &tree, d, opt, out);
    arena_done(&tree);
    return ok;
}

bool parse_layout_named(arena *a, diag *d, const parse_options *opt, const char *name, const style **st,
                        const template_spec **tmpl)
{
    parse_ctx p = { .a = a, .tree = a, .d = d, .files = opt->files, .base_dir = ".", .ok = true, .limits = yaml_limits_default() };
    static source cmdline = { "reportc init", "", 0, NULL, 0 };
    return parse_layout(&p, name, (src_pos){ &cmdline, 0, 0, 0 }, NULL, opt->layout_dirs, opt->n_layout_dirs, st, tmpl) &&
           p.ok;
}
