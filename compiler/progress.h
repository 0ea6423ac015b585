/* progress.h — the progress line of a long compile, on a terminal only.
 *
 * A compile that has run for PROGRESS_AFTER_MS shows, on standard error and
 * only when standard error is a terminal, one line that it rewrites in
 * place: the stage and the seconds so far ("reportc: typesetting... 2.4 s").
 * The line is cleared when the compile ends, before any diagnostic is
 * printed; a compile shorter than that, or one whose standard error is a
 * file or a pipe (tests, CI, editors), never sees it.  A thread of its own
 * draws it, so the stages need not call in; they only name themselves.
 * REPORTC_PROGRESS_AFTER_MS (0-600000) replaces PROGRESS_AFTER_MS: the
 * tests show the line on a report of half a second, whatever the machine. */
#ifndef REPORTC_PROGRESS_H
#define REPORTC_PROGRESS_H

enum { PROGRESS_AFTER_MS = 1000, PROGRESS_EVERY_MS = 250 };

typedef struct progress progress;

/* Starts the clock and the thread when standard error is a terminal; NULL
 * otherwise (and when the thread cannot start: the line is a nicety, the
 * compile goes on without it). */
progress *progress_start(void);

/* The stage now running, a plain English phrase ("typesetting"): a literal
 * that lives as long as the program.  p may be NULL. */
void progress_stage(progress *p, const char *stage);

/* Stops the thread, clears the line if it was shown, frees p (may be NULL). */
void progress_stop(progress *p);

#endif
