/* syntax.h — the report as written: what the parse stage hands the model.
 *
 * Plain structs, no YAML: every key has been checked (unknown keys, types,
 * ranges) and every value keeps its source position.  What the values mean
 * together — heading numbers, table spans, a template's numbers and rules —
 * is the model's business (model/). */
#ifndef REPORTC_SYNTAX_H
#define REPORTC_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

#include "base/decimal.h"
#include "base/diag.h"
#include "base/units.h"
#include "image.h"
#include "style.h"

/* A scalar as written. */
typedef struct syn_scalar {
    const char *s;      /* UTF-8, NUL-terminated; NULL when absent */
    size_t len;
    src_pos pos;        /* of the node (its quote, if quoted) */
    src_pos text_pos;   /* of its first character of content */
    bool exact_cols;    /* character i sits i characters (and bytes) after text_pos */
    bool plain;         /* unquoted: may be read as a number */
    bool null;          /* ~, null or nothing */
    const char *cell;   /* from a CSV file: the cell as a spreadsheet names it ("C5"); NULL from YAML */
} syn_scalar;

/* ---- tables ------------------------------------------------------------- */

typedef enum { WIDTH_AUTO, WIDTH_FIXED, WIDTH_PERCENT, WIDTH_FRACTION } width_kind;

/* What a leaf column (or a grid column) says about itself. */
typedef struct syn_colspec {
    src_pos pos;
    width_kind width;
    mpt_t fixed;            /* WIDTH_FIXED */
    int permille;           /* WIDTH_PERCENT: of the text width; WIDTH_FRACTION: weight × 1000 */
    bool has_align;
    text_align align;
    bool has_format;
    decimal_format format;  /* how its numbers print */
} syn_colspec;

/* A node of a column header tree.  The template's tables add `key` (the
 * column's part of a number's name), `sum` (a computed column) with its
 * rule and message, and `type: amount`. */
typedef struct syn_column {
    src_pos pos;
    syn_scalar title;
    struct syn_column *children;    /* NULL for a leaf */
    int n_children;
    syn_colspec spec;               /* leaves */
    syn_scalar key;
    syn_scalar *sum;                /* names of sibling columns; NULL: not computed */
    int n_sum;
    syn_scalar rule, message;
    bool amount;
} syn_column;

/* A node of a row header tree: a group (children) or a row of values.  The
 * template's tables add `key`, `sum`, `rule` and `message` as for columns. */
typedef struct syn_row {
    src_pos pos;
    syn_scalar head;
    struct syn_row *children;       /* NULL for a row of values */
    int n_children;
    syn_scalar *values;             /* report tables: one per leaf column */
    int n_values;                   /* -1: none read (the row has an error of its own) */
    src_pos values_pos;
    syn_scalar key;
    syn_scalar *sum;
    int n_sum;
    syn_scalar rule, message;
} syn_row;

/* A cell of a free grid.  The template's grids add `data` (a number the
 * report gives, by name) and `type: amount`. */
typedef struct syn_cell {
    src_pos pos;
    syn_scalar content;             /* text or value; .s NULL: empty */
    int rowspan, colspan;
    bool has_align;
    text_align align;
    bool head;                      /* a header label inside the body */
    syn_scalar data;
    bool amount;
} syn_cell;

typedef struct syn_grid_row {
    src_pos pos;
    syn_cell *cells;
    int n_cells;
} syn_grid_row;

typedef struct syn_table {
    src_pos pos;
    syn_scalar caption, corner;
    syn_scalar *notes;
    int n_notes;
    bool is_grid;
    /* header trees */
    syn_column *columns;
    int n_columns;
    src_pos columns_pos;
    syn_row *rows;
    int n_rows;
    syn_colspec *head_widths;       /* per row-header column; NULL: none given */
    int n_head_widths;
    src_pos head_widths_pos;
    syn_scalar *row_titles;         /* a title per row-header column; NULL: none given */
    int n_row_titles;
    src_pos row_titles_pos;
    /* grid */
    syn_grid_row *grid;
    int n_grid;
    syn_colspec *grid_columns;      /* NULL: none given */
    int n_grid_columns;
    int header_rows, head_cols;
} syn_table;

/* ---- blocks ------------------------------------------------------------- */

typedef enum {
    SYN_PARAGRAPH,
    SYN_TITLE,
    SYN_HEADING,
    SYN_PAGE_BREAK,
    SYN_SIGNATURE,
    SYN_TABLE,
} syn_block_kind;

