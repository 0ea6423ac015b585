/* template_spec.h — a layout's document template, as the parse stage read it.
 *
 * A layout may carry `template:` (layouts/gov-info-disclosure-annual.yaml):
 * a title pattern, sections in order with their exact headings, tables whose
 * numbers have stable names (table.row.column), computed totals, and rules
 * over the numbers.  Every key has been checked here, every message's
 * {holes} too; the model (model/template*.c) fills the template from a
 * report.  No C code knows any particular template. */
#ifndef REPORTC_TEMPLATE_SPEC_H
#define REPORTC_TEMPLATE_SPEC_H

#include <stdbool.h>

#include "syntax.h"

typedef struct tmpl_section {
    src_pos pos;
    syn_scalar key, heading, hint;
    syn_scalar table;               /* .s NULL: a section of prose only */
} tmpl_section;

typedef struct tmpl_table {
    syn_scalar name;
    const syn_table *table;         /* header trees with key/sum, or a grid with data holes */
} tmpl_table;

/* A rule over a table's numbers: Σ left = Σ previous + Σ right − Σ minus,
 * `previous` being last year's report's (R6, R7; a rule with previous
 * terms is checked only when the report names last year's).  `each:
 * column` (header trees): the names are rows, checked in every column (R1,
 * R6); `each: row` (grids): the names are columns (the last key of a data
 * hole's name), checked in every row that has them all (R7). */
typedef struct tmpl_rule {
    src_pos pos;
    syn_scalar id, table;
    bool warning;
    bool each_row;
    syn_scalar *left, *right, *previous, *minus;    /* names; NULL when not given */
    int n_left, n_right, n_previous, n_minus;
    syn_scalar message;
} tmpl_rule;

/* A number the prose states after some words (R8) that must equal a
 * table's number, or the sum of several. */
typedef struct tmpl_prose_check {
    src_pos pos;
    syn_scalar id, unit, message;   /* message .s NULL: prose-numbers' */
    syn_scalar *after;              /* the words (synonyms); "收到…申请": parts in order */
    int n_after;
    syn_scalar *context;            /* words one of which the sentence has before (NULL: none needed) */
    int n_context;
    int within;                     /* characters between the words and the number */
    syn_scalar *equals;
    int n_equals;
} tmpl_prose_check;

/* How prose numbers bind to words (prose-numbers:): where a sentence and a
 * clause end, words between the phrase and the number that mean it is not
 * the phrase's number (分别, 比上年 …), words that make a sentence about
 * something else (热线, 诉求 …), the default message. */
typedef struct tmpl_prose_numbers {
    syn_scalar *sentence_ends, *clause_ends, *not_stated, *not_about;
    int n_sentence_ends, n_clause_ends, n_not_stated, n_not_about;
    syn_scalar message;
} tmpl_prose_numbers;

typedef struct template_spec {
    src_pos pos;
    syn_scalar title;               /* "{issuer}{year}年…" */
    syn_scalar deadline;            /* "{next-year}-01-31": the 落款's default date */
    syn_scalar preamble_hint;       /* what the preamble says (reportc init's comment) */
    syn_scalar preamble_text;       /* reportc init's placeholder preamble, with {year} */
    tmpl_section *sections;
    int n_sections;
    tmpl_table *tables;
    int n_tables;
    tmpl_rule *rules;
    int n_rules;
    tmpl_prose_check *checks;
    int n_checks;
    tmpl_prose_numbers prose;
} template_spec;

#endif
