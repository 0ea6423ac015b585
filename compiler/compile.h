/* compile.h — the pipeline: parse → model → layout → PDF, in one function. */
#ifndef REPORTC_COMPILE_H
#define REPORTC_COMPILE_H

#include <stdbool.h>

typedef enum { DUMP_NONE, DUMP_MODEL, DUMP_LAYOUT } dump_kind;

typedef struct compile_options {
    const char *input;          /* path or "-" */
    const char *output;         /* PDF path; NULL with --check or --dump */
    bool check_only;
    dump_kind dump;
    const char *const *font_dirs;   /* --font-dir and REPORTC_FONT_PATH, in order */
    int n_font_dirs;
    const char *const *layout_dirs; /* REPORTC_LAYOUT_PATH, then <root>/layouts */
    int n_layout_dirs;
    const char *font_table;     /* <root>/fonts/fonts.yaml */
    bool plain_pdf;             /* --no-pdfa: no PDF/A-1b */
    const char *icc_profile;    /* --icc-profile or REPORTC_ICC_PROFILE; NULL: search */
} compile_options;

/* Exit statuses (issue 2): 0 success, 1 errors in the input, 2 usage,
 * 3 I/O or internal failure. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_INTERNAL = 3 };

/* Runs the whole pipeline; diagnostics go to stderr, dumps to stdout.
 * The PDF is written to a temporary file beside the target and renamed into
 * place only on success.  Returns an exit status. */
int compile_run(const compile_options *opt);

/* reportc init: writes a report skeleton for the template of `layout` to
 * opt->output (standard output when NULL). */
int compile_init(const compile_options *opt, const char *layout, int year);

/* Prints the font roles and the files serving them (--list-fonts). */
int compile_list_fonts(const compile_options *opt);

#endif
