/* parse_blocks.c — body blocks to syn_block (parse_internal.h).
 *
 * A block is a plain string (a paragraph) or a mapping with exactly one of
 * the kinds below; a signature's seal image is read and checked here. */
#include <stdio.h>
#include <string.h>

#include "parse_internal.h"
#include "base/i18n.h"

const char *const parse_block_kinds[] = { "title", "heading", "h1", "h2", "h3", "h4", "paragraph",
                                         "page-break", "signature", "table", NULL };
static const char kinds_hint[] = N_("the block kinds are title, heading, h1–h4, paragraph, table, page-break and signature");

/* The largest seal file read: a seal is a small picture; this is 200 times
 * a 1,000 × 1,000 PNG.  The seals of a report, their files and their
 * decoded images counted, are at most twice that: a 130-byte PNG may decode
 * to 12 MB, and a report may name many files (one named many times is read
 * once). */
enum { MAX_SEAL_BYTES = 32 << 20, MAX_SEALS_BYTES = 64 << 20 };

/* Counts n more bytes of seals, for the seal at pos; false (an error said
 * once, where the limit is passed) beyond MAX_SEALS_BYTES. */
static bool seal_budget(parse_ctx *p, size_t n, src_pos pos)
{
    bool was_over = p->seal_bytes > MAX_SEALS_BYTES;
    p->seal_bytes += n;
    if (p->seal_bytes <= MAX_SEALS_BYTES) return true;
    if (!was_over)
        parse_error(p, pos, "use one seal file, or smaller ones",
                    "the seals of this report are more than %d MiB together, files and decoded images (the seal limit)",
                    MAX_SEALS_BYTES >> 20);
    p->ok = false;
    return false;
}

/* A seal file read and decoded: every signature naming it shares it, and
 * the PDF holds it once. */
struct parse_seal {
    const char *path;
    const image_data *image;
};

const char *const parse_heading_keys[] = { "heading", "h1", "h2", "h3", "h4", "level", "number", "run-in", NULL };

static bool parse_heading(parse_ctx *p, const ynode *m, const ynode *text, int level, syn_block *b)
{
    parse_keys(p, m, "a heading", parse_heading_keys);
    const ynode *v;
    long lv = level;
    b->level_implied = level == 1 || (level == 0 && !yaml_lookup(m, "level"));
    if ((v = yaml_lookup(m, "level"))) {
        if (level != 0) {
            parse_error(p, v->pos, "use 'heading:' with 'level:', or h1–h4 alone",
                        "'level' conflicts with the level of the h%d shorthand", level);
        } else if (!schema_int(p->d, v, "level", 1, 4, &lv)) {
            p->ok = false;
        }
    }
    if (lv == 0) lv = 1;
    b->kind = SYN_HEADING;
    b->level = (int)lv;
    if (!parse_text(p, text, "a heading", &b->text)) return false;
    b->numbering = SYN_NUMBER_AUTO;
    if ((v = yaml_lookup(m, "number"))) {
        syn_scalar number;
        if (parse_text(p, v, "number", &number)) {
            if (strcmp(number.s, "none") == 0) b->numbering = SYN_NUMBER_NONE;
            else if (strcmp(number.s, "auto") != 0) b->numbering = SYN_NUMBER_LITERAL, b->number = number;
        }
    }
    if ((v = yaml_lookup(m, "run-in"))) parse_text(p, v, "run-in", &b->run_in);
    return true;
}

/* The seal's image file, from the report's directory (GB/T 9704 §7.3.5.1). */
static void parse_seal(parse_ctx *p, const ynode *seal, syn_block *b)
{
    syn_scalar name;
    if (!parse_text(p, seal, "seal (an image file)", &name)) return;
    b->seal_pos = seal->pos;
    const char *path = parse_path(p, name.s);
    for (int i = 0; i < p->n_seals; i++)
        if (strcmp(p->seals[i].path, path) == 0) {
            b->seal = p->seals[i].image;   /* NULL: refused where first named */
            if (!b->seal) p->ok = false;
            return;
        }
    arena_grow(p->a, (void **)&p->seals, &p->cap_seals, p->n_seals + 1, sizeof *p->seals);
    struct parse_seal *s = &p->seals[p->n_seals++];
    *s = (struct parse_seal){ path, NULL };
    const char *text;
    size_t len;
    char why[200];
    static const char hint[] = "a seal is a PNG (its transparency is flattened onto white) or a JPEG";
    /* The file is read into memory of its own: only the decoded image stays. */
    arena file;
    arena_init(&file);
    image_data *img = arena_alloc(p->a, sizeof *img);
    if (source_read_file(&file, p->files, path, MAX_SEAL_BYTES, false, &text, &len, why, sizeof why) != SOURCE_OK) {
        parse_error(p, seal->pos, hint, "cannot use %.200s as a seal: %s", path, why);
    } else if (seal_budget(p, len, seal->pos)) {
        if (!image_decode(p->a, (const uint8_t *)text, len, img, why, sizeof why))
            parse_error(p, seal->pos, hint, "cannot use %.200s as a seal: %s", path, why);
        else if (seal_budget(p, img->len, seal->pos))
            s->image = b->seal = img;
    }
    arena_done(&file);
}

