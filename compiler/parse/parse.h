/* parse.h — the first stage: every file reportc reads is read here.
 *
 * The report, the layout it names and every layout that one extends, last
 * year's report (`previous:`), seal images, the font table and the font
 * files, the ICC profile: each is read, checked and turned into plain
 * structs (syntax.h, style.h, template_spec.h, font_config.h).  Later stages
 * never see YAML and never open a file. */
#ifndef REPORTC_PARSE_H
#define REPORTC_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/diag.h"
#include "font_config.h"
#include "source.h"
#include "style.h"
#include "syntax.h"
#include "template_spec.h"

/* Where the parse stage looks for things. */
typedef struct parse_options {
    const char *input;                 /* the report: a path, or "-" for standard input */
    const char *const *layout_dirs;    /* searched for a layout given by name */
    int n_layout_dirs;
    const source_files *files;         /* files served from memory (tests, fuzzers); may be NULL */
    int csv_encoding;                  /* `data: x.csv`: 0 detect, 1 UTF-8, 2 GB18030 (--csv-encoding) */
} parse_options;

/* A report and everything it names, read and checked. */
typedef struct parsed_report {
    const syn_report *report;
    const style *style;
    const template_spec *tmpl;         /* NULL: the layout has no template */
} parsed_report;

/* Reads the report opt->input and every file it names.  Mistakes in any of
 * them are errors at their positions; a report that cannot be read at all is
 * a failure (the driver's exit 3).  Returns false when there is nothing for
 * the model to work on; with true, errors may still have been recorded
 * (d->errors) in parts the model skips. */
bool parse_report(arena *a, diag *d, const parse_options *opt, parsed_report *out);

/* Reads layout `name` alone (reportc init).  False after errors. */
bool parse_layout_named(arena *a, diag *d, const parse_options *opt, const char *name, const style **st,
                        const template_spec **tmpl);

/* Reads the font table at `config_path` and maps the font files it finds in
 * user_dirs (searched by file name, any case: an office's copy of Windows'
 * fonts) and in the table's own search directories.  NULL after errors.
 * Release with parse_fonts_release. */
font_config *parse_fonts(arena *a, diag *d, const char *config_path, const char *const *user_dirs, int n_user_dirs);
void parse_fonts_release(font_config *fc);

/* The sRGB ICC profile PDF/A output embeds: the file `named`, else the first
 * usable one of the well-known places (Debian's icc-profiles-free first).
 * A profile that cannot serve is a failure (exit 3) naming why.  *data in a. */
bool parse_icc_profile(arena *a, diag *d, const char *named, const uint8_t **data, size_t *len);

/* Prints the versions of libyaml and libpng, one a line (reportc --version). */
void parse_version_print(FILE *out);

#endif
