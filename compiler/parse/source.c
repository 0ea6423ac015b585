/* source.c — see source.h. */
#define _POSIX_C_SOURCE 200809L
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file_kind.h"
#include "base/i18n.h"

/* "is a directory", "is a FIFO (a named pipe), not a file" … */
static void not_a_file(mode_t m, char *why, size_t whylen)
{
    bool device = S_ISFIFO(m) || S_ISSOCK(m) || S_ISCHR(m) || S_ISBLK(m);
    snprintf(why, whylen, device ? _("is %s, not a file") : _("is %s"), _(file_kind_name(m)));
}

/* 17825792 as "17,825,792". */
static void grouped(unsigned long long v, char *out, size_t size)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", v);
    size_t w = 0;
    for (int i = 0; i < n && w + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0) out[w++] = ',';
        out[w++] = digits[i];
    }
    out[w] = '\0';
}

static void too_large(char *why, size_t whylen, unsigned long long size, bool exact, size_t max)
{
    char a[40], b[40];
    grouped(size, a, sizeof a);
    grouped(max, b, sizeof b);
    snprintf(why, whylen, exact ? _("is %s bytes; the limit is %s bytes") : _("is more than %s bytes; the limit is %s bytes"), exact ? a : b, b);
}

static const source_files *none(const source_files *mem) { return mem && mem->n > 0 ? mem : NULL; }

static int in_memory(const source_files *mem, const char *path)
{
    if (!none(mem)) return -1;
    for (int i = 0; i < mem->n; i++)
        if (strcmp(mem->paths[i], path) == 0) return i;
    return -1;
}

bool source_is_file(const source_files *mem, const char *path)
{
    struct stat st;
    return in_memory(mem, path) >= 0 || (stat(path, &st) == 0 && S_ISREG(st.st_mode));
}

source_status source_read_file(arena *a, const source_files *mem, const char *path, size_t max_bytes, bool stream_ok,
                               const char **text, size_t *len, char *why, size_t whylen)
{
    int m = in_memory(mem, path);
    if (m >= 0) {
        if (mem->lens[m] > max_bytes) {
            too_large(why, whylen, mem->lens[m], true, max_bytes);
            return SOURCE_TOO_LARGE;
        }
        *text = arena_strndup(a, mem->texts[m], mem->lens[m]);
        *len = mem->lens[m];
        return SOURCE_OK;
    }
    bool is_stdin = strcmp(path, "-") == 0;
    if (mem && mem->seen && !is_stdin) mem->seen(mem->seen_ctx, path);
    struct stat st;
    if (!is_stdin) {
        /* Look before opening: open(2) on a FIFO waits for a writer. */
        if (stat(path, &st) != 0) {
            snprintf(why, whylen, "%s", strerror(errno));
            return SOURCE_MISSING;
        }
        if (S_ISDIR(st.st_mode) || (!S_ISREG(st.st_mode) && !stream_ok)) {
            not_a_file(st.st_mode, why, whylen);
            return SOURCE_NOT_FILE;
        }
    }
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | (stream_ok ? 0 : O_NONBLOCK));
    if (fd < 0) {
        snprintf(why, whylen, "%s", strerror(errno));
        return SOURCE_MISSING;
    }
    /* The file may have been replaced between stat and open. */
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode) || (!S_ISREG(st.st_mode) && !stream_ok)) {
        not_a_file(st.st_mode, why, whylen);
        if (!is_stdin) close(fd);
        return SOURCE_NOT_FILE;
    }
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max_bytes) {
        too_large(why, whylen, (unsigned long long)st.st_size, true, max_bytes);
        if (!is_stdin) close(fd);
        return SOURCE_TOO_LARGE;
    }
    /* Read up to max_bytes + 1 so that a stream that is too long is noticed
       without being read whole. */
    size_t cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 64 * 1024, used = 0;
    char *buf = xmalloc(cap + 1);
    source_status status = SOURCE_OK;
    for (;;) {
        if (used == cap) {
            cap = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
            buf = xrealloc(buf, cap + 1);
        }
        ssize_t got = read(fd, buf + used, cap - used);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            snprintf(why, whylen, "%s", strerror(errno));
            status = SOURCE_IO_ERROR;
            break;
        }
        if (got == 0) break;
        used += (size_t)got;
        if (used > max_bytes) {
            too_large(why, whylen, used, S_ISREG(st.st_mode), max_bytes);
            status = SOURCE_TOO_LARGE;
            break;
        }
    }
    if (!is_stdin) close(fd);
    if (status == SOURCE_OK) {
        *text = arena_strndup(a, buf, used);
        *len = used;
    }
    free(buf);
    return status;
}

const uint8_t *source_map_file(const char *path, size_t *len, char *why, size_t whylen)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(why, whylen, "%s", strerror(errno));
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        not_a_file(st.st_mode, why, whylen);
        return NULL;
    }
    int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        if (fd < 0 || st.st_size == 0) snprintf(why, whylen, "%s", fd < 0 ? strerror(errno) : "is empty");
        else not_a_file(st.st_mode, why, whylen);
        if (fd >= 0) close(fd);
        return NULL;
    }
    void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) {
        snprintf(why, whylen, "%s", strerror(errno));
        return NULL;
    }
    *len = (size_t)st.st_size;
    return p;
}

void source_unmap(const uint8_t *data, size_t len)
{
    if (data) munmap((void *)data, len);
}
