/* diag.h — compiler diagnostics: `file:line:col: error: message`.
 *
 * Three kinds, one exit status each (main.c): a user's mistake in a report,
 * layout or other input is an error or a warning, always at a source
 * position (exit 1 for errors); a failure outside the user's control — an
 * I/O error, a library that fails, a broken invariant — is a failure that
 * names the stage it happened in (exit 3).  Diagnostics are collected during
 * a run, then printed sorted by position, each followed by its source line,
 * a caret and an optional hint.
 *
 * Messages and hints are written in English at the call site and shown in
 * the user's language: diag_error, diag_warning, diag_failure and
 * diag_internal translate their format and hint (gettext, domain
 * "reportc"; see i18n.h and compiler/po/).  Call sites stay as they are;
 * xgettext finds the strings through these functions' arguments.  The
 * `file:line:col: error:` prefix is the same in every language. */
#ifndef REPORTC_DIAG_H
#define REPORTC_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A source text the diagnostics can quote (borrowed: it must outlive the
 * diag, or be handed over by diag_keep_sources before it is freed). */
typedef struct source {
    const char *name;   /* as given on the command line ("-" shows as <stdin>) */
    const char *text;
    size_t len;
    /* Byte offset of every SOURCE_CHAR_MARK-th character, for turning the
       parser's character indexes into byte offsets (yaml_tree.c fills it). */
    const uint32_t *char_marks;
    size_t n_char_marks;
} source;

enum { SOURCE_CHAR_MARK = 256 };

/* A position in a source: 1-based line and column (column in characters),
 * and the byte offset of that character in src->text. */
typedef struct src_pos {
    const source *src;  /* NULL: about the command line or the installation */
    int line, col;
    size_t offset;
} src_pos;

/* The position `chars` characters (`bytes` bytes) to the right of p on its line. */
src_pos diag_pos_advance(src_pos p, int chars, size_t bytes);

/* The position of byte `offset` of src (line and column counted; O(offset):
 * for the rare position not known from the parser). */
src_pos diag_pos_at_offset(const source *src, size_t offset);

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_FAILURE } diag_severity;

typedef struct diag_entry {
    diag_severity severity;
    src_pos pos;
    char *message; /* owned (malloc) */
    char *hint;    /* owned (malloc), may be NULL */
    int seq;       /* order of arrival, to keep sorting stable */
} diag_entry;

/* Errors and warnings beyond these numbers are counted but not kept. */
#define DIAG_MAX_ERRORS 20
#define DIAG_MAX_WARNINGS 20

typedef struct diag {
    diag_entry *entries;
    int n, cap;
    int errors;   /* all errors seen, kept or not */
    int warnings;
    int failures;
    source **kept;  /* owned copies of the sources quoted (diag_keep_sources) */
    int n_kept;
} diag;

void diag_init(diag *d);
void diag_done(diag *d);

/* Records a mistake in the input at pos.  hint may be NULL. */
void diag_error(diag *d, src_pos pos, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Records a warning at pos.  hint may be NULL. */
void diag_warning(diag *d, src_pos pos, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Records a failure that is not the user's mistake: a file that cannot be
 * read or written, a missing installation file (exit 3). */
void diag_failure(diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Records an internal error: a library that failed or a broken invariant (a
 * bug; exit 3).  `stage` names where: "parse", "model", "layout", "render",
 * "output".  The one path for such errors: nothing is dropped silently. */
void diag_internal(diag *d, const char *stage, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A message or hint in the user's language (gettext; NULL and "" as they
 * are), for text a stage builds before handing it to diag_error. */
const char *diag_tr(const char *s) __attribute__((format_arg(1)));

/* True once DIAG_MAX_ERRORS errors have been recorded: callers may stop early. */
bool diag_full(const diag *d);
/* True once DIAG_MAX_WARNINGS warnings have been recorded: a further one is
 * only counted, its position and text need not be worked out. */
bool diag_warnings_full(const diag *d);

/* Copies every source the diagnostics recorded so far quote (name, text,
 * character marks) into memory the diag owns, and points them there: the
 * stage that read the sources may then free them before diag_print. */
void diag_keep_sources(diag *d);

/* Prints every kept diagnostic, sorted by source, line, column; then a
 * summary line for each kind that was capped. */
void diag_print(const diag *d, FILE *out);


#endif
