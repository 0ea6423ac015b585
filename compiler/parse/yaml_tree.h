/* yaml_tree.h — YAML text to a tree whose every node knows its position.
 *
 * The only file that includes <yaml.h> is yaml_tree.c, and only the parse
 * stage reads the tree: it binds it to the plain structs of syntax.h,
 * style.h and the rest, which later stages use.  Aliases share the anchored
 * node (no copy); hostile input is bounded by yaml_limits.  Before libyaml
 * sees the text it is checked here, so that every problem is reported where
 * it is: bytes that are not UTF-8, a NUL byte, control characters, a file in
 * UTF-16.  Tags other than the core ones (!!str, !!seq, !!map) are refused —
 * reportc has no !include and never builds objects from tags. */
#ifndef REPORTC_YAML_TREE_H
#define REPORTC_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

typedef enum { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP } ynode_kind;

typedef struct ynode ynode;

typedef struct ypair {
    ynode *key;   /* always a scalar (complex keys are rejected) */
    ynode *value;
} ypair;

/* One node per scalar, sequence or mapping of the input: 96 bytes (a
 * 4 MiB input of short keys makes 600,000 of them), so the small fields
 * come first and a node holds items or pairs, never both. */
struct ynode {
    ynode_kind kind;
    bool plain;         /* scalar written without quotes, block style or !!str */
    bool single_line;   /* scalar's text is on one source line, escape-free:
                           character i of str sits i characters (and bytes)
                           after text_pos */
    int n;              /* number of items or pairs */
    src_pos pos;        /* where the node starts (its quote, bracket …) */
    src_pos text_pos;   /* a scalar's first character of content */
    const char *str;    /* scalar value, NUL-terminated (arena); never holds a NUL */
    size_t len;
    union {
        ynode **items;  /* a sequence's items */
        ypair *pairs;   /* a mapping's pairs, in source order */
    };
};

typedef struct yaml_limits {
    size_t max_input_bytes;   /* input size */
    int max_depth;            /* nesting of sequences and mappings */
    long max_alias_nodes;     /* nodes reachable through aliases, counted per use */
    long max_nodes;           /* scalars, sequences and mappings written, in all
                                 the files parsed with these limits */
    long nodes;               /* … so far (yaml_tree_parse adds its file's) */
} yaml_limits;

/* The defaults: 4 MiB a file, 64 levels, 100,000 aliased nodes, 500,000
 * nodes.  Nodes are bounded apart from bytes: "1," is a node in two bytes,
 * and a node with what the stages after build of it costs some 500 bytes,
 * so 4 MiB of them would take a gigabyte; 500,000 nodes is ten times the
 * largest report seen.  The node budget is one for a run: the report, its
 * layouts (eight may extend each other) and last year's report share it. */
yaml_limits yaml_limits_default(void);

/* Parses the single document of src into a tree whose nodes are allocated
 * in `nodes`, the scalars' text (ynode.str) and src->char_marks in `a`: the
 * nodes may be freed once read, the text may not (it is bound, not copied).
 * Returns NULL after recording diagnostics when the text is not valid YAML
 * or breaks a limit.  An empty document gives an empty mapping.  Fills
 * src->char_marks (src must be writable until then). */
ynode *yaml_tree_parse(arena *a, arena *nodes, diag *d, source *src, yaml_limits *limits);

/* A hint for the slips of a Chinese keyboard in text meant as YAML
 * structure, s[0..n) (a line, or a scalar where a mapping was expected): a
 * full-width colon '：', a full-width space or a tab indenting, no space
 * after ':'.  NULL when none is seen. */
const char *yaml_typo_hint(const char *s, size_t n);

/* Value of key `key` in mapping m, or NULL (also when m is not a mapping). */
ynode *yaml_lookup(const ynode *m, const char *key);
/* The pair holding `key`, or NULL. */
const ypair *yaml_lookup_pair(const ynode *m, const char *key);

/* True for a plain scalar that YAML 1.2 core schema reads as null
 * ("", "~", "null"). */
bool yaml_is_null(const ynode *n);

/* A short English name of the node's type for diagnostics: "a mapping",
 * "a list", "a string", "null". */
const char *yaml_kind_name(const ynode *n);

#endif
