/* output.c — see output.h. */
#define _GNU_SOURCE
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file_kind.h"

const char *output_check(arena *a, diag *d, const char *path, const char *input, bool replace)
{
    static const src_pos none = { 0 };
    struct stat st, in;
    if (lstat(path, &st) != 0) {
        if (errno != ENOENT) {
            diag_failure(d, "cannot write %s: %s", path, strerror(errno));
            return NULL;
        }
        return path;   /* a new file */
    }
    const char *target = path;
    if (S_ISLNK(st.st_mode)) {
        char *real = realpath(path, NULL);
        if (!real) {
            diag_error(d, none, "remove the link or point it at a file", "%s is a symbolic link to nothing (%s)", path,
                       strerror(errno));
            return NULL;
        }
        target = arena_strdup(a, real);
        free(real);
        if (stat(target, &st) != 0) {
            diag_failure(d, "cannot write %s: %s", target, strerror(errno));
            return NULL;
        }
    }
    if (!S_ISREG(st.st_mode)) {
        diag_error(d, none, "name a file to write, e.g. -o report.pdf", "the output %s is %s; reportc replaces only files",
                   path, _(file_kind_name(st.st_mode)));
        return NULL;
    }
    if (input && strcmp(input, "-") != 0 && stat(input, &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino) {
        diag_error(d, none, "give the output another name, e.g. -o report.pdf", "the output %s is the input file itself",
                   path);
        return NULL;
    }
    if (!replace) {
        diag_error(d, none, "choose another name, or add --force to replace it", "%s exists already", path);
        return NULL;
    }
    return target;
}

/* The temporary file being written, for the signal handler: the one
 * piece of global state, because a handler has no other way to know it. */
static volatile sig_atomic_t have_temp;
static char temp_path[PATH_MAX + 32];

static void on_signal(int sig)
{
    if (have_temp) unlink(temp_path);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Writes all of data to fd; false with errno set. */
static bool write_all(int fd, const uint8_t *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            if (w == 0) errno = EIO;
            return false;
        }
        data += w;
        len -= (size_t)w;
    }
    return true;
}

bool output_write(diag *d, const char *path, const uint8_t *data, size_t len)
{
    if (strlen(path) >= PATH_MAX) {
        diag_failure(d, "cannot write %s: the name is too long", path);
        return false;
    }
    struct stat old;
    bool existed = stat(path, &old) == 0;
    mode_t mask = umask(0);
    umask(mask);
    mode_t mode = existed ? old.st_mode & 07777 : 0666 & ~mask;
    struct sigaction act = { .sa_handler = on_signal }, old_int, old_term;
    sigemptyset(&act.sa_mask);
    sigaction(SIGINT, &act, &old_int);
    sigaction(SIGTERM, &act, &old_term);
    snprintf(temp_path, sizeof temp_path, "%s.tmpXXXXXX", path);
    /* Signals wait while the name is recorded, so the handler never sees
       half of it. */
    sigset_t block, prev;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &block, &prev);
    int fd = mkstemp(temp_path);
    have_temp = fd >= 0;
    pthread_sigmask(SIG_SETMASK, &prev, NULL);
    bool ok = fd >= 0;
    const char *step = N_("create");
    if (ok && !(ok = fchmod(fd, mode) == 0)) step = N_("set the mode of");
    if (ok && !(ok = write_all(fd, data, len))) step = N_("write");
    /* On disk before the rename: a crash never leaves an empty file
       where the old report was. */
    if (ok && !(ok = fdatasync(fd) == 0)) step = N_("write");
    int e = errno;
    if (fd >= 0 && close(fd) != 0 && ok) ok = false, step = N_("write"), e = errno;
    /* The rename is the commit point, so signals wait from just before it.
       Once the new file is in place the run has succeeded: SIGINT/SIGTERM
       stay blocked until the process exits, so that it never reports
       being killed (status 130/143) after it replaced the user's file. */
    pthread_sigmask(SIG_BLOCK, &block, &prev);
    if (ok && !(ok = rename(temp_path, path) == 0)) step = N_("rename"), e = errno;
    if (!ok && have_temp) unlink(temp_path);
    have_temp = 0;
    if (!ok) pthread_sigmask(SIG_SETMASK, &prev, NULL);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (!ok) diag_failure(d, "cannot %s %s: %s", _(step), fd >= 0 ? temp_path : path, strerror(e));
    return ok;
}
