/* model.h — the document model: what the report says, bound and checked.
 *
 * Built from the YAML tree by model_build; the layout stage reads it and
 * never sees YAML.  Every block and text keeps its source position. */
#ifndef REPORTC_MODEL_H
#define REPORTC_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "parse/style.h"
#include "table_model.h"
#include "parse/yaml_tree.h"

/* Inline markup of a text: **bold** and `literal` (see model_markup.c). */
enum { RUN_BOLD = 1, RUN_LITERAL = 2 };

/* A stretch of a text in one inline style, markup removed. */
typedef struct model_run {
    const char *utf8;
    size_t len;
    int flags;          /* RUN_BOLD, RUN_LITERAL */
    int src_chars;      /* characters of the source text before it, markup included */
} model_run;

/* A piece of text from the report, UTF-8, with where it came from. */
typedef struct model_text {
    const char *utf8;   /* NULL when absent; the source text, markup included */
    size_t len;
    src_pos pos;        /* of the first character */
    bool exact_cols;    /* character i is at column pos.col + i on pos.line */
    const model_run *runs; /* NULL: the whole text is one plain run */
    int n_runs;
} model_text;

typedef enum {
    BLOCK_TITLE,
    BLOCK_HEADING,
    BLOCK_PARAGRAPH,
    BLOCK_PAGE_BREAK,
    BLOCK_SIGNATURE,
    BLOCK_TABLE,
    BLOCK_ATTACHMENT_NOTE,  /* 附件说明 under the body (GB/T 9704 §7.3.4) */
    BLOCK_ATTACHMENT,       /* an attachment starts: new page, label, title (§7.3.7) */
} block_kind;

typedef struct model_block {
    block_kind kind;
    src_pos pos;
    int level;            /* headings: 1–4 */
    const char *number;   /* headings: the numbering label ("一、"), or NULL */
    model_text text;      /* title, heading or paragraph text; signature issuer */
    model_text run_in;    /* heading: paragraph text on the heading's line */
    model_text date;      /* signature: the formatted date */
    const model_table *table; /* tables */
    const char *seal;     /* signature: the seal image's path, or NULL */
    src_pos seal_pos;
    const model_text *items; /* attachment note: the attachments' titles */
    int n_items;
} model_block;

typedef struct model_meta {
    const char *title, *author, *subject, *keywords, *language;
    int year, month, day;   /* meta.date; year 0 when absent */
} model_meta;

typedef struct model_doc {
    model_meta meta;
    const style *style;
    model_block *blocks;
    int n_blocks;
} model_doc;

/* Where the model stage looks for things. */
typedef struct model_paths {
    const char *base_dir;            /* the report's directory: relative layout paths start here */
    const char *const *layout_dirs;
    int n_layout_dirs;
} model_paths;

/* Binds the report tree `root` into a model allocated in `a`.  Records every
 * mistake in d; returns NULL when there was any error. */
model_doc *model_build(arena *a, diag *d, const ynode *root, const model_paths *paths);

/* Splits t into runs at its inline markup: **bold**, `literal` (left alone
 * by the typographic rules), and \* \` \\ for the characters themselves.
 * An unclosed mark is an error at its position.  Runs live in a. */
bool model_markup_parse(arena *a, diag *d, model_text *t);

/* Prints the model as stable text (reportc --dump model). */
void model_dump(const model_doc *doc, FILE *out);

#endif
