/* source.h — reading input files (or standard input) into memory. */
#ifndef REPORTC_SOURCE_H
#define REPORTC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/diag.h"

/* Reads all of `path` ("-" = standard input) into a source kept in `a`, its
 * name `display_name`.  Reads at most max_bytes + 1 bytes, so an oversized
 * input is noticed without being read whole.  On failure returns false and
 * sets *err to strerror-style text (static). */
bool source_read(arena *a, const char *path, const char *display_name, size_t max_bytes,
                 source *out, const char **err);

/* True when `path` names an existing regular file. */
bool source_file_exists(const char *path);

#endif
