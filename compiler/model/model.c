/* model.c — the report's YAML tree to the document model (model.h). */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "parse/schema.h"
#include "template.h"

typedef struct builder {
    arena *a;
    diag *d;
    model_doc *doc;
    int counters[4];       /* automatic heading numbers per level */
    int cap_blocks;
    bool ok;
} builder;

static model_text text_of(const ynode *n)
{
    return (model_text){ n->str, n->len, (src_pos){ n->pos.src, n->pos.line, n->text_col }, n->single_line, NULL, 0 };
}

static model_text text_from(arena *a, const char *s, src_pos pos)
{
    return (model_text){ arena_strdup(a, s), strlen(s), pos, false, NULL, 0 };
}

/* ---- meta ---------------------------------------------------------------- */

static void build_meta(builder *b, const ynode *m)
{
    static const char *const keys[] = { "title", "author", "issuer", "subject", "keywords", "date",
                                        "language", NULL };
    if (!schema_check_keys(b->d, m, "meta", keys)) b->ok = false;
    if (m->kind != YNODE_MAP) return;
    model_meta *meta = &b->doc->meta;
    const ynode *v;
    if ((v = ynode_lookup(m, "title")) && !schema_string(b->d, v, "meta.title", &meta->title)) b->ok = false;
    const ynode *author = ynode_lookup(m, "author"), *issuer = ynode_lookup(m, "issuer");
    if (author && issuer) {
        diag_error(b->d, issuer->pos, "keep one of the two", "meta gives both 'author' and 'issuer' (the same field)");
        b->ok = false;
    }
    if ((v = author ? author : issuer) && !schema_string(b->d, v, "meta.author", &meta->author)) b->ok = false;
    if ((v = ynode_lookup(m, "subject")) && !schema_string(b->d, v, "meta.subject", &meta->subject)) b->ok = false;
    if ((v = ynode_lookup(m, "keywords"))) {
        if (v->kind == YNODE_SEQ) {
            /* A list is joined with "; " as the PDF Keywords entry. */
            size_t total = 0;
            for (int i = 0; i < v->n; i++) {
                const char *k;
                if (!schema_string(b->d, v->items[i], "a keyword", &k)) b->ok = false;
                else total += strlen(k) + 2;
            }
            char *joined = arena_alloc(b->a, total + 1);
            for (int i = 0; i < v->n; i++) {
                if (v->items[i]->kind != YNODE_SCALAR) continue;
                if (*joined) strcat(joined, "; ");
                strcat(joined, v->items[i]->str);
            }
            meta->keywords = joined;
        } else if (!schema_string(b->d, v, "meta.keywords", &meta->keywords)) {
            b->ok = false;
        }
    }
    if ((v = ynode_lookup(m, "date")) && !schema_date(b->d, v, "meta.date", &meta->year, &meta->month, &meta->day))
        b->ok = false;
    meta->language = "zh-CN";
    if ((v = ynode_lookup(m, "language")) && !schema_string(b->d, v, "meta.language", &meta->language)) b->ok = false;
}

/* ---- layout -------------------------------------------------------------- */

static void build_layout(builder *b, const ynode *v, src_pos root_pos, const model_paths *paths)
{
    const char *name = "gbt9704";   /* the official-document layout is the default */
    src_pos name_pos = root_pos;
    const ynode *overrides = NULL;
    if (v && v->kind == YNODE_MAP) {
        const ynode *n = ynode_lookup(v, "name");
        if (!n) {
            diag_error(b->d, v->pos, "e.g. layout: {name: gbt9704, body: {size: 16pt}}",
                       "layout overrides must say which layout they change with 'name'");
            b->ok = false;
            return;
        }
        if (!schema_string(b->d, n, "layout.name", &name)) {
            b->ok = false;
            return;
        }
        name_pos = n->pos;
        overrides = v;
    } else if (v) {
        if (!schema_string(b->d, v, "layout", &name)) {
            b->ok = false;
            return;
        }
        name_pos = v->pos;
    }
    b->doc->style = style_load(b->a, b->d, name, name_pos, overrides, paths->base_dir, paths->layout_dirs, paths->n_layout_dirs);
    if (!b->doc->style) b->ok = false;
}

/* ---- body ---------------------------------------------------------------- */

