/* parse_internal.h — shared by the parse stage's files; not for other stages.
 *
 *   parse_report.c   the report's top level, meta, a templated report's parts
 *   parse_layout.c   finding a layout, `extends`, the report's overrides
 *   parse_blocks.c   body blocks (paragraphs, headings, signature …)
 *   parse_table.c    tables, in reports and in templates
 *   parse_style.c    a layout's page, text styles, table, typography
 *   parse_template.c a layout's `template:`
 *   parse_fonts.c    fonts/fonts.yaml and the font files
 *   parse_icc.c      the ICC profile of PDF/A output
 *   parse_common.c   what they all use (scalars, errors, paths, {holes})
 * Each file calls only the ones listed after it and parse_common.c. */
#ifndef REPORTC_PARSE_INTERNAL_H
#define REPORTC_PARSE_INTERNAL_H

#include <stdbool.h>

#include "base/arena.h"
#include "base/diag.h"
#include "parse.h"
#include "schema.h"
#include "syntax.h"
#include "template_spec.h"
#include "yaml_tree.h"

/* What every parse function needs. */
/* Table cells a report may write, all its tables together: a cell costs some
 * 600 bytes through the stages, and 200,000 of them are 800 pages of
 * tables, a data dump rather than a report. */
enum { PARSE_MAX_CELLS = 200000 };

typedef struct parse_ctx {
    arena *a;
    arena *tree;                /* the YAML trees' nodes: freed when the parse is done */
    diag *d;
    const source_files *files;  /* files from memory, or NULL */
    const char *base_dir;       /* the report's directory: paths it names start here */
    bool ok;                    /* false once any error was recorded */
    yaml_limits limits;         /* one node budget for every file of the run */
    long cells;                 /* table cells so far (PARSE_MAX_CELLS) */
    struct parse_seal *seals;   /* each seal file read, once (parse_blocks.c) */
    int n_seals, cap_seals;
    size_t seal_bytes;          /* their file sizes together */
    int csv_encoding;           /* csv_encoding (csv.h) of `data: numbers.csv` */
} parse_ctx;

/* ---- parse_common.c ---- */
/* The scalar n as written (n may be NULL: an absent scalar). */
syn_scalar parse_scalar_of(const ynode *n);
/* A text value (any non-null scalar); false after an error at n. */
bool parse_text(parse_ctx *p, const ynode *n, const char *what, syn_scalar *out);
/* Counts n more table cells, written at pos; false (after an error at pos,
 * given once) beyond PARSE_MAX_CELLS. */
bool parse_count_cells(parse_ctx *p, int n, src_pos pos);
/* An error at pos; marks the context failed. */
void parse_error(parse_ctx *p, src_pos pos, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Like schema_check_keys, marking the context failed. */
bool parse_keys(parse_ctx *p, const ynode *n, const char *what, const char *const *allowed);
/* `path` taken from the report's directory unless absolute (in p->a). */
const char *parse_path(parse_ctx *p, const char *path);
/* Reads a file the input names (a layout, last year's report): a regular
 * file, at most the YAML input limit.  Errors at `named_at`. */
bool parse_read_named(parse_ctx *p, const char *path, src_pos named_at, const char *what, source *out);

/* ---- parse_csv_data.c ---- */
/* `data: numbers.csv`: the numbers of a templated report from a CSV file
 * (name,value rows or the form's own shape); NULL after an error. */
const syn_data *parse_csv_data(parse_ctx *p, const ynode *v, const template_spec *tmpl);

/* ---- parse_blocks.c ---- */
/* The blocks of a list (body:, an attachment's or a section's body). */
void parse_blocks(parse_ctx *p, const ynode *list, syn_blocks *out);
/* One block; false when it is not a valid block (it is then not added). */
bool parse_block(parse_ctx *p, const ynode *item, syn_block *out);

/* ---- parse_table.c ---- */
/* A `table:` value; `template_keys` allows the template's key, sum, rule,
 * message, type and data.  NULL after an error that leaves no table. */
const syn_table *parse_table(parse_ctx *p, const ynode *v, bool template_keys);

/* ---- parse_style.c ---- */
/* Binds a merged layout tree to a style; NULL after errors. */
style *parse_style(parse_ctx *p, const ynode *root);

/* Checks that every {hole} of the pattern at n is one of `holes`
 * (NULL-terminated); an unknown one is an error at n. */
bool parse_holes(parse_ctx *p, const ynode *n, const char *what, const char *const *holes);

/* ---- parse_template.c ---- */
/* Reads a layout's `template:` mapping. */
const template_spec *parse_template(parse_ctx *p, const ynode *t);

/* ---- parse_layout.c ---- */
/* Finds layout `name`, merges what it extends and the report's overrides,
 * binds style and template. */
bool parse_layout(parse_ctx *p, const char *name, src_pos name_pos, const ynode *overrides,
                  const char *const *dirs, int n_dirs, const style **st, const template_spec **tmpl);

#endif
