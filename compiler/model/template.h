/* template.h — a layout's document template filled from a report.
 *
 * A layout may carry `template:` (layouts/gov-info-disclosure-annual.yaml):
 * a title pattern, sections in order with their exact headings, tables whose
 * numbers have stable names (table.row.column), computed totals and rules
 * over the numbers.  The report then gives only what varies: issuer, year,
 * prose per section, and the numbers under `data:`.  Expansion turns that
 * into an ordinary body (a YAML tree of title, headings, paragraphs, tables
 * and signature) for model.c, after checking every number and every rule.
 * No C code knows any particular template. */
#ifndef REPORTC_TEMPLATE_H
#define REPORTC_TEMPLATE_H

#include <stdbool.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "parse/yaml_tree.h"

/* What the template gives the model. */
typedef struct template_doc {
    const ynode *body;          /* a list of blocks, as a report's body */
    const char *title;          /* the title, from the template's pattern */
    const char *issuer;         /* meta author and signature */
    int year, month, day;       /* the date of the 落款 */
} template_doc;

/* The report keys a templated report may use. */
extern const char *const template_report_keys[];

/* Fills template `tmpl` from `report` (its root mapping).  `base_dir` is the
 * report's directory (for `previous:`).  Records every mistake — missing,
 * negative, fractional or non-numeric numbers, totals that disagree, broken
 * rules, headings retyped differently — and returns false on any error. */
bool template_expand(arena *a, diag *d, const ynode *tmpl, const ynode *report, const char *base_dir,
                     template_doc *out);

/* Writes a complete report skeleton for the template (reportc init): every
 * section with a placeholder paragraph, every number at 0, comments in the
 * template's own words.  `layout` is the name the report will use. */
void template_write_skeleton(const ynode *tmpl, const char *layout, int year, FILE *out);

#endif