static model_block *new_block(builder *b, block_kind kind, src_pos pos)
{
    arena_grow(b->a, (void **)&b->doc->blocks, &b->cap_blocks, b->doc->n_blocks + 1, sizeof(model_block));
    model_block *blk = &b->doc->blocks[b->doc->n_blocks++];
    memset(blk, 0, sizeof *blk);
    blk->kind = kind;
    blk->pos = pos;
    return blk;
}

/* Chinese numeral for 1–99 (一 … 九十九), as heading numbers use. */
static void chinese_numeral(int n, char *out, size_t size)
{
    static const char *const digit[] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
    if (n < 10) snprintf(out, size, "%s", digit[n]);
    else if (n < 20) snprintf(out, size, "十%s", n % 10 ? digit[n % 10] : "");
    else snprintf(out, size, "%s十%s", digit[n / 10], n % 10 ? digit[n % 10] : "");
}

/* Expands a numbering pattern: {一} Chinese numeral, {1} Arabic. */
static const char *format_number(arena *a, const char *pattern, int n)
{
    char buf[256], num[32];
    size_t used = 0;
    for (const char *p = pattern; *p && used < sizeof buf - 32;) {
        if (strncmp(p, "{一}", 5) == 0) {
            chinese_numeral(n, num, sizeof num);
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%s", num);
            p += 5;
        } else if (strncmp(p, "{1}", 3) == 0) {
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%d", n);
            p += 3;
        } else {
            buf[used++] = *p++;
        }
    }
    buf[used] = '\0';
    return arena_strdup(a, buf);
}

static const char *const kind_keys[] = { "title", "heading", "h1", "h2", "h3", "h4", "paragraph",
                                         "page-break", "signature", "table", NULL };

static void build_heading(builder *b, const ynode *m, const ynode *text, int level)
{
    static const char *const keys[] = { "heading", "h1", "h2", "h3", "h4", "level", "number", "run-in", NULL };
    if (!schema_check_keys(b->d, m, "a heading", keys)) b->ok = false;
    const ynode *v;
    long lv = level;
    if ((v = ynode_lookup(m, "level"))) {
        if (level != 0) {
            diag_error(b->d, v->pos, "use 'heading:' with 'level:', or h1–h4 alone",
                       "'level' conflicts with the level of the h%d shorthand", level);
            b->ok = false;
        } else if (!schema_int(b->d, v, "level", 1, 4, &lv)) {
            b->ok = false;
        }
    }
    if (lv == 0) lv = 1;
    const char *s;
    if (!schema_string(b->d, text, "a heading", &s)) {
        b->ok = false;
        return;
    }
    model_block *blk = new_block(b, BLOCK_HEADING, m->pos);
    blk->level = (int)lv;
    blk->text = text_of(text);
    if (!model_markup_parse(b->a, b->d, &blk->text)) b->ok = false;
    const char *number = "auto";
    if ((v = ynode_lookup(m, "number")) && !schema_string(b->d, v, "number", &number)) b->ok = false;
    if (strcmp(number, "auto") == 0) {
        /* Automatic numbering: GB/T 9704 §7.3.3 一、 → （一） → 1. → （1）; a
           heading restarts the count of every deeper level. */
        int count = ++b->counters[lv - 1];
        for (int i = (int)lv; i < 4; i++) b->counters[i] = 0;
        const char *pattern = b->doc->style ? b->doc->style->heading[lv - 1].numbering : NULL;
        blk->number = pattern ? format_number(b->a, pattern, count) : NULL;
    } else if (strcmp(number, "none") != 0) {
        blk->number = number;
    }
    if ((v = ynode_lookup(m, "run-in"))) {
        if (schema_string(b->d, v, "run-in", &s)) {
            blk->run_in = text_of(v);
            if (!model_markup_parse(b->a, b->d, &blk->run_in)) b->ok = false;
        } else {
            b->ok = false;
        }
    }
}

static const char *format_date(arena *a, const char *pattern, int y, int m, int d)
{
    char buf[256];
    size_t used = 0;
    for (const char *p = pattern; *p && used < sizeof buf - 16;) {
        if (p[0] == '{' && p[1] && p[2] == '}' && strchr("ymd", p[1])) {
            /* GB/T 9704 §7.3.5.4: full year, no leading zeros. */
            int v = p[1] == 'y' ? y : p[1] == 'm' ? m : d;
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%d", v);
            p += 3;
        } else {
            buf[used++] = *p++;
        }
    }
    buf[used] = '\0';
    return arena_strdup(a, buf);
}

