/* yaml_tree.c — libyaml event stream to ynode tree; see yaml_tree.h. */
#include "yaml_tree.h"

#include <string.h>
#include <yaml.h>

yaml_limits yaml_limits_default(void)
{
    return (yaml_limits){ .max_input_bytes = 16u << 20, .max_depth = 64, .max_alias_nodes = 100000 };
}

typedef struct anchor {
    const char *name;
    ynode *node;
    long weight;       /* nodes in the anchored subtree, aliases included */
} anchor;

typedef struct builder {
    arena *a;
    diag *d;
    const source *src;
    const yaml_limits *limits;
    yaml_parser_t parser;
    anchor *anchors;
    int n_anchors, cap_anchors;
    long alias_nodes;
    bool failed;
} builder;

static src_pos pos_of(const builder *b, yaml_mark_t m)
{
    return (src_pos){ b->src, (int)m.line + 1, (int)m.column + 1 };
}

/* Reads the next event; records a syntax diagnostic on failure. */
static bool next_event(builder *b, yaml_event_t *ev)
{
    if (yaml_parser_parse(&b->parser, ev)) return true;
    yaml_parser_t *p = &b->parser;
    src_pos pos = pos_of(b, p->problem_mark);
    /* An unterminated quote or bracket is found at the end of the input; the
       place to fix is where it was opened. */
    if (p->context && p->problem && strstr(p->problem, "end of stream")) pos = pos_of(b, p->context_mark);
    if (p->context)
        diag_error(b->d, pos, "check indentation, quoting and ':' separators near this point",
                   "YAML syntax error: %s %s", p->problem ? p->problem : "invalid input", p->context);
    else
        diag_error(b->d, pos, "check indentation, quoting and ':' separators near this point",
                   "YAML syntax error: %s", p->problem ? p->problem : "invalid input");
    b->failed = true;
    return false;
}

static void remember_anchor(builder *b, const unsigned char *name, ynode *node, long weight)
{
    if (!name) return;
    arena_grow(b->a, (void **)&b->anchors, &b->cap_anchors, b->n_anchors + 1, sizeof *b->anchors);
    b->anchors[b->n_anchors++] = (anchor){ arena_strdup(b->a, (const char *)name), node, weight };
}

static ynode *new_node(builder *b, ynode_kind kind, yaml_mark_t m)
{
    ynode *n = arena_alloc(b->a, sizeof *n);
    n->kind = kind;
    n->pos = pos_of(b, m);
    return n;
}

static ynode *parse_node(builder *b, yaml_event_t *ev, int depth, long *weight);

