/* source.c — see source.h. */
#define _POSIX_C_SOURCE 200809L
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>

bool source_read(arena *a, const char *path, const char *display_name, size_t max_bytes,
                 source *out, const char **err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        *err = strerror(errno);
        return false;
    }
    size_t cap = 64 * 1024, len = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (len == cap) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t want = cap - len;
        size_t got = fread(buf + len, 1, want, f);
        len += got;
        if (got < want || len > max_bytes) break;
    }
    bool failed = ferror(f);
    if (!is_stdin) fclose(f);
    if (failed) {
        free(buf);
        *err = "read error";
        return false;
    }
    out->name = display_name;
    out->text = arena_strndup(a, buf, len);
    out->len = len;
    free(buf);
    return true;
}

bool source_file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}