static void build_signature(builder *b, const ynode *m, const ynode *value)
{
    model_block *blk = new_block(b, BLOCK_SIGNATURE, m->pos);
    const model_meta *meta = &b->doc->meta;
    const ynode *issuer = NULL, *date = NULL;
    if (!ynode_is_null(value)) {
        static const char *const keys[] = { "issuer", "date", "seal", NULL };
        if (!schema_check_keys(b->d, value, "a signature", keys)) {
            b->ok = false;
            return;
        }
        issuer = ynode_lookup(value, "issuer");
        date = ynode_lookup(value, "date");
        const ynode *seal = ynode_lookup(value, "seal");
        if (seal && !schema_string(b->d, seal, "seal (an image file)", &blk->seal)) b->ok = false;
        if (seal) blk->seal_pos = seal->pos;
    }
    const char *s;
    if (issuer) {
        if (schema_string(b->d, issuer, "signature issuer", &s)) blk->text = text_of(issuer);
        else b->ok = false;
    } else if (meta->author) {
        blk->text = text_from(b->a, meta->author, m->pos);
    } else {
        diag_error(b->d, m->pos, "give 'issuer:' here or 'author:' in meta", "the signature has no issuer");
        b->ok = false;
    }
    int y = meta->year, mo = meta->month, d = meta->day;
    src_pos date_pos = m->pos;
    if (date) {
        if (!schema_date(b->d, date, "signature date", &y, &mo, &d)) {
            b->ok = false;
            return;
        }
        date_pos = date->pos;
    }
    if (y == 0) {
        diag_error(b->d, m->pos, "give 'date:' here or in meta (YYYY-MM-DD)", "the signature has no date");
        b->ok = false;
        return;
    }
    if (b->doc->style) blk->date = text_from(b->a, format_date(b->a, b->doc->style->date_format, y, mo, d), date_pos);
}

static void build_block(builder *b, const ynode *item)
{
    if (item->kind == YNODE_SCALAR) {
        /* The terse common case: a plain string is a paragraph. */
        const char *s;
        if (!schema_string(b->d, item, "a paragraph", &s)) {
            b->ok = false;
            return;
        }
        model_block *blk = new_block(b, BLOCK_PARAGRAPH, item->pos);
        blk->text = text_of(item);
        if (!model_markup_parse(b->a, b->d, &blk->text)) b->ok = false;
        return;
    }
    if (item->kind != YNODE_MAP) {
        diag_error(b->d, item->pos, "write a paragraph as text, other blocks as 'kind: value'",
                   "a body block must be text or a mapping, not %s", ynode_kind_name(item));
        b->ok = false;
        return;
    }
    const ypair *kind = NULL;
    for (int i = 0; i < item->n; i++) {
        const char *key = item->pairs[i].key->str;
        for (int k = 0; kind_keys[k]; k++) {
            if (strcmp(key, kind_keys[k]) != 0) continue;
            if (kind) {
                diag_error(b->d, item->pairs[i].key->pos, "split it into two list items",
                           "a block can be only one of its kinds: '%s' and '%s'", kind->key->str, key);
                b->ok = false;
                return;
            }
            kind = &item->pairs[i];
        }
    }
    if (!kind && item->n == 0) {
        diag_error(b->d, item->pos, "the block kinds are title, heading, h1–h4, paragraph, table, page-break and signature",
                   "an empty mapping is not a block");
        b->ok = false;
        return;
    }
    if (!kind) {
        const ynode *first = item->pairs[0].key;
        const char *near = schema_suggest(first->str, kind_keys);
        char hint[160];
        snprintf(hint, sizeof hint, near ? "did you mean '%s'?" : "%s",
                 near ? near : "the block kinds are title, heading, h1–h4, paragraph, table, page-break and signature");
        diag_error(b->d, first->pos, hint, "unknown block kind '%s'", first->str);
        b->ok = false;
        return;
    }
    const char *k = kind->key->str;
    const char *s;
    if (strcmp(k, "title") == 0 || strcmp(k, "paragraph") == 0) {
        static const char *const keys_title[] = { "title", NULL }, *const keys_par[] = { "paragraph", NULL };
        if (!schema_check_keys(b->d, item, k[0] == 't' ? "a title" : "a paragraph",
                               k[0] == 't' ? keys_title : keys_par))
            b->ok = false;
        if (!schema_string(b->d, kind->value, k[0] == 't' ? "a title" : "a paragraph", &s)) {
            b->ok = false;
            return;
        }
        model_block *blk = new_block(b, k[0] == 't' ? BLOCK_TITLE : BLOCK_PARAGRAPH, item->pos);
        blk->text = text_of(kind->value);
        if (!model_markup_parse(b->a, b->d, &blk->text)) b->ok = false;
    } else if (strcmp(k, "heading") == 0) {
        build_heading(b, item, kind->value, 0);
    } else if (k[0] == 'h') {
        build_heading(b, item, kind->value, k[1] - '0');
    } else if (strcmp(k, "page-break") == 0) {
        static const char *const keys[] = { "page-break", NULL };
        if (!schema_check_keys(b->d, item, "a page break", keys)) b->ok = false;
        new_block(b, BLOCK_PAGE_BREAK, item->pos);
    } else if (strcmp(k, "table") == 0) {
        static const char *const keys[] = { "table", NULL };
        if (!schema_check_keys(b->d, item, "a table block", keys)) b->ok = false;
        const model_table *t = table_model_build(b->a, b->d, kind->value);
        if (!t) b->ok = false;
        else new_block(b, BLOCK_TABLE, item->pos)->table = t;
    } else {
        static const char *const keys[] = { "signature", NULL };
        if (!schema_check_keys(b->d, item, "a signature", keys)) b->ok = false;
        build_signature(b, item, kind->value);
    }
}

