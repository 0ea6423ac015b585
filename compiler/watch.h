/* watch.h — reportc watch: compile, then compile again whenever the report
 * or a file it reads is saved.
 *
 * Each build is compile_run's (compile.h): its diagnostics on stderr, and
 * the output written atomically only when the build succeeds (output.h), so
 * a build with errors keeps the last good PDF byte for byte.  After each
 * build one line on stderr gives its result, the time of day and how long
 * it took.  Changes are seen with inotify on the directories of the report
 * and of every file the build read (source.h's `seen`): a file written in
 * place (IN_CLOSE_WRITE) or renamed over (IN_MOVED_TO, as editors save);
 * a burst of events makes one build once WATCH_QUIET_MS pass without one.
 * SIGINT and SIGTERM are blocked and read from a signalfd, so they end the
 * watch between builds (never halfway through writing) with status 0. */
#ifndef REPORTC_WATCH_H
#define REPORTC_WATCH_H

#include "compile.h"

/* Runs until SIGINT or SIGTERM; returns 0 then, 2 for standard input as
 * the report, 3 when inotify or the signals cannot be set up. */
int watch_run(const compile_options *opt);

#endif
