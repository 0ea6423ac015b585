/* yaml_tree.c — libyaml event stream to ynode tree; see yaml_tree.h. */
#include "yaml_tree.h"

#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "base/strindex.h"
#include "base/utf8.h"
#include "base/i18n.h"

yaml_limits yaml_limits_default(void)
{
    return (yaml_limits){ .max_input_bytes = 4u << 20, .max_depth = 64, .max_alias_nodes = 100000,
                          .max_nodes = 500000 };
}

/* ---- the text before libyaml sees it -------------------------------------- */

/* YAML 1.2 §5.1: the characters a YAML stream may hold. */
static bool printable(uint32_t cp)
{
    return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
           (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* Text saved in UTF-16 (Notepad's "Unicode") has a byte order mark or, for
 * mostly-ASCII text, a NUL byte beside every other byte. */
static const char *utf16_kind(const unsigned char *t, size_t n)
{
    if (n >= 2 && t[0] == 0xFF && t[1] == 0xFE) return _("UTF-16 (little-endian, with a byte order mark)");
    if (n >= 2 && t[0] == 0xFE && t[1] == 0xFF) return _("UTF-16 (big-endian, with a byte order mark)");
    if (n >= 4 && t[1] == 0 && t[3] == 0 && t[0] && t[2]) return _("UTF-16 (little-endian)");
    if (n >= 4 && t[0] == 0 && t[2] == 0 && t[1] && t[3]) return _("UTF-16 (big-endian)");
    return NULL;
}

/* Checks the encoding and the characters of src and records the byte
 * offset of every SOURCE_CHAR_MARK-th character (counted as libyaml counts:
 * from after a byte order mark).  The first problem is an error at its own
 * line and column. */
static bool check_text(arena *a, diag *d, source *src)
{
    const unsigned char *t = (const unsigned char *)src->text;
    size_t n = src->len;
    const char *u16 = utf16_kind(t, n);
    if (u16) {
        diag_error(d, (src_pos){ src, 1, 1, 0 }, "save the file as UTF-8 (in Notepad: Save as, Encoding UTF-8)",
                   "the file is in %s; reportc reads UTF-8", u16);
        return false;
    }
    size_t start = n >= 3 && t[0] == 0xEF && t[1] == 0xBB && t[2] == 0xBF ? 3 : 0;
    size_t cap = (n - start) / SOURCE_CHAR_MARK + 2, count = 0;
    uint32_t *marks = arena_alloc(a, cap * sizeof *marks);
    int line = 1, col = 1;
    for (size_t i = start, chars = 0; i < n; chars++) {
        if (chars % SOURCE_CHAR_MARK == 0) marks[count++] = (uint32_t)i;
        unsigned char c = t[i];
        if (c >= 0x20 && c < 0x7F) {   /* printable ASCII, the common case */
            col++;
            i++;
            continue;
        }
        uint32_t cp;
        int k = utf8_decode((const char *)t + i, n - i, &cp);
        src_pos here = { src, line, col, i };
        if (k == 0) {
            diag_error(d, here, "save the file as UTF-8; a file from another program may be in GBK/GB18030",
                       "byte 0x%02X is not UTF-8 (the input must be UTF-8 text)", t[i]);
            return false;
        }
        if (cp == 0) {
            diag_error(d, here, "remove it: a YAML text holds no NUL bytes", "a NUL byte in the text");
            return false;
        }
        if (!printable(cp) && !(cp == 0xFEFF && i == 0)) {
            diag_error(d, here, "remove it, or write it as an escape (\\u%04X) inside double quotes",
                       "control character U+%04X in the text", (unsigned)cp);
            return false;
        }
        if (cp == '\n') line++, col = 1;
        else col++;
        i += (size_t)k;
    }
    src->char_marks = marks;
    src->n_char_marks = count;
    return true;
}

/* ---- the tree ------------------------------------------------------------- */

/* What a subtree stands for once aliases are expanded: its nodes and the
 * bytes of its scalars (a 1 MB paragraph aliased 300 times is 300 MB of
 * text to lay out, however few its nodes). */
typedef struct yweight {
    long nodes;
    size_t bytes;
} yweight;

typedef struct anchor {
    const char *name;
    ynode *node;
    yweight weight;    /* of the anchored subtree, aliases included */
} anchor;

typedef struct builder {
    arena *a;                      /* the nodes */
    arena *strings;                /* the scalars' text, which outlives the nodes */
    diag *d;
    const source *src;
    yaml_limits *limits;
    yaml_parser_t parser;
    anchor *anchors;
    int n_anchors, cap_anchors;
    strindex anchor_index;         /* name → its latest definition in anchors */
    long alias_nodes;
    size_t alias_bytes;
    bool failed;
    size_t last_char, last_byte;   /* the last mark converted: marks mostly move forward */
} builder;

/* libyaml counts characters (mark.index); diagnostics want bytes too.
 * From the last mark converted when it is just behind, else from the
 * nearest checkpoint: the whole parse walks the text about once. */
static size_t byte_offset(builder *b, size_t char_index)
{
    const source *src = b->src;
    if (!src->char_marks || src->n_char_marks == 0) return 0;
    size_t k = char_index / SOURCE_CHAR_MARK;
    if (k >= src->n_char_marks) k = src->n_char_marks - 1;
    size_t c = k * SOURCE_CHAR_MARK, off = src->char_marks[k];
    if (b->last_char <= char_index && b->last_char >= c) c = b->last_char, off = b->last_byte;
    for (; c < char_index && off < src->len; c++) {
        unsigned char ch = (unsigned char)src->text[off];
        if (ch < 0x80) {
            off++;
            continue;
        }
        uint32_t cp;
        int w = utf8_decode(src->text + off, src->len - off, &cp);
        off += w ? (size_t)w : 1;
    }
    b->last_char = c;
    b->last_byte = off;
    return off;
}

static src_pos pos_of(builder *b, yaml_mark_t m)
{
    return (src_pos){ b->src, (int)m.line + 1, (int)m.column + 1, byte_offset(b, m.index) };
}

const char *yaml_typo_hint(const char *s, size_t n)
{
    static const char fw_colon[] = "\xEF\xBC\x9A", fw_space[] = "\xE3\x80\x80";
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    if (i < n && s[i] == '\t') return N_("a tab indents this line: YAML indents with spaces");
    if (n - i >= 3 && memcmp(s + i, fw_space, 3) == 0)
        return N_("a full-width space (U+3000) indents this line: indent with ASCII spaces");
    for (size_t k = i; k + 3 <= n; k++)
        if (memcmp(s + k, fw_colon, 3) == 0) return N_("'\xEF\xBC\x9A' is a full-width colon: YAML needs ':' and a space (title: 报告)");
    /* key:value, the key a plain word (not a URL's scheme: "https://…") */
    size_t k = i;
    while (k < n && (s[k] == '-' || s[k] == '_' || (s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
                     (s[k] >= '0' && s[k] <= '9')))
        k++;
    if (k > i && k + 1 < n && s[k] == ':' && s[k + 1] != ' ' && s[k + 1] != '/' && s[k + 1] != '\n')
        return N_("put a space after ':' (title: 报告)");
    return NULL;
}

/* The hint for a syntax error at pos, into buf: a keyboard slip on its
 * line or the line before (naming it), else the usual suspects. */
static const char *syntax_hint(src_pos pos, char *buf, size_t size)
{
    const source *src = pos.src;
    size_t end = pos.offset < src->len ? pos.offset : src->len;
    while (end < src->len && src->text[end] != '\n') end++;
    size_t start = pos.offset < src->len ? pos.offset : src->len;
    while (start > 0 && src->text[start - 1] != '\n') start--;
    for (int back = 0; back < 2; back++) {
        const char *hint = yaml_typo_hint(src->text + start, end - start);
        if (hint && back == 0) return hint;
        if (hint) {
            snprintf(buf, size, _("on line %d, %s"), pos.line - back, diag_tr(hint));
            return buf;
        }
        if (start == 0) break;
        end = start - 1;   /* the line before */
        start = end;
        while (start > 0 && src->text[start - 1] != '\n') start--;
    }
    return N_("check indentation, quoting and ':' separators near this point");
}

/* Reads the next event; records a syntax diagnostic on failure. */
static bool next_event(builder *b, yaml_event_t *ev)
{
    if (yaml_parser_parse(&b->parser, ev)) return true;
    yaml_parser_t *p = &b->parser;
    src_pos pos = p->error == YAML_READER_ERROR ? diag_pos_at_offset(b->src, p->problem_offset) : pos_of(b, p->problem_mark);
    /* An unterminated quote or bracket is found at the end of the input; the
       place to fix is where it was opened. */
    if (p->context && p->problem && strstr(p->problem, "end of stream")) pos = pos_of(b, p->context_mark);
    char buf[200];
    const char *hint = syntax_hint(pos, buf, sizeof buf);
    if (p->context)
        diag_error(b->d, pos, hint,
                   "YAML syntax error: %s %s", p->problem ? p->problem : "invalid input", p->context);
    else
        diag_error(b->d, pos, hint,
                   "YAML syntax error: %s", p->problem ? p->problem : "invalid input");
    b->failed = true;
    return false;
}

/* A tag on a node: only the core ones that change nothing are taken
 * (!!str makes a scalar text even when it looks like a number).  Anything
 * else — !include, !!python/object, !!binary, a local !tag — is refused:
 * reportc reads plain data. */
static bool check_tag(builder *b, const unsigned char *tag, yaml_mark_t at, bool *is_str)
{
    if (!tag) return true;
    const char *t = (const char *)tag;
    if (strcmp(t, "!") == 0 || strcmp(t, YAML_STR_TAG) == 0) {
        *is_str = true;
        return true;
    }
    if (strcmp(t, YAML_SEQ_TAG) == 0 || strcmp(t, YAML_MAP_TAG) == 0) return true;
    const char *shown = strncmp(t, "tag:yaml.org,2002:", 18) == 0 ? t + 18 : t;
    diag_error(b->d, pos_of(b, at), "remove the tag: reportc reads plain YAML (no !include, no objects, no binary)",
               "unsupported YAML tag '%s%.80s'", shown == t ? "" : "!!", shown);
    b->failed = true;
    return false;
}

static void remember_anchor(builder *b, const unsigned char *name, ynode *node, yweight weight)
{
    if (!name) return;
    arena_grow(b->a, (void **)&b->anchors, &b->cap_anchors, b->n_anchors + 1, sizeof *b->anchors);
    const char *copy = arena_strdup(b->a, (const char *)name);
    strindex_put(&b->anchor_index, copy, b->n_anchors);
    b->anchors[b->n_anchors++] = (anchor){ copy, node, weight };
}

static ynode *new_node(builder *b, ynode_kind kind, yaml_mark_t m)
{
    ynode *n = arena_alloc(b->a, sizeof *n);
    n->kind = kind;
    n->pos = pos_of(b, m);
    n->text_pos = n->pos;
    return n;
}

static ynode *parse_node(builder *b, yaml_event_t *ev, int depth, yweight *weight);

/* The pair of map n whose key is key, or -1.  Small maps are searched in
 * order; from 8 pairs on, keys indexes them so that a mapping of 300,000
 * keys is not a quadratic scan. */
static int first_with_key(const ynode *n, strindex *keys, const char *key)
{
    enum { INDEX_FROM = 8 };
    if (n->n < INDEX_FROM) {
        for (int i = 0; i < n->n; i++)
            if (strcmp(n->pairs[i].key->str, key) == 0) return i;
        return -1;
    }
    if (keys->n == 0)
        for (int i = n->n - 1; i >= 0; i--) strindex_put(keys, n->pairs[i].key->str, i);
    return strindex_get(keys, key);
}

/* Parses the items or pairs of n until the closing event; adds their
 * weights to *total.  False on an error (already reported). */
static bool parse_items(builder *b, ynode *n, bool is_map, int depth, yweight *total)
{
    strindex keys = { 0 };
    int cap = 0;
    bool ok = false;
    for (;;) {
        yaml_event_t ev;
        if (!next_event(b, &ev)) goto out;
        if (ev.type == YAML_MAPPING_END_EVENT || ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        yweight w = { 0, 0 };
        ynode *child = parse_node(b, &ev, depth + 1, &w);
        yaml_event_delete(&ev);
        if (!child) goto out;
        total->nodes += w.nodes, total->bytes += w.bytes;
        if (!is_map) {
            arena_grow(b->a, (void **)&n->items, &cap, n->n + 1, sizeof *n->items);
            n->items[n->n++] = child;
            continue;
        }
        if (child->kind != YNODE_SCALAR) {
            diag_error(b->d, child->pos, "use a plain word as the key", "a mapping key must be a scalar, not %s",
                       yaml_kind_name(child));
            b->failed = true;
            goto out;
        }
        int first = first_with_key(n, &keys, child->str);
        if (first >= 0)
            diag_error(b->d, child->pos, "keep one of the two", "duplicate key '%.200s' (first given at line %d)",
                       child->str, n->pairs[first].key->pos.line);
        yaml_event_t vev;
        if (!next_event(b, &vev)) goto out;
        yweight vw = { 0, 0 };
        ynode *value = parse_node(b, &vev, depth + 1, &vw);
        yaml_event_delete(&vev);
        if (!value) goto out;
        total->nodes += vw.nodes, total->bytes += vw.bytes;
        arena_grow(b->a, (void **)&n->pairs, &cap, n->n + 1, sizeof *n->pairs);
        n->pairs[n->n++] = (ypair){ child, value };
        if (keys.n > 0 && first < 0) strindex_put(&keys, child->str, n->n - 1);
    }
    ok = true;
out:
    strindex_done(&keys);
    return ok;
}

/* Parses a sequence or mapping; open is its opening event. */
static ynode *parse_collection(builder *b, yaml_event_t *open, int depth, yweight *weight)
{
    bool is_map = open->type == YAML_MAPPING_START_EVENT;
    bool is_str = false;
    if (!check_tag(b, is_map ? open->data.mapping_start.tag : open->data.sequence_start.tag, open->start_mark, &is_str))
        return NULL;
    ynode *n = new_node(b, is_map ? YNODE_MAP : YNODE_SEQ, open->start_mark);
    if (is_str) {
        diag_error(b->d, n->pos, "remove the tag", "!!str on a %s", is_map ? "mapping" : "list");
        b->failed = true;
        return NULL;
    }
    const unsigned char *anchor_name = is_map ? open->data.mapping_start.anchor
                                              : open->data.sequence_start.anchor;
    char *anchor_copy = anchor_name ? arena_strdup(b->a, (const char *)anchor_name) : NULL;
    if (depth >= b->limits->max_depth) {
        diag_error(b->d, n->pos, "flatten the structure",
                   "nesting deeper than %d levels (the input nesting limit)", b->limits->max_depth);
        b->failed = true;
        return NULL;
    }
    yweight total = { 1, 0 };
    if (!parse_items(b, n, is_map, depth, &total)) return NULL;
    *weight = total;
    if (anchor_copy) remember_anchor(b, (const unsigned char *)anchor_copy, n, total);
    return n;
}

static ynode *parse_scalar(builder *b, yaml_event_t *ev, yweight *weight)
{
    bool is_str = false;
    if (!check_tag(b, ev->data.scalar.tag, ev->start_mark, &is_str)) return NULL;
    ynode *n = new_node(b, YNODE_SCALAR, ev->start_mark);
    size_t len = ev->data.scalar.length;
    if (memchr(ev->data.scalar.value, 0, len)) {
        /* "\0" in a double-quoted string: C strings would end there. */
        diag_error(b->d, n->pos, "remove the \\0 escape", "a NUL character in a string");
        b->failed = true;
        return NULL;
    }
    n->str = arena_strndup(b->strings, (const char *)ev->data.scalar.value, len);
    n->len = len;
    yaml_scalar_style_t style = ev->data.scalar.style;
    n->plain = style == YAML_PLAIN_SCALAR_STYLE && !is_str;
    bool quoted = style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    if (quoted) n->text_pos = diag_pos_advance(n->pos, 1, 1);
    /* Character i sits at text_pos + i only if nothing was folded or unescaped:
       one source line whose length in characters equals the value's (every
       escape and fold shortens the text, so equal lengths mean none). */
    if ((style == YAML_PLAIN_SCALAR_STYLE || quoted) && ev->start_mark.line == ev->end_mark.line) {
        size_t src_chars = ev->end_mark.index - ev->start_mark.index - (quoted ? 2 : 0);
        n->single_line = src_chars == utf8_length(n->str, n->len) &&
                         n->text_pos.offset + n->len <= b->src->len &&
                         memcmp(b->src->text + n->text_pos.offset, n->str, n->len) == 0;
    }
    *weight = (yweight){ 1, len };
    remember_anchor(b, ev->data.scalar.anchor, n, *weight);
    return n;
}

static ynode *parse_node(builder *b, yaml_event_t *ev, int depth, yweight *weight)
{
    if (ev->type != YAML_ALIAS_EVENT && ++b->limits->nodes > b->limits->max_nodes) {
        diag_error(b->d, pos_of(b, ev->start_mark), "split the report, or shorten its tables",
                   "more than %ld values in the report and its layouts (the input node limit)", b->limits->max_nodes);
        b->failed = true;
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return parse_scalar(b, ev, weight);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return parse_collection(b, ev, depth, weight);
    case YAML_ALIAS_EVENT: {
        const char *name = (const char *)ev->data.alias.anchor;
        int i = strindex_get(&b->anchor_index, name);
        if (i >= 0) {
            /* Billion-laughs guard: every use of an alias counts the whole
               subtree it stands for, in nodes and in bytes of text. */
            b->alias_nodes += b->anchors[i].weight.nodes;
            b->alias_bytes += b->anchors[i].weight.bytes;
            if (b->alias_nodes > b->limits->max_alias_nodes || b->alias_bytes > b->limits->max_input_bytes) {
                bool nodes = b->alias_nodes > b->limits->max_alias_nodes;
                diag_error(b->d, pos_of(b, ev->start_mark), "use fewer aliases",
                           "aliases expand to more than %ld %s (the alias expansion limit)",
                           nodes ? b->limits->max_alias_nodes : (long)b->limits->max_input_bytes,
                           nodes ? _("nodes") : _("bytes of text"));
                b->failed = true;
                return NULL;
            }
            *weight = b->anchors[i].weight;
            return b->anchors[i].node;
        }
        diag_error(b->d, pos_of(b, ev->start_mark), "define the anchor with &name before using *name",
                   "unknown alias '*%.100s'", name);
        b->failed = true;
        return NULL;
    }
    default:
        diag_internal(b->d, "parse", "libyaml gave an unexpected event (%d)", (int)ev->type);
        b->failed = true;
        return NULL;
    }
}

ynode *yaml_tree_parse(arena *a, arena *nodes, diag *d, source *src, yaml_limits *limits)
{
    if (src->len > limits->max_input_bytes) {
        diag_error(d, (src_pos){ src, 1, 1, 0 }, "split the report or shorten it",
                   "input is %zu bytes, more than the input size limit of %zu bytes",
                   src->len, limits->max_input_bytes);
        return NULL;
    }
    if (!check_text(a, d, src)) return NULL;
    builder b = { .a = nodes, .strings = a, .d = d, .src = src, .limits = limits };
    if (!yaml_parser_initialize(&b.parser)) {
        diag_internal(d, "parse", "cannot initialise the YAML parser (out of memory)");
        return NULL;
    }
    /* A UTF-8 byte order mark (Notepad writes one) is no content: with the
       encoding set, libyaml would read it as a character of the first key. */
    size_t bom = src->len >= 3 && memcmp(src->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    b.last_byte = bom;   /* character 0 is the one after the mark, as in char_marks */
    yaml_parser_set_input_string(&b.parser, (const unsigned char *)src->text + bom, src->len - bom);
    yaml_parser_set_encoding(&b.parser, YAML_UTF8_ENCODING);
    ynode *root = NULL;
    yaml_event_t ev;
    bool in_doc = false;
    while (!b.failed && next_event(&b, &ev)) {
        yaml_event_type_t t = ev.type;
        if (t == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        if (t == YAML_DOCUMENT_START_EVENT) {
            if (root || in_doc) {
                diag_error(d, pos_of(&b, ev.start_mark), "remove the '---' separator",
                           "the input holds more than one YAML document");
                b.failed = true;
            }
            in_doc = true;
        } else if (t == YAML_SCALAR_EVENT || t == YAML_SEQUENCE_START_EVENT ||
                   t == YAML_MAPPING_START_EVENT || t == YAML_ALIAS_EVENT) {
            yweight w = { 0, 0 };
            root = parse_node(&b, &ev, 0, &w);
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&b.parser);
    strindex_done(&b.anchor_index);
    if (b.failed) return NULL;
    if (!root || yaml_is_null(root)) {
        root = arena_alloc(nodes, sizeof *root);
        root->kind = YNODE_MAP;
        root->pos = root->text_pos = (src_pos){ src, 1, 1, 0 };
    }
    return root;
}

ynode *yaml_lookup(const ynode *m, const char *key)
{
    const ypair *p = yaml_lookup_pair(m, key);
    return p ? p->value : NULL;
}

const ypair *yaml_lookup_pair(const ynode *m, const char *key)
{
    if (!m || m->kind != YNODE_MAP) return NULL;
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->pairs[i].key->str, key) == 0) return &m->pairs[i];
    return NULL;
}

bool yaml_is_null(const ynode *n)
{
    return n && n->kind == YNODE_SCALAR && n->plain &&
           (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
            strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0);
}

const char *yaml_kind_name(const ynode *n)
{
    if (!n) return _("nothing");
    switch (n->kind) {
    case YNODE_MAP: return _("a mapping");
    case YNODE_SEQ: return _("a list");
    default: return yaml_is_null(n) ? _("null") : _("a string");
    }
}
