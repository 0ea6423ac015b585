/* diag.h — compiler diagnostics: `file:line:col: error: message`.
 *
 * Every diagnostic has a source position; there is no position-less
 * variant for user mistakes.  Diagnostics are collected during a run, then
 * printed sorted by position, each followed by its source line, a caret and
 * an optional hint. */
#ifndef REPORTC_DIAG_H
#define REPORTC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A source text the diagnostics can quote (borrowed; must outlive the diag). */
typedef struct source {
    const char *name;   /* as given on the command line ("-" shows as <stdin>) */
    const char *text;
    size_t len;
} source;

/* A position in a source: 1-based line and column (column in characters). */
typedef struct src_pos {
    const source *src;
    int line, col;
} src_pos;

typedef enum { DIAG_ERROR, DIAG_WARNING } diag_severity;

typedef struct diag_entry {
    diag_severity severity;
    src_pos pos;
    char *message; /* owned (malloc) */
    char *hint;    /* owned (malloc), may be NULL */
    int seq;       /* order of arrival, to keep sorting stable */
} diag_entry;

/* Errors beyond this number are counted but not kept (issue 2: up to 20). */
#define DIAG_MAX_ERRORS 20

typedef struct diag {
    diag_entry *entries;
    int n, cap;
    int errors;   /* all errors seen, kept or not */
    int warnings;
} diag;

void diag_init(diag *d);
void diag_done(diag *d);

/* Records an error at pos.  hint may be NULL. */
void diag_error(diag *d, src_pos pos, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Records a warning at pos.  hint may be NULL. */
void diag_warning(diag *d, src_pos pos, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* True once DIAG_MAX_ERRORS errors have been recorded: callers may stop early. */
bool diag_full(const diag *d);

/* Prints every kept diagnostic, sorted by source, line, column; then a
 * summary line when errors were dropped. */
void diag_print(const diag *d, FILE *out);

/* Display width of a UTF-8 character sequence as a terminal shows it (East
 * Asian wide characters count 2), for placing the caret. */
int diag_display_width(const char *s, size_t n);

#endif