typedef enum { SYN_NUMBER_AUTO, SYN_NUMBER_NONE, SYN_NUMBER_LITERAL } syn_numbering;

typedef struct syn_block {
    syn_block_kind kind;
    src_pos pos;
    syn_scalar text;            /* paragraph, title, heading */
    /* headings */
    int level;                  /* 1–4 */
    bool level_implied;         /* written as h1, or heading without level */
    syn_numbering numbering;
    syn_scalar number;          /* SYN_NUMBER_LITERAL */
    syn_scalar run_in;          /* .s NULL: none */
    /* signature */
    syn_scalar issuer;          /* .s NULL: meta's author */
    bool has_date;
    int year, month, day;
    src_pos date_pos;
    const image_data *seal;     /* NULL: none */
    src_pos seal_pos;
    /* tables */
    const syn_table *table;
} syn_block;

typedef struct syn_blocks {
    syn_block *items;
    int n;
} syn_blocks;

typedef struct syn_attachment {
    src_pos pos;
    syn_scalar title;
    syn_blocks body;
} syn_attachment;

/* ---- a templated report's parts ---------------------------------------- */

/* data: a mapping of numbers by name; each item a number or a mapping. */
typedef struct syn_data {
    syn_scalar key;
    syn_scalar value;               /* a scalar item */
    struct syn_data *items;         /* a mapping item (NULL: scalar) */
    int n_items;
    bool is_map;
    src_pos pos;                    /* of the value */
    const char *kind_name;          /* "a list" when neither (an error for the model to report) */
} syn_data;

typedef struct syn_section {
    syn_scalar key;
    src_pos pos;
    syn_scalar heading;             /* .s NULL: the template's */
    syn_blocks body;
} syn_section;

/* ---- the keys of the language ------------------------------------------ */

/* The keys the parse stage accepts, NULL-terminated: the very tables it
 * checks a report's mappings against (an unknown key is an error), and
 * what `reportc schema` (model/report_schema.c) writes the JSON Schema
 * from, so that the two cannot disagree. */
extern const char *const parse_report_keys[];           /* a general report's top level */
extern const char *const parse_template_report_keys[];  /* a templated report's top level */
extern const char *const parse_meta_keys[];
extern const char *const parse_section_keys[];          /* sections.KEY: {heading, body} */
extern const char *const parse_attachment_keys[];
extern const char *const parse_block_kinds[];           /* the one key that says a block's kind */
extern const char *const parse_heading_keys[];
extern const char *const parse_signature_keys[];
extern const char *const parse_table_keys[];
extern const char *const parse_column_keys[];
extern const char *const parse_template_column_keys[];
extern const char *const parse_row_keys[];
extern const char *const parse_cell_keys[];
extern const char *const parse_colspec_keys[];          /* a grid column */
extern const char *const parse_layout_keys[];           /* a layout, and `layout: {name, …}` overrides */

/* ---- the report --------------------------------------------------------- */

typedef struct syn_meta {
    syn_scalar title, author, subject, keywords, language;
    bool has_date;
    int year, month, day;
} syn_meta;

typedef struct syn_report {
    const source *src;
    src_pos pos;
    syn_meta meta;
    /* a general report */
    syn_blocks body;
    bool has_body;
    /* a templated report (the layout has a template) */
    syn_scalar issuer;
    int year;                       /* 0: not given */
    src_pos year_pos;
    bool has_date;
    int month, day, date_year;
    bool missing_as_zero;
    bool has_missing_numbers;
    src_pos missing_numbers_pos;
    syn_blocks preamble;            /* after the title, before the first section */
    bool has_preamble;
    syn_section *sections;
    int n_sections;
    bool has_sections;
    src_pos sections_pos;
    const syn_data *data;           /* NULL: none */
    bool data_unread;               /* data: was given but could not be read (its error is
                                       reported): no "numbers are missing" on top of it */
    const syn_data *previous;       /* last year's data (R6, R7); NULL: none or unreadable */
    /* both */
    syn_attachment *attachments;
    int n_attachments;
    src_pos attachments_pos;
} syn_report;

/* syntax_tree.c: the leaf columns under c[0..n), the levels of header rows
 * they take, and the row-label columns rows r[0..n) take. */
int syntax_column_leaves(const syn_column *c, int n);
int syntax_column_depth(const syn_column *c, int n);
int syntax_row_depth(const syn_row *r, int n);

#endif
