/* model.h — the document model: what the report says, bound and checked.
 *
 * The second stage.  Built from the parse stage's plain structs (the
 * report's syntax, its layout's style and template) by model_build: heading
 * numbers given, signature dates formatted, tables resolved to grids, a
 * template filled from the report's numbers and every rule checked.  The
 * layout stage reads it; it holds no YAML.  Every block and text keeps its
 * source position. */
#ifndef REPORTC_MODEL_H
#define REPORTC_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "model_table.h"
#include "parse/image.h"
#include "parse/style.h"

struct parsed_report;

/* Inline markup of a text: **bold** and `literal` (see model_markup.c). */
enum { RUN_BOLD = 1, RUN_LITERAL = 2 };

/* A stretch of a text in one inline style, markup removed. */
typedef struct model_run {
    const char *utf8;
    size_t len;
    int flags;          /* RUN_BOLD, RUN_LITERAL */
    int src_chars;      /* characters of the source text before it, markup included */
    size_t src_bytes;   /* the same in bytes */
} model_run;

/* A piece of text from the report, UTF-8, with where it came from. */
typedef struct model_text {
    const char *utf8;   /* NULL when absent; the source text, markup included */
    size_t len;
    src_pos pos;        /* of the first character */
    bool exact_cols;    /* character i is i characters (and bytes) after pos */
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
} model_block_kind;

typedef struct model_block {
    model_block_kind kind;
    src_pos pos;
    int level;            /* headings: 1–4 */
    const char *number;   /* headings: the numbering label ("一、"), or NULL;
                             attachments: "1", "2" … or "" for a single one */
    model_text text;      /* title, heading or paragraph text; signature issuer */
    model_text run_in;    /* heading: paragraph text on the heading's line */
    model_text date;      /* signature: the formatted date */
    const model_table *table; /* tables */
    const image_data *seal;   /* signature: the seal's image, or NULL */
    src_pos seal_pos;
    const model_text *items; /* attachment note: the attachments' titles */
    int n_items;
} model_block;

/* Document properties (title, author, subject, keywords) hold at most
 * MODEL_PROPERTY_MAX_CHARS characters: a PDF string holds 65,535 bytes
 * (PDF 1.4 Appendix C) and UTF-16 takes up to 4 bytes a character. */
enum { MODEL_PROPERTY_MAX_CHARS = 8000 };

typedef struct model_meta {
    const char *title, *author, *subject, *keywords, *language;
    int year, month, day;   /* meta.date; year 0 when absent */
    int utc_offset_minutes; /* the layout's time zone for dates */
} model_meta;

/* A number the prose of a templated report writes that equals a table's
 * number or a group's sum (reportc suggest): the names to quote it by,
 * best first ("a + b" for a sum the template's words name). */
typedef struct model_suggestion {
    src_pos pos;
    const char *written;    /* the number as written: 1,038, 三 */
    const char *const *names;
    int n_names;
} model_suggestion;

typedef struct model_doc {
    model_meta meta;
    const style *style;
    model_block *blocks;
    int n_blocks;
    model_suggestion *suggestions;  /* only when model_build was asked to */
    int n_suggestions;
} model_doc;

/* Binds the report into a model allocated in `a`.  Records every mistake in
 * d; returns NULL when there was any error.  `suggest`: also list the prose
 * numbers that could be quoted by name (doc->suggestions). */
model_doc *model_build(arena *a, diag *d, const struct parsed_report *in, bool suggest);

/* Splits t into runs at its inline markup: **bold**, `literal` (left alone
 * by the typographic rules), and \* \` \\ for the characters themselves.
 * An unclosed mark is an error at its position.  Runs live in a. */
bool model_markup_parse(arena *a, diag *d, model_text *t);

/* Prints the model as stable text (reportc --dump model). */
void model_dump(const model_doc *doc, FILE *out);

/* Prints doc->suggestions in source order, one a line:
 * `file:line:col: 1,038 = {{applications.new.total}}` (reportc suggest). */
void model_dump_suggestions(const model_doc *doc, FILE *out);

#endif