/* ---- attachments (GB/T 9704 §7.3.4, §7.3.7) ------------------------------ */

static const ynode *attachment_title(builder *b, const ynode *att)
{
    static const char *const keys[] = { "title", "body", NULL };
    if (!schema_check_keys(b->d, att, "an attachment", keys)) {
        b->ok = false;
        return NULL;
    }
    const ynode *t = ynode_lookup(att, "title");
    const char *s;
    if (!t) {
        diag_error(b->d, att->pos, "e.g. - {title: 统计表, body: [...]}", "an attachment needs a 'title'");
        b->ok = false;
        return NULL;
    }
    if (!schema_string(b->d, t, "an attachment title", &s)) {
        b->ok = false;
        return NULL;
    }
    return t;
}

/* 附件说明: the titles, numbered when there are several. */
static void build_attachment_note(builder *b, const ynode *atts)
{
    model_text *items = arena_alloc(b->a, (size_t)atts->n * sizeof *items);
    int n = 0;
    for (int i = 0; i < atts->n; i++) {
        const ynode *t = attachment_title(b, atts->items[i]);
        if (t) items[n++] = text_of(t);
    }
    model_block *blk = new_block(b, BLOCK_ATTACHMENT_NOTE, atts->pos);
    blk->items = items;
    blk->n_items = n;
}

/* Each attachment: a new page with its label and title, then its blocks
 * (headings numbered afresh). */
static void build_attachments(builder *b, const ynode *atts)
{
    for (int i = 0; i < atts->n; i++) {
        const ynode *att = atts->items[i], *t = ynode_lookup(att, "title"), *body = ynode_lookup(att, "body");
        if (!t || t->kind != YNODE_SCALAR) continue;
        model_block *blk = new_block(b, BLOCK_ATTACHMENT, att->pos);
        blk->text = text_of(t);
        blk->number = atts->n > 1 ? arena_printf(b->a, "%d", i + 1) : "";
        memset(b->counters, 0, sizeof b->counters);
        if (!body) continue;
        if (body->kind != YNODE_SEQ) {
            diag_error(b->d, body->pos, "write each block as a '- ' list item", "an attachment's body must be a list");
            b->ok = false;
            continue;
        }
        for (int k = 0; k < body->n && !diag_full(b->d); k++) build_block(b, body->items[k]);
    }
}

