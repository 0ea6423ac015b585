/* template.h — reportc init: a report skeleton for a layout's template.
 *
 * Every section with a placeholder paragraph, every number of every table
 * at 0 under its name, the template's own words as comments; the skeleton
 * compiles as it is.  (Filling a template from a report is the model's
 * business: model_build, template.c.) */
#ifndef REPORTC_TEMPLATE_H
#define REPORTC_TEMPLATE_H

#include <stdio.h>

#include "parse/template_spec.h"

/* Writes the skeleton for template `tmpl`; `layout` is the name the report
 * will use.  `schema` (or NULL): the JSON Schema file beside it, named on
 * line 1 for the YAML language server; `csv` (or NULL): `data:` names this
 * CSV file instead of listing the numbers. */
void template_write_skeleton(const template_spec *tmpl, const char *layout, int year, const char *schema, const char *csv,
                             FILE *out);

/* reportc init --csv: the template's tables as an empty form in CSV
 * (template_csv.c), the shape `data: numbers.csv` reads. */
void template_write_csv_form(const template_spec *tmpl, FILE *out);

/* reportc schema: the report language as a draft-07 JSON Schema — of a
 * report on `layout`'s template `tmpl`, or of the general language when
 * tmpl is NULL (report_schema.c). */
void report_schema_write(const template_spec *tmpl, const char *layout, FILE *out);

#endif