/* Parses items or pairs until the closing event; ev is the opening event. */
static ynode *parse_collection(builder *b, yaml_event_t *open, int depth, long *weight)
{
    bool is_map = open->type == YAML_MAPPING_START_EVENT;
    ynode *n = new_node(b, is_map ? YNODE_MAP : YNODE_SEQ, open->start_mark);
    const unsigned char *anchor_name = is_map ? open->data.mapping_start.anchor
                                              : open->data.sequence_start.anchor;
    char *anchor_copy = anchor_name ? arena_strdup(b->a, (const char *)anchor_name) : NULL;
    if (depth >= b->limits->max_depth) {
        diag_error(b->d, n->pos, "flatten the structure",
                   "nesting deeper than %d levels (the input nesting limit)", b->limits->max_depth);
        b->failed = true;
        return NULL;
    }
    int cap = 0;
    long total = 1;
    for (;;) {
        yaml_event_t ev;
        if (!next_event(b, &ev)) return NULL;
        if (ev.type == YAML_MAPPING_END_EVENT || ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        long w = 0;
        ynode *child = parse_node(b, &ev, depth + 1, &w);
        yaml_event_delete(&ev);
        if (!child) return NULL;
        total += w;
        if (!is_map) {
            arena_grow(b->a, (void **)&n->items, &cap, n->n + 1, sizeof *n->items);
            n->items[n->n++] = child;
            continue;
        }
        if (child->kind != YNODE_SCALAR) {
            diag_error(b->d, child->pos, "use a plain word as the key", "a mapping key must be a scalar, not %s",
                       ynode_kind_name(child));
            b->failed = true;
            return NULL;
        }
        for (int i = 0; i < n->n; i++)
            if (strcmp(n->pairs[i].key->str, child->str) == 0) {
                diag_error(b->d, child->pos, NULL, "duplicate key '%s' (first given at line %d)",
                           child->str, n->pairs[i].key->pos.line);
                break;
            }
        yaml_event_t vev;
        if (!next_event(b, &vev)) return NULL;
        long vw = 0;
        ynode *value = parse_node(b, &vev, depth + 1, &vw);
        yaml_event_delete(&vev);
        if (!value) return NULL;
        total += vw;
        arena_grow(b->a, (void **)&n->pairs, &cap, n->n + 1, sizeof *n->pairs);
        n->pairs[n->n++] = (ypair){ child, value };
    }
    *weight = total;
    if (anchor_copy) remember_anchor(b, (const unsigned char *)anchor_copy, n, total);
    return n;
}

static ynode *parse_scalar(builder *b, yaml_event_t *ev, long *weight)
{
    ynode *n = new_node(b, YNODE_SCALAR, ev->start_mark);
    n->str = arena_strndup(b->a, (const char *)ev->data.scalar.value, ev->data.scalar.length);
    n->len = ev->data.scalar.length;
    yaml_scalar_style_t style = ev->data.scalar.style;
    n->plain = style == YAML_PLAIN_SCALAR_STYLE;
    n->text_col = n->pos.col;
    bool quoted = style == YAML_SINGLE_QUOTED_SCALAR_STYLE || style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    if (quoted) n->text_col++;
    /* Character i sits at text_col + i only if nothing was folded or unescaped:
       one source line whose length in characters equals the value's. */
    if ((n->plain || quoted) && ev->start_mark.line == ev->end_mark.line) {
        size_t src_chars = ev->end_mark.column - ev->start_mark.column - (quoted ? 2 : 0);
        size_t chars = 0;
        for (size_t i = 0; i < n->len; i++) chars += ((unsigned char)n->str[i] & 0xC0) != 0x80;
        n->single_line = src_chars == chars;
    }
    *weight = 1;
    remember_anchor(b, ev->data.scalar.anchor, n, 1);
    return n;
}

static ynode *parse_node(builder *b, yaml_event_t *ev, int depth, long *weight)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        return parse_scalar(b, ev, weight);
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return parse_collection(b, ev, depth, weight);
    case YAML_ALIAS_EVENT: {
        const char *name = (const char *)ev->data.alias.anchor;
        for (int i = b->n_anchors - 1; i >= 0; i--) {
            if (strcmp(b->anchors[i].name, name) != 0) continue;
            /* Billion-laughs guard: every use of an alias counts the whole
               subtree it stands for. */
            b->alias_nodes += b->anchors[i].weight;
            if (b->alias_nodes > b->limits->max_alias_nodes) {
                diag_error(b->d, pos_of(b, ev->start_mark), "use fewer aliases",
                           "aliases expand to more than %ld nodes (the alias expansion limit)",
                           b->limits->max_alias_nodes);
                b->failed = true;
                return NULL;
            }
            *weight = b->anchors[i].weight;
            return b->anchors[i].node;
        }
        diag_error(b->d, pos_of(b, ev->start_mark), "define the anchor with &name before using *name",
                   "unknown alias '*%s'", name);
        b->failed = true;
        return NULL;
    }
    default:
        diag_error(b->d, pos_of(b, ev->start_mark), NULL, "unexpected YAML event");
        b->failed = true;
        return NULL;
    }
}

ynode *yaml_tree_parse(arena *a, diag *d, const source *src, const yaml_limits *limits)
{
    if (src->len > limits->max_input_bytes) {
        diag_error(d, (src_pos){ src, 1, 1 }, "split the report or shorten it",
                   "input is %zu bytes, more than the input size limit of %zu bytes",
                   src->len, limits->max_input_bytes);
        return NULL;
    }
    builder b = { .a = a, .d = d, .src = src, .limits = limits };
    if (!yaml_parser_initialize(&b.parser)) {
        diag_error(d, (src_pos){ src, 1, 1 }, NULL, "cannot initialise the YAML parser");
        return NULL;
    }
    yaml_parser_set_input_string(&b.parser, (const unsigned char *)src->text, src->len);
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
            long w = 0;
            root = parse_node(&b, &ev, 0, &w);
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&b.parser);
    if (b.failed) return NULL;
    if (!root || ynode_is_null(root)) {
        root = arena_alloc(a, sizeof *root);
        root->kind = YNODE_MAP;
        root->pos = (src_pos){ src, 1, 1 };
    }
    return root;
}

ynode *ynode_lookup(const ynode *m, const char *key)
{
    const ypair *p = ynode_lookup_pair(m, key);
    return p ? p->value : NULL;
}

const ypair *ynode_lookup_pair(const ynode *m, const char *key)
{
    if (!m || m->kind != YNODE_MAP) return NULL;
    for (int i = 0; i < m->n; i++)
        if (strcmp(m->pairs[i].key->str, key) == 0) return &m->pairs[i];
    return NULL;
}

bool ynode_is_null(const ynode *n)
{
    return n && n->kind == YNODE_SCALAR && n->plain &&
           (n->len == 0 || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
            strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0);
}

const char *ynode_kind_name(const ynode *n)
{
    if (!n) return "nothing";
    switch (n->kind) {
    case YNODE_MAP: return "a mapping";
    case YNODE_SEQ: return "a list";
    default: return ynode_is_null(n) ? "null" : "a string";
    }
}