model_doc *model_build(arena *a, diag *d, const ynode *root, const model_paths *paths)
{
    builder b = { .a = a, .d = d, .ok = true };
    b.doc = arena_alloc(a, sizeof *b.doc);
    if (root->kind != YNODE_MAP) {
        static const char *const keys[] = { "meta", "layout", "body", NULL };
        schema_check_keys(d, root, "the report", keys);
        return NULL;
    }
    build_layout(&b, ynode_lookup(root, "layout"), root->pos, paths);
    const style *st = b.doc->style;
    const ynode *v, *body;
    bool attachments_noted = false;
    if (st && st->template_node) {
        /* A templated report (template.c): the layout gives the document,
           the report its issuer, prose and numbers. */
        template_doc td;
        if ((v = ynode_lookup(root, "meta"))) build_meta(&b, v);
        if (!template_expand(a, d, st->template_node, root, paths->base_dir, &td)) return NULL;
        model_meta *m = &b.doc->meta;
        if (!m->title) m->title = td.title;
        if (!m->author) m->author = td.issuer;
        if (!m->language) m->language = "zh-CN";
        if (!m->year) m->year = td.year, m->month = td.month, m->day = td.day;
        body = td.body;
    } else {
        static const char *const keys[] = { "meta", "layout", "body", "attachments", NULL };
        if (!schema_check_keys(d, root, "the report", keys)) b.ok = false;
        if ((v = ynode_lookup(root, "meta"))) build_meta(&b, v);
        body = ynode_lookup(root, "body");
        if (!body) {
            diag_error(d, root->pos, "add 'body:' with a list of headings and paragraphs", "the report has no body");
            return NULL;
        }
    }
    if (body->kind != YNODE_SEQ) {
        diag_error(d, body->pos, "write each block as a '- ' list item", "body must be a list, not %s",
                   ynode_kind_name(body));
        return NULL;
    }
    const ynode *attachments = ynode_lookup(root, "attachments");
    if (attachments && (attachments->kind != YNODE_SEQ || attachments->n == 0)) {
        diag_error(d, attachments->pos, "attachments: [{title: …, body: [...]}]", "attachments must be a non-empty list");
        b.ok = false;
        attachments = NULL;
    }
    for (int i = 0; i < body->n && !diag_full(d); i++) {
        /* GB/T 9704 §7.3.4: the 附件说明 follows the body, before the 落款. */
        const ynode *item = body->items[i];
        if (attachments && item->kind == YNODE_MAP && ynode_lookup(item, "signature")) {
            build_attachment_note(&b, attachments);
            attachments_noted = true;
        }
        build_block(&b, item);
    }
    if (attachments && !attachments_noted) build_attachment_note(&b, attachments);
    if (attachments) build_attachments(&b, attachments);
    return b.ok ? b.doc : NULL;
}

/* ---- dump ---------------------------------------------------------------- */

static void dump_string(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
        else if (c == '\n') fputs("\\n", out);
        else fputc(c, out);
    }
    fputc('"', out);
}

static void dump_text(FILE *out, const char *label, const model_text *t)
{
    if (!t->utf8) return;
    fprintf(out, " %s=", label);
    dump_string(out, t->utf8, t->len);
}

void model_dump(const model_doc *doc, FILE *out)
{
    const model_meta *m = &doc->meta;
    const char *fields[][2] = { { "title", m->title }, { "author", m->author }, { "subject", m->subject },
                                { "keywords", m->keywords }, { "language", m->language } };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (!fields[i][1]) continue;
        fprintf(out, "meta %s ", fields[i][0]);
        dump_string(out, fields[i][1], strlen(fields[i][1]));
        fputc('\n', out);
    }
    if (m->year) fprintf(out, "meta date %04d-%02d-%02d\n", m->year, m->month, m->day);
    fprintf(out, "layout %s\n", doc->style->name);
    static const char *const kind_names[] = { "title", "heading", "paragraph", "page-break", "signature", "table", "attachment-note", "attachment" };
    for (int i = 0; i < doc->n_blocks; i++) {
        const model_block *blk = &doc->blocks[i];
        fprintf(out, "%d:%d %s", blk->pos.line, blk->pos.col, kind_names[blk->kind]);
        if (blk->kind == BLOCK_HEADING) {
            fprintf(out, " level=%d", blk->level);
            if (blk->number) {
                fputs(" number=", out);
                dump_string(out, blk->number, strlen(blk->number));
            }
        }
        dump_text(out, blk->kind == BLOCK_SIGNATURE ? "issuer" : "text", &blk->text);
        dump_text(out, "run-in", &blk->run_in);
        dump_text(out, "date", &blk->date);
        fputc('\n', out);
        if (blk->table) table_model_dump(blk->table, out);
        for (int k = 0; k < blk->n_items; k++) dump_text(out, "  item", &blk->items[k]), fputc('\n', out);
    }
}
