/* compile.h — the pipeline: parse → model → layout → render, in one function.
 *
 *   parse/   every file read; YAML to plain structs      (parse.h)
 *   model/   bind, compute, check: the document model    (model.h)
 *   layout/  lines, tables, pages: frames                (layout.h, frame.h)
 *   render/  frames to PDF bytes                         (pdf_write.h)
 * with services beside them: base/ (diagnostics, arenas, exact decimals …)
 * and font/ (faces, measuring, subsetting), and output.c, which alone
 * writes a file. */
#ifndef REPORTC_COMPILE_H
#define REPORTC_COMPILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"
#include "parse/source.h"

#define REPORTC_VERSION "0.1.0"

struct progress;

typedef enum { DUMP_NONE, DUMP_MODEL, DUMP_LAYOUT } dump_kind;

/* The output format: by --format, else by the output's extension. */
typedef enum { FORMAT_PDF, FORMAT_OFD } output_format;

typedef struct compile_options {
    const char *input;          /* path or "-" */
    const char *output;         /* PDF path; NULL with --check or --dump */
    bool check_only;
    bool suggest;               /* reportc suggest: list prose numbers to quote by name, write nothing */
    dump_kind dump;
    const char *const *font_dirs;   /* --font-dir and REPORTC_FONT_PATH, in order */
    int n_font_dirs;
    const char *const *layout_dirs; /* REPORTC_LAYOUT_PATH, then <root>/layouts */
    int n_layout_dirs;
    const char *font_table;     /* <root>/fonts/fonts.yaml */
    bool plain_pdf;             /* --no-pdfa: no PDF/A-1b */
    output_format format;       /* PDF (default) or OFD (GB/T 33190) */
    const char *icc_profile;    /* --icc-profile or REPORTC_ICC_PROFILE; NULL: search */
    bool force;                 /* reportc init: replace an existing file */
    int csv_encoding;           /* --csv-encoding: 0 detect, 1 utf-8, 2 gb18030 */
    bool init_csv;              /* reportc init --csv: the numbers in numbers.csv beside the report */
    const source_files *files;  /* files served from memory (the fuzzers); NULL: none */
    struct progress *progress;  /* the progress line (progress.h; compile_run starts it); NULL: none */
} compile_options;

/* Exit statuses: 0 success, 1 errors in the input, 2 usage, 3 I/O or
 * internal failure. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };


/* The pipeline in memory: parse, model, then (unless --check or --dump
 * model) fonts, layout and, unless --dump layout, the PDF (or the OFD
 * package, with opt->format) into *pdf
 * (malloc'd; NULL when none).  Diagnostics into d; dumps to stdout.  False
 * when the run stopped at an error.  The frames, fonts and ICC profile are
 * in `a`; the syntax tree and the model in an arena of the pipeline's own,
 * freed before the writers run (d keeps copies of the sources it quotes). */
bool compile_pipeline(const compile_options *opt, arena *a, diag *d, uint8_t **pdf, size_t *len);

/* Runs the whole pipeline and writes the PDF (output.h); diagnostics go to
 * stderr.  Returns an exit status. */
int compile_run(const compile_options *opt);

/* reportc init: writes a report skeleton for the template of `layout` to
 * opt->output (standard output when NULL), never replacing a file unless
 * opt->force. */
int compile_init(const compile_options *opt, const char *layout, int year);

/* reportc schema: the JSON Schema of a report on `layout` (NULL: the
 * general language) to standard output. */
int compile_schema(const compile_options *opt, const char *layout);

/* reportc --version: reportc's version, then each library's (from its
 * run-time call where it has one, else from the build), one a line. */
int compile_version(void);

/* Prints the font roles and the files serving them (--list-fonts). */
int compile_list_fonts(const compile_options *opt);

#endif