const char *const parse_signature_keys[] = { "issuer", "date", "seal", NULL };

static bool parse_signature(parse_ctx *p, const ynode *value, syn_block *b)
{
    b->kind = SYN_SIGNATURE;
    if (yaml_is_null(value)) return true;
    if (!parse_keys(p, value, "a signature", parse_signature_keys)) return value->kind == YNODE_MAP;
    const ynode *v;
    if ((v = yaml_lookup(value, "issuer"))) parse_text(p, v, "signature issuer", &b->issuer);
    if ((v = yaml_lookup(value, "date"))) {
        b->date_pos = v->pos;
        if (schema_date(p->d, v, "signature date", &b->year, &b->month, &b->day)) b->has_date = true;
        else p->ok = false;
    }
    if ((v = yaml_lookup(value, "seal"))) parse_seal(p, v, b);
    return true;
}

/* The one kind key of block mapping `item`, or NULL after an error. */
static const ypair *kind_pair(parse_ctx *p, const ynode *item)
{
    const ypair *kind = NULL;
    for (int i = 0; i < item->n; i++) {
        const char *key = item->pairs[i].key->str;
        for (int k = 0; parse_block_kinds[k]; k++) {
            if (strcmp(key, parse_block_kinds[k]) != 0) continue;
            if (kind) {
                parse_error(p, item->pairs[i].key->pos, "split it into two list items",
                            "a block can be only one of its kinds: '%s' and '%s'", kind->key->str, key);
                return NULL;
            }
            kind = &item->pairs[i];
        }
    }
    if (!kind && item->n == 0) {
        parse_error(p, item->pos, kinds_hint, "an empty mapping is not a block");
        return NULL;
    }
    if (!kind) {
        const ynode *first = item->pairs[0].key;
        const char *near = schema_suggest(first->str, parse_block_kinds);
        char hint[160];
        if (near) snprintf(hint, sizeof hint, _("did you mean '%s'?"), near);
        else snprintf(hint, sizeof hint, "%s", diag_tr(kinds_hint));
        parse_error(p, first->pos, hint, "unknown block kind '%.80s'", first->str);
    }
    return kind;
}

bool parse_block(parse_ctx *p, const ynode *item, syn_block *b)
{
    memset(b, 0, sizeof *b);
    b->pos = item->pos;
    if (item->kind == YNODE_SCALAR) {
        /* The terse common case: a plain string is a paragraph. */
        b->kind = SYN_PARAGRAPH;
        return parse_text(p, item, "a paragraph", &b->text);
    }
    if (item->kind != YNODE_MAP) {
        parse_error(p, item->pos, "write a paragraph as text, other blocks as 'kind: value'",
                    "a body block must be text or a mapping, not %s", yaml_kind_name(item));
        return false;
    }
    const ypair *kind = kind_pair(p, item);
    if (!kind) return false;
    const char *k = kind->key->str;
    if (strcmp(k, "title") == 0 || strcmp(k, "paragraph") == 0) {
        bool title = k[0] == 't';
        static const char *const keys_title[] = { "title", NULL }, *const keys_par[] = { "paragraph", NULL };
        parse_keys(p, item, title ? "a title" : "a paragraph", title ? keys_title : keys_par);
        b->kind = title ? SYN_TITLE : SYN_PARAGRAPH;
        return parse_text(p, kind->value, title ? "a title" : "a paragraph", &b->text);
    }
    if (strcmp(k, "heading") == 0) return parse_heading(p, item, kind->value, 0, b);
    if (k[0] == 'h') return parse_heading(p, item, kind->value, k[1] - '0', b);
    if (strcmp(k, "page-break") == 0) {
        static const char *const keys[] = { "page-break", NULL };
        parse_keys(p, item, "a page break", keys);
        b->kind = SYN_PAGE_BREAK;
        return true;
    }
    if (strcmp(k, "table") == 0) {
        static const char *const keys[] = { "table", NULL };
        parse_keys(p, item, "a table block", keys);
        b->kind = SYN_TABLE;
        b->table = parse_table(p, kind->value, false);
        return b->table != NULL;
    }
    static const char *const keys[] = { "signature", NULL };
    parse_keys(p, item, "a signature", keys);
    return parse_signature(p, kind->value, b);
}

void parse_blocks(parse_ctx *p, const ynode *list, syn_blocks *out)
{
    out->items = arena_alloc(p->a, (size_t)(list->n ? list->n : 1) * sizeof *out->items);
    out->n = 0;
    for (int i = 0; i < list->n && !diag_full(p->d); i++)
        if (parse_block(p, list->items[i], &out->items[out->n])) out->n++;
}
