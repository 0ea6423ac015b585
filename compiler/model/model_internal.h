/* model_internal.h — shared by the model stage's files; not for other stages.
 *
 *   model_build.c      the entry: meta, the body, the attachments
 *   model_blocks.c     one block at a time: texts, heading numbers, the
 *                      signature, tables
 *   model_markup.c     **bold** and `literal` inside texts
 *   model_table.c      tables to grids of cells
 *   model_dump.c       --dump model
 *   template.c         a layout's template filled from a report: the body
 *   template_numbers.c the template's tables: names, the report's numbers, sums
 *   template_rules.c   the template's rules, and where a broken one is reported
 *   template_prose.c   prose: numbers quoted by name, numbers checked (R8)
 *   template_suggest.c prose numbers that could be quoted by name (suggest)
 *   template_init.c    reportc init's skeleton
 * model_build.c → template.c → template_prose.c, template_rules.c →
 * template_numbers.c; all of them → model_blocks.c → model_markup.c,
 * model_table.c. */
#ifndef REPORTC_MODEL_INTERNAL_H
#define REPORTC_MODEL_INTERNAL_H

#include <stdbool.h>

#include "model.h"
#include "parse/parse.h"

/* The blocks being built. */
typedef struct model_builder {
    arena *a;
    diag *d;
    model_doc *doc;
    const style *st;
    int counters[4];       /* automatic heading numbers per level */
    int cap_blocks;
    bool ok;
    bool suggest;          /* reportc suggest: collect doc->suggestions */
} model_builder;

/* ---- model_blocks.c ---- */
/* A new block at the end of the document. */
model_block *model_new_block(model_builder *b, model_block_kind kind, src_pos pos);
/* The text of scalar s, positioned at its first character. */
model_text model_text_of(const syn_scalar *s);
/* A text of the compiler's own (a template's title …) at pos. */
model_text model_text_from(arena *a, const char *s, src_pos pos);
/* Adds block `sb` of the report (a paragraph, heading, table …). */
void model_add_block(model_builder *b, const syn_block *sb);
/* Adds the signature: issuer and date default to meta's. */
void model_add_signature(model_builder *b, const syn_block *sb, src_pos pos);
/* Sets document property *field to value (the text at pos); an error at pos
 * when it is longer than MODEL_PROPERTY_MAX_CHARS characters. */
void model_set_property(model_builder *b, const char **field, const char *value, src_pos pos, const char *what);

/* ---- template.c ---- */
/* Fills a templated report's body (template.c); false after errors. */
bool template_build(model_builder *b, const parsed_report *in);

#endif
