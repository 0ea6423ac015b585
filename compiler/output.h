/* output.h — writing the output file: the only place reportc writes one.
 *
 * A file is never lost or clobbered: the output is checked before any work
 * (it must not be the input, nor a FIFO, device or directory), written to a
 * temporary file beside it, flushed to disk and renamed into place only when
 * complete.  A failure, or SIGINT/SIGTERM while writing, leaves no temporary
 * file and the old output as it was.  A symbolic link is followed: the file
 * it points to is replaced, the link stays. */
#ifndef REPORTC_OUTPUT_H
#define REPORTC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/diag.h"

/* Checks that `path` may be written by a run reading `input` ("-" or NULL:
 * none): an existing `path` must be a regular file (or a link to one) other
 * than the input, and — unless `replace` — must not exist at all.  Returns
 * the path to write (a link resolved; in a), or NULL after an error in d. */
const char *output_check(arena *a, diag *d, const char *path, const char *input, bool replace);

/* Writes data[0..len) to `path` (from output_check) atomically.  An existing
 * file keeps its permissions; a new one gets 0666 less the umask.  False
 * after a failure in d (nothing left behind).  After a true return SIGINT
 * and SIGTERM stay blocked: the run has succeeded and ends with status 0
 * (in `watch` they are read from a signalfd and were blocked already). */
bool output_write(diag *d, const char *path, const uint8_t *data, size_t len);

#endif
