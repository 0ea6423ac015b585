/* watch.c — see watch.h. */
#define _GNU_SOURCE
#include "watch.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

/* A burst of writes (an editor's temporary file, rename, backup) is one
 * save: the build starts once this long passes without a relevant event. */
enum { WATCH_QUIET_MS = 150 };

enum { WATCH_EVENTS = IN_CLOSE_WRITE | IN_MOVED_TO };

/* A file a build depends on: its name in the directory watched as wd. */
typedef struct watch_dep {
    int wd;
    char *name;
} watch_dep;

typedef struct watcher {
    int ifd;                 /* inotify */
    watch_dep *deps;
    int n_deps, cap_deps;
    bool warned;             /* a directory could not be watched (said once) */
} watcher;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Records `path` as a dependency, watching its directory.  A directory that
 * does not exist is not watched (the report must change to name it). */
static void watch_note(void *ctx, const char *path)
{
    watcher *w = ctx;
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    char *dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
    if (!dir || !*name) {
        free(dir);
        return;
    }
    int wd = inotify_add_watch(w->ifd, dir, WATCH_EVENTS | IN_ONLYDIR);
    if (wd < 0) {
        if (errno != ENOENT && !w->warned) {
            w->warned = true;
            fprintf(stderr, "reportc watch: cannot watch %s (%s): changes to %s are not seen\n", dir, strerror(errno),
                    name);
        }
        free(dir);
        return;
    }
    free(dir);
    for (int i = 0; i < w->n_deps; i++)
        if (w->deps[i].wd == wd && strcmp(w->deps[i].name, name) == 0) return;
    if (w->n_deps == w->cap_deps) {
        w->cap_deps = w->cap_deps ? 2 * w->cap_deps : 16;
        w->deps = xrealloc(w->deps, (size_t)w->cap_deps * sizeof *w->deps);
    }
    w->deps[w->n_deps++] = (watch_dep){ wd, xstrdup(name) };
}

static void watch_forget(watcher *w)
{
    for (int i = 0; i < w->n_deps; i++) free(w->deps[i].name);
    w->n_deps = 0;
}

/* Reads the pending inotify events; true when one is about a dependency
 * (or the kernel's queue overflowed, so any might have been). */
static bool watch_drain(watcher *w)
{
    bool relevant = false;
    char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
    for (;;) {
        ssize_t n = read(w->ifd, buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return relevant;   /* EAGAIN: nothing more */
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *e = (const struct inotify_event *)p;
            if (e->mask & IN_Q_OVERFLOW) relevant = true;
            for (int i = 0; e->len && i < w->n_deps && !relevant; i++)
                if (w->deps[i].wd == e->wd && strcmp(w->deps[i].name, e->name) == 0) relevant = true;
            p += sizeof *e + e->len;
        }
    }
}

/* One build, and its line: result, time of day, duration. */
static void watch_build(watcher *w, const compile_options *opt, char *last_good, size_t last_len)
{
    watch_forget(w);
    watch_note(w, opt->input);
    source_files files = { 0 };
    if (opt->files) files = *opt->files;
    files.seen = watch_note;
    files.seen_ctx = w;
    compile_options o = *opt;
    o.files = &files;
    double start = now_ms();
    int status = compile_run(&o);
    double took = now_ms() - start;
    time_t t = time(NULL);
    struct tm tm;
    char clock[16] = "";
    if (localtime_r(&t, &tm)) strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    const char *out = opt->output;
    if (status == EXIT_OK) {
        if (out) snprintf(last_good, last_len, "%s", clock);
        fprintf(stderr, "reportc watch: %s %s%s (%.0f ms)\n", clock, out ? "wrote " : "no errors", out ? out : "", took);
    } else {
        const char *what = status == EXIT_INPUT ? "errors" : "failed";
        if (!out) fprintf(stderr, "reportc watch: %s %s (%.0f ms)\n", clock, what, took);
        else if (*last_good)
            fprintf(stderr, "reportc watch: %s %s: %s kept as written at %s (%.0f ms)\n", clock, what, out, last_good, took);
        else fprintf(stderr, "reportc watch: %s %s: %s not written (%.0f ms)\n", clock, what, out, took);
    }
}

/* Waits for a relevant change, then for quiet: 1.  0 when a signal came,
 * -1 when poll failed (a failure in d). */
static int watch_wait(watcher *w, int sfd, diag *d)
{
    bool dirty = false;
    for (;;) {
        struct pollfd p[2] = { { .fd = sfd, .events = POLLIN }, { .fd = w->ifd, .events = POLLIN } };
        int n = poll(p, 2, dirty ? WATCH_QUIET_MS : -1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            diag_failure(d, "reportc watch: poll: %s", strerror(errno));
            return -1;
        }
        if (p[0].revents) return 0;
        if (n == 0) return 1;   /* quiet after a change */
        if (watch_drain(w)) dirty = true;
    }
}

int watch_run(const compile_options *opt)
{
    if (!opt->input || strcmp(opt->input, "-") == 0) {
        fprintf(stderr, "reportc: reportc watch needs a report file, not standard input\ntry 'reportc --help'\n");
        return EXIT_USAGE;
    }
    diag d;
    diag_init(&d);
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    int sfd = -1;
    watcher w = { .ifd = -1 };
    bool blocked = sigprocmask(SIG_BLOCK, &stop, &old) == 0;
    if (!blocked) diag_failure(&d, "reportc watch: cannot block signals: %s", strerror(errno));
    else if ((sfd = signalfd(-1, &stop, SFD_CLOEXEC)) < 0)
        diag_failure(&d, "reportc watch: signalfd: %s", strerror(errno));
    else if ((w.ifd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) < 0)
        diag_failure(&d, "reportc watch: inotify: %s", strerror(errno));
    /* The report's own directory must be watchable, or no save is ever seen. */
    if (d.failures == 0) {
        watch_note(&w, opt->input);
        if (w.n_deps == 0) diag_failure(&d, "reportc watch: cannot watch the directory of %s", opt->input);
    }
    if (d.failures == 0) {
        char last_good[16] = "";
        int r;
        do {
            watch_build(&w, opt, last_good, sizeof last_good);
        } while ((r = watch_wait(&w, sfd, &d)) > 0);
        struct signalfd_siginfo si;
        if (r == 0 && read(sfd, &si, sizeof si) == (ssize_t)sizeof si)
            fprintf(stderr, "reportc watch: %s, stopped\n", si.ssi_signo == SIGINT ? "interrupted" : "terminated");
    }
    watch_forget(&w);
    free(w.deps);
    if (w.ifd >= 0) close(w.ifd);
    if (sfd >= 0) close(sfd);
    if (blocked) sigprocmask(SIG_SETMASK, &old, NULL);
    diag_print(&d, stderr);
    int status = d.failures ? EXIT_INTERNAL : EXIT_OK;
    diag_done(&d);
    return status;
}
