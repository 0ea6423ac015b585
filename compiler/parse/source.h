/* source.h — reading files: the only place reportc opens a file to read it.
 *
 * Every file is read whole into memory, bounded in size.  A file the report
 * names (a layout, last year's report, a seal image) must be a regular file:
 * a FIFO or a device is refused without being opened (opening a FIFO for
 * reading blocks until a writer comes), a directory is refused.  The input
 * on the command line may also be standard input, a pipe or a FIFO (a shell's
 * process substitution).  For tests and fuzzing, files can be given from
 * memory (source_files). */
#ifndef REPORTC_SOURCE_H
#define REPORTC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

/* Files served from memory instead of the file system (the fuzzers' layouts):
 * paths[i] reads as texts[i][0..lens[i]).  NULL or empty: none.
 * `seen`, when set, is called with the path of every file source_read_file
 * reads from the file system or tries to (found or not; standard input
 * aside): reportc watch learns from it which files a report depends on. */
typedef struct source_files {
    const char *const *paths;
    const char *const *texts;
    const size_t *lens;
    int n;
    void (*seen)(void *ctx, const char *path);
    void *seen_ctx;
} source_files;

typedef enum {
    SOURCE_OK,
    SOURCE_MISSING,     /* no such file, or it cannot be opened */
    SOURCE_NOT_FILE,    /* a directory, FIFO, socket or device */
    SOURCE_TOO_LARGE,
    SOURCE_IO_ERROR,    /* the read itself failed */
} source_status;

/* Reads `path` ("-" is standard input) into memory allocated in `a`, with a
 * NUL after the last byte.  At most max_bytes are accepted.  `stream_ok`
 * allows standard input, pipes, FIFOs and character devices (the command
 * line's input); otherwise only a regular file is read.  On failure, why
 * holds a reason: "No such file or directory", "is a directory", "is a FIFO,
 * not a file", "is 5,242,880 bytes; the limit is 4,194,304 bytes". */
source_status source_read_file(arena *a, const source_files *mem, const char *path, size_t max_bytes, bool stream_ok,
                               const char **text, size_t *len, char *why, size_t whylen);

/* True when `path` names a regular file (or a file served from memory). */
bool source_is_file(const source_files *mem, const char *path);

/* A read-only mapping of the regular file at `path` (font files: large, read
 * in small parts).  NULL with a reason on failure.  Release with
 * source_unmap. */
const uint8_t *source_map_file(const char *path, size_t *len, char *why, size_t whylen);
void source_unmap(const uint8_t *data, size_t len);

#endif
